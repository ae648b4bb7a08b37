#include "sim/time_weighted.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>

TEST_CASE("time-weighted mean by hand", "[time_weighted]") {
  // Value 2 for 10 s, then 5 for 30 s: (2*10 + 5*30) / 40 = 4.25.
  sim::TimeWeighted tw(0, 2);
  tw.update(10, 5);
  CHECK(tw.integral(40) == 170);
  CHECK(tw.mean(40) == 4.25);
  CHECK(tw.observed_time(40) == 40);
  CHECK(tw.max(40) == 5);
  CHECK(tw.min(40) == 2);
  CHECK(tw.value() == 5);
  // Up to the change itself only the value 2 has been held.
  CHECK(tw.mean(10) == 2);
  CHECK(tw.max(10) == 2);
}

TEST_CASE("the observation window may start late", "[time_weighted]") {
  sim::TimeWeighted tw(sim::hours(1), 3);
  tw.update(sim::hours(2), 1);
  CHECK(tw.observed_time(sim::hours(3)) == sim::hours(2));
  CHECK(tw.mean(sim::hours(3)) == 2);
}

TEST_CASE("reset forgets the warm-up but keeps the current value", "[time_weighted]") {
  sim::TimeWeighted tw(0, 2);
  tw.update(10, 5);
  tw.update(15, 100);
  tw.update(15, 5);  // held for no time: counts in neither the area nor the max
  tw.reset(20);
  CHECK(tw.value() == 5);
  CHECK(std::isnan(tw.mean(20)));
  CHECK(tw.max(20) == -std::numeric_limits<double>::infinity());
  tw.update(30, 1);
  // 5 for 10 s and 1 for 10 s since the reset: (50 + 10) / 20 = 3.
  CHECK(tw.integral(40) == 60);
  CHECK(tw.mean(40) == 3);
  CHECK(tw.max(40) == 5);
  CHECK(tw.min(40) == 1);
}

TEST_CASE("time must not go backwards", "[time_weighted]") {
  sim::TimeWeighted tw(100, 1);
  tw.update(200, 2);
  CHECK_THROWS_AS(tw.update(199, 3), std::invalid_argument);
  CHECK_THROWS_AS(tw.reset(150), std::invalid_argument);
  CHECK_THROWS_AS(tw.mean(150), std::invalid_argument);
  CHECK_THROWS_AS(tw.integral(150), std::invalid_argument);
  CHECK(tw.value() == 2);
  CHECK(tw.mean(300) == 1.5);
}

TEST_CASE("merging pools closed observations of replications", "[time_weighted]") {
  sim::TimeWeighted first(0, 2);
  first.update(10, 5);
  first.advance(40);  // area 170 over 40 s
  sim::TimeWeighted second(0, 1);
  second.advance(60);  // area 60 over 60 s

  sim::TimeWeighted pooled;
  pooled.merge(first);
  pooled.merge(second);
  CHECK(pooled.observed_time(0) == 100);
  CHECK(pooled.integral(0) == 230);
  CHECK(pooled.mean(0) == 2.3);
  CHECK(pooled.max(0) == 5);
  CHECK(pooled.min(0) == 1);
}

TEST_CASE("integer areas beyond double precision stay exact", "[time_weighted]") {
  if constexpr (std::numeric_limits<long double>::digits >= 64) {
    // 10^4 segments of ~10^15 unit-seconds: the area reaches 10^19, past 2^53, where a double
    // accumulator rounds each addition by up to 1024.
    sim::TimeWeighted tw(0, 1e12 + 1);
    sim::Time t = 0;
    for (int i = 0; i < 10000; ++i) {
      t += 1000;
      tw.update(t, i % 2 == 0 ? 1e12 : 1e12 + 1);
    }
    CHECK(tw.mean(t) == 1e12 + 0.5);

    sim::FlatRecord record;
    tw.write_to(record);
    sim::FlatReader reader(record);
    const sim::TimeWeighted back = sim::TimeWeighted::read_from(reader);
    CHECK(back.mean(t) == 1e12 + 0.5);
  }
}

TEST_CASE("time-weighted survives a flat round trip", "[time_weighted]") {
  sim::TimeWeighted tw(0, 2);
  tw.update(10, 5);
  tw.update(25, 0.5);
  sim::FlatRecord record;
  tw.write_to(record);
  CHECK(record.ints.size() == 2);
  CHECK(record.reals.size() == 5);

  sim::FlatReader reader(record);
  sim::TimeWeighted back = sim::TimeWeighted::read_from(reader);
  CHECK(reader.at_end());
  CHECK(back.value() == 0.5);
  CHECK(back.last_change() == 25);
  CHECK(back.integral(45) == tw.integral(45));
  CHECK(back.mean(45) == tw.mean(45));
  CHECK(back.max(45) == 5);
  CHECK(back.min(45) == 0.5);
  back.update(50, 7);  // and it carries on from where it was
  CHECK(back.integral(50) == 20 + 75 + 12.5);

  record.ints[1] = -5;
  sim::FlatReader bad(record);
  CHECK_THROWS_AS(sim::TimeWeighted::read_from(bad), std::invalid_argument);
}
