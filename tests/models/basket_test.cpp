// Baskets (000:221): several orders of one checkout paid as one payment where the channel
// combines orders; bank transfer pays them one by one (000:167).
#include <array>
#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

#include "models/channels/channel_engine.hpp"
#include "tests/models/one_order_world.hpp"

namespace {

using market::Account;
using market::Currency;
using market::Money;
using market::Refusal;
using market::testing::channel_named;

struct Run {
  market::Collectors collect;
  market::Market market;
  Run(const market::MarketParams& m, const market::RunParams& r)
      : collect(market::collector_layout(m, r)), market(m, r, collect) {
    sim::Simulator s;
    market::run_market(market, s);
  }
  const market::Collectors::PerChannel& channel(std::string_view key) const {
    const auto& names = collect.layout().channels;
    for (std::size_t i = 0; i < names.size(); ++i)
      if (names[i] == key) return collect.channels[i];
    FAIL("no channel " << key);
    throw;
  }
};

// Every checkout holds `size` orders of `cents` each, paid with `channel`, no faults.
market::MarketParams baskets_of(int size, std::int64_t cents, std::string_view channel) {
  market::MarketParams m = market::testing::one_order_world();
  m.buyers.basket_sizes.assign(static_cast<std::size_t>(size), 0.0);
  m.buyers.basket_sizes.back() = 1.0;
  m.buyers.order_value = sim::constant(static_cast<double>(cents));
  m.buyers.channel_shares = {{std::string(channel), 1.0}};
  m.buyers.max_payment_attempts = 1;
  auto& ch = channel_named(m, channel);
  ch.p_double_debit.value = ch.p_security_refusal.value = ch.p_insufficient_funds.value = 0;
  ch.p_error_but_debited.value = ch.p_wallet_refused.value = ch.p_card_not_enabled.value = 0;
  ch.funds.value.reset();  // enough for any basket
  return m;
}

market::RunParams orders(int n) {
  market::RunParams r = market::testing::short_run(n);
  r.horizon = sim::days(5);
  r.drain = true;
  return r;
}

}  // namespace

namespace {
std::vector<std::int64_t> shared(std::int64_t credited, std::vector<std::int64_t> amounts) {
  std::vector<std::int64_t> shares(amounts.size());
  market::share_credit(credited, amounts, shares);
  return shares;
}
}  // namespace

TEST_CASE("a credit is shared among a basket's orders by their amounts, to the cent", "[basket]") {
  CHECK(shared(1000, {333, 333, 334}) == std::vector<std::int64_t>{333, 333, 334});
  // 999 * 333 / 1000 = 332.667 (twice) and 999 * 334 / 1000 = 333.666: floors 332, 332, 333 and
  // the two cents left to the two largest remainders.
  CHECK(shared(999, {333, 333, 334}) == std::vector<std::int64_t>{333, 333, 333});
  CHECK(shared(1101, {500, 500}) == std::vector<std::int64_t>{551, 550});  // a tie: the first
  CHECK(shared(0, {500, 500}) == std::vector<std::int64_t>{0, 0});
  CHECK_THROWS_AS(shared(-1, {500, 500}), std::logic_error);
  CHECK_THROWS_AS(shared(10, {}), std::logic_error);
}

TEST_CASE("a basket's orders are paid as one payment: one fixed fee, one hold per order", "[basket]") {
  market::MarketParams m = baskets_of(3, 1500, "card");
  auto& card = channel_named(m, "card");
  card.fee_fixed.value = Money(10'000, Currency::RUB);  // 100 RUB a payment, paid by the buyer
  card.fee_payer.value = market::FeePayer::Buyer;
  const Run one(m, orders(3));
  CHECK(one.collect.placed == 3);
  CHECK(one.collect.baskets == 1);
  CHECK(one.collect.basket_orders == 3);
  CHECK(one.collect.baskets_paid_whole == 1);
  CHECK(one.channel("card").paid == 3);
  CHECK(one.channel("card").money.payments == 1);
  // One payment: the fixed fee once, 100 RUB, not three times.
  CHECK(one.market.ledger().balance(Account::ChannelFeeIncome, Currency::RUB).minor() == 10'000);
  // Each order completes with its own hold: the seller gets 3 x $15.00.
  CHECK(one.collect.ended[static_cast<int>(market::OrderState::Completed)] == 3);
  CHECK(one.market.ledger().balance(Account::SellerPayable, Currency::USD).minor() +
            one.market.ledger().balance(Account::SellerPaid, Currency::USD).minor() ==
        4500);
  // The same three orders as three checkouts: three payments, three fees.
  m.buyers.basket_sizes = {1.0};
  const Run three(m, orders(3));
  CHECK(three.collect.baskets == 0);
  CHECK(three.market.ledger().balance(Account::ChannelFeeIncome, Currency::RUB).minor() == 30'000);
}

TEST_CASE("Western Union takes a $24 basket of $8 orders; bank transfer cannot combine them",
          "[basket]") {
  // 000:155: Western Union "more than $20"; 000:163: bank transfer "from $20"; 000:167: "you can
  // not combine them into one payment".
  market::MarketParams wu = baskets_of(3, 800, "western_union");
  const Run combined(wu, orders(3));
  CHECK(combined.channel("western_union").paid == 3);
  CHECK(combined.collect.baskets_paid_whole == 1);
  CHECK(combined.channel("western_union").refused[static_cast<int>(Refusal::BelowMinimum)] == 0);
  // One order at a time, each $8 is below Western Union's minimum.
  wu.buyers.basket_sizes = {1.0};
  const Run single(wu, orders(3));
  CHECK(single.channel("western_union").paid == 0);
  CHECK(single.channel("western_union").refused[static_cast<int>(Refusal::BelowMinimum)] == 3);

  const market::MarketParams bank = baskets_of(3, 800, "bank_transfer");
  const Run split(bank, orders(3));
  CHECK(split.collect.baskets == 1);
  CHECK(split.collect.baskets_split == 1);
  CHECK(split.collect.baskets_paid_whole == 0);
  CHECK(split.channel("bank_transfer").paid == 0);
  CHECK(split.channel("bank_transfer").refused[static_cast<int>(Refusal::BelowMinimum)] == 3);
  CHECK(split.collect.abandoned == 3);
  // $25 orders clear the bank's minimum one by one: three payments, three bank commissions.
  const market::MarketParams bank25 = baskets_of(3, 2500, "bank_transfer");
  const Run paid(bank25, orders(3));
  CHECK(paid.channel("bank_transfer").paid == 3);
  CHECK(paid.collect.baskets_split == 1);
  // 1% of $25.00 three times (ASSUMPTION rate, channel_catalog.cpp).
  CHECK(paid.channel("bank_transfer").money.bank_fee_minor == 3 * 25);
  CHECK(paid.channel("bank_transfer").money.payments == 3);
}

TEST_CASE("a refused basket is abandoned whole", "[basket]") {
  market::MarketParams m = baskets_of(4, 1500, "card");
  channel_named(m, "card").p_card_not_enabled.value = 1;
  const Run r(m, orders(4));
  CHECK(r.collect.baskets == 1);
  CHECK(r.collect.abandoned == 4);
  CHECK(r.collect.ended[static_cast<int>(market::OrderState::Void)] == 4);
  CHECK(r.channel("card").refused[static_cast<int>(Refusal::CardNotEnabled)] == 1);  // one payment refused
}

TEST_CASE("orders_per_day counts orders, not checkouts", "[basket]") {
  market::MarketParams m = market::testing::one_order_world();
  m.buyers.basket_sizes = {0.5, 0.5};  // 1.5 orders a checkout
  m.arrivals.orders_per_day = 300;
  m.arrivals.hourly.clear();
  m.arrivals.weekly.clear();
  market::RunParams r;
  r.horizon = sim::days(100);
  r.warmup = 0;
  const Run run(m, r);
  // 20,000 checkouts expected, Poisson; orders = sum of sizes: variance 20,000 x E[k^2] = 50,000.
  CHECK(std::fabs(static_cast<double>(run.collect.placed) - 30'000) < 4 * std::sqrt(50'000.0));
  CHECK(run.collect.basket_orders == 2 * run.collect.baskets);
  const double share = static_cast<double>(run.collect.baskets) /
                       static_cast<double>(run.collect.placed - run.collect.baskets);
  CHECK(share == Approx(0.5).margin(4 * std::sqrt(0.25 / 20'000)));
}

TEST_CASE("an expired basket code voids every order; each is placed again on its own", "[basket]") {
  // 001:16: the code is valid 48 hours; 001:41: "the order will be necessary to execute on a new one".
  market::MarketParams m = baskets_of(2, 1500, "cash");
  auto& cash = channel_named(m, "cash");
  cash.buyer_action_delay.value = market::testing::fixed(sim::days(3));  // never in time
  m.buyers.reorders_expired_code = 1;
  m.buyers.max_payment_attempts = 2;
  market::RunParams r = orders(2);
  r.horizon = sim::days(10);
  const Run run(m, r);
  // Two orders on the basket's one code, then each again on a code of its own: four orders,
  // four void, two placed again; the second codes end the chain (two attempts each).
  CHECK(run.collect.placed == 4);
  CHECK(run.collect.reordered == 2);
  CHECK(run.collect.baskets == 1);
  CHECK(run.collect.ended[static_cast<int>(market::OrderState::Void)] == 4);
  CHECK(run.channel("cash").refused[static_cast<int>(Refusal::CodeExpired)] == 3);  // one basket code, two single
}

TEST_CASE("a platform balance pays a whole basket or none of it", "[basket]") {
  // 003:236, 003:283: no partial payment from the balance.
  market::MarketParams m = baskets_of(2, 1500, "platform_balance");
  m.buyers.initial_platform_balance = sim::constant(3000);  // $30.00
  m.buyers.top_up_when_short = 0;
  const Run two(m, orders(2));
  CHECK(two.channel("platform_balance").paid == 2);
  CHECK(two.market.buyers()[0].platform_cents == 0);
  market::MarketParams m3 = baskets_of(3, 1500, "platform_balance");
  m3.buyers.initial_platform_balance = sim::constant(3000);
  m3.buyers.top_up_when_short = 0;
  const Run three(m3, orders(3));  // $45.00 against $30.00
  CHECK(three.channel("platform_balance").paid == 0);
  CHECK(three.channel("platform_balance").refused[static_cast<int>(Refusal::BalanceTooSmall)] == 1);
  CHECK(three.collect.abandoned == 3);
  CHECK(three.market.buyers()[0].platform_cents == 3000);
}

TEST_CASE("a basket debited twice gets the extra debit back once", "[basket]") {
  // 000:135: a double payment for one operation; the daily invariant check runs throughout.
  market::MarketParams m = baskets_of(3, 1500, "card");
  channel_named(m, "card").p_double_debit.value = 1;
  const Run r(m, orders(3));
  CHECK(r.collect.double_debits == 1);
  CHECK(r.channel("card").paid == 3);
  CHECK(r.market.ledger().balance(Account::Suspense, Currency::RUB).minor() == 0);
  CHECK(r.collect.ended[static_cast<int>(market::OrderState::Completed)] == 3);
}

TEST_CASE("a basket's orders from one seller ship in one parcel; other sellers' ship alone", "[basket]") {
  // 000:221: "Orders from «Aliexpress» from one seller can be sent by a single package, from
  // different, naturally, different."
  market::MarketParams m = baskets_of(3, 1500, "card");
  m.sellers[0].handling = sim::uniform(static_cast<double>(sim::days(1)), static_cast<double>(sim::days(3)));
  m.carriers[0].transit = sim::lognormal(static_cast<double>(sim::days(10)), 0.5);
  m.carriers[0].loss = 0.3;
  const auto parcels = [&](double same_seller) {
    m.buyers.basket_same_seller = same_seller;
    const market::testing::TracedRun run = market::testing::run_traced(m, orders(300));
    REQUIRE(run.placed == 300);
    std::map<std::uint64_t, std::pair<sim::Time, sim::Time>> at;  // order -> (shipped, delivered or -1)
    market::testing::for_each_trace_row(run.trace, [&](const market::testing::TraceRow& r) {
      if (r.to == "shipped") at[r.order] = {r.time, -1};
      if (r.to == "delivered") at[r.order].second = r.time;
    });
    REQUIRE(at.size() == 300);
    int shared = 0;  // baskets (orders 3k+1 .. 3k+3) whose three orders left and arrived together
    for (std::uint64_t first = 1; first <= 300; first += 3)
      shared += at[first] == at[first + 1] && at[first] == at[first + 2];
    return shared;
  };
  CHECK(parcels(1.0) == 100);  // every basket one parcel: one departure, one arrival or loss
  CHECK(parcels(0.0) == 0);    // each order its own handling time and transit
}
