// The buyer's funds and payment currency in a whole run (models/market/funds.cpp): a card's
// funds bind at each attempt (000:98), a dollar card's funds drawn in rubles are converted at the
// day's rate, and the bank's conversion (000:201) is counted per card currency; conservation holds
// to the cent throughout.
#include <cmath>

#include <catch2/catch.hpp>

#include "models/experiment/experiment.hpp"
#include "models/market/run.hpp"
#include "tests/models/one_order_world.hpp"

namespace {

using market::Currency;
using market::Refusal;
using market::testing::channel_named;

constexpr std::size_t kCard = 0;  // the card is the catalog's first channel

// One card order of `cents`, the card holding `funds` (minor units of `currency`), at a flat
// 92.5 RUB/USD; the buyer pays in the card's currency and does not retry.
market::MarketParams card_world(std::int64_t cents, double funds, Currency currency, bool card_in_usd) {
  market::MarketParams m = market::testing::one_order_world();
  m.fx.daily_volatility = 0;
  m.buyers.order_value = sim::constant(static_cast<double>(cents));
  m.buyers.max_payment_attempts = 1;
  m.buyers.card_in_usd = card_in_usd ? 1 : 0;
  m.buyers.pays_in_card_currency = 1;
  channel_named(m, "card").funds.value = market::MoneyDistribution{sim::constant(funds), currency};
  return m;
}

// Whether the one order was refused for funds (else paid).
bool refused_for_funds(const market::MarketParams& m) {
  REQUIRE(m.channels[kCard].key == "card");
  const auto one = market::testing::run_one(m);
  const auto& card = one.collectors.channels[kCard];
  const auto short_of_funds = card.refused[static_cast<int>(Refusal::InsufficientFunds)];
  REQUIRE(card.paid + short_of_funds == 1);
  one.ledger.check_conservation();
  return short_of_funds == 1;
}

}  // namespace

TEST_CASE("channel.card.funds binds: a RUB 5,000 card pays an order below it and is refused one above "
          "(000:98)", "[funds]") {
  // $54.05 = 4,999.63 RUB at 92.5; $54.06 = 5,000.55 RUB.
  CHECK_FALSE(refused_for_funds(card_world(5405, 500'000, Currency::RUB, false)));
  CHECK(refused_for_funds(card_world(5406, 500'000, Currency::RUB, false)));
}

TEST_CASE("a dollar card's funds drawn in rubles are converted at the day's rate", "[funds]") {
  // RUB 5,000 / 92.5 = $54.054..., $54.05: the dollar card holds $54.05 exactly.
  CHECK_FALSE(refused_for_funds(card_world(5405, 500'000, Currency::RUB, true)));
  CHECK(refused_for_funds(card_world(5406, 500'000, Currency::RUB, true)));
  // Funds stated in dollars: no conversion.
  CHECK_FALSE(refused_for_funds(card_world(5000, 5000, Currency::USD, true)));
  CHECK(refused_for_funds(card_world(5001, 5000, Currency::USD, true)));
}

TEST_CASE("the bank's conversion is counted per card currency, 1.50% of each converted principal", "[funds]") {
  for (const bool usd : {false, true}) {
    market::MarketParams m = market::testing::one_order_world();
    m.buyers.population = 500;
    m.buyers.order_value = sim::lognormal(3000, 0.8);
    m.buyers.card_in_usd = usd ? 1 : 0;
    m.buyers.pays_in_card_currency = 0;  // every card payment converted by the issuing bank
    const market::testing::TracedRun r = market::testing::run_traced(m, market::testing::short_run(300));
    r.ledger.check_conservation();
    const auto& k = r.collectors.card_currency[static_cast<std::size_t>(usd ? Currency::USD : Currency::RUB)];
    const auto& ch = r.collectors.channels[kCard];
    const auto& money = usd ? ch.usd_cards : ch.money;
    INFO((usd ? "dollar cards" : "ruble cards"));
    REQUIRE(k.payments == ch.paid);
    REQUIRE(k.payments > 200);
    CHECK(k.bank_conversions == k.payments);
    CHECK(money.payments == k.payments);
    CHECK(k.spread_minor == money.spread_minor);
    // Each spread is 1.50% of its principal rounded to the minor unit: within half a unit each.
    CHECK(std::fabs(static_cast<double>(k.spread_minor) - 0.015 * static_cast<double>(money.principal_minor)) <=
          0.5 * static_cast<double>(k.payments));
    // Paid in the card's currency instead: no conversion, no spread.
    m.buyers.pays_in_card_currency = 1;
    const market::testing::TracedRun same = market::testing::run_traced(m, market::testing::short_run(300));
    same.ledger.check_conservation();
    const auto& k2 = same.collectors.card_currency[static_cast<std::size_t>(usd ? Currency::USD : Currency::RUB)];
    CHECK(k2.payments > 200);
    CHECK(k2.bank_conversions == 0);
    CHECK(k2.spread_minor == 0);
    // A dollar card paid in dollars moves nothing through the FX account.
    if (usd) {
      for (int c = 0; c < market::kCurrencyCount; ++c)
        CHECK(same.ledger.balance(market::Account::Fx, static_cast<Currency>(c)).is_zero());
    }
  }
}
