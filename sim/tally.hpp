// A streaming summary of observations: count, sum, mean, variance, min and max in constant memory,
// mergeable across replications and processes.
#pragma once

#include <cstdint>
#include <limits>

#include "sim/flat.hpp"

namespace sim {

class Tally {
 public:
  // Welford's update: numerically stable where the textbook sum-of-squares formula cancels.
  void add(double x) {
    ++count_;
    const double delta = x - mean_;
    mean_ += delta / static_cast<double>(count_);
    m2_ += delta * (x - mean_);
    sum_ += x;
    if (x < min_) min_ = x;
    if (x > max_) max_ = x;
  }

  // Chan, Golub & LeVeque's pairwise combination; the result summarises both sets of observations.
  void merge(const Tally& other);

  std::int64_t count() const { return count_; }
  double sum() const { return sum_; }
  // NaN when empty.
  double mean() const;
  // Divides by n; NaN when empty.
  double population_variance() const;
  // Divides by n - 1; NaN with fewer than two observations.
  double sample_variance() const;
  double sample_stddev() const;
  // Sample standard deviation over sqrt(n): the standard error of the mean.
  double standard_error() const;
  // +infinity / -infinity when empty (the identities of min and max, so merging stays simple).
  double min() const { return min_; }
  double max() const { return max_; }

  // Appends 1 integer and 5 reals.
  void write_to(FlatRecord& out) const;
  // Throws std::invalid_argument for a negative count, std::out_of_range when the record is short.
  static Tally read_from(FlatReader& in);

 private:
  std::int64_t count_ = 0;
  double mean_ = 0;
  double m2_ = 0;  // sum of squared deviations from the mean
  double sum_ = 0;
  double min_ = std::numeric_limits<double>::infinity();
  double max_ = -std::numeric_limits<double>::infinity();
};

}  // namespace sim
