// Paired comparison of two configurations A and B run with common random numbers: replication r
// of A and of B use the same seed and replication number, so their difference is measured on
// pairs. Per figure: the two means with their Student t intervals, the mean paired difference
// B - A with its paired t interval, the unpaired (Welch) interval the same data would give
// without pairing, and the variance-reduction factor (var A + var B) / var(B - A) that the
// pairing bought: the paired interval is about sqrt(factor) times narrower than the unpaired one.
#pragma once

#include <cstdint>
#include <vector>

#include "tools/output/replication_stats.hpp"

namespace market {

struct PairedStats {
  std::int64_t n = 0;     // pairs in which both A and B observed the figure
  MetricStats a, b;       // over those pairs
  MetricStats diff;       // of B - A: mean, sd and the paired t interval (n - 1 df)
  double unpaired_low = 0;   // Welch's interval for mean B - mean A (Welch-Satterthwaite df)
  double unpaired_high = 0;
  // (var A + var B) / var(B - A); +infinity when B - A is the same in every pair but A or B
  // varies, NaN when n < 2 or nothing varies.
  double variance_reduction = 0;
};

// a[r], b[r]: replication r of A and of B (the same length; std::invalid_argument if not). A NaN
// in either leaves pair r out. `resolution` is the figures' relative resolution (a histogram
// quantile v stands for a true value in [v / (1 + resolution), v / (1 - resolution)]): every
// interval is widened by what that allows, so none is narrower than the figures can tell.
PairedStats paired_difference(const std::vector<double>& a, const std::vector<double>& b,
                              double resolution = 0, double confidence = 0.95);

// An interval [low, high] of non-negative figures known to relative `resolution` (see above),
// widened to [low / (1 + resolution), high / (1 - resolution)]; unchanged when resolution is 0.
MetricStats widened_by_resolution(MetricStats s, double resolution);

}  // namespace market
