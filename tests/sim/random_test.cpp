#include "sim/random.hpp"

#include <boost/math/distributions/chi_squared.hpp>
#include <catch2/catch.hpp>

#include <algorithm>
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

TEST_CASE("Rng(x) is SplitMix64 started at x, one counter of state", "[random]") {
  // The same reference outputs as above (Vigna's splitmix64.c, seed 1477776061723855037).
  const std::uint64_t expected[] = {
      1985237415132408290ULL,  2979275885539914483ULL,  13511426838097143398ULL,
      8488337342461049707ULL,  15141737807933549159ULL, 17093170987380407015ULL,
      16389528042912955399ULL, 13177319091862933652ULL, 10841969400225389492ULL,
      17094824097954834098ULL};
  sim::Rng rng(1477776061723855037ULL);
  for (const auto e : expected) CHECK(rng.next_u64() == e);

  // The counter: after k draws the state is start + k * G (mod 2^64), and the next draw is
  // mix13(state + G); any word is a valid start, zero included (0xe220a8397b1dcdaf above).
  sim::Rng counted(0xfffffffffffffff0ULL);
  for (int i = 0; i < 5; ++i) counted.next_u64();
  CHECK(counted.state() == 0xfffffffffffffff0ULL + 5 * 0x9e3779b97f4a7c15ULL);
  const std::uint64_t next = sim::mix13(counted.state() + 0x9e3779b97f4a7c15ULL);
  CHECK(counted.next_u64() == next);
  CHECK(sim::Rng(0).next_u64() == 0xe220a8397b1dcdafULL);
}

TEST_CASE("FNV-1a 64 matches the published vectors", "[random]") {
  // Landon Curt Noll's FNV test suite (isthe.com/chongo/tech/comp/fnv/).
  CHECK(sim::fnv1a64("") == 0xcbf29ce484222325ULL);
  CHECK(sim::fnv1a64("a") == 0xaf63dc4c8601ec8cULL);
  CHECK(sim::fnv1a64("foobar") == 0x85944171f73967e8ULL);
}

TEST_CASE("make_stream and entity_stream follow the derivation documented in random.hpp", "[random]") {
  // Expected values from a separate Python program (/tmp, not in the tree) that implements the
  // header's text: FNV-1a, the mixes, entity_key's stride E, SplitMix64 draws.
  auto arrivals0 = sim::make_stream(42, 0, "arrivals");
  CHECK(arrivals0.next_u64() == 0x52beb491eccf5744ULL);
  CHECK(arrivals0.next_u64() == 0x760fc3929b07e94eULL);
  auto arrivals1 = sim::make_stream(42, 1, "arrivals");
  CHECK(arrivals1.next_u64() == 0xf214d30f2d368e6bULL);
  auto disputes0 = sim::make_stream(42, 0, "disputes");
  CHECK(disputes0.next_u64() == 0xeb108f4edf03f700ULL);

  const std::uint64_t base = sim::stream_key(42, 0, "orders");
  CHECK(base == 0x5bc8ad9336035453ULL);
  auto first = sim::entity_stream(sim::entity_key(base, 0), 0);
  CHECK(first.next_u64() == 0x3d6ab4b19c28d338ULL);
  CHECK(first.next_u64() == 0x26bc653ba03dd7c6ULL);
  CHECK(sim::entity_stream(sim::entity_key(base, 1), 0).next_u64() == 0xc45241e1ac3115caULL);
  auto tagged = sim::entity_stream(sim::entity_key(base, 7), std::uint64_t{3} << 32 | 1);
  CHECK(tagged.next_u64() == 0xffd7234732b72e85ULL);
  CHECK(tagged.next_u64() == 0xb2f6123c27386d4dULL);
}

TEST_CASE("streams are reproducible and distinct", "[random]") {
  auto a = sim::make_stream(7, 3, "shipping");
  auto b = sim::make_stream(7, 3, "shipping");
  for (int i = 0; i < 1000; ++i) REQUIRE(a.next_u64() == b.next_u64());

  const sim::Rng::State start = sim::make_stream(7, 3, "shipping").state();
  CHECK(sim::make_stream(7, 4, "shipping").state() != start);
  CHECK(sim::make_stream(8, 3, "shipping").state() != start);
  CHECK(sim::make_stream(7, 3, "shippinG").state() != start);
  CHECK(sim::make_stream(7, 3, "").state() != start);
  // Seed and replication are not interchangeable.
  CHECK(sim::make_stream(3, 7, "shipping").state() != start);
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
  sim::Rng rng(1477776061723855037ULL);  // first output 1985237415132408290 (reference above)
  CHECK(rng.uniform01() == static_cast<double>(1985237415132408290ULL >> 11) * 0x1.0p-53);
  // A start whose first draw is 0: mix13 is a bijection with mix13(0) = 0, so the start -G.
  sim::Rng zero(0 - 0x9e3779b97f4a7c15ULL);
  CHECK(zero.uniform01() == 0.0);
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
}

TEST_CASE("bernoulli at the ends of [0, 1]", "[random]") {
  sim::Rng rng(5);
  for (int i = 0; i < 1000; ++i) {
    REQUIRE_FALSE(sim::bernoulli(rng, 0.0));
    REQUIRE(sim::bernoulli(rng, 1.0));
  }
}

namespace {

// Pearson correlation of paired values; under independence r ~ N(0, 1/n).
double pearson(const std::vector<double>& x, const std::vector<double>& y) {
  const auto n = static_cast<double>(x.size());
  double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sx += x[i], sy += y[i], sxx += x[i] * x[i], syy += y[i] * y[i], sxy += x[i] * y[i];
  }
  const double cov = sxy / n - (sx / n) * (sy / n);
  return cov / std::sqrt((sxx / n - (sx / n) * (sx / n)) * (syy / n - (sy / n) * (sy / n)));
}

double first_uniform(std::uint64_t base, std::uint64_t id, std::uint64_t tag) {
  return sim::entity_stream(sim::entity_key(base, id), tag).uniform01();
}

}  // namespace

TEST_CASE("entity keys are distinct for distinct ids", "[random]") {
  // entity_key is a bijection of id for a fixed base: 2^20 consecutive ids, no repeat.
  const std::uint64_t base = sim::stream_key(3, 0, "orders");
  std::vector<std::uint64_t> keys;
  for (std::uint64_t id = 0; id < (1u << 20); ++id) keys.push_back(sim::entity_key(base, id));
  std::sort(keys.begin(), keys.end());
  CHECK(std::adjacent_find(keys.begin(), keys.end()) == keys.end());
}

TEST_CASE("entity streams do not overlap", "[random]") {
  // 2^16 ids x 16 tags (the market's places), the first 8 draws of each: 2^23 words. Distinct
  // random words collide with probability about 2^46 / 2^64 = 4e-6; streams placed one counter
  // step apart (say Rng(key + tag * G)) would repeat each other's draws at once.
  const std::uint64_t base = sim::stream_key(5, 1, "orders");
  std::vector<std::uint64_t> words;
  words.reserve(std::size_t{1} << 23);
  for (std::uint64_t id = 0; id < (1u << 16); ++id) {
    const std::uint64_t key = sim::entity_key(base, id);
    for (std::uint64_t tag = 0; tag < 16; ++tag) {
      auto rng = sim::entity_stream(key, tag << 32);
      for (int i = 0; i < 8; ++i) words.push_back(rng.next_u64());
    }
  }
  std::sort(words.begin(), words.end());
  CHECK(std::adjacent_find(words.begin(), words.end()) == words.end());
}

TEST_CASE("adjacent entity streams are uncorrelated and uniform", "[random]") {
  // First draws of 10^5 streams: neighbouring ids (same tag), neighbouring tags (same id),
  // neighbouring occurrences, and a stream's first two draws. |r| < 4/sqrt(n) under
  // independence; the first draws over ids pass chi-square in 100 cells.
  constexpr int n = 100000;
  const std::uint64_t base = sim::stream_key(11, 0, "orders");
  std::vector<double> id0(n), id1(n), tag1(n), occ1(n), second(n);
  for (int i = 0; i < n; ++i) {
    const auto id = static_cast<std::uint64_t>(i);
    auto rng = sim::entity_stream(sim::entity_key(base, id), std::uint64_t{2} << 32);
    id0[i] = rng.uniform01();
    second[i] = rng.uniform01();
    id1[i] = first_uniform(base, id + 1, std::uint64_t{2} << 32);
    tag1[i] = first_uniform(base, id, std::uint64_t{3} << 32);
    occ1[i] = first_uniform(base, id, std::uint64_t{2} << 32 | 1);
  }
  const double bound = 4.0 / std::sqrt(double{n});
  CHECK(std::abs(pearson(id0, id1)) < bound);
  CHECK(std::abs(pearson(id0, tag1)) < bound);
  CHECK(std::abs(pearson(id0, occ1)) < bound);
  CHECK(std::abs(pearson(id0, second)) < bound);

  std::vector<std::uint64_t> cells(100);
  for (const double u : id0) ++cells[static_cast<std::size_t>(u * 100)];
  CHECK(chi_square_uniform(cells, n) < chi_square_critical(cells.size()));
  // The low bits too (uniform_int and the alias table's coin use them).
  std::vector<std::uint64_t> low(64);
  for (int i = 0; i < n; ++i)
    ++low[sim::entity_stream(sim::entity_key(base, static_cast<std::uint64_t>(i)), 0).next_u64() & 63];
  CHECK(chi_square_uniform(low, n) < chi_square_critical(low.size()));
}

TEST_CASE("the correlation check sees correlated streams", "[random]") {
  // Guards the test above: two streams one counter step apart are the same sequence shifted.
  constexpr int n = 20000;
  sim::Rng a(12345), b(12345 + 0x9e3779b97f4a7c15ULL);
  a.next_u64();
  std::vector<double> x(n), y(n);
  for (int i = 0; i < n; ++i) x[i] = a.uniform01(), y[i] = b.uniform01();
  CHECK(pearson(x, y) > 0.99);
}
