// The time average of a piecewise-constant quantity (a queue length, money held in escrow):
// the integral of the value over observed time, divided by the observed time.
//
// Precision: the area is accumulated in long double. On x86-64 that has a 64-bit significand, so
// for integer values (counts, minor units) every product value*seconds and every partial sum is
// exact while the area stays below 2^64 (about 1.8e19 unit-seconds: a billion minor units held for
// 500 years); beyond that the relative rounding is about 5e-20 per update instead of 1e-16 for
// double. One floating path keeps update() to one multiply-add; an integer-only path would need a
// second class for no practical gain. Where long double is plain double the area is plain double.
#pragma once

#include <cstdint>
#include <limits>

#include "sim/flat.hpp"
#include "sim/time.hpp"

namespace sim {

class TimeWeighted {
 public:
  // Observation starts at `start` with the quantity at `initial_value`.
  explicit TimeWeighted(Time start = 0, double initial_value = 0)
      : last_change_(start), value_(initial_value) {}

  // The quantity changes to `value` at time t; t must not precede the previous change
  // (std::invalid_argument otherwise).
  void update(Time t, double value) {
    if (t < last_change_) throw_time_went_back(t);
    const Time held = t - last_change_;
    if (held > 0) {
      area_ += static_cast<long double>(value_) * static_cast<long double>(held);
      observed_ += held;
      if (value_ < closed_min_) closed_min_ = value_;
      if (value_ > closed_max_) closed_max_ = value_;
    }
    last_change_ = t;
    value_ = value;
  }

  // Accounts for time up to t at the current value; the same as update(t, value()).
  void advance(Time t) { update(t, value_); }

  // Starts a fresh observation window at t (end of a warm-up): keeps the current value, forgets
  // the area, observed time, min and max accumulated so far.
  void reset(Time t);

  // Adds the other accumulator's closed observation (area, observed time, min, max) to this one,
  // for pooling replications. The other's still-open segment after its last update is not
  // included: advance both to the horizon first. This one's current value and time are kept.
  void merge(const TimeWeighted& other);

  // Over the observation window up to `until` (which must not precede the last change;
  // std::invalid_argument otherwise), counting the current value from its change to `until`.
  double integral(Time until) const;
  // integral / observed seconds; NaN when no time has been observed.
  double mean(Time until) const;
  // Over the values held for a positive time up to `until`; -inf / +inf when none was.
  double max(Time until) const;
  double min(Time until) const;
  Time observed_time(Time until) const;

  double value() const { return value_; }
  Time last_change() const { return last_change_; }

  // Appends 2 integers and 5 reals.
  void write_to(FlatRecord& out) const;
  // Throws std::invalid_argument for a negative observed time, std::out_of_range when short.
  static TimeWeighted read_from(FlatReader& in);

 private:
  [[noreturn]] void throw_time_went_back(Time t) const;
  void check_until(Time until) const;

  Time last_change_;
  double value_;
  long double area_ = 0;  // over closed segments, value * seconds
  Time observed_ = 0;     // seconds in closed segments
  double closed_min_ = std::numeric_limits<double>::infinity();
  double closed_max_ = -std::numeric_limits<double>::infinity();
};

}  // namespace sim
