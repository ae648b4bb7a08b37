#include "sim/block_vector.hpp"

#include <cstdint>

#include <catch2/catch.hpp>

namespace {

using Small = sim::BlockVector<std::uint64_t, 3>;  // blocks of 8: growth is exercised early

}  // namespace

TEST_CASE("BlockVector keeps every element across many blocks", "[block_vector]") {
  Small v;
  CHECK(v.empty());
  for (std::uint64_t i = 0; i < 1000; ++i) v.push_back(i * i);
  REQUIRE(v.size() == 1000);
  for (std::uint32_t i = 0; i < 1000; ++i) CHECK(v[i] == std::uint64_t{i} * i);
}

TEST_CASE("BlockVector: references survive growth (blocks never move)", "[block_vector]") {
  Small v;
  v.push_back(7);
  const std::uint64_t* first = &v[0];
  for (int i = 0; i < 100; ++i) v.push_back(1);
  CHECK(first == &v[0]);
  CHECK(*first == 7);
}

TEST_CASE("BlockVector: grow value-initialises a new block's element", "[block_vector]") {
  Small v;
  for (int i = 0; i < 20; ++i) CHECK(v.grow() == 0);
}

TEST_CASE("BlockVector: pop_back and clear keep what was there for the next grow", "[block_vector]") {
  Small v;
  v.push_back(5);
  v.push_back(6);
  v.pop_back();
  CHECK(v.size() == 1);
  CHECK(v.back() == 5);
  CHECK(v.grow() == 6);  // documented: the element as the last user left it
  v.clear();
  CHECK(v.empty());
  CHECK(v.grow() == 5);
}

TEST_CASE("BlockVector copies deeply and moves", "[block_vector]") {
  Small a;
  for (std::uint64_t i = 0; i < 20; ++i) a.push_back(i);
  Small b = a;
  b[3] = 99;
  CHECK(a[3] == 3);
  CHECK(b.size() == 20);
  Small c = std::move(b);
  CHECK(c[3] == 99);
  CHECK(c[19] == 19);
  a = c;
  CHECK(a[3] == 99);
}
