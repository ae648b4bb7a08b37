// Cash codes and refused payments as the articles tell them: a code paid short is "partially
// paid" (001:43), an expired code's order is placed again (001:16, 001:41), a terminal sends
// large sums to a cashier (001:51, in channel_test.cpp), and a refused buyer takes time to retry.
#include <catch2/catch.hpp>

#include "tests/models/one_order_world.hpp"

namespace {

using market::Account;
using market::Currency;
using market::MarketParams;
using market::Money;
using market::testing::fixed;
using market::testing::one_order_world;
using market::testing::run_one;
using sim::days;
using sim::hours;
using sim::minutes;

// One cash order at a cashier, paid a day after the code is issued: the roubles were fixed at
// checkout, so the day's FX move decides whether they buy the whole invoice.
MarketParams cash_world() {
  MarketParams m = one_order_world();
  m.buyers.channel_shares = {{"cash", 1.0}};
  m.buyers.cash_at_terminal = 0;
  m.buyers.uses_app = 0;  // cash is for the PC site only (001:10)
  m.buyers.order_value = sim::constant(10'000);  // $100.00
  m.fx.daily_volatility = 0.05;
  auto& cash = market::testing::channel_named(m, "cash");
  cash.buyer_action_delay.value = fixed(days(1));
  cash.paid_delay.value = fixed(hours(6));
  cash.code_validity.value = hours(48);  // 001:16
  cash.p_double_debit.value = cash.p_error_but_debited.value = 0;
  cash.p_security_refusal.value = cash.p_wallet_refused.value = cash.p_insufficient_funds.value = 0;
  return m;
}

// The first seed whose order is paid short (about half are: the rate moves either way).
std::uint64_t seed_paid_short(const MarketParams& m) {
  for (std::uint64_t seed = 1; seed < 200; ++seed)
    if (run_one(m, seed).timeline.reached("partially_paid")) return seed;
  FAIL("no seed in 1..199 gives a partially paid cash order");
  return 0;
}

}  // namespace

TEST_CASE("a cash code paid short is partially paid; the buyer pays the difference (001:43)",
          "[market][cash]") {
  MarketParams m = cash_world();
  m.buyers.pays_shortfall = 1;
  const std::uint64_t seed = seed_paid_short(m);
  const auto r = run_one(m, seed);
  const auto& t = r.timeline;
  // Paid a day after checkout, shown as paid 6 h later, short: a new code for the difference,
  // paid like the first (one day), then the seller ships after handling (2 days).
  CHECK(t.at("paid_verifying") == days(1));
  CHECK(t.at("partially_paid") == days(1) + hours(6));
  CHECK(t.at("awaiting_shipment") == days(2) + hours(6));
  CHECK(t.at("shipped") == days(4) + hours(6));
  CHECK(t.last == "completed");
  // The seller got the whole invoice: the first code's dollars plus the difference.
  CHECK(r.ledger.balance(Account::SellerPaid, Currency::USD) +
            r.ledger.balance(Account::SellerPayable, Currency::USD) ==
        Money(10'000, Currency::USD));
  CHECK(r.collectors.partially_paid == 1);
  CHECK(r.collectors.shortfalls_paid == 1);
  CHECK(r.collectors.refunded_cents[static_cast<int>(market::RefundKind::Underpaid)] == 0);
}

TEST_CASE("a partially paid order whose difference is never paid is cancelled when the code "
          "runs out, and what arrived goes back", "[market][cash]") {
  MarketParams m = cash_world();
  m.buyers.pays_shortfall = 0;
  const std::uint64_t seed = seed_paid_short(m);
  const auto r = run_one(m, seed);
  const auto& t = r.timeline;
  CHECK(t.at("partially_paid") == days(1) + hours(6));
  CHECK(t.at("cancelled") == days(1) + hours(6) + hours(48));  // the new code's 48 h (001:16)
  CHECK_FALSE(t.reached("awaiting_shipment"));
  CHECK(r.collectors.shortfalls_paid == 0);
  const auto back = r.collectors.refunded_cents[static_cast<int>(market::RefundKind::Underpaid)];
  CHECK(back > 0);
  CHECK(back < 10'000);  // short of the invoice, by the FX move
  CHECK(r.ledger.balance(Account::Escrow, Currency::USD).is_zero());
  CHECK(r.ledger.balance(Account::SellerPaid, Currency::USD).is_zero());
}

TEST_CASE("an expired cash code's order is placed again with a new code (001:16, 001:41)",
          "[market][cash]") {
  MarketParams m = cash_world();
  auto& cash = market::testing::channel_named(m, "cash");
  cash.buyer_action_delay.value = fixed(days(3));  // never within the code's 48 hours
  m.buyers.max_payment_attempts = 3;
  market::RunParams run = market::testing::short_run(1);
  auto orders_placed = [&](double reorders) {
    m.buyers.reorders_expired_code = reorders;
    const auto r = market::testing::run_traced(m, run);
    std::vector<sim::Time> voided;
    market::testing::for_each_trace_row(r.trace, [&](const market::testing::TraceRow& row) {
      if (row.to == "void") voided.push_back(row.time);
    });
    CHECK(r.collectors.reordered == static_cast<std::int64_t>(r.placed) - 1);
    return voided;
  };
  const auto once = orders_placed(0);
  REQUIRE(once.size() == 1);  // void for good
  // Placed again at each expiry, every code valid 48 h, until the third code (three attempts).
  const auto again = orders_placed(1);
  REQUIRE(again.size() == 3);
  CHECK(again[1] - again[0] == hours(48));
  CHECK(again[2] - again[1] == hours(48));
}

TEST_CASE("a refused buyer retries after the refusal and the buyer's own delay, and gives up "
          "when the refusal comes", "[market][payment]") {
  MarketParams m = one_order_world();
  auto& card = market::testing::channel_named(m, "card");
  card.p_security_refusal.value = 1;  // every attempt refused
  card.buyer_action_delay.value = fixed(minutes(5));
  m.buyers.retry_after_refusal = 1;
  m.buyers.max_payment_attempts = 3;
  m.buyers.retry_delay = fixed(minutes(10));
  const auto t = run_one(m).timeline;
  // Refused at 5 min, 20 min and 35 min (each attempt's 5 minutes, 10 between them): void then.
  CHECK(t.at("void") == minutes(35));
  m.buyers.max_payment_attempts = 1;
  CHECK(run_one(m).timeline.at("void") == minutes(5));
}
