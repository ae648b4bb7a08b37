// Every row of the state table that is not a logic error (models/market/state_table.hpp) is
// reached by the shipped scenarios: a row no scenario reaches would be a rule nothing exercises.
#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

#include "models/experiment/experiment.hpp"
#include "models/market/run.hpp"
#include "models/scenario/market_scenario.hpp"

namespace {

using Hits = std::array<std::array<std::uint64_t, market::kOrderEventCount>, market::kOrderStateCount>;

void add_run(const market::scenario::LoadedScenario& l, Hits& hits) {
  market::RunParams run = l.run;
  run.horizon = sim::days(100);
  run.warmup = 0;
  run.drain = true;
  market::Collectors collect(market::collector_layout(l.market, run));
  market::Market m(l.market, run, collect);
  sim::Simulator s;
  market::run_market(m, s);
  CHECK(m.stale_events() == 0);
  for (std::size_t st = 0; st < hits.size(); ++st)
    for (std::size_t e = 0; e < hits[st].size(); ++e) hits[st][e] += m.row_hits()[st][e];
}

}  // namespace

TEST_CASE("the shipped scenarios reach every row of the state table", "[state_table]") {
  const std::filesystem::path dir = std::filesystem::path(MARKETSIM_SOURCE_DIR) / "scenarios";
  Hits hits{};
  for (const char* name : {"default.ini", "cash-heavy.ini", "public-rules.ini"})
    add_run(market::scenario::load_market_file(dir / name, {"arrivals.orders_per_day=500"}), hits);
  add_run(market::scenario::load_market_file(dir / "fault-storm.ini", {"arrivals.orders_per_day=500"}),
          hits);
  // Double debits coming back while an order sits in an escalated dispute or a chargeback: more
  // card double debits, reconciled later.
  add_run(market::scenario::load_market_file(
              dir / "default.ini",
              {"arrivals.orders_per_day=500", "channel.card.p_double_debit=0.5",
               "channel.card.reconciliation_delay=uniform(30d, 120d)"}),
          hits);
  // Release at confirmation (002:13) is the one switch no shipped file sets.
  add_run(market::scenario::load_market_file(dir / "default.ini",
                                             {"protection.release_at_confirmation=true",
                                              "arrivals.orders_per_day=500"}),
          hits);
  // A parcel arriving while its buyer's chargeback runs: the card buyer lost a non-arrival
  // dispute over a slow parcel and went to the bank (002:238).
  add_run(market::scenario::load_market_file(
              dir / "default.ini",
              {"arrivals.orders_per_day=500", "chargebacks.file_after_lost_dispute=1",
               "disputes.ruling_buyer_full_not_received=0"}),
          hits);
  std::ostringstream missed;
  for (int st = 0; st < market::kOrderStateCount; ++st)
    for (int e = 0; e < market::kOrderEventCount; ++e) {
      const auto state = static_cast<market::OrderState>(st);
      const auto event = static_cast<market::OrderEvent>(e);
      const bool live = market::state_row(state, event).action != market::RowAction::Reject;
      if (live && hits[st][e] == 0)
        missed << " (" << market::state_name(state) << ", " << market::event_name(event) << ")";
      if (!live) CHECK(hits[st][e] == 0);
    }
  INFO("rows never reached:" << missed.str());
  CHECK(missed.str().empty());
}
