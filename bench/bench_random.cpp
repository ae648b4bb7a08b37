// Nanoseconds per draw of the kernel's generator, distributions and alias table, as JSON.
#include "sim/alias_table.hpp"
#include "sim/distribution.hpp"
#include "sim/random.hpp"
#include "sim/ziggurat.hpp"

#include <fmt/format.h>

#include <chrono>
#include <string>
#include <vector>

namespace {

constexpr int kDraws = 20'000'000;

template <class Draw>
double ns_per_draw(Draw draw) {
  double sink = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < kDraws; ++i) sink += draw();
  const std::chrono::duration<double, std::nano> elapsed = std::chrono::steady_clock::now() - start;
  // Keeps the loop from being optimised away.
  if (sink == -1.0) fmt::print(stderr, "{}\n", sink);
  return elapsed.count() / kDraws;
}

}  // namespace

int main() {
  auto rng = sim::make_stream(1, 0, "bench");
  const sim::AliasTable alias({1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
  std::vector<std::pair<std::string, double>> results = {
      {"next_u64", ns_per_draw([&] { return static_cast<double>(rng.next_u64()); })},
      {"uniform01", ns_per_draw([&] { return rng.uniform01(); })},
      {"uniform_int_1000", ns_per_draw([&] { return static_cast<double>(rng.uniform_int(1000)); })},
      {"bernoulli", ns_per_draw([&] { return sim::bernoulli(rng, 0.3) ? 1.0 : 0.0; })},
      {"alias_10", ns_per_draw([&] { return static_cast<double>(alias.sample(rng)); })},
      {"standard_normal", ns_per_draw([&] { return sim::standard_normal(rng); })},
      {"standard_exponential", ns_per_draw([&] { return sim::standard_exponential(rng); })},
  };
  // A per-entity stream made and drawn from once, as a market handler does (id and tag vary).
  const std::uint64_t base = sim::stream_key(1, 0, "orders");
  std::uint64_t id = 0;
  results.emplace_back("entity_stream_and_draw", ns_per_draw([&] {
    ++id;
    return sim::entity_stream(sim::entity_key(base, id), (id & 15) << 32 | (id & 1)).uniform01();
  }));
  const std::pair<const char*, sim::Distribution> dists[] = {
      {"sample_uniform", sim::uniform(1, 10)},
      {"sample_exponential", sim::exponential(7200)},
      {"sample_normal", sim::normal(10, 3)},
      {"sample_lognormal", sim::lognormal(1.3e6, 0.5)},
      {"sample_empirical_100", sim::empirical(std::vector<double>(100, 1.0), "bench")},
  };
  for (const auto& [name, d] : dists) results.emplace_back(name, ns_per_draw([&] { return sim::sample(d, rng); }));

  fmt::print("{{\n  \"benchmark\": \"random\",\n  \"draws\": {},\n  \"ns_per_draw\": {{\n", kDraws);
  for (std::size_t i = 0; i < results.size(); ++i)
    fmt::print("    \"{}\": {:.3f}{}\n", results[i].first, results[i].second, i + 1 < results.size() ? "," : "");
  fmt::print("  }}\n}}\n");
}
