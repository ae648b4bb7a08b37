// The one run loop: `marketsim run` (through run_replication), `marketsim check`, the tests and
// the benchmarks all drive a Market through this function.
#pragma once

#include <atomic>
#include <cstdint>

#include "models/market/market.hpp"

namespace market {

// Counters a running replication publishes for the progress report.
struct ReplicationProgress {
  std::atomic<std::int64_t> simulated_seconds{0};
  std::atomic<std::uint64_t> orders{0};
};

struct RunTotals {
  std::uint64_t orders_placed = 0;      // every order, the warm-up's included
  std::uint64_t events_dispatched = 0;
  sim::Time end_time = 0;               // simulated time when the run (and drain) ended
  double escrow_area = 0;               // cent-seconds held in escrow over the whole run, drain included
};

// Starts the market, runs it to the horizon a simulated day at a time (publishing progress if
// asked), stopping at the warm-up's end for the FX account's snapshot, then drains if the run
// says so and checks every invariant (std::logic_error if one is broken). On return the
// collectors hold the FX position's change after the warm-up and the escrow float's
// time-weighted mean from the warm-up's end to the horizon (not the drain's wind-down), closed at
// the horizon so that collectors of several runs can be merged.
RunTotals run_market(Market& market, sim::Simulator& sim, ReplicationProgress* progress = nullptr);

}  // namespace market
