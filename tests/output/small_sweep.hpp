// The small two-point sweep the output and report tests write: the default world at 150
// orders/day for 12 days (2 of warm-up), seed 11, and a second point whose carriers lose 20% of
// parcels, under a label the caller picks (to test quoting and escaping).
#pragma once

#include <string>
#include <vector>

#include "models/experiment/experiment.hpp"
#include "models/world/market_params.hpp"
#include "tools/output/results.hpp"

namespace market::testing {

inline std::vector<ExperimentPoint> small_sweep(const std::string& lossy_label = "lossy, carriers") {
  MarketParams m = default_market();
  m.arrivals.orders_per_day = 150;
  RunParams run;
  run.horizon = sim::days(12);
  run.warmup = sim::days(2);
  run.seed = 11;
  MarketParams lossy = m;
  for (auto& c : lossy.carriers) c.loss = 0.2;
  return {{"base", m, run}, {lossy_label, lossy, run}};
}

// The RunInfo its output folders carry (as `marketsim run` would write it for that sweep).
inline RunInfo small_sweep_info() {
  RunInfo i;
  i.effective_scenario = "[arrivals]\norders_per_day = 150\n";
  i.seed = 11;
  i.replications = 3;
  i.version = "0.1.0";
  i.source_revision = "abc123";
  return i;
}

}  // namespace market::testing
