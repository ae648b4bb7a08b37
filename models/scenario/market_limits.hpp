// Limits of a market scenario that span keys (limits.hpp bounds one value), checked by
// to_market() after every value is read, so `validate` refuses what `run` would:
//   - at most 255 channels, seller segments, carriers and routes each (an order keeps each
//     index in one byte), and at most 100,000,000 sellers in all
//   - a carrier's transit times a route's transit_factor within the duration bound (36500d)
//   - the exchange-rate walk's likely range (8.76 sd of its log over the horizon) within
//     0.0001 .. 1e9 units per USD
//   - the work: arrival candidates per replication (orders_per_day x the peak of the hourly,
//     weekly and sale-day factors x the horizon's days) at most 1e9, and times the
//     replications at most 1e11; the money one replication moves (orders x mean order value x
//     the highest rate, x 4 for fees and refunds) inside the ledger's int64 minor units
//   - a channel's min_order against its max_order in another currency (at day-0 rates), and an
//     empty range (equal limits, one of them exclusive)
// Each throws ScenarioError naming the key, its origin, the figure and the limit.
#pragma once

#include "models/scenario/market_scenario.hpp"

namespace market::scenario {

inline constexpr int kMaxEntities = 255;
inline constexpr double kMaxSellers = 1e8;
inline constexpr double kMaxCandidatesPerReplication = 1e9;
inline constexpr double kMaxCandidatesPerJob = 1e11;
inline constexpr int kMaxSweepPoints = 10'000;

// The arrival candidates one replication draws (thinning draws them at the peak rate).
double arrival_candidates(const MarketParams& market, const RunParams& run);

void check_market_limits(const LoadedScenario& loaded);

}  // namespace market::scenario
