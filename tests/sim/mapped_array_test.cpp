#include "sim/mapped_array.hpp"

#include <cstdint>

#include <catch2/catch.hpp>

namespace {

struct Node {
  std::uint64_t a;
  std::uint32_t b = 0xFFFFFFFFU;
  std::uint32_t c = 0;
};

}  // namespace

// The first mapping holds 64 KiB (4,096 of these nodes); 300,000 nodes take seven remaps.
TEST_CASE("MappedArray keeps its contents across remaps", "[mapped_array]") {
  sim::MappedArray<Node> v;
  for (std::uint32_t i = 0; i < 300000; ++i) {
    Node& n = v.grow();
    if (n.b != 0xFFFFFFFFU) FAIL("element " << i << " not value-initialised");
    n.a = std::uint64_t{i} * 3;
    n.c = i;
  }
  REQUIRE(v.size() == 300000);
  bool all = true;
  for (std::uint32_t i = 0; i < 300000; ++i)
    all = all && v[i].a == std::uint64_t{i} * 3 && v[i].c == i && v[i].b == 0xFFFFFFFFU;
  CHECK(all);
}

TEST_CASE("MappedArray copies deeply and moves", "[mapped_array]") {
  sim::MappedArray<Node> a;
  for (std::uint32_t i = 0; i < 5000; ++i) a.grow().c = i;
  sim::MappedArray<Node> b = a;
  b[10].c = 77;
  CHECK(a[10].c == 10);
  CHECK(b.size() == 5000);
  sim::MappedArray<Node> c = std::move(b);
  CHECK(c[10].c == 77);
  CHECK(c[4999].c == 4999);
  a = c;
  CHECK(a[10].c == 77);
  sim::MappedArray<Node> empty;
  a = empty;
  CHECK(a.size() == 0);
  a.grow().c = 1;
  CHECK(a[0].c == 1);
}
