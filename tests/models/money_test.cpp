#include "models/money/money.hpp"

#include <catch2/catch.hpp>

using market::BasisPoints;
using market::Currency;
using market::Money;

TEST_CASE("money refuses to mix currencies", "[money]") {
  const Money usd = Money::major(10, Currency::USD);
  const Money rub = Money::major(10, Currency::RUB);
  CHECK_THROWS_AS(usd + rub, market::CurrencyMismatch);
  CHECK_THROWS_AS(usd - rub, market::CurrencyMismatch);
  CHECK_THROWS_AS((void)(usd < rub), market::CurrencyMismatch);
  CHECK_THROWS_AS((void)(usd == rub), market::CurrencyMismatch);
  CHECK((usd + usd).minor() == 2000);
}

TEST_CASE("money formats with exact minor digits", "[money]") {
  CHECK(market::format_money(Money(123450, Currency::USD)) == "1234.50 USD");
  CHECK(market::format_amount(Money(-5, Currency::RUB)) == "-0.05");
  CHECK(market::format_amount(Money(INT64_MIN, Currency::CNY)) == "-92233720368547758.08");
  CHECK(market::parse_currency("RUB") == Currency::RUB);
  CHECK_FALSE(market::parse_currency("rub").has_value());
}

// Hand calculations of the one rounding rule: nearest minor unit, halves away from zero.
TEST_CASE("apply_rate rounds to the nearest minor unit, halves away from zero", "[money]") {
  // MegaFon 1.95% (000:171-183) of 100.01 RUB = 195.0195 kopecks -> 195.
  CHECK(apply_rate(Money(10001, Currency::RUB), BasisPoints{195}).minor() == 195);
  // 1% of 0.50 USD = 0.5 cent -> 1 cent; of -0.50 USD -> -1 cent.
  CHECK(apply_rate(Money(50, Currency::USD), BasisPoints{100}).minor() == 1);
  CHECK(apply_rate(Money(-50, Currency::USD), BasisPoints{100}).minor() == -1);
  // 1% of 0.49 USD = 0.49 cent -> 0.
  CHECK(apply_rate(Money(49, Currency::USD), BasisPoints{100}).minor() == 0);
  // WebMoney 0.8% (000:139-143) of 25.00 USD = 20 cents exactly.
  CHECK(apply_rate(Money(2500, Currency::USD), BasisPoints{80}).minor() == 20);
  // Beeline 3.9% of 1000 RUB = 39 RUB.
  CHECK(apply_rate(Money::major(1000, Currency::RUB), BasisPoints{390}) ==
        Money::major(39, Currency::RUB));
  // No overflow on the largest amounts.
  CHECK(apply_rate(Money(INT64_MAX, Currency::USD), BasisPoints{10000}).minor() == INT64_MAX);
}
