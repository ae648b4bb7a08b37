#include "sim/time.hpp"

#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

namespace sim {

std::string format_time(Time t) {
  if (t == kNever) return "never";
  const char* sign = t < 0 ? "-" : "";
  // Work in unsigned magnitude so INT64_MIN does not overflow.
  const std::uint64_t m = t < 0 ? 0 - static_cast<std::uint64_t>(t) : static_cast<std::uint64_t>(t);
  const std::uint64_t d = m / kDay, h = m % kDay / kHour, mi = m % kHour / kMinute, s = m % kMinute;
  return fmt::format("{}{}d {:02}:{:02}:{:02}", sign, d, h, mi, s);
}

}  // namespace sim
