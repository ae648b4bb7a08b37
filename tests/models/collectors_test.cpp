// Collectors and metrics against hand-built runs: constant delays give exact latencies, a
// two-order run exact counts; the warm-up is left out; merging adds runs up.
#include <bit>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "models/experiment/experiment.hpp"
#include "models/market/run.hpp"
#include "models/metrics/metrics.hpp"
#include "tests/models/one_order_world.hpp"

namespace {

using market::testing::one_order_world;
using market::testing::short_run;
using sim::days;

// metric name + "/" + statistic -> the run's value as a double.
std::map<std::string, double> figures(const market::Collectors& c) {
  std::map<std::string, double> out;
  for (const auto& m : market::metrics_of(c))
    out[market::metric_name(m.key) + "/" + m.key.statistic] = market::as_double(m.key, m.value);
  return out;
}

// Card debited at once, checked for 24 h, 2 days' handling, 10 days' transit, confirmed a day
// later, paid out 15 days after confirmation (000:187, 000:205): 24 h + 28 days.
constexpr double kSettlementHours = 24 + 28 * 24;

}  // namespace

TEST_CASE("one order with constant delays: exact settlement latency everywhere it is broken down",
          "[collectors]") {
  const auto r = market::run_replication(one_order_world(), short_run(1));
  REQUIRE(r.orders_placed == 1);
  const auto f = figures(r.collectors);
  for (const char* name : {"settlement", "settlement.channel.card", "settlement.carrier.post",
                           "settlement.segment.only"}) {
    INFO(name);
    CHECK(f.at(std::string(name) + "/count") == 1);
    CHECK(f.at(std::string(name) + "/mean") == kSettlementHours);
    CHECK(f.at(std::string(name) + "/max") == kSettlementHours);
    CHECK(f.at(std::string(name) + "/p50") == Approx(kSettlementHours).epsilon(0.01));
    CHECK(f.at(std::string(name) + "/p99") == Approx(kSettlementHours).epsilon(0.01));
  }
  CHECK(f.at("settlement.channel.qiwi/count") == 0);
  CHECK(std::isnan(f.at("settlement.channel.qiwi/mean")));
  CHECK(f.at("orders_placed/total") == 1);
  CHECK(f.at("orders_ended.end_state.completed/total") == 1);
  CHECK(f.at("disputes_opened/total") == 0);
  CHECK(f.at("payments.channel.card/total") == 1);
}

TEST_CASE("two orders: exact counts", "[collectors]") {
  const auto r = market::run_replication(one_order_world(), short_run(2));
  REQUIRE(r.orders_placed == 2);
  const auto f = figures(r.collectors);
  CHECK(f.at("orders_placed/total") == 2);
  CHECK(f.at("orders_placed.segment.only/total") == 2);
  CHECK(f.at("settlement/count") == 2);
  CHECK(f.at("settlement/mean") == kSettlementHours);
  CHECK(f.at("orders_ended.end_state.completed/total") == 2);
  CHECK(f.at("payments.channel.card/total") == 2);
  CHECK(f.at("abandoned/total") == 0);
  CHECK(f.at("double_debits/total") == 0);
}

TEST_CASE("a lost parcel: the non-delivery refund's latency, amount, fine and dispute figures",
          "[collectors]") {
  market::MarketParams m = one_order_world();
  m.carriers[0].loss = 1;
  m.buyers.order_value = sim::constant(2500);  // cents
  // 000:255 read literally: "refunded within three days" means the money is back by then, so
  // the refund lands when it is issued, at the end of the three days.
  const auto literal = figures(market::run_replication(m, short_run(1)).collectors);
  CHECK(literal.at("refund_latency.kind.nondelivery/count") == 1);
  CHECK(literal.at("refund_latency.kind.nondelivery/mean") == 0);
  // The public-rules reading: issued within three days, then the card's 5 days (one_order_world).
  m.protection.nondelivery_refund_lands = false;
  const auto r = market::run_replication(m, short_run(1));
  const auto f = figures(r.collectors);
  CHECK(f.at("refund_latency.kind.nondelivery/count") == 1);
  CHECK(f.at("refund_latency.kind.nondelivery/mean") == 5 * 24);
  CHECK(f.at("refund_latency.route.card/card/mean") == 5 * 24);  // cards refund to the card
  CHECK(f.at("refund_latency.route.card/original_method/count") == 0);
  CHECK(f.at("refund_latency.kind.dispute/count") == 0);
  CHECK(f.at("fines.segment.only/total") == 5.0);  // USD 5 fine, as in market_test
  CHECK(f.at("settlement/count") == 0);
  CHECK(f.at("disputes_opened/total") == 0);
  CHECK(f.at("refunded.kind.nondelivery/total") == 25.0);
}

TEST_CASE("a rejected dispute escalates: dispute counts, escalated share and duration",
          "[collectors]") {
  market::MarketParams m = one_order_world();
  m.carriers[0].loss = 1;
  m.buyers.disputes_nonarrival = 1;
  m.sellers[0].accepts = 0;
  m.sellers[0].rejects = 1;
  const auto f = figures(market::run_replication(m, short_run(1)).collectors);
  CHECK(f.at("disputes_opened/total") == 1);
  CHECK(f.at("disputes_opened.reason.not_received/total") == 1);
  CHECK(f.at("disputes_escalated/total") == 1);
  CHECK(f.at("disputes_escalated/share") == 1);
  CHECK(f.at("disputes_closed.outcome.buyer_won_full/total") == 1);
  CHECK(f.at("dispute_rate/value") == 1);
  // Opened, seller rejects after 1 day, buyer escalates 2 days later, ruling after 5 (market_test).
  CHECK(f.at("dispute_duration/mean") == (1 + 2 + 5) * 24);
}

TEST_CASE("orders placed during the warm-up are left out", "[collectors][warmup]") {
  market::MarketParams m = market::default_market();
  m.arrivals.orders_per_day = 200;
  market::RunParams run;
  run.horizon = days(6);
  run.warmup = days(3);
  run.seed = 7;
  const auto layout = market::collector_layout(m, run);
  market::Collectors collect(layout);
  market::Market market(m, run, collect);
  std::ostringstream trace;
  market.set_trace(&trace);
  sim::Simulator s;
  market::run_market(market, s);
  // Orders whose first state change (placement) is at or after the warm-up, from the trace.
  std::set<std::string> seen;
  std::int64_t after = 0, before = 0;
  std::istringstream lines(trace.str());
  std::string line;
  while (std::getline(lines, line)) {
    const auto c1 = line.find(','), c2 = line.find(',', c1 + 1);
    const std::string id = line.substr(0, c1);
    if (!seen.insert(id).second) continue;
    (std::stoll(line.substr(c1 + 1, c2 - c1 - 1)) >= run.warmup ? after : before) += 1;
  }
  REQUIRE(before > 300);
  REQUIRE(after > 300);
  CHECK(collect.placed == after);
  std::int64_t ended = 0;
  for (auto n : collect.ended) ended += n;
  CHECK(ended == after);
  for (const auto& d : collect.days) CHECK(d.day * sim::kDay > run.warmup);
}

TEST_CASE("a warm-up past the horizon leaves every statistic empty", "[collectors][warmup]") {
  auto run = short_run(3);
  run.warmup = days(400);
  const auto r = market::run_replication(one_order_world(), run);
  CHECK(r.orders_placed == 3);
  const auto f = figures(r.collectors);
  CHECK(f.at("orders_placed/total") == 0);
  CHECK(f.at("settlement/count") == 0);
}

TEST_CASE("merge adds two runs: counts, money and summaries", "[collectors][merge]") {
  market::MarketParams m = market::default_market();
  m.arrivals.orders_per_day = 300;
  market::RunParams run;
  run.horizon = days(20);
  run.warmup = days(2);
  auto a = market::run_replication(m, run);
  run.replication = 1;
  const auto b = market::run_replication(m, run);
  const auto fa = figures(a.collectors), fb = figures(b.collectors);
  const std::size_t days_a = a.collectors.days.size();
  a.collectors.merge(b.collectors);
  const auto fm = figures(a.collectors);
  for (const char* name : {"orders_placed/total", "settlement/count", "disputes_opened/total",
                           "abandoned/total", "chargeback_losses/total", "dispute_refunded/total",
                           "fees_buyer.channel.qiwi/total"})
    CHECK(fm.at(name) == Approx(fa.at(name) + fb.at(name)));
  const double na = fa.at("settlement/count"), nb = fb.at("settlement/count");
  CHECK(fm.at("settlement/mean") ==
        Approx((fa.at("settlement/mean") * na + fb.at("settlement/mean") * nb) / (na + nb)));
  CHECK(fm.at("settlement/max") == std::max(fa.at("settlement/max"), fb.at("settlement/max")));
  // Days add by position: the merged series is as long as the longer run's (drains differ).
  CHECK(a.collectors.days.size() == std::max(days_a, b.collectors.days.size()));

  market::MarketParams other = m;
  other.carriers.pop_back();
  const auto c = market::run_replication(other, run);
  CHECK_THROWS_AS(a.collectors.merge(c.collectors), std::invalid_argument);
}

TEST_CASE("every figure has a unique name and statistic", "[metrics]") {
  const auto r = market::run_replication(one_order_world(), short_run(1));
  std::set<std::string> names;
  for (const auto& mt : market::metrics_of(r.collectors))
    CHECK(names.insert(market::metric_name(mt.key) + "/" + mt.key.statistic).second);
  CHECK(names.size() > 500);
}

TEST_CASE("escrow: each day's held money and orders in flight; the float's mean to the horizon",
          "[collectors][escrow]") {
  market::MarketParams m = one_order_world();
  m.buyers.order_value = sim::constant(2500);  // cents
  const auto r = market::run_replication(m, short_run(1));
  REQUIRE(r.collectors.days.size() >= 29);
  // Paid on day 1 (card, at once), released 24 h + 28 days after checkout.
  CHECK(r.collectors.days[0].day == 1);
  CHECK(r.collectors.days[0].escrow_cents == 2500);
  CHECK(r.collectors.days[0].in_flight == 1);
  CHECK(r.collectors.days.back().escrow_cents == 0);
  // Over the one-day horizon the $25 is held from checkout on: a mean in (0, 25].
  const double mean = figures(r.collectors).at("escrow_float/mean");
  CHECK(mean > 0);
  CHECK(mean <= 25.0);
}

TEST_CASE("quantiles are printed to the digits they carry", "[metrics][quantile]") {
  // 1%: ceil(log10(100)) + 2 = 4 significant digits; 0.1%: 5.
  CHECK(market::significant_digits(0.01) == 4);
  CHECK(market::significant_digits(0.001) == 5);
  CHECK(market::format_significant(1153.2749212065833, 4) == "1153");
  CHECK(market::format_significant(1153.2749212065833, 4, -1) == "1153");
  CHECK(market::format_significant(1153.2749212065833, 4, +1) == "1154");
  CHECK(market::format_significant(0.0123456, 4) == "0.01235");
  CHECK(market::format_significant(123456, 4) == "123500");
  CHECK(market::format_significant(9999.7, 4) == "10000");
  CHECK(market::format_significant(0, 4) == "0");
  CHECK(market::format_significant(std::nan(""), 4).empty());
  // A latency's quantile rows carry the histogram's accuracy and print with it; its mean does not.
  market::Collectors c(market::CollectorLayout{});
  c.settlement_h.add(1153.2749212065833);
  for (const auto& m : market::metrics_of(c)) {
    if (market::metric_name(m.key) != "settlement") continue;
    if (m.key.statistic == "p50") {
      CHECK(m.key.resolution == 0.01);
      CHECK(market::format_value(m.key, m.value) == "1153");
    }
    if (m.key.statistic == "mean") {
      CHECK(m.key.resolution == 0);
      CHECK(market::format_value(m.key, m.value) == "1153.2749212065833");
    }
  }
}

TEST_CASE("a difference near 0 prints to its figures' digits", "[metrics][quantile]") {
  // 1153 - 1153 computed with a rounding residue: scale 1153 at 4 digits keeps units only.
  CHECK(market::format_significant(-4.547e-13, 4, +1, 1153) == "0");
  CHECK(market::format_significant(-27.34, 4, 0, 1380) == "-27");
  CHECK(market::format_significant(-54.68, 4, -1, 1380) == "-55");
}

TEST_CASE("a summary's tally is the tally of its values, to the bit, merged or not",
          "[collectors]") {
  // The summary keeps the count, sum, min and max only in its histogram; tally() rebuilds the
  // sim::Tally from them and the moments, which must give the same doubles as a Tally fed alike.
  const auto same = [](const sim::Tally& a, const sim::Tally& b) {
    CHECK(a.count() == b.count());
    CHECK(a.sum() == b.sum());
    CHECK(a.min() == b.min());
    CHECK(a.max() == b.max());
    CHECK(std::bit_cast<std::uint64_t>(a.mean()) == std::bit_cast<std::uint64_t>(b.mean()));
    CHECK(std::bit_cast<std::uint64_t>(a.sample_variance()) ==
          std::bit_cast<std::uint64_t>(b.sample_variance()));
  };
  market::Summary first, second, empty;
  sim::Tally first_t, second_t;
  std::uint64_t bits = 12345;
  for (int i = 0; i < 5000; ++i) {
    bits = bits * 6364136223846793005ULL + 1442695040888963407ULL;
    const double x = i % 97 == 0 ? 0.0 : static_cast<double>(bits >> 20) / 3600.0;
    (i % 3 == 0 ? second : first).add(x);
    (i % 3 == 0 ? second_t : first_t).add(x);
  }
  same(first.tally(), first_t);
  same(second.tally(), second_t);
  first.merge(second);
  first_t.merge(second_t);
  same(first.tally(), first_t);
  first.merge(empty);
  same(first.tally(), first_t);
  empty.merge(second);
  same(empty.tally(), second_t);
}
