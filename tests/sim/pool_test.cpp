#include "sim/pool.hpp"

#include <cstdint>
#include <stdexcept>
#include <vector>

#include <catch2/catch.hpp>

TEST_CASE("Pool reuses freed slots before growing (memory follows what is live)", "[pool]") {
  sim::Pool<std::uint64_t> pool;
  std::vector<std::uint32_t> slots;
  for (std::uint64_t i = 0; i < 10000; ++i) slots.push_back(pool.acquire(i));
  CHECK(pool.live() == 10000);
  CHECK(pool.capacity() == 10000);
  for (std::uint32_t i = 0; i < 10000; i += 2) pool.release(slots[i]);
  CHECK(pool.live() == 5000);
  for (int i = 0; i < 5000; ++i) pool.acquire();
  CHECK(pool.live() == 10000);
  CHECK(pool.capacity() == 10000);
  CHECK(pool[slots[1]] == 1);
  CHECK(pool[slots[9999]] == 9999);
  CHECK(pool[slots[0]] == 0);  // acquire() value-initialises
}

TEST_CASE("Pool: acquire_as_left keeps the previous user's record", "[pool]") {
  sim::Pool<std::uint64_t> pool;
  const std::uint32_t s = pool.acquire(41);
  pool.release(s);
  const std::uint32_t t = pool.acquire_as_left();
  CHECK(t == s);
  CHECK(pool[t] == 41);
}

TEST_CASE("Pool: releasing a slot not in use is a logic error", "[pool]") {
  sim::Pool<int> pool;
  const std::uint32_t s = pool.acquire(1);
  pool.release(s);
  CHECK_THROWS_AS(pool.release(s), std::logic_error);
  CHECK_THROWS_AS(pool.release(12345), std::logic_error);
  CHECK_FALSE(pool.in_use(s));
}

TEST_CASE("Pool: for_each_live visits live slots in order; copies are deep", "[pool]") {
  sim::Pool<int> pool;
  for (int i = 0; i < 6; ++i) pool.acquire(i * 10);
  pool.release(2);
  pool.release(4);
  std::vector<int> seen;
  pool.for_each_live([&](std::uint32_t, int v) { seen.push_back(v); });
  CHECK(seen == std::vector<int>{0, 10, 30, 50});
  sim::Pool<int> copy = pool;
  copy[0] = -1;
  CHECK(pool[0] == 0);
  CHECK(copy.live() == 4);
}
