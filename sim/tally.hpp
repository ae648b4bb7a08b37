// A streaming summary of observations: count, sum, mean, variance, min and max in constant memory,
// mergeable across replications and processes.
#pragma once

#include <cstdint>
#include <limits>

#include "sim/flat.hpp"

namespace sim {

// A Tally's mean and sum of squared deviations without the count, for a summary that keeps the
// count (and the sum, min and max) elsewhere, such as beside a histogram that has them.
struct Moments {
  double mean = 0;
  double m2 = 0;  // sum of squared deviations from the mean

  // Welford's update, x being the count-th value: numerically stable where the textbook
  // sum-of-squares formula cancels.
  void add(double x, std::int64_t count) {
    const double delta = x - mean;
    mean += delta / static_cast<double>(count);
    m2 += delta * (x - mean);
  }
  // Chan, Golub & LeVeque's pairwise combination of this (over `count` values) and `other`
  // (over `other_count`).
  void merge(const Moments& other, std::int64_t count, std::int64_t other_count);
};

class Tally {
 public:
  Tally() = default;
  // A tally of `count` values with these moments, sum, min and max (as a Summary keeps them).
  Tally(std::int64_t count, Moments moments, double sum, double min, double max)
      : count_(count), moments_(moments), sum_(sum), min_(min), max_(max) {}

  void add(double x) {
    ++count_;
    moments_.add(x, count_);
    sum_ += x;
    if (x < min_) min_ = x;
    if (x > max_) max_ = x;
  }

  // The result summarises both sets of observations (Moments::merge).
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
  Moments moments_;
  double sum_ = 0;
  double min_ = std::numeric_limits<double>::infinity();
  double max_ = -std::numeric_limits<double>::infinity();
};

}  // namespace sim
