#include "sim/histogram.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace sim {

namespace {

void check_relative_accuracy(double alpha) {
  if (!(alpha > 0 && alpha < 1)) {
    throw std::invalid_argument(
        fmt::format("histogram relative accuracy {} is not in (0, 1)", alpha));
  }
}

double gamma_for(double alpha) { return (1 + alpha) / (1 - alpha); }

}  // namespace

LogHistogram::LogHistogram(double relative_accuracy, double min_value, double max_value)
    : LogHistogram(relative_accuracy, index_range(relative_accuracy, min_value, max_value)) {}

LogHistogram::IndexRange LogHistogram::index_range(double relative_accuracy, double min_value,
                                                   double max_value) {
  check_relative_accuracy(relative_accuracy);
  if (!(min_value > 0 && min_value <= max_value && std::isfinite(max_value))) {
    throw std::invalid_argument(fmt::format(
        "histogram range [{}, {}] is not finite, positive and ordered", min_value, max_value));
  }
  // The same expression as add() uses, so min_value and max_value land in regular buckets.
  const double inverse_log_gamma = 1 / std::log(gamma_for(relative_accuracy));
  const double lo = std::ceil(std::log(min_value) * inverse_log_gamma);
  const double hi = std::ceil(std::log(max_value) * inverse_log_gamma);
  if (hi - lo + 1 > static_cast<double>(kMaxBuckets)) {
    throw std::invalid_argument(
        fmt::format("histogram range [{}, {}] at relative accuracy {} needs more than {} buckets",
                    min_value, max_value, relative_accuracy, kMaxBuckets));
  }
  return IndexRange{static_cast<std::int64_t>(lo), static_cast<std::int64_t>(hi)};
}

LogHistogram::LogHistogram(double relative_accuracy, IndexRange indices)
    : relative_accuracy_(relative_accuracy),
      gamma_(gamma_for(relative_accuracy)),
      log_gamma_(std::log(gamma_)),
      inverse_log_gamma_(1 / log_gamma_),
      min_index_(indices.min),
      max_index_(indices.max),
      counts_(static_cast<std::size_t>(indices.max - indices.min + 1), 0) {}

bool LogHistogram::same_layout(const LogHistogram& other) const {
  return relative_accuracy_ == other.relative_accuracy_ && min_index_ == other.min_index_ &&
         max_index_ == other.max_index_;
}

void LogHistogram::merge(const LogHistogram& other) {
  if (!same_layout(other)) {
    throw std::invalid_argument(
        fmt::format("cannot merge histograms of different layouts (accuracy {} buckets {}..{} vs "
                    "accuracy {} buckets {}..{})",
                    relative_accuracy_, min_index_, max_index_, other.relative_accuracy_,
                    other.min_index_, other.max_index_));
  }
  for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
  zero_count_ += other.zero_count_;
  underflow_count_ += other.underflow_count_;
  overflow_count_ += other.overflow_count_;
  count_ += other.count_;
  sum_ += other.sum_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
}

double LogHistogram::quantile(double q) const {
  if (!(q >= 0 && q <= 1)) {
    throw std::invalid_argument(fmt::format("quantile {} is not in [0, 1]", q));
  }
  if (count_ == 0) return std::numeric_limits<double>::quiet_NaN();
  const auto rank = static_cast<std::int64_t>(std::floor(q * static_cast<double>(count_ - 1)));
  if (rank == 0) return min_;
  if (rank == count_ - 1) return max_;

  std::int64_t seen = zero_count_;
  if (rank < seen) return 0;
  seen += underflow_count_;
  // Not within alpha: the best this histogram knows is the top of the underflow bucket.
  if (rank < seen) return std::clamp(underflow_limit(), min_, max_);
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    seen += counts_[i];
    if (rank < seen) {
      // The true value is in [min_, max_] too, so clamping only brings the estimate closer.
      return std::clamp(bucket_value(static_cast<std::int64_t>(i)), min_, max_);
    }
  }
  return max_;  // in the overflow bucket
}

double LogHistogram::mean() const {
  return count_ > 0 ? sum_ / static_cast<double>(count_) : std::numeric_limits<double>::quiet_NaN();
}

double LogHistogram::gamma_power(std::int64_t k) const {
  return std::exp(static_cast<double>(k) * log_gamma_);
}

double LogHistogram::bucket_lower_bound(std::int64_t i) const {
  return gamma_power(min_index_ + i - 1);
}

double LogHistogram::bucket_upper_bound(std::int64_t i) const {
  return gamma_power(min_index_ + i);
}

double LogHistogram::bucket_value(std::int64_t i) const {
  return bucket_upper_bound(i) * (2 / (gamma_ + 1));
}

void LogHistogram::write_to(FlatRecord& out) const {
  out.ints.insert(out.ints.end(),
                  {min_index_, max_index_, count_, zero_count_, underflow_count_, overflow_count_});
  out.ints.insert(out.ints.end(), counts_.begin(), counts_.end());
  out.reals.insert(out.reals.end(), {relative_accuracy_, sum_, min_, max_});
}

LogHistogram LogHistogram::read_from(FlatReader& in) {
  const std::int64_t min_index = in.next_int();
  const std::int64_t max_index = in.next_int();
  const std::int64_t count = in.next_int();
  const std::int64_t zeros = in.next_int();
  const std::int64_t underflow = in.next_int();
  const std::int64_t overflow = in.next_int();
  // Checked before the other reads so a bad layout never sizes an allocation.
  if (max_index < min_index || max_index - min_index + 1 > kMaxBuckets) {
    throw std::invalid_argument(
        fmt::format("histogram record: bucket range {}..{} is impossible", min_index, max_index));
  }
  std::vector<std::int64_t> counts(static_cast<std::size_t>(max_index - min_index + 1));
  for (auto& c : counts) c = in.next_int();
  const double alpha = in.next_real();
  check_relative_accuracy(alpha);

  LogHistogram h(alpha, IndexRange{min_index, max_index});
  h.counts_ = std::move(counts);
  h.count_ = count;
  h.zero_count_ = zeros;
  h.underflow_count_ = underflow;
  h.overflow_count_ = overflow;
  h.sum_ = in.next_real();
  h.min_ = in.next_real();
  h.max_ = in.next_real();

  std::int64_t total = zeros + underflow + overflow;
  bool negative = zeros < 0 || underflow < 0 || overflow < 0;
  for (const std::int64_t c : h.counts_) {
    negative = negative || c < 0;
    total += c;
  }
  if (negative || total != count) {
    throw std::invalid_argument(fmt::format(
        "histogram record: bucket counts (sum {}) do not add up to the count {}", total, count));
  }
  return h;
}

void LogHistogram::throw_not_non_negative(double x) {
  throw std::invalid_argument(fmt::format("histogram value {} is not a non-negative number", x));
}

}  // namespace sim
