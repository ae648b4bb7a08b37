// Holm's step-down procedure against a worked example.
#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

#include "sim/holm.hpp"

TEST_CASE("Holm steps down until a p-value passes its threshold", "[holm]") {
  // m = 4, alpha = 0.05: sorted 0.01 <= 0.05 / 4 = 0.0125 rejected; 0.015 <= 0.05 / 3 = 0.01667
  // rejected; 0.03 > 0.05 / 2 = 0.025 kept, and so is everything after it (0.02 would pass
  // its own 0.05 / 1 but the procedure has stopped). Bonferroni (0.0125) rejects only 0.01.
  const std::vector<double> p{0.03, 0.01, 0.2, 0.015};
  const auto r = sim::holm_rejections(p, 0.05);
  CHECK(r == std::vector<bool>{false, true, false, true});
  CHECK(sim::holm_rejections(std::vector<double>{0.5, 0.9}, 0.05) == std::vector<bool>{false, false});
  CHECK(sim::holm_rejections(std::vector<double>{std::nan(""), 0.9}, 0.05) ==
        std::vector<bool>{true, false});
  CHECK(sim::holm_rejections(std::vector<double>{}, 0.05).empty());
  CHECK_THROWS_AS(sim::holm_rejections(p, 0), std::invalid_argument);
}
