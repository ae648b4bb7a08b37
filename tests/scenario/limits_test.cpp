// The bounds of scenario values (models/scenario/limits.hpp) and the limits across keys
// (market_limits.hpp): each refused with one line naming the origin, the key, the figure and the
// limit; values at the limit accepted. The figures are computed here from their definitions.
#include <catch2/catch.hpp>

#include <boost/math/distributions/normal.hpp>
#include <fmt/format.h>
#include <cmath>
#include <string>
#include <vector>

#include "models/scenario/market_limits.hpp"
#include "models/scenario/market_scenario.hpp"
#include "tests/scenario/temp_dir.hpp"

using namespace market::scenario;
using market::scenario::testing::TempDir;

namespace {

std::string error_of(const std::vector<std::string>& sets) {
  try {
    load_market_default(sets);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "(no error)";
}

std::string file_error(const std::filesystem::path& file, const std::vector<std::string>& sets = {}) {
  try {
    load_market_file(file, sets);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "(no error)";
}

// 0.5 erfc(z / sqrt 2) = 1e-18: the likely range's z, from Boost rather than the constant.
const double kZ = -boost::math::quantile(boost::math::normal(), 1e-18);

}  // namespace

TEST_CASE("durations: at most 36500d, every written value", "[scenario][limits]") {
  CHECK(error_of({"protection.release_after_confirmation=36500d"}) == "(no error)");
  CHECK(error_of({"protection.release_after_confirmation=36501d"}) ==
        "--set: protection.release_after_confirmation: 36501d is above the maximum 36500d");
  CHECK(error_of({"protection.release_after_confirmation=9223372036854775807s"}) ==
        "--set: protection.release_after_confirmation: 9223372036854775807s is above the maximum 36500d");
  CHECK(error_of({"run.horizon=3000000000d"}) == "--set: run.horizon: 3000000000d is above the maximum 36500d");
}

TEST_CASE("money, rates, counts and ratios have their bounds", "[scenario][limits]") {
  // Money bounds hold in the amount's own currency.
  CHECK(error_of({"channel.bank_transfer.terminal_note=10000000.00 RUB"}) == "(no error)");
  CHECK(error_of({"channel.bank_transfer.terminal_note=10000000.01 RUB"}) ==
        "--set: channel.bank_transfer.terminal_note: 10000000.01 RUB is above the maximum 10000000 RUB");
  CHECK(error_of({"channel.card.max_order=10000001 USD"}) ==
        "--set: channel.card.max_order: 10000001 USD is above the maximum 10000000 USD");
  CHECK(error_of({"channel.card.fee_rate=100%"}) == "(no error)");
  CHECK(error_of({"channel.card.fee_rate=1000000000000000%"}) ==
        "--set: channel.card.fee_rate: 1000000000000000% is above the maximum 100%");
  CHECK(error_of({"run.replications=1000000000"}) ==
        "--set: run.replications: 1000000000 is above the maximum 1000000");
  CHECK(error_of({"seller.new.population=0"}) == "--set: seller.new.population: 0 is below the minimum 1");
  CHECK(error_of({"buyers.max_payment_attempts=256"}) ==
        "--set: buyers.max_payment_attempts: 256 is above the maximum 255");
  CHECK(error_of({"fx.rub_per_usd=0.0000001"}) == "--set: fx.rub_per_usd: 0.0000001 is below the minimum 0.0001");
  CHECK(error_of({"route.br.transit_factor=1e6"}) == "--set: route.br.transit_factor: 1e6 is above the maximum 1000");
  CHECK(error_of({"arrivals.orders_per_day=1e300"}) ==
        "--set: arrivals.orders_per_day: 1e300 is above the maximum 10000000");
  CHECK(error_of({"arrivals.sale_days=3, 1e20"}) == "--set: arrivals.sale_days: 3, 1e20 holds 1e+20, above the maximum 36500");
  // A seed may be any int64 >= 0.
  CHECK(error_of({"run.seed=9223372036854775807"}) == "(no error)");
}

TEST_CASE("distributions: their likely range inside the bounds", "[scenario][limits]") {
  // normal(mean, sd) reaches mean - z sd: 10d - 8.757d >= 0 passes, 8d - 8.757d < 0 does not
  // (a figure under a day is shown in seconds).
  CHECK(error_of({"buyers.confirm_delay=normal(mean=10d, sd=1d)"}) == "(no error)");
  CHECK(error_of({"buyers.confirm_delay=normal(mean=8d, sd=1d)"}) ==
        fmt::format("--set: buyers.confirm_delay: normal(mean=8d, sd=1d) draws {:.6g}s or less once in 1e18 draws, "
                    "below the minimum 0s",
                    (8 - kZ) * 86400));
  // lognormal(median, sigma) reaches median * exp(z sigma).
  CHECK(error_of({"buyers.confirm_delay=lognormal(median=3d, sigma=1.2)"}) ==
        fmt::format("--set: buyers.confirm_delay: lognormal(median=3d, sigma=1.2) draws {:.6g}d or more once in 1e18 "
                    "draws, above the maximum 36500d",
                    3 * std::exp(1.2 * kZ)));
  CHECK(error_of({"buyers.confirm_delay=lognormal(median=2d, sigma=1000000)"}) ==
        "--set: buyers.confirm_delay: lognormal(median=2d, sigma=1000000) draws an infinite value, above the maximum "
        "36500d");
  // Inside the bounds for all but 1e-18 of the draws, yet able to reach past 2^53: a tiny median
  // with a wide sigma, 1e-300 * exp(78 * 8.757) = 4.5e-4, but 1e-300 * exp(78 * 12.007) = 5.6e106
  // (exp(936.6) alone overflows a double: the sampler would return infinity).
  CHECK(error_of({"disputes.partial_fraction=lognormal(median=1e-300, sigma=78)"}) ==
        "--set: disputes.partial_fraction: lognormal(median=1e-300, sigma=78) can draw an infinite value at the "
        "farthest, beyond any value a run can hold");
  // Order values must be positive: zero, negative, or a normal reaching below zero are refused.
  CHECK(error_of({"buyers.order_value=const(0 USD)"}) ==
        "--set: buyers.order_value: const(0 USD) draws 0 USD, not above the minimum 0 USD");
  CHECK(error_of({"buyers.order_value=const(-5.00 USD)"}) ==
        "--set: buyers.order_value: const(-5.00 USD) draws -5 USD, not above the minimum 0 USD");
  CHECK(error_of({"buyers.order_value=normal(mean=10 USD, sd=100 USD)"}).find("draws -865.729 USD or less") !=
        std::string::npos);
  CHECK(error_of({"buyers.order_value=lognormal(median=10 USD, sigma=1)"}) == "(no error)");
  CHECK(error_of({"disputes.partial_fraction=uniform(0.5, 2)"}) ==
        "--set: disputes.partial_fraction: uniform(0.5, 2) draws 2, above the maximum 1");
  CHECK(error_of({"disputes.partial_fraction=const(-0.5)"}) ==
        "--set: disputes.partial_fraction: const(-0.5) draws -0.5, below the minimum 0");
}

TEST_CASE("a value another overrides is checked too", "[scenario][limits]") {
  TempDir dir;
  const auto hidden = dir.write("hidden.ini", "[buyers]\nuses_app = banana\n[run]\nseed = -7\n");
  CHECK(file_error(hidden, {"buyers.uses_app=0.5", "run.seed=3"}).find("hidden.ini:2: buyers.uses_app: invalid probability") !=
        std::string::npos);
  const auto seed = dir.write("seed.ini", "[run]\nseed = -7\n");
  CHECK(file_error(seed, {"run.seed=3"}).ends_with("seed.ini:2: run.seed: -7 is below the minimum 0"));
  dir.write("inner.ini", "[run]\nhorizon = 99999d\n");
  const auto outer = dir.write("outer.ini", "include = inner.ini\n[run]\nhorizon = 30d\n");
  CHECK(file_error(outer).ends_with("inner.ini:2: run.horizon: 99999d is above the maximum 36500d"));
}

TEST_CASE("at most 255 channels, seller segments, carriers and routes", "[scenario][limits]") {
  TempDir dir;
  // 3 built-in carriers and 253 added ones: 256, the 256th being k252.
  std::string text = "[carrier.china_post]\nshare = 0\n[carrier.aliexpress_standard]\nshare = 0\n[carrier.express]\nshare = 1\n";
  for (int i = 0; i < 253; ++i) text += fmt::format("[carrier.k{:03}]\nshare = 0\n", i);
  const auto file = dir.write("many.ini", text);
  CHECK(file_error(file).ends_with(
      "many.ini:512: carrier.k252.share: 256 carriers, above the limit 255 (an order keeps the index in one byte)"));
  // 252 added carriers, 255 in all, are fine.
  text.resize(text.find("[carrier.k252]"));
  CHECK(file_error(dir.write("fine.ini", text)) == "(no error)");
}

TEST_CASE("the work of a run is estimated and bounded up front", "[scenario][limits]") {
  const LoadedScenario l = load_market_default();
  // 2000 orders a day at the peak hour (1.9) of the peak weekday (1.05) for 365 days.
  CHECK(arrival_candidates(l.market, l.run) == Approx(2000 * 1.97 * 1.05 * 365));
  market::RunParams capped = l.run;
  capped.max_orders = 1000;
  // max_orders / mean factor * peak factor; the profiles are scaled to mean 1 at load (peak 1.97).
  CHECK(arrival_candidates(l.market, capped) == Approx(1000 * 1.97 * 1.05));
  // 1e7 a day for 365 days at the peak: 7.28e9 candidates, above 1e9.
  CHECK(error_of({"arrivals.orders_per_day=10000000"}) ==
        "--set: arrivals.orders_per_day: a replication would draw 7.55e+09 arrival candidates (orders a day x the "
        "peak hourly, weekly and sale-day factor x 365 days), above the limit 1e+09");
  CHECK(error_of({"arrivals.orders_per_day=10000000", "run.max_orders=1000"}) == "(no error)");
  // 1,456,350 candidates x 100,000 replications = 1.46e11, above 1e11.
  CHECK(error_of({"run.replications=100000"}) ==
        "--set: run.replications: 100000 replications of 1.51e+06 arrival candidates each are 1.51e+11, above the "
        "limit 1e+11");
}

TEST_CASE("transit times factor and the FX walk stay in range", "[scenario][limits]") {
  // china_post's transit lognormal(25d, 0.35) reaches 25d * exp(0.35 z) = 535.9d; x 60 fits, x 100 does not.
  const double hi = 25 * std::exp(0.35 * kZ);
  CHECK(hi == Approx(535.89).epsilon(1e-4));
  CHECK(error_of({"route.br.transit_factor=60"}) == "(no error)");
  CHECK(error_of({"route.br.transit_factor=100"}) ==
        fmt::format("--set: route.br.transit_factor: 100 times carrier china_post's transit (up to {:.6g}d) is "
                    "{:.6g}d, above the maximum 36500d",
                    hi, hi * 100));
  // The walk over 366 days: exp(z * vol * sqrt(366)); vol 0.05 gives x4344 (92.5 RUB -> 4.0e5),
  // vol 0.1 gives x1.9e7 (92.5 RUB -> 1.75e9, above 1e9).
  CHECK(error_of({"fx.daily_volatility=0.05"}) == "(no error)");
  const double spread = std::exp(kZ * 0.1 * std::sqrt(366.0));
  CHECK(error_of({"fx.daily_volatility=0.1"}) ==
        fmt::format("--set: fx.daily_volatility: over 366 days the rate walk can take RUB per USD from 92.5 to "
                    "{:.3g} .. {:.3g} (8.76 sd), outside 0.0001 .. 1e9",
                    92.5 / spread, 92.5 * spread));
}

TEST_CASE("a channel's limits must admit some order", "[scenario][limits]") {
  CHECK(error_of({"channel.card.min_order=100 USD", "channel.card.max_order=50 RUB"}) ==
        "--set: channel.card.min_order: 100.00 USD is above max_order 50.00 RUB at the day-0 rates");
  // 5000 RUB is 54.05 USD at 92.5 RUB per USD: above 50 USD, below 60 USD.
  CHECK(error_of({"channel.card.min_order=50 USD", "channel.card.max_order=5000 RUB"}) == "(no error)");
  CHECK(error_of({"channel.card.min_order=60 USD", "channel.card.max_order=5000 RUB"}) != "(no error)");
  CHECK(error_of({"channel.card.min_order=50 RUB", "channel.card.max_order=50 RUB", "channel.card.min_inclusive=false"}) ==
        "--set: channel.card.min_order: min_order = max_order = 50.00 RUB with an exclusive bound admits no order");
}

TEST_CASE("channel funds: a money distribution in a currency the channel holds, or none", "[scenario][limits]") {
  CHECK(error_of({"channel.card.funds=lognormal(median=12000 RUB, sigma=0.5)"}) == "(no error)");
  CHECK(error_of({"channel.card.funds=uniform(10.00 USD, 500.00 USD)"}) == "(no error)");  // dollar cards
  CHECK(error_of({"channel.cash.funds=none"}) == "(no error)");
  CHECK(error_of({"channel.phone_mts.funds=const(5.00 USD)"}) ==
        "--set: channel.phone_mts.funds: USD funds: the channel's buyers hold RUB; set funds in RUB or to none");
  CHECK(error_of({"channel.card.funds=const(5.00 CNY)"}) ==
        "--set: channel.card.funds: CNY funds: the channel's buyers hold RUB (or USD: cards issued in dollars); set funds in RUB or to none");
  CHECK(error_of({"channel.card.funds=const(-5.00 RUB)"}) ==
        "--set: channel.card.funds: const(-5.00 RUB) draws -5 RUB, not above the minimum 0 RUB");
  CHECK(error_of({"channel.card.funds=const(5.00 XYZ)"}).starts_with("--set: channel.card.funds: "));
  CHECK(error_of({"channel.card.funds=const(5.00 XYZ)"}).ends_with("(or \"none\")"));
  CHECK(error_of({"channel.card.funds=nothing"}).ends_with("(or \"none\")"));
  // Beyond the largest amount a run holds (10,000,000 in the currency).
  CHECK(error_of({"channel.card.funds=const(10000000.01 RUB)"}) ==
        "--set: channel.card.funds: const(10000000.01 RUB) draws 1e+07 RUB, above the maximum 10000000 RUB");
}
