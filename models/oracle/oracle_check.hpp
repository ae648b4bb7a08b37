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

// Runs the market once (run_market, the one run loop) with its trace read order by order.
// `progress` (may be null) is called from the calling thread while the run goes on a worker
// thread, at most ~10 times a second with the simulated days done, and once more when the drain
// has ended (runs_done = 1).
SimulatedFigures simulate_orders(const MarketParams& p, const RunParams& run,
                                 ProgressFn progress = nullptr, void* context = nullptr);

struct OracleRow {
  std::string figure;
  double oracle = 0, simulated = 0, lo = 0, hi = 0;  // confidence interval [lo, hi]
  // Two-sided p-value of "the simulation's expectation is the oracle's figure": the score test
  // for shares (the test Wilson's interval inverts), Student's t for mean times, the normal
  // compound-Poisson test for Little's law. The oracle is inside [lo, hi] exactly when
  // p_value >= the interval's alpha.
  double p_value = 1;
  bool inside = false;    // the oracle inside [lo, hi]
  bool rejected = false;  // by Holm over the family the row was judged in (apply_holm)
};

// The family-wise false-alarm rate of `marketsim check`: Holm over its figures at 1%, so a
// correct model fails the check with probability at most 1%; the intervals it prints are
// Bonferroni's, at 1 - 0.01 / figures each.
inline constexpr double kCheckFamilyAlpha = 0.01;

// The figures of one comparison: each outcome's share, mean days to the end, P(seller paid),
// mean days to seller paid, mean escrow by Little's law.
inline constexpr std::size_t kOracleFigures = kOutcomeCount + 4;

// Solves the oracle and runs the simulation (warm-up 0, drained, no order cap: else throws).
// Each interval is at confidence 1 - figure_alpha; rejected is left false. `progress` (may be
// null) is told the simulated days done, as simulate_orders tells it.
std::vector<OracleRow> compare_with_simulation(const MarketParams& p, const RunParams& run,
                                              double figure_alpha = 0.01,
                                              ProgressFn progress = nullptr,
                                              void* context = nullptr);

// Holm's step-down (sim/holm.hpp) over every row given, at family-wise level family_alpha:
// sets each row's `rejected`; returns how many were.
int apply_holm(std::vector<OracleRow>& rows, double family_alpha);

std::string format_rows(const std::vector<OracleRow>& rows);

}  // namespace market
