// A mergeable histogram of non-negative values (durations, amounts) with logarithmic buckets, whose
// quantiles carry a bounded relative error (the DDSketch layout: Masson, Rim & Lee, VLDB 2019).
//
// With relative accuracy alpha and gamma = (1 + alpha) / (1 - alpha), regular bucket k covers
// (gamma^(k-1), gamma^k] and is represented by 2 gamma^k / (gamma + 1), which lies within relative
// error alpha of every value in the bucket. Zero has a bucket of its own. The regular buckets span
// the [min_value, max_value] range given at construction and are allocated once, so add() is O(1)
// without allocation; smaller positive values go to an underflow bucket and larger ones to an
// overflow bucket, both counted and reported, and quantiles that land there are not within alpha.
// The exact count, sum, min and max are kept alongside.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "sim/flat.hpp"

namespace sim {

class LogHistogram {
 public:
  // 0 < relative_accuracy < 1, 0 < min_value <= max_value, all finite; at most kMaxBuckets regular
  // buckets. Throws std::invalid_argument otherwise.
  LogHistogram(double relative_accuracy, double min_value, double max_value);

  static constexpr std::int64_t kMaxBuckets = std::int64_t{1} << 22;

  // x must be >= 0 (not NaN); std::invalid_argument otherwise. +infinity goes to overflow.
  void add(double x) { add_at(x, position(x)); }

  // add(x) in two steps, so that a value added to several histograms with the same relative
  // accuracy pays for its logarithm once: h.add_at(x, g.position(x)) is h.add(x).
  double position(double x) const { return std::ceil(std::log(x) * inverse_log_gamma_); }
  void add_at(double x, double index) {
    if (!(x >= 0)) throw_not_non_negative(x);
    ++count_;
    sum_ += x;
    if (x < min_) min_ = x;
    if (x > max_) max_ = x;
    if (x == 0) {
      ++zero_count_;
      return;
    }
    if (index < static_cast<double>(min_index_)) {
      ++underflow_count_;
    } else if (index > static_cast<double>(max_index_)) {
      ++overflow_count_;
    } else {
      ++counts_[static_cast<std::size_t>(static_cast<std::int64_t>(index) - min_index_)];
    }
  }

  // Adds the other's counts; requires the same relative accuracy and bucket range
  // (std::invalid_argument otherwise). Merging is exact: the result has the same buckets as one
  // histogram fed all the values.
  void merge(const LogHistogram& other);
  bool same_layout(const LogHistogram& other) const;

  // The lower quantile: the value of rank floor(q * (n - 1)) (0-based) in the sorted sample, as
  // DDSketch defines it; q = 0 gives the exact min and q = 1 the exact max. Within relative error
  // alpha of that value unless it falls in the underflow or overflow bucket. NaN when empty;
  // std::invalid_argument when q is outside [0, 1].
  double quantile(double q) const;

  double relative_accuracy() const { return relative_accuracy_; }
  double gamma() const { return gamma_; }
  std::int64_t count() const { return count_; }
  double sum() const { return sum_; }
  double mean() const;
  // +infinity / -infinity when empty.
  double min() const { return min_; }
  double max() const { return max_; }

  std::int64_t zero_count() const { return zero_count_; }
  // Positive values at or below underflow_limit(), and values above overflow_limit().
  std::int64_t underflow_count() const { return underflow_count_; }
  std::int64_t overflow_count() const { return overflow_count_; }
  double underflow_limit() const { return bucket_lower_bound(0); }
  double overflow_limit() const { return bucket_upper_bound(bucket_count() - 1); }

  // Regular buckets, i = 0 .. bucket_count() - 1 in increasing order of value; bucket i holds
  // values in (bucket_lower_bound(i), bucket_upper_bound(i)]. For a CDF, write zero_count() and
  // underflow_count() first, then the cumulative counts at each upper bound, then overflow.
  std::int64_t bucket_count() const { return static_cast<std::int64_t>(counts_.size()); }
  std::span<const std::int64_t> bucket_counts() const { return counts_; }
  double bucket_lower_bound(std::int64_t i) const;
  double bucket_upper_bound(std::int64_t i) const;
  // The value quantile() reports for bucket i.
  double bucket_value(std::int64_t i) const;

  // Appends 6 + bucket_count() integers and 4 reals.
  void write_to(FlatRecord& out) const;
  // Throws std::invalid_argument for an impossible layout or inconsistent counts,
  // std::out_of_range when the record is short.
  static LogHistogram read_from(FlatReader& in);

 private:
  struct IndexRange {
    std::int64_t min;
    std::int64_t max;
  };
  LogHistogram(double relative_accuracy, IndexRange indices);
  static IndexRange index_range(double relative_accuracy, double min_value, double max_value);
  [[noreturn]] static void throw_not_non_negative(double x);
  double gamma_power(std::int64_t k) const;

  double relative_accuracy_;
  double gamma_;
  double log_gamma_;
  double inverse_log_gamma_;
  std::int64_t min_index_;  // bucket k = min_index_ + i is counts_[i]
  std::int64_t max_index_;
  std::vector<std::int64_t> counts_;
  std::int64_t zero_count_ = 0;
  std::int64_t underflow_count_ = 0;
  std::int64_t overflow_count_ = 0;
  std::int64_t count_ = 0;
  double sum_ = 0;
  double min_ = std::numeric_limits<double>::infinity();
  double max_ = -std::numeric_limits<double>::infinity();
};

}  // namespace sim
