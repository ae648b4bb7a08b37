// The oracle (Markov renewal chain of one order) against hand calculations, its refusals, and
// the simulation over a matrix of parameter sets: every figure inside the 99% interval.
#include <cmath>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <catch2/catch.hpp>

#include "models/experiment/experiment.hpp"
#include "models/market/market.hpp"
#include "models/oracle/oracle.hpp"
#include "models/oracle/oracle_check.hpp"

namespace {

using market::MarketParams;
using market::Outcome;
using sim::days;
using sim::hours;

sim::Distribution fixed(sim::Time t) { return sim::constant(static_cast<double>(t)); }
sim::Distribution expo(sim::Time t) { return sim::exponential(static_cast<double>(t)); }
double p_of(const market::OracleFigures& f, Outcome o) { return f.p[static_cast<std::size_t>(o)]; }

market::ChannelParams& channel_named(MarketParams& m, std::string_view key) {
  for (auto& c : m.channels)
    if (c.key == key) return c;
  FAIL("no channel " << key);
  throw;
}

MarketParams exponential_default() {
  std::vector<std::string> changes;
  return market::to_exponential_form(market::default_market(), changes);
}

// One card channel, no faults, one seller and carrier, every choice certain.
MarketParams plain_world() {
  MarketParams m = exponential_default();
  m.buyers.channel_shares = {{"card", 1.0}};
  auto& card = channel_named(m, "card");
  card.p_double_debit.value = card.p_card_not_enabled.value = card.p_security_refusal.value = 0;
  card.p_error_but_debited.value = card.p_wallet_refused.value = card.p_insufficient_funds.value = 0;
  card.buyer_action_delay.value = fixed(0);
  card.paid_delay.value = fixed(hours(24));
  auto& b = m.buyers;
  b.cancel_before_shipment = b.never_confirms = b.late_problem = b.disputes_nonarrival = 0;
  b.confirm_delay = fixed(days(1));
  market::SellerSegmentParams s;
  s.name = "only";
  s.share = 1;
  s.handling = expo(days(2));
  s.stock_out = s.ships_nothing = s.not_as_described = s.defective = s.extends_protection = 0;
  s.promised_delivery = sim::constant(static_cast<double>(days(1000)));
  m.sellers = {s};
  m.carriers = {{"post", 1.0, expo(days(10)), 0.0, 1.0}};
  m.routes = {{"RU", 1.0, 1.0, 0}};
  m.protection.max_delivery_timer = days(1000);
  return m;
}

}  // namespace

TEST_CASE("oracle: a certain path takes the sum of the mean delays", "[oracle]") {
  // 24 h check + 2 d handling + 10 d transit + 1 d to confirm + 15 d held (000:187) = 29 d;
  // the 1000-day timer binds with probability e^-99.7.
  const auto f = market::solve_oracle(plain_world());
  CHECK(p_of(f, Outcome::Completed) == Approx(1).margin(1e-12));
  CHECK(f.mean_time_to_end_s / days(1) == Approx(29).epsilon(1e-9));
  CHECK(f.mean_time_to_seller_paid_s / days(1) == Approx(29).epsilon(1e-9));
  CHECK(f.held_s_per_order / days(1) == Approx(29).epsilon(1e-9));  // debited at placement
}

TEST_CASE("oracle: races of exponentials and of a fixed timer, by hand", "[oracle]") {
  MarketParams m = plain_world();
  SECTION("buyer cancels at rate 1/c against handling at rate 1/h") {
    m.buyers.cancel_before_shipment = 1;
    m.buyers.cancel_delay = expo(days(1));
    const auto f = market::solve_oracle(m);
    CHECK(p_of(f, Outcome::Cancelled) == Approx(2.0 / 3.0).epsilon(1e-12));  // h / (c + h)
    // Cancelled: 1 + 2/3 d; shipped: 1 + 2/3 + 10 + 1 + 15 d.
    CHECK(f.mean_time_to_end_s / days(1) == Approx(1 + 2.0 / 3.0 + (26.0 / 3.0)).epsilon(1e-9));
  }
  SECTION("a missing parcel: the 30-day timer against exponential transit") {
    m.sellers[0].promised_delivery = sim::constant(static_cast<double>(days(30)));
    m.protection.nondelivery_refund_delay = fixed(days(3));
    m.buyers.never_confirms = 1;
    const auto f = market::solve_oracle(m);
    // Undelivered by day 30 with probability e^-3; delivered later than the 3-day refund
    // delay with e^-0.3 of that.
    CHECK(p_of(f, Outcome::RefundedNondelivery) == Approx(std::exp(-3.0) * std::exp(-0.3)).epsilon(1e-9));
    // Never confirming: completed when the timer ends (30 d) or at delivery after it.
    const double after = std::exp(-3.0) * (10 * (1 - std::exp(-0.3)));  // E[min(Y, 3)], Y~exp(10)
    const double t = 3 + (1 - std::exp(-3.0)) * 30 + std::exp(-3.0) * 30 + after;
    CHECK(f.mean_time_to_end_s / days(1) == Approx(t).epsilon(1e-6));
  }
}

TEST_CASE("oracle: refuses what it cannot solve, naming the parameter", "[oracle]") {
  CHECK_THROWS_WITH(market::solve_oracle(market::default_market()),
                    Catch::Contains("buyers.early_confirmation"));
  MarketParams m = exponential_default();
  m.carriers[0].transit = sim::lognormal(days(25), 0.35);
  CHECK_THROWS_WITH(market::solve_oracle(m), Catch::Contains("china_post transit"));
  m = exponential_default();
  channel_named(m, "cash").code_validity.value = hours(48);
  CHECK_THROWS_WITH(market::solve_oracle(m), Catch::Contains("cash.code_validity"));
  m = exponential_default();
  m.sellers[1].extends_protection = 0.5;
  CHECK_THROWS_WITH(market::solve_oracle(m), Catch::Contains("extends_protection"));
  m = exponential_default();
  channel_named(m, "card").max_order.value = market::Money::major(5000, market::Currency::USD);
  CHECK_THROWS_WITH(market::solve_oracle(m), Catch::Contains("card"));
}

TEST_CASE("oracle: the exponential form keeps the means and says what it changed", "[oracle]") {
  std::vector<std::string> changes;
  const MarketParams d = market::default_market();
  const MarketParams e = market::to_exponential_form(d, changes);
  CHECK_FALSE(changes.empty());
  CHECK(e.sellers[0].handling.kind == sim::DistKind::Exponential);
  CHECK(sim::mean(e.sellers[0].handling) == Approx(sim::mean(d.sellers[0].handling)));
  CHECK(sim::mean(e.carriers[0].transit) == Approx(sim::mean(d.carriers[0].transit)));
  CHECK_NOTHROW(market::check_exponential_form(e));
  std::vector<std::string> again;
  (void)market::to_exponential_form(e, again);
  CHECK(again.empty());  // idempotent
}

namespace {

MarketParams storm_of_faults() {
  MarketParams m = exponential_default();
  for (auto& c : m.channels) {
    c.p_security_refusal.value = 0.2;
    c.p_double_debit.value = 0.1;
  }
  m.buyers.retry_after_refusal = 0.5;
  m.buyers.disputes_nonarrival = 1;
  for (auto& k : m.carriers) k.loss = 0.2;
  return m;
}

MarketParams silent_fraud() {
  MarketParams m = exponential_default();
  auto& s = m.sellers[2];  // fraudulent, all of the orders
  s.share = 1;
  s.accepts = s.rejects = s.counters = 0;
  m.sellers = {s};
  m.disputes.return_required = 1;
  m.disputes.buyer_proposes_partial = 0.2;
  m.disputes.return_ship_delay = expo(days(10));  // the 10-day deadline binds often
  return m;
}

MarketParams released_at_confirmation() {
  MarketParams m = exponential_default();
  m.protection.release_at_confirmation = true;
  m.buyers.never_confirms = 0.5;
  m.buyers.channel_shares = {{"card", 0.8}, {"qiwi", 0.2}};
  m.chargebacks.file_after_lost_dispute = 1;
  for (auto& s : m.sellers) s.rejects += s.accepts, s.accepts = 0;
  return m;
}

MarketParams tight_timers() {
  MarketParams m = exponential_default();
  m.protection.nondelivery_refund_delay = fixed(days(2));
  m.disputes.seller_response_delay = fixed(days(2));
  m.buyers.confirm_delay = fixed(days(3));
  m.buyers.cancel_before_shipment = 0.3;
  m.buyers.late_problem = 0.2;
  for (auto& s : m.sellers) s.promised_delivery = sim::constant(static_cast<double>(days(20))), s.stock_out = 0.2;
  m.routes[1].delivery_timer_cap = days(15);
  return m;
}

}  // namespace

TEST_CASE("oracle: the matrix agrees over 20 seeds (Holm-corrected)", "[oracle][simulation]") {
  // 5 parameter sets x 10 figures x 20 seeds = 1000 tests of "the simulation's expectation is
  // the oracle's figure", judged together by Holm's step-down at a family-wise rate of 1%: a
  // correct model fails this test case with probability at most 1%, whatever the seeds (not
  // the 1 - 0.99^50, about 40%, per seed of 50 uncorrected 99% intervals). Each run is long
  // enough for order records to be recycled while parcels are still travelling (a stale
  // arrival once reached the slot's next order).
  constexpr double kFamilyAlpha = 0.01;
  market::RunParams run;
  run.warmup = 0;
#ifdef NDEBUG
  run.horizon = days(100);
  const double per_day = 400;  // 40,000 orders a set and seed
  constexpr int kSeeds = 20;
#else
  run.horizon = days(40);
  const double per_day = 200;  // the sanitizers: fewer orders and seeds, the same family rate
  constexpr int kSeeds = 3;
#endif
  struct Case {
    const char* name;
    MarketParams params;
  };
  const Case cases[] = {Case{"default, exponential form", exponential_default()},
                        Case{"refusals, double debits, losses", storm_of_faults()},
                        Case{"silent fraudulent sellers, returns", silent_fraud()},
                        Case{"released at confirmation, chargebacks", released_at_confirmation()},
                        Case{"constant delays, binding timers", tight_timers()}};
  std::vector<market::OracleRow> rows;
  std::vector<std::string> where;
  for (int seed = 1; seed <= kSeeds; ++seed)
    for (const Case& c : cases) {
      MarketParams m = c.params;
      m.arrivals.orders_per_day = per_day;
      run.seed = static_cast<std::uint64_t>(seed);
      for (auto& r : market::compare_with_simulation(m, run)) {
        rows.push_back(r);
        where.push_back(fmt::format("seed {}, {}", seed, c.name));
      }
    }
  REQUIRE(rows.size() == kSeeds * 5 * market::kOracleFigures);
  CHECK(market::apply_holm(rows, kFamilyAlpha) == 0);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    INFO(where[i] << "\n" << market::format_rows({rows[i]}));
    CHECK_FALSE(rows[i].rejected);
    // The p-value and the 99% interval are one test: inside exactly when p >= 0.01.
    CHECK(rows[i].inside == (rows[i].p_value >= 0.01));
  }
}

TEST_CASE("oracle: the comparison notices a wrong model", "[oracle][simulation]") {
  // The simulation with a 15-day hold, the oracle told 20: the time to seller paid must differ
  // even in the 1000-test family of the matrix above (Holm's smallest threshold, 0.01 / 1000).
  market::RunParams run;
  run.warmup = 0;
  run.horizon = days(4);
  MarketParams m = exponential_default();
  m.arrivals.orders_per_day = 2000;
  const auto rows = market::compare_with_simulation(m, run);
  const double wrong = market::solve_oracle([&] {
                         MarketParams w = m;
                         w.protection.release_after_confirmation = days(20);
                         return w;
                       }()).mean_time_to_seller_paid_s / days(1);
  bool found = false;
  for (const auto& r : rows)
    if (r.figure == "mean days to seller paid") {
      found = true;
      // The right oracle agrees, at the family's threshold like the wrong one below (one run at
      // 1% fails one seed in a hundred by design: seed 1 gives p = 0.006 on the issue-19 draws,
      // while seeds 1-40 give p-values that look uniform, 3 below 0.05 and 1 below 0.01).
      CHECK_FALSE(r.rejected);
      CHECK(r.p_value >= 0.01 / 1000);
      // The same t statistic against the wrong figure: its standard error from the interval.
      const double se = (r.hi - r.lo) / (2 * 2.5758293035489004);  // 99%, n in the thousands
      const double z = (r.simulated - wrong) / se;
      CHECK(std::erfc(std::fabs(z) / std::sqrt(2.0)) < 0.01 / 1000);
    }
  CHECK(found);
}

TEST_CASE("oracle: the report prints the changes and the table", "[oracle]") {
  market::RunParams run;
  run.horizon = days(2);
  bool inside = false;
  const std::string report = market::oracle_report(market::default_market(), run, inside);
  CHECK_THAT(report, Catch::Contains("buyers.early_confirmation"));
  CHECK_THAT(report, Catch::Contains("P(completed)"));
  CHECK_THAT(report, Catch::Contains("mean escrow, USD (Little)"));
}

TEST_CASE("oracle: arrivals keep their rate (Little's law needs it exact)", "[oracle][simulation]") {
  // Every order refused at once, so only the arrival process costs time. At 20,000 a day the
  // mean gap is 4.32 s: restarting each gap from the rounded-down second (a fixed bug) added
  // 13% to the count; the Poisson count's sd is sqrt(lambda T).
  MarketParams m = exponential_default();
  for (auto& c : m.channels) c.p_security_refusal.value = 1;
  m.buyers.retry_after_refusal = 0;
  m.arrivals.orders_per_day = 20000;
  market::RunParams run;
  run.warmup = 0;
  run.horizon = days(5);
  const auto s = market::simulate_orders(m, run);
  const double expected = 20000.0 * 5;
  CHECK(std::abs(static_cast<double>(s.orders) - expected) < 4 * std::sqrt(expected));
  CHECK(s.ended[static_cast<std::size_t>(Outcome::Void)] == s.orders);
}

TEST_CASE("check's progress: the same run, days reported in order, the last call at the end", "[oracle]") {
  // `marketsim check` shows the days run_market publishes while the run goes on a worker
  // thread; the figures must be those of the run without progress, the days done never go
  // back, and the last call comes when the drain has ended (all 6 days, the one run done).
  MarketParams m = exponential_default();
  m.arrivals.orders_per_day = 500;
  market::RunParams run;
  run.warmup = 0;
  run.horizon = days(6);
  struct Seen {
    int calls = 0;
    bool in_order = true;
    int done_before_last = 0;
    market::Progress last;
  } seen;
  const auto one_go = market::simulate_orders(m, run);
  const auto reported = market::simulate_orders(
      m, run,
      [](const market::Progress& p, void* ctx) {
        auto* s = static_cast<Seen*>(ctx);
        if (s->calls > 0 && p.simulated_days_done < s->last.simulated_days_done) s->in_order = false;
        if (s->calls > 0 && s->last.runs_done != 0) ++s->done_before_last;
        ++s->calls;
        s->last = p;
      },
      &seen);
  CHECK(reported.orders == one_go.orders);
  CHECK(reported.ended == one_go.ended);
  CHECK(reported.time_to_end_s.mean() == one_go.time_to_end_s.mean());
  CHECK(reported.escrow_area == one_go.escrow_area);
  CHECK(seen.calls >= 1);
  CHECK(seen.in_order);
  CHECK(seen.done_before_last == 0);  // runs_done = 1 only in the last call
  CHECK(seen.last.simulated_days_total == 6);
  CHECK(seen.last.simulated_days_done == 6);
  CHECK(seen.last.runs_done == 1);
  CHECK(seen.last.runs_total == 1);
}
