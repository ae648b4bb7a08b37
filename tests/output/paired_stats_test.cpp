// Paired comparison statistics against a hand calculation, the resolution widening against the
// bucket bounds it stands for, and a quantile interval against exact quantiles of known samples.
#include <algorithm>
#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

#include "sim/histogram.hpp"
#include "sim/random.hpp"
#include "tools/output/paired_stats.hpp"

TEST_CASE("paired t, Welch and the variance-reduction factor by hand", "[stats][compare]") {
  // A = 10 12 11 15 13, B = 11 14 12 17 14, so B - A = 1 2 1 2 1.
  // mean(B - A) = 1.4; squared deviations .16 .36 .16 .36 .16 = 1.2; var = 1.2 / 4 = 0.3;
  // t(0.975, 4) = 2.776445 (any t table); half-width 2.776445 sqrt(0.3 / 5) = 0.680087.
  // var A = 14.8 / 4 = 3.7 (mean 12.2), var B = 21.2 / 4 = 5.3 (mean 13.6).
  // Factor (3.7 + 5.3) / 0.3 = 30.
  // Welch: se^2 = (3.7 + 5.3) / 5 = 1.8; df = 9^2 x 4 / (3.7^2 + 5.3^2) = 324 / 41.78 = 7.754907;
  // t(0.975, 7.754907) = 2.318752 (the t CDF's regularized incomplete beta form, inverted with
  // mpmath); half-width 2.318752 sqrt(1.8) = 3.110932.
  const std::vector<double> a{10, 12, 11, 15, 13}, b{11, 14, 12, 17, 14};
  const market::PairedStats s = market::paired_difference(a, b);
  CHECK(s.n == 5);
  CHECK(s.a.mean == Approx(12.2));
  CHECK(s.b.mean == Approx(13.6));
  CHECK(s.diff.mean == Approx(1.4));
  CHECK(s.diff.sd == Approx(std::sqrt(0.3)));
  CHECK(s.diff.ci_low == Approx(1.4 - 0.680087).epsilon(1e-6));
  CHECK(s.diff.ci_high == Approx(1.4 + 0.680087).epsilon(1e-6));
  CHECK(s.unpaired_low == Approx(1.4 - 3.110932).epsilon(1e-6));
  CHECK(s.unpaired_high == Approx(1.4 + 3.110932).epsilon(1e-6));
  CHECK(s.variance_reduction == Approx(30));
  // The two means' own intervals: t(0.975, 4) sqrt(3.7 / 5) = 2.388388 about 12.2.
  CHECK(s.a.ci_low == Approx(12.2 - 2.388388).epsilon(1e-6));
}

TEST_CASE("a pair with a figure missing is left out; A and B must pair up", "[stats][compare]") {
  const double nan = std::nan("");
  const auto s = market::paired_difference({1, 2, nan, 4}, {2, 4, 5, nan});
  CHECK(s.n == 2);
  CHECK(s.diff.mean == Approx(1.5));  // pairs (1, 2) and (2, 4)
  CHECK_THROWS_AS(market::paired_difference({1, 2}, {1}), std::invalid_argument);
  const auto none = market::paired_difference({nan}, {1});
  CHECK(none.n == 0);
  CHECK(std::isnan(none.diff.mean));
}

TEST_CASE("the same difference in every pair: an infinite factor, a zero-width interval",
          "[stats][compare]") {
  const auto s = market::paired_difference({1, 5, 9}, {2, 6, 10});
  CHECK(s.diff.ci_low == 1);
  CHECK(s.diff.ci_high == 1);
  CHECK(std::isinf(s.variance_reduction));
  CHECK(std::isnan(market::paired_difference({3, 3}, {3, 3}).variance_reduction));
}

TEST_CASE("figures known to 1% give intervals no narrower than the buckets", "[stats][compare]") {
  // 100 and 110 stand for true values in [100 / 1.01, 100 / 0.99] = [99.00990, 101.01010] and
  // [108.91089, 111.11111]; the difference lies in [7.90079, 12.10121] whatever the pairs say.
  const auto s = market::paired_difference({100, 100}, {110, 110}, 0.01);
  CHECK(s.diff.ci_low == Approx(108.910891 - 101.010101).epsilon(1e-6));
  CHECK(s.diff.ci_high == Approx(111.111111 - 99.009901).epsilon(1e-6));
  CHECK(s.a.ci_low == Approx(99.009901).epsilon(1e-6));
  CHECK(s.b.ci_high == Approx(111.111111).epsilon(1e-6));
  CHECK_THROWS_AS(market::paired_difference({1, 2}, {1, 2}, 1.0), std::invalid_argument);
}

TEST_CASE("a median's interval over replications holds the exact medians", "[stats][quantile]") {
  // Every replication's sample is 1001 values uniform on [1000, 1010]: its exact median (rank
  // 500 of the sorted sample) is near 1005 and the histogram puts every replication's in the
  // same 2.02% bucket, so the replications agree exactly (sd 0), the zero-width
  // interval. Widened by the resolution it holds every replication's exact median.
  sim::Rng rng(7);
  std::vector<std::vector<double>> medians;
  std::vector<double> exact;
  for (int r = 0; r < 8; ++r) {
    sim::LogHistogram h(0.01, 1.0 / 60, 1e6);
    std::vector<double> sample;
    for (int i = 0; i < 1001; ++i) {
      const double x = 1000 + 10 * rng.uniform01();
      sample.push_back(x);
      h.add(x);
    }
    std::sort(sample.begin(), sample.end());
    exact.push_back(sample[500]);
    medians.push_back({h.quantile(0.5)});
  }
  const auto raw = market::across_replications(medians)[0];
  REQUIRE(raw.sd == 0);  // the zero-width case
  const auto s = market::widened_by_resolution(raw, 0.01);
  for (double x : exact) {
    CHECK_FALSE((x >= raw.ci_low && x <= raw.ci_high));
    CHECK((x >= s.ci_low && x <= s.ci_high));
  }
  CHECK(s.ci_high / s.ci_low == Approx(1.01 / 0.99));  // exactly one bucket wide
}
