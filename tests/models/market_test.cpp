// Orders end to end: exact timestamps of each rule with constant delays, and the invariants
// over many random orders.
#include <cstdlib>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include <cmath>

#include <catch2/catch.hpp>

#include "models/experiment/experiment.hpp"
#include "models/market/run.hpp"
#include "tests/models/one_order_world.hpp"

namespace {

using market::MarketParams;
using sim::days;
using sim::hours;

using market::testing::fixed;
using market::testing::one_order_world;

using market::testing::OneOrder;
using market::testing::run_one;
using market::testing::Timeline;

}  // namespace

TEST_CASE("a satisfied card order: verified after 24 h, seller paid 15 days after confirmation",
          "[market][timeline]") {
  const Timeline t = run_one(one_order_world()).timeline;
  CHECK(t.at("awaiting_payment") == 0);
  CHECK(t.at("paid_verifying") == 0);                   // card debited at once (000:205)
  CHECK(t.at("awaiting_shipment") == hours(24));        // checked about 24 h (000:205)
  CHECK(t.at("shipped") == hours(24) + days(2));
  CHECK(t.at("delivered") == hours(24) + days(12));
  CHECK(t.at("confirmed") == hours(24) + days(13));
  CHECK(t.at("completed") == hours(24) + days(28));     // + 15 days (000:187)
  CHECK(t.last == "completed");
}

TEST_CASE("the release switch moves the seller's payment to confirmation and nothing else",
          "[market][timeline]") {
  MarketParams m = one_order_world();
  const Timeline held = run_one(m).timeline;
  m.protection.release_at_confirmation = true;  // 002:13
  const Timeline at_once = run_one(m).timeline;
  CHECK(at_once.at("completed") == at_once.at("confirmed"));
  CHECK(held.at("completed") == held.at("confirmed") + days(15));
  for (const char* s : {"paid_verifying", "awaiting_shipment", "shipped", "delivered", "confirmed"})
    CHECK(at_once.at(s) == held.at(s));
}

TEST_CASE("a parcel never delivered is refunded after the timer, and the seller is fined",
          "[market][timeline]") {
  MarketParams m = one_order_world();
  m.carriers[0].loss = 1;
  const OneOrder r = run_one(m);
  const sim::Time shipped = r.timeline.at("shipped");
  // 000:255: timer = promised 30 d (under the 60 d cap); refunded within 3 days (here 3).
  CHECK(r.timeline.at("refunded") == shipped + days(33));
  CHECK_FALSE(r.timeline.reached("dispute_open"));
  CHECK(r.ledger.balance(market::Account::Fines, market::Currency::USD) ==
        market::Money::major(5, market::Currency::USD));
  CHECK(r.ledger.balance(market::Account::Escrow, market::Currency::USD).is_zero());
  CHECK(r.ledger.balance(market::Account::RefundsInTransit, market::Currency::USD).is_zero());
}

TEST_CASE("the delivery timer is capped at 60 days", "[market][timeline]") {
  MarketParams m = one_order_world();
  m.carriers[0].loss = 1;
  m.sellers[0].promised_delivery = market::testing::fixed(days(90));
  const Timeline t = run_one(m).timeline;
  CHECK(t.at("refunded") == t.at("shipped") + days(60) + days(3));  // 000:255
}

TEST_CASE("a route's own cap (public-rules.md: 90 days for Russia) binds instead of 60 days",
          "[market][timeline]") {
  MarketParams m = one_order_world();
  m.carriers[0].loss = 1;
  m.sellers[0].promised_delivery = fixed(days(100));
  m.routes[0].delivery_timer_cap = days(90);
  const Timeline t = run_one(m).timeline;
  CHECK(t.at("refunded") == t.at("shipped") + days(90) + days(3));
}

TEST_CASE("sellers' promises are a distribution: the 60-day cap binds for the share above it",
          "[market][timeline]") {
  MarketParams m = one_order_world();
  m.carriers[0].loss = 1;
  m.sellers[0].promised_delivery = sim::lognormal(static_cast<double>(days(45)), 0.35);
  const int n = 2000;
  market::RunParams run = market::testing::short_run(n);
  run.horizon = days(30);
  m.arrivals.orders_per_day = n;
  const auto whole = market::testing::run_traced(m, run);
  std::map<std::uint64_t, sim::Time> shipped;
  int refunded = 0, capped = 0;
  market::testing::for_each_trace_row(whole.trace, [&](const market::testing::TraceRow& r) {
    if (r.to == "shipped") shipped[r.order] = r.time;
    if (r.to != "refunded") return;
    ++refunded;
    const sim::Time timer = r.time - shipped.at(r.order) - days(3);  // the refund 3 d after
    CHECK(timer <= days(60));
    capped += timer == days(60);
  });
  REQUIRE(refunded == n);
  // P(promise > 60 d) = 1 - Phi(ln(60/45) / 0.35) = 1 - Phi(0.8220) = 0.2056; 4 sd of n orders.
  const double share = static_cast<double>(capped) / n;
  CHECK(std::abs(share - 0.2056) < 4 * std::sqrt(0.2056 * 0.7944 / n));
}

TEST_CASE("a non-arrival dispute opens 3 days before the timer ends", "[market][timeline]") {
  MarketParams m = one_order_world();
  m.carriers[0].loss = 1;
  m.buyers.disputes_nonarrival = 1;
  const Timeline t = run_one(m).timeline;
  CHECK(t.at("dispute_open") == t.at("shipped") + days(27));  // 002:256
  CHECK(t.at("refunded") == t.at("dispute_open") + days(1));  // seller accepts after 1 day
}

// on_shipped queues the check only when the parcel does not come first (fulfilment.cpp): the
// rule must read the same on both sides of that line, 27 days after shipment here.
TEST_CASE("the non-arrival check runs when the parcel is later than it, not when it is sooner",
          "[market][timeline]") {
  MarketParams m = one_order_world();
  m.buyers.disputes_nonarrival = 1;
  m.carriers[0].transit = fixed(days(28));  // later than the check at 30 - 3 days
  const Timeline late = run_one(m).timeline;
  CHECK(late.at("dispute_open") == late.at("shipped") + days(27));
  for (const int transit : {26, 27}) {  // sooner, or at the same second (the parcel was queued first)
    m.carriers[0].transit = fixed(days(transit));
    const Timeline t = run_one(m).timeline;
    CHECK_FALSE(t.reached("dispute_open"));
    CHECK(t.at("delivered") == t.at("shipped") + days(transit));
    CHECK(t.last == "completed");
  }
}

TEST_CASE("a seller extending protection moves the timer by the extension", "[market][timeline]") {
  MarketParams m = one_order_world();
  m.carriers[0].loss = 1;
  m.sellers[0].extends_protection = 1;  // 002:98
  const Timeline t = run_one(m).timeline;
  CHECK(t.at("refunded") == t.at("shipped") + days(30 + 15 + 3));
}

TEST_CASE("a rejected dispute escalates when the buyer does, or automatically after 7 days",
          "[market][timeline]") {
  MarketParams m = one_order_world();
  m.carriers[0].loss = 1;
  m.buyers.disputes_nonarrival = 1;
  m.sellers[0].accepts = 0;
  m.sellers[0].rejects = 1;
  Timeline t = run_one(m).timeline;
  CHECK(t.at("escalated") == t.at("dispute_open") + days(1 + 2));
  CHECK(t.at("refunded") == t.at("escalated") + days(5));  // ruling: full refund, not received
  m.disputes.buyer_escalation_delay = fixed(days(10));
  t = run_one(m).timeline;
  CHECK(t.at("escalated") == t.at("dispute_open") + days(7));  // public-rules.md, 2017
}

TEST_CASE("a silent seller: the buyer's proposal executes when the window ends",
          "[market][timeline]") {
  MarketParams m = one_order_world();
  m.carriers[0].loss = 1;
  m.buyers.disputes_nonarrival = 1;
  m.sellers[0].accepts = 0;
  const Timeline t = run_one(m).timeline;
  CHECK(t.at("refunded") == t.at("dispute_open") + days(5));  // public-rules.md, 5 days
}

TEST_CASE("a return must ship within 10 days or the seller is paid", "[market][timeline]") {
  MarketParams m = one_order_world();
  m.sellers[0].defective = 1;
  m.disputes.return_required = 1;
  Timeline t = run_one(m).timeline;
  CHECK(t.at("dispute_open") == t.at("delivered") + days(1));     // 002:97: at once (1 d here)
  CHECK(t.at("return_pending") == t.at("dispute_open") + days(1));
  CHECK(t.at("refunded") == t.at("return_pending") + days(4 + 6));
  m.disputes.return_ship_delay = fixed(days(12));
  t = run_one(m).timeline;
  const OneOrder shipped_back = run_one([&] {
    MarketParams n = m;
    n.disputes.return_ship_delay = fixed(days(4));
    return n;
  }());
  // The seller pays the return postage of a defective item (public-rules.md): 5 USD by default.
  CHECK(shipped_back.ledger.balance(market::Account::External, market::Currency::USD) ==
        market::Money::major(5, market::Currency::USD));
  CHECK(t.at("closed") == t.at("return_pending") + days(10));
  CHECK_FALSE(t.reached("refunded"));
}

TEST_CASE("chargeback clocks: filing delay, then the network's merchant response",
          "[market][timeline]") {
  MarketParams m = one_order_world();
  m.carriers[0].loss = 1;
  m.buyers.disputes_nonarrival = 1;
  m.sellers[0].accepts = 0;
  m.sellers[0].rejects = 1;
  m.disputes.ruling_buyer_full_not_received = 0;  // the seller wins the ruling
  m.protection.nonarrival_always_refunded = false;  // (which the articles' reading forbids)
  m.chargebacks.file_after_lost_dispute = 1;       // 002:238
  m.chargebacks.filing_delay = fixed(days(10));
  m.chargebacks.seller_represents = 0;
  OneOrder r = run_one(m);
  const sim::Time ruling = r.timeline.at("escalated") + days(5);
  CHECK(r.timeline.at("chargeback") == ruling);
  CHECK(r.timeline.at("closed") == ruling + days(10 + 30));  // Visa: merchant 30 d
  CHECK(r.ledger.balance(market::Account::ChargebackLosses, market::Currency::USD) ==
        market::Money::major(15, market::Currency::USD));
  m.chargebacks.visa_share = 0;
  r = run_one(m);
  CHECK(r.timeline.at("closed") == ruling + days(10 + 45));  // Mastercard: 45 d
}

TEST_CASE("100,000 random orders: the ledger balances to the cent and every order ends",
          "[market][invariants]") {
  MarketParams m = market::default_market();
  m.arrivals.orders_per_day = 4000;
  market::RunParams run;
  run.horizon = days(25);
  run.warmup = 0;
  run.check_daily = true;  // escrow == sum of held orders at every day's end
  run.seed = 42;
  market::Collectors collect(market::collector_layout(m, run));
  market::Market market(m, run, collect);
  sim::Simulator s;
  market::run_market(market, s);  // throws on any broken invariant
  // The arrivals are Poisson with mean lambda*T = the integral of the intensity: 4,000 a day for
  // 25 days, the shapes of mean 1 (Monday-Thursday's factors 1 for the 4 days past 3 weeks).
  REQUIRE(m.start_date.year == 2026);  // 2026-01-05, a Monday: day d is weekday d % 7
  REQUIRE(m.start_date.day == 5);
  double lambda_t = 0;
  for (int d = 0; d < 25; ++d)
    for (int h = 0; h < 24; ++h)
      lambda_t += 4000.0 / 24 * m.arrivals.hourly[static_cast<std::size_t>(h)] *
                  m.arrivals.weekly[static_cast<std::size_t>(d % 7)];
  CHECK(lambda_t == Approx(100'000).epsilon(1e-9));
  const double placed = static_cast<double>(market.orders_placed());
  CHECK(std::fabs(placed - lambda_t) < 4 * std::sqrt(lambda_t));  // within 4 standard deviations
  CHECK(market.orders().live() == 0);
  CHECK(market.stale_events() == 0);
  CHECK(market.ledger().balance(market::Account::Escrow, market::Currency::USD).is_zero());
  CHECK(market.ledger().balance(market::Account::Suspense, market::Currency::USD).is_zero());
  CHECK(market.ledger().balance(market::Account::Suspense, market::Currency::RUB).is_zero());
  CHECK(market.ledger().balance(market::Account::RefundsInTransit, market::Currency::USD).is_zero());
  // Every order ended in exactly one terminal state.
  std::int64_t ended = 0;
  for (auto n : collect.ended) ended += n;
  CHECK(ended == static_cast<std::int64_t>(market.orders_placed()));
  // A dispute ends in exactly one outcome.
  std::int64_t opened = 0, closed = 0;
  for (auto n : collect.disputes_opened) opened += n;
  for (auto n : collect.dispute_outcomes) closed += n;
  CHECK(opened > 1000);
  CHECK(closed == opened);
  CHECK(collect.double_debits > 0);
}

TEST_CASE("an empty market is a valid market: no orders, every collector at zero", "[market]") {
  // reliability.md: orders_per_day = 0, an all-zero hourly profile and a 30 s horizon once
  // failed with an event scheduled before now.
  for (int variant = 0; variant < 3; ++variant) {
    MarketParams m = market::default_market();
    market::RunParams run;
    run.warmup = 0;
    run.horizon = days(30);
    if (variant == 0) m.arrivals.orders_per_day = 0;
    if (variant == 1) m.arrivals.hourly.assign(24, 0.0);
    if (variant == 2) run.horizon = 30;
    INFO("variant " << variant);
    const market::ReplicationResult r = market::run_replication(m, run);
    CHECK(r.orders_placed == 0);
    CHECK(r.collectors.placed == 0);
    CHECK(r.collectors.settlement_h.tally().count() == 0);
  }
}

TEST_CASE("orders in flight at a day's end are the placed orders not yet ended", "[market]") {
  // reliability.md item 10: ended orders whose refund was still landing were counted in flight.
  MarketParams m = market::default_market();
  m.arrivals.orders_per_day = 500;
  market::RunParams run;
  run.warmup = 0;
  run.horizon = days(40);
  run.drain = false;  // stopped at the horizon, refunds still landing
  market::Collectors collect(market::collector_layout(m, run));
  market::Market market(m, run, collect);
  std::ostringstream trace;
  market.set_trace(&trace);
  sim::Simulator s;
  market::run_market(market, s);
  // From the trace: orders placed and ended up to the last day's end (40 d); changes at exactly
  // 40 d may fall either side of the day's end.
  std::int64_t placed = 0, ended = 0, at_boundary = 0;
  const std::set<std::string> terminal{"completed", "cancelled", "void", "refunded", "closed"};
  market::testing::for_each_trace_row(trace.str(), [&](const market::testing::TraceRow& r) {
    if (r.time > days(40)) return;
    if (r.time == days(40)) ++at_boundary;
    placed += r.from == "placed";
    ended += terminal.count(r.to) > 0;
  });
  REQUIRE(!collect.days.empty());
  REQUIRE(collect.days.back().day == 40);
  INFO("in flight " << collect.days.back().in_flight << ", placed " << placed << ", ended " << ended);
  CHECK(std::llabs(collect.days.back().in_flight - (placed - ended)) <= at_boundary);
  // The distinction is real: some ended orders still hold their slot for a landing refund.
  std::int64_t terminal_live = 0;
  market.orders().for_each_live([&](std::uint32_t, const market::Order& o) {
    terminal_live += market::is_terminal(o.state);
  });
  CHECK(terminal_live > 0);
}

TEST_CASE("a parcel that never comes is refunded, whatever the seller says (000:255, 002:256)",
          "[market][timeline]") {
  MarketParams m = one_order_world();
  m.carriers[0].loss = 1;
  m.buyers.disputes_nonarrival = 1;
  m.sellers[0].accepts = 0;
  m.sellers[0].rejects = 1;
  m.disputes.ruling_buyer_full_not_received = 0;  // a ruling that would go to the seller
  m.disputes.buyer_withdraws = 1;                 // and a buyer who would give up
  const Timeline refunded = run_one(m).timeline;
  CHECK(refunded.reached("refunded"));
  CHECK_FALSE(refunded.reached("closed"));
  CHECK_FALSE(refunded.reached("completed"));
  // The other reading: the dispute runs like any other; the withdrawal pays the seller.
  m.protection.nonarrival_always_refunded = false;
  const Timeline other = run_one(m).timeline;
  CHECK(other.reached("completed"));
  CHECK_FALSE(other.reached("refunded"));
}

TEST_CASE("a parcel arriving during a non-arrival dispute ends it for the seller",
          "[market][timeline]") {
  MarketParams m = one_order_world();
  m.carriers[0].transit = fixed(days(40));  // later than the 30-day promise
  m.buyers.disputes_nonarrival = 1;         // disputed at 27 days (002:256: 3 days before)
  m.sellers[0].accepts = 0;
  m.sellers[0].rejects = 1;
  m.disputes.ruling_delay = fixed(days(30));  // the ruling would come long after the parcel
  const Timeline t = run_one(m).timeline;
  CHECK(t.at("dispute_open") == days(2 + 1 + 27));  // paid after 24 h, shipped 2 days later
  CHECK(t.at("completed") == days(2 + 1 + 40));     // delivered: the dispute ends, seller paid
  CHECK_FALSE(t.reached("refunded"));
}
