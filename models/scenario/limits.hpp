// The bounds of scenario values (docs/limits.md). Every key has a lower and an upper bound,
// checked when a scenario is loaded, for every value written (a file, an included file, --set)
// and for the defaults; `validate` and `run` load alike, so they refuse the same inputs.
//
// Per unit, unless a field's ParamMeta gives its own min/max:
//   duration                  0 .. 36500d (100 years): times stay far inside int64 seconds, and
//                             the drain, one day-end per simulated day, stays short
//   money                     0 .. 10,000,000 in the amount's own currency
//   rate                      0 .. 100%
//   count                     0 .. 1,000,000,000
//   ratio, list items         0 .. 1,000,000
//   distributions             every draw but 1e-18 in each tail (sim::likely_range) inside the
//                             bounds of the drawn unit (money: above 0), and every draw that can
//                             happen at all (sim::reachable_range) within +-2^53
// Across keys (market_limits.hpp): at most 255 channels, seller segments, carriers and routes
// each, and the work of a run estimated up front.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "models/scenario/schema.hpp"
#include "models/scenario/values.hpp"

namespace market::scenario {

inline constexpr std::int64_t kMaxDurationDays = 36'500;
inline constexpr std::int64_t kMaxMoneyMajor = 10'000'000;
inline constexpr std::int64_t kMaxCount = 1'000'000'000;
inline constexpr double kMaxRatio = 1'000'000;
// Beyond this a double no longer holds every whole number: no draw may get there.
inline constexpr double kMaxReachable = 9007199254740992.0;  // 2^53

// The bound texts of a unit (KeySpec::min and max), e.g. {"0s", "36500d"} for a duration.
struct Bounds {
  std::optional<std::string> min;
  std::optional<std::string> max;
  bool min_exclusive = false;
};
Bounds unit_bounds(ValueType type);

// Why `value` lies outside the bounds of `spec` (KeySpec::min, max, min_exclusive), or nullopt:
// the words that follow the value's text, "is above the maximum 36500d". Money bounds hold in the value's own currency (the bound
// "10000000 USD" is 10,000,000 RUB for an amount in rubles); a distribution is judged by its
// likely and reachable ranges, a number list item by item.
std::optional<std::string> bound_violation(const KeySpec& spec, const Value& value);
// Parses the bound texts of `spec` as values of the unit they bound; throws ScenarioError.
void check_bound_texts(const KeySpec& spec);

}  // namespace market::scenario
