// Simulated time: one tick is one second, held in a signed 64-bit integer.
#pragma once

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

// Rounds a duration in (possibly fractional) seconds to the nearest tick, half away from zero.
Time from_seconds(double s);

// "3d 04:05:06", "-0d 00:00:01", "never" for kNever.
std::string format_time(Time t);

}  // namespace sim
