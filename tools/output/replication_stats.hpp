// Statistics across replications: per metric the mean, sample standard deviation and Student's t
// confidence interval; the covariance of the metrics. Values are a replications-by-metrics table;
// a NaN is a figure the replication did not observe and is left out of that metric's figures.
#pragma once

#include <cstdint>
#include <vector>

namespace market {

struct MetricStats {
  std::int64_t n = 0;  // replications that observed the metric
  double mean = 0;     // NaN when n == 0
  double sd = 0;       // sample standard deviation (n - 1); NaN when n < 2
  double ci_low = 0;   // mean -+ t(1 - (1 - confidence) / 2, n - 1) * sd / sqrt(n); NaN when n < 2
  double ci_high = 0;
};

// values[r][m]: replication r, metric m (every row the same length; std::invalid_argument if not).
std::vector<MetricStats> across_replications(const std::vector<std::vector<double>>& values,
                                             double confidence = 0.95);

// The t quantile times the standard error: the half-width of the confidence interval.
double t_half_width(double sd, std::int64_t n, double confidence = 0.95);

// Sample covariance of the metrics over the replications with no NaN in any column; row-major,
// metrics x metrics. Empty when fewer than two such replications.
std::vector<double> covariance(const std::vector<std::vector<double>>& values);

}  // namespace market
