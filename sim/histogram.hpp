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
//
// A value's bucket is defined by ceil(log(x) / log gamma) (position_of), but add() finds it
// without the logarithm: the double's top bits (exponent and the first mantissa bits) pick a
// slice of the range narrower than a bucket, a table gives the bucket where that slice starts,
// and one comparison with the next bucket's first value finishes. The table and those first
// values are computed from the formula itself, once per layout (shared by every histogram of
// that layout), so the bucket is the formula's for every value (tests/sim/histogram_test.cpp
// compares them across every boundary).
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
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
  void add(double x) { add_at(x, slot(x)); }

  // Where x is counted: the zero bucket, underflow, a regular bucket or overflow. add(x) in two
  // steps, so that a value added to several histograms of one layout is placed once:
  // h.add_at(x, g.slot(x)) is h.add(x) when h.same_layout(g). Any value for a negative or NaN x.
  using Slot = std::uint32_t;
  Slot slot(double x) const {
    const std::uint64_t key = (std::bit_cast<std::uint64_t>(x) >> shift_) - first_key_;
    if (key >= keys_) return slot_by_formula(x);  // zero, far outside the range, negative, NaN
    const Slot s = slice_start_[key];
    return s + (x >= next_start_[s] ? 1 : 0);
  }
  void add_at(double x, Slot s) {
    if (!(x >= 0)) throw_not_non_negative(x);
    ++count_;
    sum_ += x;
    if (x < min_) min_ = x;
    if (x > max_) max_ = x;
    ++cells_[s];
  }
  // The bucket index k that defines the layout: x in (gamma^(k-1), gamma^k].
  double position_of(double x) const { return std::ceil(std::log(x) * inverse_log_gamma_); }
  // slot(x) the slow way, from position_of(x): the definition slot() agrees with.
  Slot slot_by_formula(double x) const;

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

  std::int64_t zero_count() const { return cells_[kZeroSlot]; }
  // Positive values at or below underflow_limit(), and values above overflow_limit().
  std::int64_t underflow_count() const { return cells_[kUnderflowSlot]; }
  std::int64_t overflow_count() const { return cells_.back(); }
  double underflow_limit() const { return bucket_lower_bound(0); }
  double overflow_limit() const { return bucket_upper_bound(bucket_count() - 1); }

  // Regular buckets, i = 0 .. bucket_count() - 1 in increasing order of value; bucket i holds
  // values in (bucket_lower_bound(i), bucket_upper_bound(i)]. For a CDF, write zero_count() and
  // underflow_count() first, then the cumulative counts at each upper bound, then overflow.
  std::int64_t bucket_count() const { return max_index_ - min_index_ + 1; }
  std::span<const std::int64_t> bucket_counts() const {
    return std::span<const std::int64_t>(cells_).subspan(kFirstBucketSlot,
                                                         static_cast<std::size_t>(bucket_count()));
  }
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
  // The slot lookup of one layout (see the top of the file); built by slot_table().
  struct SlotTable;
  static constexpr Slot kZeroSlot = 0;
  static constexpr Slot kUnderflowSlot = 1;
  static constexpr Slot kFirstBucketSlot = 2;  // regular bucket i; overflow after the last

  LogHistogram(double relative_accuracy, IndexRange indices);
  static IndexRange index_range(double relative_accuracy, double min_value, double max_value);
  static std::shared_ptr<const SlotTable> slot_table(const LogHistogram& h);
  [[noreturn]] static void throw_not_non_negative(double x);
  double gamma_power(std::int64_t k) const;

  double relative_accuracy_;
  double gamma_;
  double log_gamma_;
  double inverse_log_gamma_;
  std::int64_t min_index_;  // bucket k = min_index_ + i is cells_[kFirstBucketSlot + i]
  std::int64_t max_index_;
  // Zero, underflow, the regular buckets, overflow: one counter per slot.
  std::vector<std::int64_t> cells_;
  // The shared table and, for slot(), its parts without the indirection.
  std::shared_ptr<const SlotTable> table_;
  unsigned shift_ = 0;
  std::uint64_t first_key_ = 0;
  std::uint64_t keys_ = 0;
  const Slot* slice_start_ = nullptr;
  const double* next_start_ = nullptr;  // by slot: the first value of the next slot
  std::int64_t count_ = 0;
  double sum_ = 0;
  double min_ = std::numeric_limits<double>::infinity();
  double max_ = -std::numeric_limits<double>::infinity();
};

}  // namespace sim
