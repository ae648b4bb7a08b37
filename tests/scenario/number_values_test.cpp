// Plain numbers, number lists and inline empirical tables.
#include <catch2/catch.hpp>

#include "models/scenario/values.hpp"

using namespace market::scenario;

TEST_CASE("plain numbers and number lists") {
  CHECK(parse_number("2000") == 2000.0);
  CHECK(parse_number(" 1.3 ") == 1.3);
  CHECK(parse_number("5e3") == 5000.0);
  CHECK_THROWS_WITH(parse_number("-1"), Catch::Contains("must not be negative"));
  CHECK_THROWS_WITH(parse_number("3d"), Catch::Contains("\"3d\""));
  CHECK(parse_number_list("0.3, 0.2,1.5") == std::vector<double>{0.3, 0.2, 1.5});
  CHECK(parse_number_list("  ").empty());
  CHECK_THROWS_WITH(parse_number_list("1,,2"), Catch::Contains("empty item"));
}

TEST_CASE("inline empirical values: sorted table, text kept as written") {
  const auto d = parse_duration_distribution("empirical(1d, 1h, 6h)", ".");
  REQUIRE(d.dist.kind == sim::DistKind::Empirical);
  CHECK(d.dist.table->values == std::vector<double>{3600, 21600, 86400});
  CHECK(d.dist.table->origin == "1d, 1h, 6h");
  // Trapezoid mean over (1h, 6h, 1d): ((1h+6h)/2 + (6h+24h)/2) / 2 = 9.25h.
  CHECK(sim::mean(d.dist) == Approx(9.25 * 3600));
  CHECK_THROWS_WITH(parse_duration_distribution("empirical(1d, x=2d)", "."), Catch::Contains("unnamed"));
}
