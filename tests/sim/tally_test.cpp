#include "sim/tally.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "sim/random.hpp"

namespace {

const std::vector<double> kHandData = {2, 4, 4, 4, 5, 5, 7, 9};

sim::Tally tally_of(const std::vector<double>& xs, std::size_t from, std::size_t to) {
  sim::Tally t;
  for (std::size_t i = from; i < to; ++i) t.add(xs[i]);
  return t;
}

double unit(sim::SplitMix64& bits) { return static_cast<double>(bits.next_u64() >> 11) * 0x1p-53; }

}  // namespace

TEST_CASE("tally matches a hand calculation", "[tally]") {
  const sim::Tally t = tally_of(kHandData, 0, kHandData.size());
  CHECK(t.count() == 8);
  CHECK(t.sum() == 40);
  CHECK(t.mean() == 5);
  CHECK(t.population_variance() == 4);
  CHECK(t.sample_variance() == Approx(32.0 / 7).epsilon(1e-15));
  CHECK(t.sample_stddev() == Approx(std::sqrt(32.0 / 7)).epsilon(1e-15));
  CHECK(t.standard_error() == Approx(std::sqrt(4.0 / 7)).epsilon(1e-15));
  CHECK(t.min() == 2);
  CHECK(t.max() == 9);
}

TEST_CASE("tally keeps its variance where the sum of squares cancels", "[tally]") {
  // Shifted by 1e9 the squares are ~1e18 and the naive formula loses every digit of the answer 4.
  std::vector<double> shifted;
  for (const double x : kHandData) shifted.push_back(1e9 + x);
  const sim::Tally t = tally_of(shifted, 0, shifted.size());
  CHECK(t.mean() == 1e9 + 5);
  // Welford's error here is a few ulp of 1e9 (1.2e-7) per step; the naive formula is off by ~1000.
  CHECK(t.population_variance() == Approx(4).margin(1e-6));
}

TEST_CASE("merging two halves gives the whole", "[tally]") {
  sim::Tally left = tally_of(kHandData, 0, 4);
  const sim::Tally right = tally_of(kHandData, 4, 8);
  left.merge(right);
  CHECK(left.count() == 8);
  CHECK(left.mean() == 5);
  CHECK(left.population_variance() == 4);
  CHECK(left.min() == 2);
  CHECK(left.max() == 9);
  CHECK(left.sum() == 40);
}

TEST_CASE("merging many chunks agrees with a two-pass computation", "[tally]") {
  sim::SplitMix64 rng(20240601);
  std::vector<double> xs;
  for (int i = 0; i < 10000; ++i) xs.push_back(1000 + 50 * unit(rng) * unit(rng));

  double mean = 0;
  for (const double x : xs) mean += x;
  mean /= static_cast<double>(xs.size());
  double ss = 0;
  for (const double x : xs) ss += (x - mean) * (x - mean);

  sim::Tally merged;
  for (std::size_t from = 0; from < xs.size(); from += 37) {
    merged.merge(tally_of(xs, from, std::min(xs.size(), from + 37)));
  }
  const sim::Tally whole = tally_of(xs, 0, xs.size());
  for (const sim::Tally& t : {merged, whole}) {
    CHECK(t.count() == 10000);
    CHECK(t.mean() == Approx(mean).epsilon(1e-13));
    CHECK(t.sample_variance() == Approx(ss / 9999).epsilon(1e-10));
  }
}

TEST_CASE("an empty tally is the identity of merge", "[tally]") {
  sim::Tally empty;
  CHECK(std::isnan(empty.mean()));
  CHECK(std::isnan(empty.population_variance()));
  CHECK(empty.min() == INFINITY);
  CHECK(empty.max() == -INFINITY);

  sim::Tally t = tally_of(kHandData, 0, kHandData.size());
  t.merge(empty);
  CHECK(t.count() == 8);
  CHECK(t.mean() == 5);
  empty.merge(t);
  CHECK(empty.count() == 8);
  CHECK(empty.population_variance() == 4);
  CHECK(empty.min() == 2);
}

TEST_CASE("sample variance needs two observations", "[tally]") {
  sim::Tally t;
  t.add(3);
  CHECK(t.mean() == 3);
  CHECK(t.population_variance() == 0);
  CHECK(std::isnan(t.sample_variance()));
  CHECK(std::isnan(t.standard_error()));
}

TEST_CASE("tally survives a flat round trip and rejects bad records", "[tally]") {
  const sim::Tally t = tally_of(kHandData, 0, 5);
  sim::FlatRecord record;
  t.write_to(record);
  t.write_to(record);
  CHECK(record.ints.size() == 2);
  CHECK(record.reals.size() == 10);

  sim::FlatReader reader(record);
  for (int i = 0; i < 2; ++i) {
    const sim::Tally back = sim::Tally::read_from(reader);
    CHECK(back.count() == t.count());
    CHECK(back.mean() == t.mean());
    CHECK(back.sample_variance() == t.sample_variance());
    CHECK(back.sum() == t.sum());
    CHECK(back.min() == t.min());
    CHECK(back.max() == t.max());
  }
  CHECK(reader.at_end());
  CHECK_THROWS_AS(sim::Tally::read_from(reader), std::out_of_range);

  record.ints[0] = -1;
  sim::FlatReader bad(record);
  CHECK_THROWS_AS(sim::Tally::read_from(bad), std::invalid_argument);
}
