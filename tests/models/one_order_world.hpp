// A world where every delay is constant and every choice certain: one card order, one seller
// segment, one carrier. The same world as market_test.cpp's, shared by the collector tests.
#pragma once

#include <map>
#include <sstream>
#include <string>
#include <string_view>

#include <catch2/catch.hpp>

#include "models/experiment/experiment.hpp"
#include "models/market/run.hpp"
#include "models/world/market_params.hpp"

namespace market::testing {

inline sim::Distribution fixed(sim::Time t) { return sim::constant(static_cast<double>(t)); }

inline ChannelParams& channel_named(MarketParams& m, std::string_view key) {
  for (auto& c : m.channels)
    if (c.key == key) return c;
  FAIL("no channel " << key);
  throw;
}

inline MarketParams one_order_world() {
  using sim::days;
  MarketParams m = default_market();
  m.buyers.channel_shares = {{"card", 1.0}};
  auto& card = channel_named(m, "card");
  card.p_double_debit.value = card.p_card_not_enabled.value = card.p_security_refusal.value = 0;
  card.p_error_but_debited.value = card.p_wallet_refused.value = card.p_insufficient_funds.value = 0;
  card.decline_social_salary_cards.value = false;
  card.refund_latency.value = fixed(days(5));
  card.funds.value.reset();  // enough for any order
  m.buyers.card_in_usd = 0;  // a ruble card paid in dollars: the bank converts (000:201)
  m.buyers.pays_in_card_currency = 0;
  auto& b = m.buyers;
  // One buyer holding no balance: the ledger's outside world sees only the order's money.
  b.population = 1;
  b.basket_sizes = {1.0};  // one order per checkout (basket_test.cpp builds baskets)
  b.initial_platform_balance = sim::constant(0);
  b.gift_certificate_holders = 0;
  b.cancel_before_shipment = b.never_confirms = b.early_confirmation = b.late_problem = 0;
  b.disputes_nonarrival = b.refund_to_balance = b.social_salary_card = 0;
  b.confirm_delay = fixed(days(1));
  b.dispute_open_delay = fixed(days(1));
  SellerSegmentParams s;
  s.name = "only";
  s.share = 1;
  s.handling = fixed(days(2));
  s.stock_out = s.ships_nothing = s.not_as_described = s.defective = 0;
  s.promised_delivery = market::testing::fixed(days(30));
  s.accepts = 1;
  s.rejects = s.counters = s.extends_protection = 0;
  m.sellers = {s};
  m.carriers = {{"post", 1.0, fixed(days(10)), 0.0, 1.0}};
  m.routes = {{"ru", 1.0, 1.0, 0, Country::Russia}};
  m.protection.nondelivery_refund_delay = fixed(days(3));
  auto& d = m.disputes;
  d.buyer_withdraws = d.buyer_proposes_partial = d.return_required = 0;
  d.seller_response_delay = fixed(days(1));
  d.buyer_escalation_delay = fixed(days(2));
  d.ruling_delay = fixed(days(5));
  d.return_ship_delay = fixed(days(4));
  d.return_transit = fixed(days(6));
  m.chargebacks.file_after_lost_dispute = m.chargebacks.file_after_missed_dispute = 0;
  m.chargebacks.visa_share = 1;
  return m;
}

inline RunParams short_run(int orders) {
  RunParams run;
  run.horizon = sim::days(1);
  run.warmup = 0;
  run.max_orders = static_cast<std::uint64_t>(orders);
  run.check_daily = true;
  return run;
}

// One row of Market::set_trace's output (order,time_s,from,to; no header).
struct TraceRow {
  std::uint64_t order = 0;
  sim::Time time = 0;
  std::string from, to;
};
template <class F>
void for_each_trace_row(const std::string& trace, F&& row) {
  std::istringstream lines(trace);
  std::string line;
  while (std::getline(lines, line)) {
    const auto c1 = line.find(','), c2 = line.find(',', c1 + 1), c3 = line.find(',', c2 + 1);
    row(TraceRow{std::stoull(line.substr(0, c1)), std::stoll(line.substr(c1 + 1, c2 - c1 - 1)),
                 line.substr(c2 + 1, c3 - c2 - 1), line.substr(c3 + 1)});
  }
}

// When one order entered each state, from its placement.
struct Timeline {
  std::map<std::string, sim::Time> entered;  // state -> first time entered
  sim::Time placed = 0;
  std::string last;
  sim::Time at(const std::string& state) const {
    const auto it = entered.find(state);
    if (it == entered.end()) FAIL("never entered " << state);
    return it->second - placed;
  }
  bool reached(const std::string& state) const { return entered.count(state) > 0; }
};

struct OneOrder {
  Timeline timeline;
  Ledger ledger;
  Collectors collectors;
};

// A whole run of `m` with its state-change trace.
struct TracedRun {
  Collectors collectors;
  Ledger ledger;
  std::string trace;
  std::uint64_t placed = 0;
};
inline TracedRun run_traced(const MarketParams& m, const RunParams& run) {
  Collectors collect(collector_layout(m, run));
  Market market(m, run, collect);
  std::ostringstream trace;
  market.set_trace(&trace);
  sim::Simulator s;
  run_market(market, s);
  REQUIRE(market.orders().live() == 0);
  return {collect, market.ledger(), trace.str(), market.orders_placed()};
}

// Runs `m` with one arrival to its end (seed `seed`); the timeline of order 1.
inline OneOrder run_one(const MarketParams& m, std::uint64_t seed = RunParams{}.seed) {
  RunParams run = short_run(1);
  run.seed = seed;
  const TracedRun whole = run_traced(m, run);
  OneOrder out{{}, whole.ledger, whole.collectors};
  bool first = true;
  for_each_trace_row(whole.trace, [&](const TraceRow& r) {
    if (r.order != 1) return;
    if (first) out.timeline.placed = r.time, first = false;
    out.timeline.entered.emplace(r.to, r.time);
    out.timeline.last = r.to;
  });
  return out;
}

}  // namespace market::testing
