// MSER-5 against series whose transient is known by construction, computed by hand.
#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

#include "sim/mser.hpp"

namespace {

// 20 observations at 100, then 80 alternating +1, -1, ... (a stationary tail around 0).
std::vector<double> step_then_noise() {
  std::vector<double> x(20, 100.0);
  for (int i = 0; i < 80; ++i) x.push_back(i % 2 == 0 ? 1.0 : -1.0);
  return x;
}

}  // namespace

TEST_CASE("MSER-5 deletes exactly a step transient", "[mser]") {
  // Batches of 5: Z_1..Z_4 = 100, then +0.2, -0.2, ... (16 batches, mean 0).
  // d = 4: 16 batches, sum of squares 16 x 0.04 = 0.64, MSER = 0.64 / 16^2 = 0.0025.
  // d = 5: 15 batches (7 of +0.2, 8 of -0.2), mean -0.2 / 15; sum of squares
  //        0.6 - 15 (0.2 / 15)^2 = 0.597333, MSER = 0.597333 / 225 = 0.0026548.
  // d = 6: 14 batches, 0.56 / 196 = 0.0028571; d < 4 keeps a batch at 100: far larger.
  const auto r = sim::mser(step_then_noise());
  CHECK(r.truncation == 20);
  CHECK(r.statistic == Approx(0.0025));
  CHECK_FALSE(r.at_limit);
}

TEST_CASE("MSER-5 keeps a series with no transient whole", "[mser]") {
  std::vector<double> x;
  for (int i = 0; i < 60; ++i) x.push_back(i % 2 == 0 ? 1.0 : -1.0);
  // Batch means alternate +0.2, -0.2 (12 batches): d = 0 gives 12 x 0.04 / 144 = 0.003333,
  // d = 2 gives 10 x 0.04 / 100 = 0.004: deleting only loses data.
  const auto r = sim::mser(x);
  CHECK(r.truncation == 0);
  CHECK(r.statistic == Approx(0.48 / 144));
}

TEST_CASE("MSER-5 on an exponential approach and on a short series", "[mser]") {
  // 1 - e^(-t / 10) plus an alternation of +-a: the batch means carry +-a / 5 of noise, and the
  // rule deletes until what is left of the transient is of that order. For a = 0.05 that is
  // e^(-t / 10) = 0.01 near t = 46; it stops at 40 (8 batches). With less noise it deletes more.
  const auto approach = [](double a) {
    std::vector<double> x;
    for (int t = 0; t < 300; ++t) x.push_back(1 - std::exp(-t / 10.0) + (t % 2 == 0 ? a : -a));
    return sim::mser(x).truncation;
  };
  CHECK(approach(0.05) >= 30);
  CHECK(approach(0.05) <= 50);
  CHECK(approach(0.01) > approach(0.05));
  // The minimum at the search's limit is flagged: the series is all transient.
  std::vector<double> ramp;
  for (int t = 0; t < 50; ++t) ramp.push_back(t);
  CHECK(sim::mser(ramp).at_limit);
  CHECK(sim::mser(std::vector<double>(9, 1.0)).truncation == -1);  // one batch of 5
  CHECK_THROWS_AS(sim::mser(ramp, 0), std::invalid_argument);
}
