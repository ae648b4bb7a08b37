#include "sim/random.hpp"

#include <boost/math/distributions/chi_squared.hpp>
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

namespace {

// Chi-square statistic of observed counts against equal expected counts.
double chi_square_uniform(const std::vector<std::uint64_t>& counts, double draws) {
  const double expected = draws / static_cast<double>(counts.size());
  double stat = 0;
  for (const auto c : counts) stat += (static_cast<double>(c) - expected) * (static_cast<double>(c) - expected) / expected;
  return stat;
}

double chi_square_critical(std::size_t cells) {
  return boost::math::quantile(boost::math::chi_squared(static_cast<double>(cells - 1)), 0.999);
}

}  // namespace

TEST_CASE("SplitMix64 matches the reference implementation", "[random]") {
  // Vigna's splitmix64.c outputs for seed 1477776061723855037, from the rand_xoshiro crate's
  // test `reference` (github.com/rust-random/rngs, rand_xoshiro/src/splitmix64.rs); first 10 of 50.
  const std::uint64_t expected[] = {
      1985237415132408290ULL,  2979275885539914483ULL,  13511426838097143398ULL,
      8488337342461049707ULL,  15141737807933549159ULL, 17093170987380407015ULL,
      16389528042912955399ULL, 13177319091862933652ULL, 10841969400225389492ULL,
      17094824097954834098ULL};
  sim::SplitMix64 sm(1477776061723855037ULL);
  for (const auto e : expected) CHECK(sm.next_u64() == e);

  // Seed 1234567: Rosetta Code "Pseudo-random numbers/Splitmix64" (citing Steele, Lea & Flood,
  // OOPSLA 2014), as copied into the splitMix64 test of a TypeScript port found by code search.
  sim::SplitMix64 rosetta(1234567);
  CHECK(rosetta.next_u64() == 0x599ED017FB08FC85ULL);
  CHECK(rosetta.next_u64() == 0x2C73F08458540FA5ULL);
  CHECK(rosetta.next_u64() == 0x883EBCE5A3F27C77ULL);
  CHECK(rosetta.next_u64() == 0x3FBEF740E9177B3FULL);
  CHECK(rosetta.next_u64() == 0xE3B8346708CB5ECDULL);

  // Seed 0: the first outputs as published with the reference C implementation.
  sim::SplitMix64 zero(0);
  CHECK(zero.next_u64() == 0xe220a8397b1dcdafULL);
  CHECK(zero.next_u64() == 0x6e789e6aa1b965f4ULL);
}

TEST_CASE("xoshiro256** matches the reference implementation from state {1,2,3,4}", "[random]") {
  // rand_xoshiro crate, test `reference` in rand_xoshiro/src/xoshiro256starstar.rs
  // (github.com/rust-random/rngs), produced with Vigna's xoshiro256starstar.c.
  const std::uint64_t expected[] = {
      11520ULL, 0ULL, 1509978240ULL, 1215971899390074240ULL, 1216172134540287360ULL,
      607988272756665600ULL, 16172922978634559625ULL, 8476171486693032832ULL,
      10595114339597558777ULL, 2904607092377533576ULL};
  auto rng = sim::Rng::from_state({1, 2, 3, 4});
  for (const auto e : expected) CHECK(rng.next_u64() == e);
}

TEST_CASE("jump and long_jump match the reference implementation", "[random]") {
  // No published vector for jump() from {1,2,3,4} was found: these come from Vigna's
  // xoshiro256starstar.c (next, jump, long_jump copied unchanged) compiled with gcc in /tmp.
  auto jumped = sim::Rng::from_state({1, 2, 3, 4});
  jumped.jump();
  CHECK(jumped.next_u64() == 0xbbd2f312298443d8ULL);
  CHECK(jumped.next_u64() == 0x62e57db2d5706577ULL);
  CHECK(jumped.next_u64() == 0x34d1890374a6d72bULL);
  CHECK(jumped.next_u64() == 0xa0425028ca8b66a0ULL);

  auto long_jumped = sim::Rng::from_state({1, 2, 3, 4});
  long_jumped.long_jump();
  CHECK(long_jumped.next_u64() == 0x527752a1d792704dULL);
  CHECK(long_jumped.next_u64() == 0xd8d8bdec57599e64ULL);
}

TEST_CASE("Rng(seed) seeds through SplitMix64 as PHP's Xoshiro256StarStar does", "[random]") {
  // php-src ext/random/tests/02_engine/xoshiro256starstar_value.phpt: engine seeded with 1234
  // (four SplitMix64 outputs), 10000 draws, jump(), jumpLong(), then one draw printed as
  // little-endian bytes "1f197e9ca7969123".
  sim::Rng rng(1234);
  for (int i = 0; i < 10000; ++i) rng.next_u64();
  rng.jump();
  rng.long_jump();
  CHECK(rng.next_u64() == 0x239196a79c7e191fULL);

  sim::Rng direct(42);
  sim::SplitMix64 sm(42);
  const sim::Rng::State first_four = {sm.next_u64(), sm.next_u64(), sm.next_u64(), sm.next_u64()};
  CHECK(direct.state() == first_four);
}

TEST_CASE("FNV-1a 64 matches the published vectors", "[random]") {
  // Landon Curt Noll's FNV test suite (isthe.com/chongo/tech/comp/fnv/).
  CHECK(sim::fnv1a64("") == 0xcbf29ce484222325ULL);
  CHECK(sim::fnv1a64("a") == 0xaf63dc4c8601ec8cULL);
  CHECK(sim::fnv1a64("foobar") == 0x85944171f73967e8ULL);
}

TEST_CASE("make_stream follows the derivation documented in random.hpp", "[random]") {
  // Expected values from a separate C program in /tmp that implements the header's text
  // (FNV-1a, three SplitMix64 mixes, SplitMix64 seeding) on top of Vigna's reference code.
  auto arrivals0 = sim::make_stream(42, 0, "arrivals");
  CHECK(arrivals0.next_u64() == 0x62b062a032015c5fULL);
  CHECK(arrivals0.next_u64() == 0x4ddac9cdabd51891ULL);
  auto arrivals1 = sim::make_stream(42, 1, "arrivals");
  CHECK(arrivals1.next_u64() == 0xb23dcb1af17abba0ULL);
  auto disputes0 = sim::make_stream(42, 0, "disputes");
  CHECK(disputes0.next_u64() == 0x9ede4173cdbaa13cULL);
}

TEST_CASE("streams are reproducible and distinct", "[random]") {
  auto a = sim::make_stream(7, 3, "shipping");
  auto b = sim::make_stream(7, 3, "shipping");
  for (int i = 0; i < 1000; ++i) REQUIRE(a.next_u64() == b.next_u64());

  const sim::Rng::State base = sim::make_stream(7, 3, "shipping").state();
  CHECK(sim::make_stream(7, 4, "shipping").state() != base);
  CHECK(sim::make_stream(8, 3, "shipping").state() != base);
  CHECK(sim::make_stream(7, 3, "shippinG").state() != base);
  CHECK(sim::make_stream(7, 3, "").state() != base);
  // Seed and replication are not interchangeable.
  CHECK(sim::make_stream(3, 7, "shipping").state() != base);
}

TEST_CASE("neighbouring streams are uncorrelated", "[random]") {
  // Pearson correlation of paired uniforms; under independence r ~ N(0, 1/n), |r| < 4/sqrt(n).
  constexpr int n = 20000;
  const auto correlation = [](sim::Rng x, sim::Rng y) {
    double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    for (int i = 0; i < n; ++i) {
      const double u = x.uniform01();
      const double v = y.uniform01();
      sx += u, sy += v, sxx += u * u, syy += v * v, sxy += u * v;
    }
    const double cov = sxy / n - (sx / n) * (sy / n);
    return cov / std::sqrt((sxx / n - (sx / n) * (sx / n)) * (syy / n - (sy / n) * (sy / n)));
  };
  const double bound = 4.0 / std::sqrt(double{n});
  CHECK(std::abs(correlation(sim::make_stream(1, 0, "a"), sim::make_stream(1, 1, "a"))) < bound);
  CHECK(std::abs(correlation(sim::make_stream(1, 0, "a"), sim::make_stream(1, 0, "b"))) < bound);
  CHECK(std::abs(correlation(sim::make_stream(1, 0, "a"), sim::make_stream(2, 0, "a"))) < bound);
}

TEST_CASE("uniform01 takes the top 53 bits", "[random]") {
  auto rng = sim::Rng::from_state({1, 2, 3, 4});
  CHECK(rng.uniform01() == static_cast<double>(11520ULL >> 11) * 0x1.0p-53);
  CHECK(rng.uniform01() == 0.0);  // the reference sequence's second output is 0
  sim::Rng r(99);
  for (int i = 0; i < 100000; ++i) {
    const double u = r.uniform01();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
  }
}

TEST_CASE("uniform_int is uniform by chi-square", "[random]") {
  SECTION("small range") {
    constexpr std::uint64_t range = 10;
    constexpr int draws = 100000;
    std::vector<std::uint64_t> counts(range);
    sim::Rng rng(2024);
    for (int i = 0; i < draws; ++i) {
      const auto k = rng.uniform_int(range);
      REQUIRE(k < range);
      ++counts[k];
    }
    CHECK(chi_square_uniform(counts, draws) < chi_square_critical(counts.size()));
  }
  SECTION("range of two thirds of 2^64") {
    // Plain modulo would put half of all draws in the lowest half of this range; chi-square
    // over eight equal bins sees that at once.
    constexpr std::uint64_t range = 0xAAAAAAAAAAAAAAAAULL;
    constexpr int draws = 80000;
    std::vector<std::uint64_t> counts(8);
    sim::Rng rng(2025);
    for (int i = 0; i < draws; ++i) {
      const auto k = rng.uniform_int(range);
      REQUIRE(k < range);
      __extension__ typedef unsigned __int128 U128;
      ++counts[static_cast<std::size_t>(static_cast<U128>(k) * 8 / range)];
    }
    CHECK(chi_square_uniform(counts, draws) < chi_square_critical(counts.size()));
  }
}

TEST_CASE("uniform_int edge cases", "[random]") {
  sim::Rng rng(1);
  for (int i = 0; i < 100; ++i) REQUIRE(rng.uniform_int(1) == 0);
  CHECK_THROWS_AS(rng.uniform_int(0), std::invalid_argument);
  CHECK_THROWS_AS(sim::Rng::from_state({0, 0, 0, 0}), std::invalid_argument);
}

TEST_CASE("bernoulli at the ends of [0, 1]", "[random]") {
  sim::Rng rng(5);
  for (int i = 0; i < 1000; ++i) {
    REQUIRE_FALSE(sim::bernoulli(rng, 0.0));
    REQUIRE(sim::bernoulli(rng, 1.0));
  }
}
