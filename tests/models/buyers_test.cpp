// Buyers as a population whose state lasts across orders (models/market/buyers.hpp): caps per
// buyer and day/month, the platform balance that pays whole or not at all, top-ups against the
// balance cap, refunds to the balance spent later, closure after 12 months unused.
#include <catch2/catch.hpp>

#include "models/experiment/experiment.hpp"
#include "models/market/run.hpp"
#include "tests/models/one_order_world.hpp"

namespace {

using market::Refusal;
using market::testing::channel_named;
using market::testing::fixed;
using sim::days;

struct Run {
  market::Collectors collect;
  market::Market market;
  explicit Run(const market::MarketParams& m, const market::RunParams& r)
      : collect(market::collector_layout(m, r)), market(m, r, collect) {
    sim::Simulator s;
    market::run_market(market, s);
  }
  const market::Collectors::PerChannel& channel(std::size_t i) const { return collect.channels[i]; }
};

std::size_t index_of(const market::MarketParams& m, std::string_view key) {
  for (std::size_t i = 0; i < m.channels.size(); ++i)
    if (m.channels[i].key == key) return i;
  FAIL("no channel " << key);
  return 0;
}

// One buyer who pays everything with `channel`, never retries, never cancels.
market::MarketParams one_buyer(std::string_view channel, double orders_per_day) {
  market::MarketParams m = market::testing::one_order_world();
  m.buyers.channel_shares = {{std::string(channel), 1.0}};
  m.buyers.max_payment_attempts = 1;
  m.buyers.order_value = sim::constant(1500);  // 15 USD
  m.arrivals.orders_per_day = orders_per_day;
  m.arrivals.hourly.clear();
  m.arrivals.weekly.clear();
  auto& ch = channel_named(m, channel);
  ch.funds.value.reset();  // the caps, not the phone balance, bind here
  ch.p_double_debit.value = ch.p_security_refusal.value = ch.p_insufficient_funds.value = 0;
  ch.p_error_but_debited.value = ch.p_wallet_refused.value = ch.p_card_not_enabled.value = 0;
  return m;
}

market::RunParams days_run(std::int64_t n) {
  market::RunParams r;
  r.horizon = days(n);
  r.warmup = 0;
  r.drain = true;
  r.check_daily = true;
  return r;
}

}  // namespace

TEST_CASE("MTS takes 5 payments a day from one buyer; a new day starts again", "[buyers]") {
  // public-rules: MTS 5 payments a day (000:125: operators limit daily payments).
  market::MarketParams m = one_buyer("phone_mts", 40);
  const std::size_t mts = index_of(m, "phone_mts");
  auto& ch = m.channels[mts];
  ch.monthly_cap_amount.value.reset();
  ch.daily_cap_amount.value.reset();
  const Run one(m, days_run(1));
  const auto& c = one.channel(mts);
  REQUIRE(c.refused[static_cast<int>(Refusal::DailyCountCap)] > 0);  // 40 a day: the cap binds
  CHECK(c.paid == 5);
  CHECK(c.refused[static_cast<int>(Refusal::DailyCountCap)] == one.collect.placed - 5);
  const Run three(m, days_run(3));
  CHECK(three.channel(mts).paid == 15);  // reset every day
}

TEST_CASE("a monthly cap binds across days", "[buyers]") {
  market::MarketParams m = one_buyer("phone_mts", 40);
  const std::size_t mts = index_of(m, "phone_mts");
  auto& ch = m.channels[mts];
  ch.daily_cap_amount.value.reset();
  ch.monthly_cap_amount.value.reset();
  ch.monthly_cap_count.value = 7;
  // 5 a day, 7 a month: days 1 and 2 of January pay 5 + 2, then nothing until February.
  m.start_date = {2025, 1, 1};
  const Run r(m, days_run(10));
  CHECK(r.channel(mts).paid == 7);
  CHECK(r.channel(mts).refused[static_cast<int>(Refusal::MonthlyCountCap)] > 0);
}

TEST_CASE("a $10.00 balance does not pay an $11.00 order: no partial payment", "[buyers]") {
  // 003:236, 003:283: "if you want to buy a product for $11, but you only have $10 ...".
  market::MarketParams m = one_buyer("platform_balance", 5);
  m.buyers.order_value = sim::constant(1100);
  m.buyers.initial_platform_balance = sim::constant(1000);
  m.buyers.top_up_when_short = 0;
  market::RunParams r = days_run(1);
  r.max_orders = 1;
  const Run run(m, r);
  const std::size_t bal = index_of(m, "platform_balance");
  CHECK(run.channel(bal).paid == 0);
  CHECK(run.channel(bal).refused[static_cast<int>(Refusal::BalanceTooSmall)] == 1);
  CHECK(run.market.buyers()[0].platform_cents == 1000);  // untouched
  // With a top-up of the missing dollar (WebMoney, 0.8% on the route, 003:283) it pays.
  m.buyers.top_up_when_short = 1;
  const Run topped(m, r);
  CHECK(topped.channel(bal).paid == 1);
  CHECK(topped.collect.top_ups == 1);
  CHECK(topped.collect.top_up_cents == 100);
  CHECK(topped.market.buyers()[0].platform_cents == 0);
}

TEST_CASE("an unverified balance refuses a top-up past $500", "[buyers]") {
  // 003:232: without verification, no more than $500 in the account.
  market::MarketParams m = one_buyer("platform_balance", 5);
  m.buyers.balance_verified = 0;
  m.buyers.initial_platform_balance = sim::constant(50'000);  // $500.00, the cap
  m.buyers.order_value = sim::constant(50'001);                // $500.01
  m.buyers.top_up_when_short = 1;
  market::RunParams r = days_run(1);
  r.max_orders = 1;
  const Run run(m, r);
  CHECK(run.collect.top_ups == 0);
  CHECK(run.collect.top_ups_refused == 1);
  CHECK(run.market.buyers()[0].platform_cents == 50'000);
}

TEST_CASE("refunds to the balance are spent on later orders", "[buyers]") {
  // 003:280-282: refunded to the balance within days, "which I later spent on other purchases".
  market::MarketParams m = one_buyer("platform_balance", 4);
  m.buyers.initial_platform_balance = sim::constant(1500);  // exactly one order
  m.buyers.top_up_when_short = 0;
  m.buyers.cancel_before_shipment = 1;  // every order cancelled and refunded to the balance
  m.buyers.cancel_delay = fixed(sim::minutes(1));
  channel_named(m, "platform_balance").refund_latency.value = fixed(sim::minutes(1));
  const std::size_t bal = index_of(m, "platform_balance");
  const Run spent(m, days_run(20));
  const auto placed = spent.collect.placed;
  REQUIRE(placed > 40);
  // Every order but those placed while the one before was being refunded pays from the refund.
  CHECK(static_cast<double>(spent.channel(bal).paid) >= 0.9 * static_cast<double>(placed));
  // Without the refunds the one balance pays the first order only.
  m.buyers.cancel_before_shipment = 0;
  const Run kept(m, days_run(20));
  CHECK(kept.channel(bal).paid == 1);
  CHECK(kept.channel(bal).refused[static_cast<int>(Refusal::BalanceTooSmall)] ==
        kept.collect.placed - 1);
}

TEST_CASE("a balance unused for 12 months is closed and kept by the platform", "[buyers]") {
  // 003:247: "not used for 12 months ... closed. And the available balance can be used to pay
  // administrative costs associated with your account."
  market::MarketParams m = one_buyer("card", 1);
  m.buyers.initial_platform_balance = sim::constant(2000);
  const Run r(m, days_run(370));
  CHECK(r.collect.balances_closed == 1);
  CHECK(r.collect.forfeited_cents == 2000);
  CHECK(r.market.buyers()[0].status == market::AccountStatus::Closed);
  CHECK(r.market.ledger().balance(market::Account::PlatformIncome, market::Currency::USD).minor() == 2000);
  // Inactivity closure off: nothing is closed.
  channel_named(m, "platform_balance").inactivity_close.value = 0;
  const Run open(m, days_run(370));
  CHECK(open.collect.balances_closed == 0);
}

TEST_CASE("arrivals pick buyers by activity; the picks follow the classes' weights", "[buyers]") {
  market::MarketParams m = market::default_market();
  m.buyers.population = 1000;
  m.buyers.activity_sigma = 1.0;
  market::RunParams r = days_run(60);
  const Run run(m, r);
  const auto& pop = run.market.buyers();
  double total = 0, top = 0;
  for (std::uint32_t i = 0; i < pop.size(); ++i) total += pop.pick_probability(i);
  CHECK(total == Approx(1.0));
  // A lognormal(sigma 1) mix: the most active tenth of buyers places about 39% of the orders
  // (E[X; X > q90] / E[X] = 1 - Phi(1.2816 - 1) = 0.389 for sigma = 1), the 64-class cut
  // close to it.
  for (std::uint32_t i = 900; i < 1000; ++i) top += pop.pick_probability(i);
  CHECK(top == Approx(0.389).margin(0.02));
}

TEST_CASE("top-ups go through Western Union where WebMoney is closed, if the rules allow it",
          "[buyers]") {
  // payment-facts.md note 4: 003:290 offers Western Union for top-ups, 003:348 only WebMoney.
  market::MarketParams m = one_buyer("platform_balance", 5);
  m.routes[0].country = market::Country::Other;  // WebMoney serves Russia and the CIS (000:110)
  m.buyers.initial_platform_balance = sim::constant(0);
  m.buyers.top_up_when_short = 1;
  market::RunParams r = days_run(1);
  r.max_orders = 1;
  m.channel_rules.balance_topup_via_western_union = true;
  const Run allowed(m, r);
  CHECK(allowed.collect.top_ups == 1);
  m.channel_rules.balance_topup_via_western_union = false;
  const Run refused(m, r);
  CHECK(refused.collect.top_ups == 0);
  CHECK(refused.collect.top_ups_refused == 1);
}

TEST_CASE("many disputes block the account; after 180 days its balance goes to the bank "
          "(003:243-245), or stays under the other reading (003:239)", "[buyers]") {
  market::MarketParams m = one_buyer("card", 1);
  m.buyers.initial_platform_balance = sim::constant(2000);
  m.buyers.block_after_disputes = 3;
  m.sellers[0].not_as_described = 1;  // every order disputed (the seller accepts: refunded)
  const Run r(m, days_run(250));
  CHECK(r.collect.accounts_blocked == 1);
  CHECK(r.collect.blocked_returned_cents == 2000);
  CHECK(r.market.buyers()[0].status == market::AccountStatus::Closed);
  CHECK(r.market.buyers()[0].platform_cents == 0);
  CHECK(r.market.ledger().balance(market::Account::BuyerPlatformBalance, market::Currency::USD).is_zero());
  // The third dispute opens 13 days after the third order at the earliest (2 d handling, 10 d
  // transit, 1 d to open): nothing is paid out before day 193.
  market::RunParams stop = days_run(185);
  stop.drain = false;
  CHECK(Run(m, stop).collect.blocked_returned_cents == 0);
  // Held for good: the balance stays on the blocked account.
  channel_named(m, "platform_balance").withdrawable.value = false;
  const Run held(m, days_run(250));
  CHECK(held.collect.accounts_blocked == 1);
  CHECK(held.collect.blocked_returned_cents == 0);
  CHECK(held.market.buyers()[0].status == market::AccountStatus::Blocked);
  CHECK(held.market.buyers()[0].platform_cents == 2000);
  // Never blocked: the balance is closed unused after 12 months instead (003:247), later.
  m.buyers.block_after_disputes = 0;
  const Run open(m, days_run(250));
  CHECK(open.collect.accounts_blocked == 0);
}

TEST_CASE("a blocked account cannot pay: payments from it are refused as account_blocked",
          "[buyers]") {
  market::MarketParams m = one_buyer("platform_balance", 1);
  m.buyers.initial_platform_balance = sim::constant(100'000);
  m.buyers.balance_verified = 1;
  m.buyers.block_after_disputes = 2;
  m.sellers[0].not_as_described = 1;
  const std::size_t bal = index_of(m, "platform_balance");
  const Run r(m, days_run(40));
  REQUIRE(r.collect.accounts_blocked == 1);
  const auto blocked = r.channel(bal).refused[static_cast<int>(Refusal::AccountBlocked)];
  // Orders placed after the second dispute opened (day 15 at the earliest: 2 d handling, 10 d
  // transit, 1 d to open, after the second order) are refused: about 20 of 40.
  CHECK(blocked >= 10);
  CHECK(blocked + r.channel(bal).paid == r.collect.placed);
}

TEST_CASE("a phone payment takes at most the phone balance: trifles pass, a larger order is "
          "refused for funds (000:40)", "[buyers]") {
  // 000:40: "many on the balance of the mobile phone always have 500-600 rubles", "convenient
  // to buy various trifles up to $5". At 92.5 RUB/USD: $5.00 is 462.50 RUB, $7.00 is 647.50.
  auto refused_for_funds = [](std::int64_t cents) {
    market::MarketParams m = one_buyer("phone_mts", 100);  // the one order comes on day 0
    m.fx.daily_volatility = 0;
    m.buyers.order_value = sim::constant(static_cast<double>(cents));
    auto& mts = channel_named(m, "phone_mts");
    mts.funds.value = market::MoneyDistribution{sim::constant(55'000), market::Currency::RUB};
    mts.daily_cap_amount.value.reset(), mts.daily_cap_count.value.reset();
    mts.monthly_cap_amount.value.reset(), mts.monthly_cap_count.value.reset();
    mts.min_order.value.reset();
    market::RunParams r = days_run(1);
    r.max_orders = 1;
    const Run run(m, r);
    const auto i = index_of(m, "phone_mts");
    REQUIRE(run.channel(i).paid + run.channel(i).refused[static_cast<int>(Refusal::InsufficientFunds)] == 1);
    return run.channel(i).refused[static_cast<int>(Refusal::InsufficientFunds)] == 1;
  };
  CHECK_FALSE(refused_for_funds(500));
  CHECK(refused_for_funds(700));
}
