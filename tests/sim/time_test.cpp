#include "sim/time.hpp"

#include <catch2/catch.hpp>

TEST_CASE("time units are seconds", "[time]") {
  STATIC_REQUIRE(sim::minutes(1) == 60);
  STATIC_REQUIRE(sim::hours(1) == 3600);
  STATIC_REQUIRE(sim::days(1) == 86400);
  STATIC_REQUIRE(sim::kWeek == 604800);
  CHECK(sim::to_hours(sim::days(15)) == 360.0);
  CHECK(sim::to_days(sim::hours(36)) == 1.5);
}

TEST_CASE("from_seconds rounds half away from zero", "[time]") {
  CHECK(sim::from_seconds(1.5) == 2);
  CHECK(sim::from_seconds(-1.5) == -2);
  CHECK(sim::from_seconds(2.49) == 2);
}

TEST_CASE("format_time prints days and a clock", "[time]") {
  CHECK(sim::format_time(0) == "0d 00:00:00");
  CHECK(sim::format_time(sim::days(3) + sim::hours(4) + sim::minutes(5) + 6) == "3d 04:05:06");
  CHECK(sim::format_time(-1) == "-0d 00:00:01");
  CHECK(sim::format_time(sim::kNever) == "never");
  CHECK(sim::format_time(INT64_MIN) == "-106751991167300d 15:30:08");
}
