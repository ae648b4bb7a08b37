// The oracle against the simulation (oracle_check.cpp): per-order figures from one drained run
// and the comparison rows behind `marketsim check`.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "models/world/market_params.hpp"
#include "models/oracle/oracle.hpp"
#include "sim/tally.hpp"

namespace market {

struct SimulatedFigures {
  std::int64_t orders = 0;
  std::int64_t in_flight = 0;                      // after the run (0 when drained)
  std::array<std::int64_t, kOutcomeCount> ended{};  // by outcome, from the trace
  sim::Tally time_to_end_s;                        // placement to terminal state
  sim::Tally seller_paid_h;                        // placement to seller paid (collectors)
  std::int64_t seller_paid_count = 0;
  sim::Tally held_s;                               // seconds in escrow, paid orders
  double escrow_area = 0;                          // cent-seconds, whole run
  double horizon_s = 0;
};

// Runs the market once with its trace read order by order.
// `progress` (may be null) is told the simulated days done after each simulated day.
SimulatedFigures simulate_orders(const MarketParams& p, const RunParams& run,
                                 ProgressFn progress = nullptr, void* context = nullptr);

struct OracleRow {
  std::string figure;
  double oracle = 0, simulated = 0, lo = 0, hi = 0;  // 99% confidence interval [lo, hi]
  bool inside = false;
};

// Solves the oracle and runs the simulation (warm-up 0, drained, no order cap: else throws).
std::vector<OracleRow> compare_with_simulation(const MarketParams& p, const RunParams& run,
                                               ProgressFn progress = nullptr,
                                               void* context = nullptr);
std::string format_rows(const std::vector<OracleRow>& rows);

}  // namespace market
