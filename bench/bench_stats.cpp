// Cost per observation of the streaming statistics, which sit on the per-event hot path.
// Prints one JSON object on stdout.
#include <fmt/format.h>

#include <chrono>
#include <cstdint>
#include <vector>

#include "sim/histogram.hpp"
#include "sim/tally.hpp"
#include "sim/time_weighted.hpp"

namespace {

constexpr std::int64_t kObservations = 20'000'000;

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// Values prepared up front so the timing is of the statistic, not of the generator.
std::vector<double> values() {
  std::uint64_t seed = 7;
  std::vector<double> xs(1 << 16);
  for (double& x : xs) x = static_cast<double>(splitmix64(seed) >> 40);
  return xs;
}

template <class F>
double ns_per_call(F&& f) {
  const auto start = std::chrono::steady_clock::now();
  for (std::int64_t i = 0; i < kObservations; ++i) f(i);
  const std::chrono::duration<double, std::nano> elapsed = std::chrono::steady_clock::now() - start;
  return elapsed.count() / static_cast<double>(kObservations);
}

}  // namespace

int main() {
  const std::vector<double> xs = values();
  const auto x = [&](std::int64_t i) { return xs[static_cast<std::size_t>(i) & (xs.size() - 1)]; };

  sim::Tally tally;
  const double tally_ns = ns_per_call([&](std::int64_t i) { tally.add(x(i)); });
  sim::TimeWeighted tw;
  const double tw_ns = ns_per_call([&](std::int64_t i) { tw.update(i, x(i)); });
  sim::LogHistogram hist(0.01, 1, 1e12);
  const double hist_ns = ns_per_call([&](std::int64_t i) { hist.add(x(i)); });

  // The results are printed so the loops cannot be optimised away.
  fmt::print(
      "{{\"bench\": \"stats\", \"observations\": {}, \"tally_add_ns\": {:.2f}, "
      "\"time_weighted_update_ns\": {:.2f}, \"log_histogram_add_ns\": {:.2f}, "
      "\"checksum\": {:.6g}}}\n",
      kObservations, tally_ns, tw_ns, hist_ns,
      tally.mean() + tw.mean(kObservations) + hist.quantile(0.5));
}
