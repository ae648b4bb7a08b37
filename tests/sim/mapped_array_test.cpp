#include "sim/mapped_array.hpp"

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

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

namespace {

// The VmFlags line of the mapping in /proc/self/smaps that holds `address`, empty if none.
std::string vm_flags_of(const void* address) {
  std::ifstream smaps("/proc/self/smaps");
  const auto target = reinterpret_cast<std::uintptr_t>(address);
  bool inside = false;
  for (std::string line; std::getline(smaps, line);) {
    std::uintptr_t from = 0;
    std::uintptr_t to = 0;
    char dash = 0;
    std::istringstream header(line);
    if (header >> std::hex >> from >> dash >> to && dash == '-') {
      inside = from <= target && target < to;
    } else if (inside && line.rfind("VmFlags:", 0) == 0) {
      return line;
    }
  }
  return {};
}

bool has_flag(const std::string& vm_flags, const std::string& flag) {
  std::istringstream words(vm_flags);
  for (std::string word; words >> word;) {
    if (word == flag) return true;
  }
  return false;
}

}  // namespace

// madvise(MADV_HUGEPAGE) shows as the "hg" flag of the mapping, whatever the system's THP policy.
TEST_CASE("MappedArray asks for huge pages from 16 MiB on, not below", "[mapped_array]") {
  if (!std::ifstream("/sys/kernel/mm/transparent_hugepage/enabled")) {
    WARN("kernel without transparent huge pages: nothing to check");
    return;
  }
  sim::MappedArray<Node> v;  // 16-byte nodes: the mapping doubles from 64 KiB
  const std::uint32_t below = sim::MappedArray<Node>::kHugePagesFrom / sizeof(Node) / 2;
  while (v.size() < below) v.grow();  // an 8 MiB mapping, full
  const std::string small = vm_flags_of(&v[0]);
  REQUIRE_FALSE(small.empty());
  CHECK_FALSE(has_flag(small, "hg"));
  v.grow();  // one more: the mapping doubles to 16 MiB
  const std::string large = vm_flags_of(&v[0]);
  REQUIRE_FALSE(large.empty());
  CHECK(has_flag(large, "hg"));
  CHECK(v[below].c == 0);
}
