#include "models/market/run.hpp"

#include <algorithm>
#include <array>

namespace market {

RunTotals run_market(Market& market, sim::Simulator& sim, ReplicationProgress* progress) {
  const RunParams& run = market.run_params();
  Collectors& collectors = market.collectors();
  market.start(sim);
  std::uint64_t reported_orders = 0;
  const auto fx_position = [&](std::array<std::int64_t, kCurrencyCount>& to) {
    for (int c = 0; c < kCurrencyCount; ++c)
      to[static_cast<std::size_t>(c)] =
          market.ledger().balance(Account::Fx, static_cast<Currency>(c)).minor();
  };
  std::array<std::int64_t, kCurrencyCount> fx_at_warmup{};
  for (sim::Time t = 0; t < run.horizon;) {
    // Steps of a day, with a stop at the warm-up's end for the FX account's snapshot.
    const sim::Time next = std::min({run.horizon, t + sim::kDay,
                                     t < run.warmup ? run.warmup : sim::kNever});
    sim.run_until(next, market);
    if (t < run.warmup && next >= run.warmup) fx_position(fx_at_warmup);
    if (progress) {
      progress->simulated_seconds += next - t;
      progress->orders += market.orders_placed() - reported_orders;
      reported_orders = market.orders_placed();
    }
    t = next;
  }
  // The float's mean covers the warm-up's end to the horizon, not the drain's wind-down.
  const auto to_horizon = [&](sim::TimeWeighted f) {
    if (run.warmup >= run.horizon) f = sim::TimeWeighted(run.horizon, 0.0);
    f.advance(std::max(run.horizon, f.last_change()));
    return f;
  };
  const sim::TimeWeighted float_to_horizon = to_horizon(collectors.escrow_float);
  const sim::TimeWeighted balance_to_horizon = to_horizon(collectors.balance_float);
  if (run.drain) sim.run(market);
  market.check_invariants();
  // The FX account's change after the warm-up (none at all when the warm-up covers the run).
  if (run.warmup < run.horizon) {
    fx_position(collectors.fx_position_minor);
    for (int c = 0; c < kCurrencyCount; ++c)
      collectors.fx_position_minor[static_cast<std::size_t>(c)] -=
          fx_at_warmup[static_cast<std::size_t>(c)];
  }
  RunTotals totals;
  totals.orders_placed = market.orders_placed();
  totals.events_dispatched = sim.dispatched();
  totals.end_time = sim.now();
  totals.escrow_area = collectors.escrow_float.integral(sim.now());
  collectors.escrow_float = float_to_horizon;
  collectors.balance_float = balance_to_horizon;
  if (progress) progress->orders += totals.orders_placed - reported_orders;
  return totals;
}

}  // namespace market
