#include "sim/time_weighted.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace sim {

void TimeWeighted::reset(Time t) {
  if (t < last_change_) throw_time_went_back(t);
  last_change_ = t;
  area_ = 0;
  observed_ = 0;
  closed_min_ = std::numeric_limits<double>::infinity();
  closed_max_ = -std::numeric_limits<double>::infinity();
}

void TimeWeighted::merge(const TimeWeighted& other) {
  area_ += other.area_;
  observed_ += other.observed_;
  closed_min_ = std::min(closed_min_, other.closed_min_);
  closed_max_ = std::max(closed_max_, other.closed_max_);
}

double TimeWeighted::integral(Time until) const {
  check_until(until);
  return static_cast<double>(area_ + static_cast<long double>(value_) *
                                         static_cast<long double>(until - last_change_));
}

double TimeWeighted::mean(Time until) const {
  const Time observed = observed_time(until);
  if (observed == 0) return std::numeric_limits<double>::quiet_NaN();
  const long double area =
      area_ + static_cast<long double>(value_) * static_cast<long double>(until - last_change_);
  return static_cast<double>(area / static_cast<long double>(observed));
}

double TimeWeighted::max(Time until) const {
  check_until(until);
  return until > last_change_ ? std::max(closed_max_, value_) : closed_max_;
}

double TimeWeighted::min(Time until) const {
  check_until(until);
  return until > last_change_ ? std::min(closed_min_, value_) : closed_min_;
}

Time TimeWeighted::observed_time(Time until) const {
  check_until(until);
  return observed_ + (until - last_change_);
}

void TimeWeighted::write_to(FlatRecord& out) const {
  // A long double splits exactly into a double and the double nearest to what is left over.
  const double area_high = static_cast<double>(area_);
  const double area_low = static_cast<double>(area_ - static_cast<long double>(area_high));
  out.ints.insert(out.ints.end(), {last_change_, observed_});
  out.reals.insert(out.reals.end(), {value_, area_high, area_low, closed_min_, closed_max_});
}

TimeWeighted TimeWeighted::read_from(FlatReader& in) {
  TimeWeighted tw;
  tw.last_change_ = in.next_int();
  tw.observed_ = in.next_int();
  if (tw.observed_ < 0) throw std::invalid_argument("time-weighted record: negative observed time");
  tw.value_ = in.next_real();
  const double area_high = in.next_real();
  const double area_low = in.next_real();
  tw.area_ = static_cast<long double>(area_high) + static_cast<long double>(area_low);
  tw.closed_min_ = in.next_real();
  tw.closed_max_ = in.next_real();
  return tw;
}

void TimeWeighted::throw_time_went_back(Time t) const {
  throw std::invalid_argument(
      fmt::format("time-weighted update at {} precedes the last change at {}", format_time(t),
                  format_time(last_change_)));
}

void TimeWeighted::check_until(Time until) const {
  if (until < last_change_) throw_time_went_back(until);
}

}  // namespace sim
