#include "sim/histogram.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <mutex>
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

struct LogHistogram::SlotTable {
  double relative_accuracy;
  std::int64_t min_index;
  std::int64_t max_index;
  // Slice j holds the doubles whose bits >> shift are first_key + j; slice_start[j] is the slot
  // of its first double, and no slice holds more than one slot's first value past its start.
  unsigned shift = 0;
  std::uint64_t first_key = 0;
  std::vector<Slot> slice_start;
  std::vector<double> next_start;  // by slot: the first value of the next slot; +inf for the last
};

LogHistogram::LogHistogram(double relative_accuracy, IndexRange indices)
    : relative_accuracy_(relative_accuracy),
      gamma_(gamma_for(relative_accuracy)),
      log_gamma_(std::log(gamma_)),
      inverse_log_gamma_(1 / log_gamma_),
      min_index_(indices.min),
      max_index_(indices.max),
      cells_(static_cast<std::size_t>(indices.max - indices.min + 1) + kFirstBucketSlot + 1, 0) {
  table_ = slot_table(*this);
  shift_ = table_->shift;
  first_key_ = table_->first_key;
  keys_ = table_->slice_start.size();
  slice_start_ = table_->slice_start.data();
  next_start_ = table_->next_start.data();
}


LogHistogram::Slot LogHistogram::slot_by_formula(double x) const {
  if (!(x > 0)) return kZeroSlot;  // zero (and -0); add_at refuses negative and NaN values
  const double k = position_of(x);
  if (!(k >= static_cast<double>(min_index_))) return kUnderflowSlot;
  if (k > static_cast<double>(max_index_)) return static_cast<Slot>(cells_.size() - 1);
  return kFirstBucketSlot + static_cast<Slot>(static_cast<std::int64_t>(k) - min_index_);
}

namespace {

double from_bits(std::uint64_t bits) { return std::bit_cast<double>(bits); }
std::uint64_t to_bits(double x) { return std::bit_cast<std::uint64_t>(x); }

// The least bits in (lo, hi] whose double satisfies `reached`, which is false at lo and true at
// hi and switches once in between (the order of non-negative doubles is the order of their
// bits): galloping out from `guess`, then bisecting.
template <class Reached>
std::uint64_t first_reaching(std::uint64_t lo, std::uint64_t hi, std::uint64_t guess,
                             Reached reached) {
  guess = std::clamp(guess, lo + 1, hi);
  if (reached(from_bits(guess))) {
    hi = guess;
    for (std::uint64_t step = 1; hi - lo > step; step *= 2) {
      if (!reached(from_bits(hi - step))) {
        lo = hi - step;
        break;
      }
      hi -= step;
    }
  } else {
    lo = guess;
    for (std::uint64_t step = 1; hi - lo > step; step *= 2) {
      if (reached(from_bits(lo + step))) {
        hi = lo + step;
        break;
      }
      lo += step;
    }
  }
  while (hi - lo > 1) {
    const std::uint64_t mid = lo + (hi - lo) / 2;
    (reached(from_bits(mid)) ? hi : lo) = mid;
  }
  return hi;
}

}  // namespace

std::shared_ptr<const LogHistogram::SlotTable> LogHistogram::slot_table(const LogHistogram& h) {
  static std::mutex mutex;
  static std::vector<std::weak_ptr<const SlotTable>> tables;  // one per layout in use
  const std::lock_guard<std::mutex> lock(mutex);
  for (const auto& weak : tables) {
    auto t = weak.lock();
    if (t && t->relative_accuracy == h.relative_accuracy_ && t->min_index == h.min_index_ &&
        t->max_index == h.max_index_)
      return t;
  }

  auto t = std::make_shared<SlotTable>();
  t->relative_accuracy = h.relative_accuracy_;
  t->min_index = h.min_index_;
  t->max_index = h.max_index_;
  // next_start[s - 1]: the first positive value whose slot is s or above, for s from the first
  // bucket to overflow. The formula's slot never decreases with the value (checked below and by
  // the tests), so that value is where the formula's slot changes.
  const auto slots = static_cast<Slot>(h.cells_.size());
  const std::uint64_t infinity = to_bits(std::numeric_limits<double>::infinity());
  t->next_start.assign(slots, std::numeric_limits<double>::infinity());
  std::uint64_t below = 0;  // +0: the zero slot, below every slot searched for
  for (Slot s = kFirstBucketSlot; s < slots; ++s) {
    const std::int64_t k = h.min_index_ + static_cast<std::int64_t>(s - kFirstBucketSlot);
    const double guess = h.gamma_power(k - 1);  // the layout's boundary: gamma^(k-1)
    const std::uint64_t first = first_reaching(
        below, infinity, std::isfinite(guess) ? to_bits(guess) : infinity - 1,
        [&](double x) { return h.slot_by_formula(x) >= s; });
    t->next_start[s - 1] = from_bits(first);
    below = first - 1;
  }

  // The fewest leading mantissa bits whose slices each hold at most one slot's first value past
  // their start; slices narrower than a bucket (2^-bits < gamma - 1) usually do.
  const double first_value = t->next_start[kFirstBucketSlot - 1];
  const double last_value = t->next_start[slots - 2];  // where overflow starts
  int bits = static_cast<int>(std::clamp(std::ceil(-std::log2(h.gamma_ - 1)), 0.0, 52.0));
  for (;; ++bits) {
    t->shift = static_cast<unsigned>(52 - bits);
    t->first_key = std::max<std::uint64_t>(to_bits(first_value) >> t->shift, 1);  // +0 is cold
    const std::uint64_t last_key = std::max(to_bits(last_value) >> t->shift, t->first_key);
    t->slice_start.resize(last_key - t->first_key + 1);
    bool narrow = true;
    for (std::uint64_t j = 0; j < t->slice_start.size(); ++j) {
      const std::uint64_t start = (t->first_key + j) << t->shift;
      const Slot s = h.slot_by_formula(from_bits(start));
      const bool monotone = (s == kUnderflowSlot || from_bits(start) >= t->next_start[s - 1]) &&
                            from_bits(start) < t->next_start[s];
      if (!monotone)
        throw std::logic_error(fmt::format(
            "histogram layout {}/{}..{}: the bucket formula decreases near {}",
            h.relative_accuracy_, h.min_index_, h.max_index_, from_bits(start)));
      t->slice_start[j] = s;
      const std::uint64_t end = start + (std::uint64_t{1} << t->shift);  // the next slice's start
      if (s + 1 < slots && t->next_start[s + 1] < from_bits(end)) narrow = false;
    }
    if (narrow || bits == 52) break;
  }
  std::erase_if(tables, [](const auto& weak) { return weak.expired(); });
  tables.push_back(t);
  return t;
}

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
  for (std::size_t i = 0; i < cells_.size(); ++i) cells_[i] += other.cells_[i];
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

  std::int64_t seen = zero_count();
  if (rank < seen) return 0;
  seen += underflow_count();
  // Not within alpha: the best this histogram knows is the top of the underflow bucket.
  if (rank < seen) return std::clamp(underflow_limit(), min_, max_);
  const auto counts = bucket_counts();
  for (std::size_t i = 0; i < counts.size(); ++i) {
    seen += counts[i];
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
  out.ints.insert(out.ints.end(), {min_index_, max_index_, count_, zero_count(),
                                    underflow_count(), overflow_count()});
  const auto counts = bucket_counts();
  out.ints.insert(out.ints.end(), counts.begin(), counts.end());
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
  std::vector<std::int64_t> cells(static_cast<std::size_t>(max_index - min_index + 1) +
                                  kFirstBucketSlot + 1);
  cells[kZeroSlot] = zeros;
  cells[kUnderflowSlot] = underflow;
  cells.back() = overflow;
  for (std::size_t i = kFirstBucketSlot; i + 1 < cells.size(); ++i) cells[i] = in.next_int();
  const double alpha = in.next_real();
  check_relative_accuracy(alpha);

  LogHistogram h(alpha, IndexRange{min_index, max_index});
  h.cells_ = std::move(cells);
  h.count_ = count;
  h.sum_ = in.next_real();
  h.min_ = in.next_real();
  h.max_ = in.next_real();

  std::int64_t total = 0;
  bool negative = false;
  for (const std::int64_t c : h.cells_) {
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
