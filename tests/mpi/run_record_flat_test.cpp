#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <vector>

#include <catch2/catch.hpp>

#include "tools/mpi/run_record_flat.hpp"

using market::RunRecord;
using marketsim::mpi::append_records;
using marketsim::mpi::read_records;

namespace {

std::vector<RunRecord> two_records() {
  RunRecord a{7, 0, 120, 4031, {{1.5, 0}, {std::numeric_limits<double>::quiet_NaN(), -250}}, {{1, 9900, 3}}};
  RunRecord b{std::numeric_limits<std::uint64_t>::max(), 2, 0, 0, {}, {}};
  return {a, b};
}

}  // namespace

TEST_CASE("records are laid out as counters, then each value, then each day") {
  sim::FlatRecord flat;
  append_records(two_records(), flat);
  // Written out by hand from the layout in run_record_flat.cpp; the max uint64 wraps to -1.
  // A day is (day, escrow, in flight, buyers' balances).
  const std::vector<std::int64_t> ints{7, 0, 120, 4031, 2, 1, 0, -250, 1, 9900, 3, 0,
                                       -1, 2, 0, 0, 0, 0};
  CHECK(flat.ints == ints);
  REQUIRE(flat.reals.size() == 2);
  CHECK(flat.reals[0] == 1.5);
  CHECK(std::isnan(flat.reals[1]));
}

TEST_CASE("records come back as they went in") {
  sim::FlatRecord flat;
  append_records(two_records(), flat);
  const std::vector<RunRecord> back = read_records(flat, 2);
  REQUIRE(back.size() == 2);
  CHECK(back[0].seed == 7);
  CHECK(back[0].events_dispatched == 4031);
  REQUIRE(back[0].values.size() == 2);
  CHECK(back[0].values[0].real == 1.5);
  CHECK(std::isnan(back[0].values[1].real));
  CHECK(back[0].values[1].exact == -250);
  REQUIRE(back[0].days.size() == 1);
  CHECK(back[0].days[0].day == 1);
  CHECK(back[0].days[0].escrow_cents == 9900);
  CHECK(back[0].days[0].in_flight == 3);
  CHECK(back[1].seed == std::numeric_limits<std::uint64_t>::max());
  CHECK(back[1].replication == 2);
  CHECK(back[1].values.empty());
}

TEST_CASE("asking for more or fewer records than were written is an error") {
  sim::FlatRecord flat;
  append_records(two_records(), flat);
  CHECK_THROWS_AS(read_records(flat, 3), std::out_of_range);
  CHECK_THROWS_AS(read_records(flat, 1), std::length_error);
  CHECK(read_records(sim::FlatRecord{}, 0).empty());
}
