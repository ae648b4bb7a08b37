#include "models/money/fx.hpp"

#include <cmath>
#include <cstdint>
#include <stdexcept>

#include <catch2/catch.hpp>

#include "sim/random.hpp"

using market::Account;
using market::Currency;
using market::FxParams;
using market::FxTable;
using market::Ledger;
using market::Money;
using market::PostingKind;

namespace {

__extension__ typedef __int128 Int128;

FxTable flat_table(int days = 1) {
  FxParams p;  // 92.5 RUB/USD, 7.1 CNY/USD
  p.daily_volatility = 0;
  return FxTable::from_normals(p, days, [] { return 0.0; });
}

// SplitMix64 feeding Box-Muller: a local normal source for the tests.
struct LocalNormal {
  sim::SplitMix64 bits;
  double uniform() {
    return (static_cast<double>(bits.next_u64() >> 11) + 0.5) * 0x1.0p-53;  // (0, 1)
  }
  double operator()() {
    const double u1 = uniform();
    const double u2 = uniform();
    return std::sqrt(-2 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
};

}  // namespace

TEST_CASE("convert rounds to the nearest minor unit, halves away from zero", "[fx]") {
  const FxTable fx = flat_table();
  // 1000 RUB at 92.5 RUB/USD = 10.8108... USD -> 10.81 USD (000:71, 000:106: rubles at the day's
  // rate).
  CHECK(fx.convert(Money::major(1000, Currency::RUB), Currency::USD, 0) ==
        Money(1081, Currency::USD));
  CHECK(fx.convert(Money::major(-1000, Currency::RUB), Currency::USD, 0) ==
        Money(-1081, Currency::USD));
  // 10.81 USD * 92.5 = 999.925 RUB: a half kopeck, away from zero -> 999.93 RUB.
  CHECK(fx.convert(Money(1081, Currency::USD), Currency::RUB, 0) == Money(99993, Currency::RUB));
  CHECK(fx.convert(Money(-1081, Currency::USD), Currency::RUB, 0) == Money(-99993, Currency::RUB));
  // 0.05 USD * 7.1 = 0.355 CNY -> 0.36 CNY.
  CHECK(fx.convert(Money(5, Currency::USD), Currency::CNY, 0) == Money(36, Currency::CNY));
  // 0.47 RUB = 0.508 cents -> 1 cent; 0.46 RUB = 0.497 cents -> 0.
  CHECK(fx.convert(Money(47, Currency::RUB), Currency::USD, 0) == Money(1, Currency::USD));
  CHECK(fx.convert(Money(46, Currency::RUB), Currency::USD, 0) == Money(0, Currency::USD));
  // Cross through USD, rounded once: 1000 RUB * 7.1 / 92.5 = 76.7567... CNY -> 76.76 CNY.
  CHECK(fx.convert(Money::major(1000, Currency::RUB), Currency::CNY, 0) ==
        Money(7676, Currency::CNY));
  // Same currency: unchanged.
  CHECK(fx.convert(Money(12345, Currency::RUB), Currency::RUB, 0) == Money(12345, Currency::RUB));
  CHECK_THROWS_AS(fx.convert(Money(INT64_MAX, Currency::USD), Currency::RUB, 0),
                  std::overflow_error);
}

TEST_CASE("convert: amounts past 64-bit products round as the small ones do", "[fx]") {
  const FxTable fx = flat_table();
  // 10,000,000,000.00 USD * 92.5 = 925,000,000,000.00 RUB exactly: the product 1e12 cents * 100
  // kopecks * 92.5e6 micro-units overflows 64 bits, so this is the 128-bit path.
  CHECK(fx.convert(Money(1'000'000'000'000, Currency::USD), Currency::RUB, 0) ==
        Money(92'500'000'000'000, Currency::RUB));
  // 9,971,218.43 USD * 92.5 = 922,337,704.775 RUB -> 922,337,704.78 (a half kopeck, away from
  // zero); 997,121,843 cents * 100 * 92.5e6 = 9.2234e18 is just past INT64_MAX.
  CHECK(fx.convert(Money(997'121'843, Currency::USD), Currency::RUB, 0) ==
        Money(92'233'770'478, Currency::RUB));
  CHECK(fx.convert(Money(-997'121'843, Currency::USD), Currency::RUB, 0) ==
        Money(-92'233'770'478, Currency::RUB));
  // Either side of where the 64-bit product stops fitting, against the exact formula
  // round_half_away(m * 100 * 92.5e6 / (100 * 1e6)).
  const std::int64_t edge = INT64_MAX / (100 * std::int64_t{92'500'000});
  for (std::int64_t m = edge - 3; m <= edge + 3; ++m) {
    for (const std::int64_t signed_m : {m, -m}) {
      const Int128 num = static_cast<Int128>(signed_m) * 100 * 92'500'000;
      const Int128 den = 100 * 1'000'000;
      Int128 q = num / den;
      const Int128 r = num % den;
      if (2 * (r < 0 ? -r : r) >= den) q += num < 0 ? -1 : 1;
      CHECK(fx.convert(Money(signed_m, Currency::USD), Currency::RUB, 0).minor() ==
            static_cast<std::int64_t>(q));
    }
  }
}

TEST_CASE("the rate table is a log-space walk with one rate per day", "[fx]") {
  FxParams p;
  p.daily_volatility = 0.01;
  int calls = 0;
  // +1 for RUB, -1 for CNY, every day.
  const FxTable fx =
      FxTable::from_normals(p, 3, [&calls] { return (calls++ % 2 == 0) ? 1.0 : -1.0; });
  CHECK(calls == 4);
  CHECK(fx.days() == 3);
  CHECK(fx.rate(Currency::USD, sim::days(1)).micro == 1'000'000);
  CHECK(fx.rate(Currency::RUB, 0).micro == 92'500'000);
  CHECK(fx.rate(Currency::RUB, sim::days(1) - 1).micro == 92'500'000);
  // 92.5e6 * e^0.01 = 93429640.455 -> 93429640; * e^0.02 = 94368623.95 -> 94368624.
  CHECK(fx.rate(Currency::RUB, sim::days(1)).micro == 93'429'640);
  CHECK(fx.rate(Currency::RUB, sim::days(2) + sim::hours(5)).micro == 94'368'624);
  // 7.1e6 * e^-0.01 = 7029353.82 -> 7029354.
  CHECK(fx.rate(Currency::CNY, sim::days(1)).micro == 7'029'354);
  // Past the end: the last rate; before time 0: the first.
  CHECK(fx.rate(Currency::RUB, sim::days(400)).micro == 94'368'624);
  CHECK(fx.rate(Currency::RUB, -5).micro == 92'500'000);
  // Day 1: 1000 RUB = 100000e6 / 93429640 cents = 1070.32 cents -> 10.70 USD;
  // to CNY: 100000 * 7029354 / 93429640 = 7523.69 fen -> 75.24 CNY.
  CHECK(fx.convert(Money::major(1000, Currency::RUB), Currency::USD, sim::days(1)) ==
        Money(1070, Currency::USD));
  CHECK(fx.convert(Money::major(1000, Currency::RUB), Currency::CNY, sim::days(1)) ==
        Money(7524, Currency::CNY));
}

TEST_CASE("the walk's daily log changes have the configured volatility", "[fx]") {
  FxParams p;
  p.daily_volatility = 0.005;
  const int days = 20001;
  sim::Rng rng(42);
  const FxTable fx(p, days, rng);
  double sum = 0;
  double sum_sq = 0;
  for (int d = 1; d < days; ++d) {
    const double step =
        std::log(static_cast<double>(fx.rate(Currency::RUB, sim::days(d)).micro) /
                 static_cast<double>(fx.rate(Currency::RUB, sim::days(d - 1)).micro));
    sum += step;
    sum_sq += step * step;
  }
  const double n = days - 1;
  const double sd = std::sqrt((sum_sq - sum * sum / n) / (n - 1));
  // The sample sd of 20000 normals is within 2% of sigma with overwhelming probability
  // (its relative standard error is 1/sqrt(2n) = 0.5%).
  CHECK(sd == Approx(0.005).epsilon(0.02));
  CHECK(std::abs(sum / n) < 4 * 0.005 / std::sqrt(n));
}

TEST_CASE("the same seed gives the same table, another seed another", "[fx]") {
  const FxParams p;
  sim::Rng a(7);
  sim::Rng b(7);
  sim::Rng c(8);
  const FxTable ta(p, 30, a);
  const FxTable tb(p, 30, b);
  const FxTable tc(p, 30, c);
  bool differs = false;
  for (int d = 0; d < 30; ++d)
    for (const Currency cur : {Currency::RUB, Currency::CNY}) {
      REQUIRE(ta.rate(cur, sim::days(d)).micro == tb.rate(cur, sim::days(d)).micro);
      differs = differs || ta.rate(cur, sim::days(d)).micro != tc.rate(cur, sim::days(d)).micro;
    }
  CHECK(differs);
  CHECK(ta.rate(Currency::RUB, 0).micro == 92'500'000);  // day 0 is the configured level
}

TEST_CASE("the table rejects bad parameters", "[fx]") {
  FxParams p;
  CHECK_THROWS_AS(FxTable::from_normals(p, 0, [] { return 0.0; }), std::invalid_argument);
  p.rub_per_usd.micro = 0;
  CHECK_THROWS_AS(FxTable::from_normals(p, 1, [] { return 0.0; }), std::invalid_argument);
  p = FxParams{};
  p.daily_volatility = -0.1;
  CHECK_THROWS_AS(FxTable::from_normals(p, 1, [] { return 0.0; }), std::invalid_argument);
}

TEST_CASE("an exchange at the day's rate balances every currency and keeps the rounding in Fx",
          "[fx]") {
  const FxTable fx = flat_table();
  Ledger ledger;
  // A buyer pays 1000 RUB for a 10.81 USD invoice: rubles become dollars, then go to escrow.
  const Money rub1000 = Money::major(1000, Currency::RUB);
  const Money usd = fx.convert(rub1000, Currency::USD, 0);
  CHECK(usd == Money(1081, Currency::USD));
  market::post_exchange(ledger, 0, Account::BuyerFunds, Account::BuyerFunds, rub1000, usd,
                        PostingKind::Payment, 7);
  ledger.hold(0, Account::BuyerFunds, usd, 7);
  ledger.check_conservation();
  CHECK(ledger.balance(Account::BuyerFunds, Currency::RUB) == Money(-100000, Currency::RUB));
  CHECK(ledger.balance(Account::BuyerFunds, Currency::USD).minor() == 0);
  CHECK(ledger.balance(Account::Fx, Currency::RUB) == Money(100000, Currency::RUB));
  CHECK(ledger.balance(Account::Fx, Currency::USD) == Money(-1081, Currency::USD));
  // Fx's position is worth 100000 kopecks / 92.5 - 1081 cents = 0.081 cents: the rounding.
  // In millionths of a kopeck: 100000e6 - 1081 * 92.5e6 = 7.5e6, i.e. 7.5 kopecks = 0.081 cent.
  CHECK(ledger.balance(Account::Fx, Currency::RUB).minor() * 1'000'000 +
            ledger.balance(Account::Fx, Currency::USD).minor() * 92'500'000 ==
        7'500'000);

  SECTION("many exchanges: Fx holds exactly the sum of rounding differences") {
    LocalNormal g{sim::SplitMix64(7)};
    Int128 residual = 0;  // in millionths of a kopeck
    for (int i = 0; i < 10000; ++i) {
      const Money paid(static_cast<std::int64_t>(g.uniform() * 5'000'000), Currency::RUB);
      const Money got = fx.convert(paid, Currency::USD, i);
      market::post_exchange(ledger, i, Account::BuyerFunds, Account::SellerPayable, paid, got,
                            PostingKind::Payment, 100 + static_cast<unsigned>(i));
      const Int128 diff = static_cast<Int128>(paid.minor()) * 1'000'000 -
                          static_cast<Int128>(got.minor()) * 92'500'000;
      REQUIRE(2 * (diff < 0 ? -diff : diff) <= 92'500'000);  // under half a cent each
      residual += diff;
    }
    ledger.check_conservation();
    const Int128 fx_value =
        static_cast<Int128>(ledger.balance(Account::Fx, Currency::RUB).minor()) * 1'000'000 +
        static_cast<Int128>(ledger.balance(Account::Fx, Currency::USD).minor()) * 92'500'000;
    CHECK(fx_value == residual + 7'500'000);
  }
  SECTION("bad exchanges are refused before anything is posted") {
    const std::uint64_t before = ledger.posting_count();
    const Money rub(500, Currency::RUB);
    const Money cents(5, Currency::USD);
    CHECK_THROWS_AS(market::post_exchange(ledger, 0, Account::BuyerFunds, Account::Fx, rub, cents,
                                          PostingKind::Payment, 9),
                    std::invalid_argument);
    CHECK_THROWS_AS(market::post_exchange(ledger, 0, Account::Escrow, Account::SellerPayable, rub,
                                          cents, PostingKind::Payment, 9),
                    std::invalid_argument);
    CHECK_THROWS_AS(market::post_exchange(ledger, 0, Account::BuyerFunds, Account::SellerPayable,
                                          Money(-500, Currency::RUB), cents, PostingKind::Payment, 9),
                    std::invalid_argument);
    CHECK_THROWS_AS(market::post_exchange(ledger, 0, Account::BuyerFunds, Account::SellerPayable,
                                          rub, Money(400, Currency::RUB), PostingKind::Payment, 9),
                    std::invalid_argument);
    CHECK(ledger.posting_count() == before);
    ledger.check_conservation();
  }
}
