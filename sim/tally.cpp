#include "sim/tally.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace sim {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

void Moments::merge(const Moments& other, std::int64_t count, std::int64_t other_count) {
  if (other_count == 0) return;
  if (count == 0) {
    *this = other;
    return;
  }
  const double n_a = static_cast<double>(count);
  const double n_b = static_cast<double>(other_count);
  const double n = n_a + n_b;
  const double delta = other.mean - mean;
  mean += delta * (n_b / n);
  m2 += other.m2 + delta * delta * (n_a * n_b / n);
}

void Tally::merge(const Tally& other) {
  if (other.count_ == 0) return;
  if (count_ == 0) {
    *this = other;
    return;
  }
  moments_.merge(other.moments_, count_, other.count_);
  count_ += other.count_;
  sum_ += other.sum_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
}

double Tally::mean() const { return count_ > 0 ? moments_.mean : kNaN; }

double Tally::population_variance() const {
  return count_ > 0 ? moments_.m2 / static_cast<double>(count_) : kNaN;
}

double Tally::sample_variance() const {
  return count_ > 1 ? moments_.m2 / static_cast<double>(count_ - 1) : kNaN;
}

double Tally::sample_stddev() const { return std::sqrt(sample_variance()); }

double Tally::standard_error() const {
  return sample_stddev() / std::sqrt(static_cast<double>(count_));
}

void Tally::write_to(FlatRecord& out) const {
  out.ints.push_back(count_);
  out.reals.insert(out.reals.end(), {moments_.mean, moments_.m2, sum_, min_, max_});
}

Tally Tally::read_from(FlatReader& in) {
  Tally t;
  t.count_ = in.next_int();
  if (t.count_ < 0) throw std::invalid_argument("tally record: negative count");
  t.moments_.mean = in.next_real();
  t.moments_.m2 = in.next_real();
  t.sum_ = in.next_real();
  t.min_ = in.next_real();
  t.max_ = in.next_real();
  return t;
}

}  // namespace sim
