// Simulated time: one tick is one second, held in a signed 64-bit integer.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>

namespace sim {

using Time = std::int64_t;

inline constexpr Time kSecond = 1;
inline constexpr Time kMinute = 60 * kSecond;
inline constexpr Time kHour = 60 * kMinute;
inline constexpr Time kDay = 24 * kHour;
inline constexpr Time kWeek = 7 * kDay;
inline constexpr Time kNever = INT64_MAX;

constexpr Time seconds(std::int64_t n) { return n * kSecond; }
constexpr Time minutes(std::int64_t n) { return n * kMinute; }
constexpr Time hours(std::int64_t n) { return n * kHour; }
constexpr Time days(std::int64_t n) { return n * kDay; }

constexpr double to_hours(Time t) { return static_cast<double>(t) / static_cast<double>(kHour); }
constexpr double to_days(Time t) { return static_cast<double>(t) / static_cast<double>(kDay); }

// std::llround without the libm call: the nearest integer, halves away from zero. Exact, since
// x - trunc(x) is representable; NaN and magnitudes past 2^62 take std::llround itself.
inline std::int64_t round_half_away(double x) {
  if (!(std::fabs(x) < 0x1p62)) return std::llround(x);
  const auto whole = static_cast<std::int64_t>(x);
  const double fraction = x - static_cast<double>(whole);
  return whole + (fraction >= 0.5) - (fraction <= -0.5);
}

// Rounds a duration in (possibly fractional) seconds to the nearest tick, half away from zero.
// Inline: every drawn delay goes through it.
inline Time from_seconds(double s) { return round_half_away(s); }

// "3d 04:05:06", "-0d 00:00:01", "never" for kNever.
std::string format_time(Time t);

}  // namespace sim
