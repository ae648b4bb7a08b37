#include "sim/random.hpp"
#include "sim/ziggurat.hpp"

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <numbers>
#include <vector>

namespace {

constexpr int kDraws = 1 << 20;
// Kolmogorov-Smirnov critical value at alpha = 0.001 for large n (Smirnov's asymptotic table).
double ks_critical(std::size_t n) { return 1.949 / std::sqrt(static_cast<double>(n)); }

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

// Phi from Boost (a different implementation from the erfc the tables use).
double phi(double z) { return boost::math::cdf(boost::math::normal(), z); }

template <class Draw>
std::vector<double> draws(std::uint64_t seed, int n, Draw draw) {
  sim::Rng rng = sim::make_stream(seed, 0, "ziggurat_test");
  std::vector<double> xs(static_cast<std::size_t>(n));
  for (auto& x : xs) x = draw(rng);
  return xs;
}

struct Moments {
  double mean, variance, skewness, kurtosis;
};

Moments moments(const std::vector<double>& xs) {
  const auto n = static_cast<double>(xs.size());
  double m = 0;
  for (const double x : xs) m += x;
  m /= n;
  double m2 = 0, m3 = 0, m4 = 0;
  for (const double x : xs) {
    const double d = x - m;
    m2 += d * d, m3 += d * d * d, m4 += d * d * d * d;
  }
  m2 /= n, m3 /= n, m4 /= n;
  return {m, m2, m3 / std::pow(m2, 1.5), m4 / (m2 * m2)};
}

// Chi-square over `cells` cells of equal probability under `cdf` (its inverse is `quantile`).
double chi_square_equal_cells(const std::vector<double>& xs, int cells,
                              const std::function<double(double)>& cdf) {
  std::vector<double> counts(static_cast<std::size_t>(cells));
  for (const double x : xs)
    ++counts[std::min(static_cast<std::size_t>(cdf(x) * cells), static_cast<std::size_t>(cells - 1))];
  const double expected = static_cast<double>(xs.size()) / cells;
  double stat = 0;
  for (const double c : counts) stat += (c - expected) * (c - expected) / expected;
  return stat;
}

double chi_square_critical(int cells) {
  return boost::math::quantile(boost::math::chi_squared(cells - 1), 0.999);
}

// |observed - n p| in binomial standard deviations.
double binomial_error_in_sd(double observed, double n, double p) {
  return std::abs(observed - n * p) / std::sqrt(n * p * (1 - p));
}

}  // namespace

TEST_CASE("ziggurat tables: 256 layers of equal area that close at the top", "[ziggurat]") {
  const auto check = [](const sim::Ziggurat& z, const std::function<double(double)>& f, double v) {
    CHECK(z.v == Approx(v).epsilon(1e-13));
    CHECK(z.x[1] == z.r);
    CHECK(z.x[256] == 0);
    CHECK(z.f[256] == 1);
    // The base layer: the box [0, r] x [0, f(r)] and the tail, as one strip of width x[0].
    CHECK(z.x[0] * f(z.r) == Approx(v).epsilon(1e-13));
    for (std::size_t i = 1; i < 256; ++i) {
      REQUIRE(z.x[i + 1] < z.x[i]);
      REQUIRE(z.f[i] == Approx(f(z.x[i])).epsilon(1e-15));
      // Layer i: width x[i], from f(x[i]) up to f(x[i+1]); i = 255 is the top, which the
      // recursion does not force: it closes only for the right r.
      REQUIRE(z.x[i] * (z.f[i + 1] - z.f[i]) == Approx(v).epsilon(1e-9));
    }
    for (std::size_t i = 0; i < 256; ++i) {
      REQUIRE(z.layer[i].scale == z.x[i] * 0x1.0p-53);
      REQUIRE(z.layer[i].inner == z.x[i + 1]);
    }
  };
  // v from the definition: r f(r) plus the tail's area, here through Boost's normal CDF.
  const double rn = sim::normal_ziggurat().r;
  const double vn = rn * std::exp(-0.5 * rn * rn) + std::sqrt(2 * std::numbers::pi) * (1 - phi(rn));
  check(sim::normal_ziggurat(), [](double x) { return std::exp(-0.5 * x * x); }, vn);
  const double re = sim::exponential_ziggurat().r;
  check(sim::exponential_ziggurat(), [](double x) { return std::exp(-x); }, re * std::exp(-re) + std::exp(-re));
  CHECK(sim::exponential_ziggurat().x[0] == Approx(re + 1).epsilon(1e-15));

  // A wrong r leaves the top layer open: the same recursion from r + 1e-6 misses v by far more.
  const double r = rn + 1e-6;
  const auto f = [](double x) { return std::exp(-0.5 * x * x); };
  const double v = r * f(r) + std::sqrt(2 * std::numbers::pi) * (1 - phi(r));
  double x = r;
  for (int i = 1; i < 255; ++i) x = std::sqrt(-2 * std::log(f(x) + v / x));
  CHECK(std::abs(x * (1 - f(x)) / v - 1) > 1e-6);
}

TEST_CASE("ziggurat normal: KS, moments, tail, independence", "[ziggurat]") {
  const auto zs = draws(101, kDraws, [](sim::Rng& r) { return sim::standard_normal(r); });
  CHECK(ks_statistic(zs, phi) < ks_critical(zs.size()));
  CHECK(chi_square_equal_cells(zs, 256, phi) < chi_square_critical(256));

  const double n = kDraws;
  const Moments m = moments(zs);
  CHECK(std::abs(m.mean) < 4 / std::sqrt(n));
  CHECK(std::abs(m.variance - 1) < 4 * std::sqrt(2 / n));
  CHECK(std::abs(m.skewness) < 4 * std::sqrt(6 / n));
  CHECK(std::abs(m.kurtosis - 3) < 4 * std::sqrt(24 / n));

  // Signs: half negative; consecutive draws uncorrelated (sign and layer from disjoint bits).
  const double negative = static_cast<double>(std::count_if(zs.begin(), zs.end(), [](double z) { return z < 0; }));
  CHECK(binomial_error_in_sd(negative, n, 0.5) < 4);
  double sxy = 0;
  for (std::size_t i = 0; i + 1 < zs.size(); ++i) sxy += zs[i] * zs[i + 1];
  CHECK(std::abs(sxy / n) < 4 / std::sqrt(n));
}

TEST_CASE("ziggurat normal tail beyond r: its frequency and its shape", "[ziggurat]") {
  // P(|Z| > r) = 2 (1 - Phi(r)) = 2.58e-4: about 1,080 of 2^22 draws.
  const int n = 1 << 22;
  const double r = sim::normal_ziggurat().r;
  const auto zs = draws(102, n, [](sim::Rng& g) { return sim::standard_normal(g); });
  std::vector<double> tail;
  for (const double z : zs)
    if (std::abs(z) > r) tail.push_back(std::abs(z));
  CHECK(binomial_error_in_sd(static_cast<double>(tail.size()), n, 2 * (1 - phi(r))) < 4);
  // |Z| given |Z| > r against the truncated normal's CDF.
  const double above = 1 - phi(r);
  CHECK(ks_statistic(tail, [&](double t) { return (phi(t) - phi(r)) / above; }) < ks_critical(tail.size()));
  CHECK(*std::max_element(tail.begin(), tail.end()) < 12.23);
}

TEST_CASE("ziggurat exponential: KS, moments, tail", "[ziggurat]") {
  const auto xs = draws(103, kDraws, [](sim::Rng& r) { return sim::standard_exponential(r); });
  const auto cdf = [](double x) { return x <= 0 ? 0.0 : -std::expm1(-x); };
  CHECK(ks_statistic(xs, cdf) < ks_critical(xs.size()));
  CHECK(chi_square_equal_cells(xs, 256, cdf) < chi_square_critical(256));
  const double n = kDraws;
  const Moments m = moments(xs);
  CHECK(std::abs(m.mean - 1) < 4 / std::sqrt(n));
  CHECK(std::abs(m.variance - 1) < 4 * std::sqrt(8 / n));  // Var(s^2) = (mu4 - 1) / n, mu4 = 9
  CHECK(*std::min_element(xs.begin(), xs.end()) >= 0);

  // Beyond r = 7.697: P = exp(-r) = 4.5e-4, and what lies beyond is r + an exponential.
  const double r = sim::exponential_ziggurat().r;
  std::vector<double> excess;
  for (const double x : xs)
    if (x > r) excess.push_back(x - r);
  CHECK(binomial_error_in_sd(static_cast<double>(excess.size()), n, std::exp(-r)) < 4);
  CHECK(ks_statistic(excess, cdf) < ks_critical(excess.size()));
}

TEST_CASE("the ziggurat checks see a 1% error", "[ziggurat]") {
  // Guards the tests above: draws with a standard deviation or mean 1% off fail them.
  const auto zs = draws(104, kDraws, [](sim::Rng& r) { return 1.01 * sim::standard_normal(r); });
  CHECK(chi_square_equal_cells(zs, 256, phi) > chi_square_critical(256));
  CHECK(std::abs(moments(zs).variance - 1) > 4 * std::sqrt(2.0 / kDraws));
  const auto xs = draws(105, kDraws, [](sim::Rng& r) { return 1.01 * sim::standard_exponential(r); });
  CHECK(ks_statistic(xs, [](double x) { return -std::expm1(-x); }) > ks_critical(xs.size()));
}

TEST_CASE("ziggurat draws follow the documented method", "[ziggurat]") {
  // The fast path, replayed by hand from the stream's words: x = (b >> 11) 2^-53 x[i].
  const auto& z = sim::normal_ziggurat();
  sim::Rng rng(77), words(77);
  int fast = 0;
  for (int k = 0; k < 1000; ++k) {
    const std::uint64_t b = sim::Rng(words).next_u64();
    const std::size_t i = b & 0xff;
    const double x = static_cast<double>(b >> 11) * 0x1.0p-53 * z.x[i];
    const double got = sim::standard_normal(rng);
    if (x < z.x[i + 1]) {
      ++fast;
      REQUIRE(got == ((b & 0x100) ? -x : x));
      REQUIRE(rng.state() == words.state() + 0x9e3779b97f4a7c15ULL);  // one draw
    }
    words = rng;
  }
  CHECK(fast > 950);  // the layers' rectangles hold about 99% of the area
}
