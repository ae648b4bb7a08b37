// Statistics across replications against hand calculations and Student's t tables, and the
// coverage of the 95% interval over many simulated experiments.
#include <cmath>

#include <catch2/catch.hpp>

#include "sim/distribution.hpp"
#include "sim/random.hpp"
#include "tools/output/replication_stats.hpp"

TEST_CASE("mean, sd and t interval of 1, 2, 3, 4 by hand", "[stats]") {
  // mean 2.5; sd = sqrt(5/3) = 1.290994; t(0.975, 3) = 3.182446 (any t table);
  // half-width 3.182446 * 1.290994 / 2 = 2.054260.
  const auto s = market::across_replications({{1}, {2}, {3}, {4}});
  REQUIRE(s.size() == 1);
  CHECK(s[0].n == 4);
  CHECK(s[0].mean == 2.5);
  CHECK(s[0].sd == Approx(1.2909944).epsilon(1e-7));
  CHECK(s[0].ci_low == Approx(2.5 - 2.0542603).epsilon(1e-7));
  CHECK(s[0].ci_high == Approx(2.5 + 2.0542603).epsilon(1e-7));
}

TEST_CASE("t quantiles from the table: df 1 and df 29", "[stats]") {
  // t(0.975, 1) = 12.7062, t(0.975, 29) = 2.0452; sd 1 and n 2 / 30.
  CHECK(market::t_half_width(1.0, 2) == Approx(12.7062 / std::sqrt(2.0)).epsilon(1e-5));
  CHECK(market::t_half_width(1.0, 30) == Approx(2.0452 / std::sqrt(30.0)).epsilon(1e-4));
  CHECK(market::t_half_width(1.0, 30, 0.99) == Approx(2.7564 / std::sqrt(30.0)).epsilon(1e-4));
  CHECK(std::isnan(market::t_half_width(1.0, 1)));
  CHECK_THROWS_AS(market::t_half_width(1.0, 5, 1.5), std::invalid_argument);
}

TEST_CASE("columns are separate metrics; NaN cells are left out of theirs", "[stats]") {
  const double nan = std::nan("");
  const auto s = market::across_replications({{1, 10, nan}, {3, nan, nan}, {5, 30, 7}});
  CHECK(s[0].n == 3);
  CHECK(s[0].mean == 3);
  CHECK(s[0].sd == 2);
  CHECK(s[1].n == 2);
  CHECK(s[1].mean == 20);
  CHECK(s[1].sd == Approx(std::sqrt(200.0)));
  CHECK(s[2].n == 1);
  CHECK(s[2].mean == 7);
  CHECK(std::isnan(s[2].sd));
  CHECK(std::isnan(s[2].ci_low));
  CHECK_THROWS_AS(market::across_replications({{1, 2}, {3}}), std::invalid_argument);
}

TEST_CASE("covariance of two metrics by hand", "[stats]") {
  // x = 1,2,3,4; y = 2,4,6,9: var x = 5/3, cov = (-1.5*-3.25 -0.5*-1.25 +0.5*0.75 +1.5*3.75)/3
  // = (4.875 + 0.625 + 0.375 + 5.625)/3 = 3.8333; var y = (10.5625+1.5625+0.5625+14.0625)/3 = 8.9167.
  const auto c = market::covariance({{1, 2}, {2, 4}, {3, 6}, {4, 9}});
  REQUIRE(c.size() == 4);
  CHECK(c[0] == Approx(5.0 / 3));
  CHECK(c[1] == Approx(11.5 / 3));
  CHECK(c[2] == c[1]);
  CHECK(c[3] == Approx(26.75 / 3));
  CHECK(market::covariance({{1, 2}}).empty());
}

TEST_CASE("the 95% interval covers a known mean at about the stated rate", "[stats][coverage]") {
  // 400 experiments of 10 normal(5, 2) replications each. Covered ~ Binomial(400, 0.95):
  // mean 380, sd sqrt(400 * 0.95 * 0.05) = 4.36; accept within 3.5 sd.
  constexpr int kExperiments = 400;
  constexpr int kReplications = 10;
  const sim::Distribution normal = sim::normal(5.0, 2.0);
  int covered = 0;
  for (int e = 0; e < kExperiments; ++e) {
    sim::Rng rng = sim::make_stream(2026, static_cast<std::uint64_t>(e), "coverage");
    std::vector<std::vector<double>> values;
    for (int r = 0; r < kReplications; ++r) values.push_back({sim::sample(normal, rng)});
    const auto s = market::across_replications(values);
    if (s[0].ci_low <= 5.0 && 5.0 <= s[0].ci_high) ++covered;
  }
  CHECK(covered >= 380 - 15);
  CHECK(covered <= 380 + 15);
}
