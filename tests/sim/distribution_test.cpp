#include "sim/alias_table.hpp"
#include "sim/distribution.hpp"
#include "sim/random.hpp"
#include "sim/ziggurat.hpp"

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace {

constexpr int kDraws = 20000;
// Kolmogorov-Smirnov critical value at alpha = 0.001 for large n (Smirnov's asymptotic table).
const double kKsCritical = 1.949 / std::sqrt(double{kDraws});

std::vector<double> draw(const sim::Distribution& d, std::uint64_t seed, int n = kDraws) {
  auto rng = sim::make_stream(seed, 0, "distribution_test");
  std::vector<double> xs(static_cast<std::size_t>(n));
  for (auto& x : xs) x = sim::sample(d, rng);
  return xs;
}

double ks_statistic(std::vector<double> xs, const std::function<double(double)>& cdf) {
  std::sort(xs.begin(), xs.end());
  const auto n = static_cast<double>(xs.size());
  double d = 0;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    const double f = cdf(xs[i]);
    d = std::max({d, static_cast<double>(i + 1) / n - f, f - static_cast<double>(i) / n});
  }
  return d;
}

double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

// |sample mean - expected| in standard errors, with the sample's own standard deviation.
double mean_error_in_se(const std::vector<double>& xs, double expected) {
  const auto n = static_cast<double>(xs.size());
  double sum = 0, sum_sq = 0;
  for (const double x : xs) sum += x, sum_sq += x * x;
  const double m = sum / n;
  const double sd = std::sqrt((sum_sq - n * m * m) / (n - 1));
  return std::abs(m - expected) / (sd / std::sqrt(n));
}

double chi_square(const std::vector<double>& observed, const std::vector<double>& expected) {
  double stat = 0;
  for (std::size_t i = 0; i < observed.size(); ++i)
    stat += (observed[i] - expected[i]) * (observed[i] - expected[i]) / expected[i];
  return stat;
}

double chi_square_critical(std::size_t cells) {
  return boost::math::quantile(boost::math::chi_squared(static_cast<double>(cells - 1)), 0.999);
}

}  // namespace

TEST_CASE("uniform fits its CDF and mean", "[distribution]") {
  const auto d = sim::uniform(2, 5);
  const auto xs = draw(d, 1);
  CHECK(ks_statistic(xs, [](double x) { return std::clamp((x - 2) / 3, 0.0, 1.0); }) < kKsCritical);
  CHECK(mean_error_in_se(xs, sim::mean(d)) < 4);
  CHECK(*std::min_element(xs.begin(), xs.end()) >= 2);
  CHECK(*std::max_element(xs.begin(), xs.end()) < 5);
}

TEST_CASE("exponential fits its CDF and mean", "[distribution]") {
  const auto d = sim::exponential(7200);
  const auto xs = draw(d, 2);
  CHECK(ks_statistic(xs, [](double x) { return x <= 0 ? 0.0 : -std::expm1(-x / 7200); }) < kKsCritical);
  CHECK(mean_error_in_se(xs, sim::mean(d)) < 4);
}

TEST_CASE("normal fits its CDF and mean", "[distribution]") {
  const auto d = sim::normal(10, 3);
  const auto xs = draw(d, 3);
  CHECK(ks_statistic(xs, [](double x) { return normal_cdf((x - 10) / 3); }) < kKsCritical);
  CHECK(mean_error_in_se(xs, sim::mean(d)) < 4);
}

TEST_CASE("lognormal fits its CDF and mean", "[distribution]") {
  const auto d = sim::lognormal(1.3e6, 0.5);
  const auto xs = draw(d, 4);
  CHECK(ks_statistic(xs, [](double x) { return x <= 0 ? 0.0 : normal_cdf(std::log(x / 1.3e6) / 0.5); }) <
        kKsCritical);
  CHECK(mean_error_in_se(xs, sim::mean(d)) < 4);
}

TEST_CASE("empirical fits its interpolated CDF and mean", "[distribution]") {
  // Sorted {1, 2, 3, 5, 9}: each of the four gaps holds probability 1/4, spread evenly.
  const auto d = sim::empirical({5, 1, 9, 2, 3}, "gaps.csv");
  const std::vector<double> v = {1, 2, 3, 5, 9};
  const auto cdf = [&v](double x) {
    if (x <= v.front()) return 0.0;
    if (x >= v.back()) return 1.0;
    const auto i = static_cast<std::size_t>(std::upper_bound(v.begin(), v.end(), x) - v.begin()) - 1;
    return (static_cast<double>(i) + (x - v[i]) / (v[i + 1] - v[i])) / static_cast<double>(v.size() - 1);
  };
  const auto xs = draw(d, 5);
  CHECK(ks_statistic(xs, cdf) < kKsCritical);
  CHECK(mean_error_in_se(xs, sim::mean(d)) < 4);
  CHECK(*std::min_element(xs.begin(), xs.end()) >= 1);
  CHECK(*std::max_element(xs.begin(), xs.end()) <= 9);
}

TEST_CASE("the KS check rejects a wrong distribution", "[distribution]") {
  // Guards the test itself: exponential draws against a CDF with a 10% larger mean.
  const auto xs = draw(sim::exponential(7200), 2);
  CHECK(ks_statistic(xs, [](double x) { return -std::expm1(-x / 7920); }) > kKsCritical);
}

TEST_CASE("mean() uses the exact formulas", "[distribution]") {
  CHECK(sim::mean(sim::constant(86400)) == 86400);
  CHECK(sim::mean(sim::uniform(1, 10)) == 5.5);
  CHECK(sim::mean(sim::exponential(7200)) == 7200);
  CHECK(sim::mean(sim::normal(-4, 2)) == -4);
  // exp(0.5^2 / 2) = exp(0.125) = 1.1331484530668263...
  CHECK(sim::mean(sim::lognormal(1, 0.5)) == Approx(1.1331484530668263).epsilon(1e-15));
  CHECK(sim::mean(sim::lognormal(1.3e6, 0.5)) == Approx(1.3e6 * 1.1331484530668263).epsilon(1e-15));
  // Gap means 1.5, 3, 6 with weight 1/3 each.
  CHECK(sim::mean(sim::empirical({1, 2, 4, 8}, "t")) == Approx(3.5).epsilon(1e-15));
  CHECK(sim::mean(sim::empirical({42}, "one")) == 42);
}

TEST_CASE("sample() follows the documented methods", "[distribution]") {
  sim::Rng rng(11);
  sim::Rng copy = rng;

  CHECK(sim::sample(sim::constant(3), rng) == 3);
  CHECK(rng.state() == copy.state());  // Constant draws nothing

  CHECK(sim::sample(sim::uniform(1, 10), rng) == 1 + 9 * copy.uniform01());
  CHECK(sim::sample(sim::exponential(7200), rng) == 7200 * sim::standard_exponential(copy));
  CHECK(sim::sample(sim::empirical({1, 2, 4, 8}, "t"), rng) == [&] {
    const double p = copy.uniform01() * 3;
    const double lo[] = {1, 2, 4}, hi[] = {2, 4, 8};
    const auto i = static_cast<int>(p);
    return lo[i] + (p - i) * (hi[i] - lo[i]);
  }());

  CHECK(sim::sample(sim::normal(10, 3), rng) == 10 + 3 * sim::standard_normal(copy));
  CHECK(sim::sample(sim::lognormal(2, 0.5), rng) == 2 * std::exp(0.5 * sim::standard_normal(copy)));
  CHECK(rng.state() == copy.state());
}

TEST_CASE("degenerate parameters give their point value", "[distribution]") {
  sim::Rng rng(3);
  for (int i = 0; i < 100; ++i) {
    REQUIRE(sim::sample(sim::uniform(3, 3), rng) == 3);
    REQUIRE(sim::sample(sim::exponential(0), rng) == 0);
    REQUIRE(sim::sample(sim::normal(5, 0), rng) == 5);
    REQUIRE(sim::sample(sim::lognormal(7, 0), rng) == 7);
    REQUIRE(sim::sample(sim::empirical({4}, "one"), rng) == 4);
  }
}

TEST_CASE("describe() gives the canonical text", "[distribution]") {
  CHECK(sim::describe(sim::constant(86400)) == "const(86400)");
  CHECK(sim::describe(sim::uniform(1, 10)) == "uniform(1, 10)");
  CHECK(sim::describe(sim::exponential(7200)) == "exp(mean=7200)");
  CHECK(sim::describe(sim::normal(10, 2.5)) == "normal(mean=10, sd=2.5)");
  CHECK(sim::describe(sim::lognormal(1.3e6, 0.5)) == "lognormal(median=1300000, sigma=0.5)");
  CHECK(sim::describe(sim::empirical({1, 2}, "file.csv")) == "empirical(file.csv)");
}

TEST_CASE("factories reject bad parameters with a clear message", "[distribution]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  using Catch::Matchers::Contains;
  CHECK_THROWS_WITH(sim::constant(nan), Contains("constant value must be a finite number"));
  CHECK_THROWS_WITH(sim::uniform(5, 1), Contains("uniform needs lo <= hi (got lo=5, hi=1)"));
  CHECK_THROWS_WITH(sim::uniform(nan, 1), Contains("uniform lo must be a finite number"));
  CHECK_THROWS_WITH(sim::uniform(0, inf), Contains("uniform hi must be a finite number"));
  CHECK_THROWS_WITH(sim::exponential(-1), Contains("exponential mean must not be negative (got -1)"));
  CHECK_THROWS_WITH(sim::exponential(nan), Contains("exponential mean must be a finite number"));
  CHECK_THROWS_WITH(sim::normal(0, -2), Contains("normal sd must not be negative"));
  CHECK_THROWS_WITH(sim::normal(nan, 1), Contains("normal mean must be a finite number"));
  CHECK_THROWS_WITH(sim::lognormal(1, -0.5), Contains("lognormal sigma must not be negative"));
  CHECK_THROWS_WITH(sim::lognormal(0, 0.5), Contains("lognormal median must be positive"));
  CHECK_THROWS_WITH(sim::lognormal(1, nan), Contains("lognormal sigma must be a finite number"));
  CHECK_THROWS_WITH(sim::empirical({}, "empty.csv"), Contains("empirical table empty.csv has no values"));
  CHECK_THROWS_WITH(sim::empirical({1, nan}, "bad.csv"), Contains("empirical table bad.csv holds a non-finite value"));
  CHECK_THROWS_AS(sim::exponential(-1), std::invalid_argument);
}

TEST_CASE("bernoulli fits by chi-square", "[distribution]") {
  constexpr double p = 0.3;
  auto rng = sim::make_stream(6, 0, "bernoulli");
  double hits = 0;
  for (int i = 0; i < kDraws; ++i) hits += sim::bernoulli(rng, p) ? 1 : 0;
  const std::vector<double> observed = {hits, kDraws - hits};
  const std::vector<double> expected = {p * kDraws, (1 - p) * kDraws};
  CHECK(chi_square(observed, expected) < chi_square_critical(2));
}

TEST_CASE("alias table fits its weights by chi-square", "[alias]") {
  const std::vector<double> weights = {1, 2, 3, 4, 0, 10};  // sum 20
  const sim::AliasTable table(weights);
  REQUIRE(table.size() == weights.size());
  for (std::size_t i = 0; i < weights.size(); ++i) CHECK(table.probability(i) == Approx(weights[i] / 20).margin(1e-12));

  auto rng = sim::make_stream(7, 0, "alias");
  std::vector<double> counts(weights.size());
  for (int i = 0; i < kDraws; ++i) ++counts[table.sample(rng)];
  CHECK(counts[4] == 0);

  std::vector<double> observed, expected;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] == 0) continue;
    observed.push_back(counts[i]);
    expected.push_back(weights[i] / 20 * kDraws);
  }
  CHECK(chi_square(observed, expected) < chi_square_critical(observed.size()));
}

TEST_CASE("alias table over 64 unequal weights fits by chi-square", "[alias]") {
  // 64 classes with weights spread like the buyers' activity classes (exp(z), z from -2 to 2),
  // 2^20 draws: every class's frequency against weight / sum.
  std::vector<double> weights;
  double sum = 0;
  for (int i = 0; i < 64; ++i) sum += weights.emplace_back(std::exp(-2.0 + 4.0 * i / 63));
  const sim::AliasTable table(weights);
  for (std::size_t i = 0; i < weights.size(); ++i) CHECK(table.probability(i) == Approx(weights[i] / sum).epsilon(1e-12));
  constexpr int n = 1 << 20;
  auto rng = sim::make_stream(9, 0, "alias");
  std::vector<double> counts(weights.size());
  for (int i = 0; i < n; ++i) ++counts[table.sample(rng)];
  std::vector<double> expected;
  for (const double w : weights) expected.push_back(w / sum * n);
  CHECK(chi_square(counts, expected) < chi_square_critical(counts.size()));

  // Guard: the same counts against the lower half's weights 2% higher (then renormalised) fail.
  std::vector<double> skewed = expected;
  for (std::size_t i = 0; i < 32; ++i) skewed[i] *= 1.02;
  const double total_skewed = std::accumulate(skewed.begin(), skewed.end(), 0.0);
  for (double& e : skewed) e *= n / total_skewed;
  CHECK(chi_square(counts, skewed) > chi_square_critical(counts.size()));
}

TEST_CASE("alias table draws once: column from the high word, coin from the low", "[alias]") {
  // Weights {1, 3}: Vose gives column 0 threshold 0.5 with alias 1, column 1 full.
  const sim::AliasTable table({1, 3});
  sim::Rng rng(2026), copy(2026);
  for (int i = 0; i < 1000; ++i) {
    __extension__ typedef unsigned __int128 U128;
    const U128 m = static_cast<U128>(copy.next_u64()) * 2;
    const auto column = static_cast<std::size_t>(m >> 64);
    const auto low = static_cast<std::uint64_t>(m);
    const std::size_t expected = column == 1 ? 1 : (low < (std::uint64_t{1} << 63) ? 0 : 1);
    REQUIRE(table.sample(rng) == expected);
    REQUIRE(rng.state() == copy.state());  // one draw each
  }
}

TEST_CASE("alias table edge cases", "[alias]") {
  auto rng = sim::make_stream(8, 0, "alias");
  const sim::AliasTable single({2.5});
  const sim::AliasTable last_only({0, 0, 1});
  for (int i = 0; i < 1000; ++i) {
    REQUIRE(single.sample(rng) == 0);
    REQUIRE(last_only.sample(rng) == 2);
  }
}

TEST_CASE("alias table rejects bad weights", "[alias]") {
  using Catch::Matchers::Contains;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  CHECK_THROWS_WITH(sim::AliasTable({}), Contains("at least one weight"));
  CHECK_THROWS_WITH(sim::AliasTable({1, -1}), Contains("weight 1 must be finite and non-negative (got -1)"));
  CHECK_THROWS_WITH(sim::AliasTable({nan}), Contains("weight 0 must be finite and non-negative"));
  CHECK_THROWS_WITH(sim::AliasTable({1, inf}), Contains("weight 1 must be finite and non-negative"));
  CHECK_THROWS_WITH(sim::AliasTable({0, 0}), Contains("positive finite sum (got 0)"));
  CHECK_THROWS_WITH(sim::AliasTable({1.7e308, 1.7e308}), Contains("positive finite sum"));
}

TEST_CASE("likely_range and reachable_range bound the draws", "[distribution]") {
  // The constants from their definitions, computed independently.
  const double z18 = -boost::math::quantile(boost::math::normal(), sim::kLikelyTail);
  CHECK(sim::kLikelyZ == Approx(z18).epsilon(1e-9));
  // The ziggurat's largest |Z|: its tail r + a with a^2 <= 2c, c = -log(2^-53) at most; the
  // exponential's: its tail r - log(2^-53).
  const double c_max = -std::log(0x1p-53);
  CHECK(sim::kReachableZ == Approx(sim::normal_ziggurat().r + std::sqrt(2 * c_max)).epsilon(1e-12));
  CHECK(sim::kReachableExpMeans == Approx(sim::exponential_ziggurat().r + c_max).epsilon(1e-12));
  CHECK(sim::normal_ziggurat().x[0] < sim::kReachableZ);  // the layers' widest, the base
  CHECK(sim::exponential_ziggurat().x[0] < sim::kReachableExpMeans);
  // The exponential's 1 - 1e-18 quantile.
  CHECK(sim::kLikelyExpMeans == Approx(-std::log(sim::kLikelyTail)).epsilon(1e-12));

  const auto ln = sim::reachable_range(sim::lognormal(2, 0.5));
  CHECK(ln.hi == Approx(2 * std::exp(0.5 * sim::kReachableZ)));
  CHECK(ln.lo == Approx(2 * std::exp(-0.5 * sim::kReachableZ)));
  const auto nl = sim::likely_range(sim::normal(10, 3));
  CHECK(nl.lo == Approx(10 - 3 * 8.757290348782314));
  CHECK(nl.hi == Approx(10 + 3 * 8.757290348782314));
  CHECK(sim::likely_range(sim::exponential(5)).hi == Approx(5 * 41.44653167389282));
  CHECK(sim::reachable_range(sim::exponential(5)).hi == Approx(5 * sim::kReachableExpMeans));
  CHECK(sim::likely_range(sim::exponential(5)).lo > 0);
  CHECK(sim::likely_range(sim::uniform(1, 4)).lo == 1);
  CHECK(sim::likely_range(sim::empirical({3, 1, 2}, "t")).hi == 3);
  CHECK(sim::reachable_range(sim::constant(7)).lo == 7);

  for (const sim::Distribution& d : {sim::normal(10, 3), sim::lognormal(2, 0.5), sim::exponential(5),
                                     sim::uniform(1, 4), sim::empirical({1, 2, 8}, "t")}) {
    const auto likely = sim::likely_range(d);
    const auto xs = draw(d, 7);
    CHECK(std::count_if(xs.begin(), xs.end(), [&](double v) { return v < likely.lo || v > likely.hi; }) == 0);
  }
}
