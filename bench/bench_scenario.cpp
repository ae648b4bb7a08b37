// The default scenario end to end (market::default_market(), every collector and the ledger on)
// for a given number of orders: arrivals stop after N orders, then the run drains.
// Prints one JSON object on stdout (and to --out FILE if given).
//
//   bench_scenario --orders 1000000 [--orders-per-day 2000] [--seed 1] [--out FILE]
//
// Figures:
//   wall_s, orders_per_s, events_per_s     whole run (start, horizon, drain), one core
//   peak_rss_bytes                         VmHWM at the end (the process's peak resident set)
//   setup_rss_bytes                        VmRSS just before the run: binary, world, FX table
//   peak_in_flight                         most order records alive at once (the pool's
//                                          high-water mark: slots are reused before it grows)
//   bytes_per_order_in_flight              (peak_rss - setup_rss) / peak_in_flight: everything
//                                          the run adds (records, pending events, pools), per
//                                          order at the peak
//   record_bytes_per_order                 sizeof(Order) + free-list slot + in-use byte: the
//                                          order pool's own cost per record
//   queue_bytes_per_order                  the event queue's storage at the end (nodes, top,
//                                          rung buckets: each keeps its high-water mark) per
//                                          order at the peak
//   postings, settlement_sum_h, settlement_median_h   a fingerprint of the results: an
//                                          optimisation must leave them unchanged
#include <fmt/format.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "models/metrics/collectors.hpp"
#include "models/market/run.hpp"
#include "models/world/market_params.hpp"
#include "sim/simulator.hpp"

namespace {

// A field of /proc/self/status in bytes ("VmRSS", "VmHWM"), 0 where there is none.
std::uint64_t status_bytes(std::string_view field) {
  std::FILE* f = std::fopen("/proc/self/status", "r");
  if (!f) return 0;
  char line[256];
  std::uint64_t kib = 0;
  while (std::fgets(line, sizeof line, f)) {
    if (std::strncmp(line, field.data(), field.size()) == 0 && line[field.size()] == ':') {
      kib = std::strtoull(line + field.size() + 1, nullptr, 10);
      break;
    }
  }
  std::fclose(f);
  return kib * 1024;
}

std::uint64_t parse_count(std::string_view flag, const char* text) {
  char* end = nullptr;
  const double v = std::strtod(text, &end);  // accepts 1e6
  if (end == text || *end != '\0' || v < 1 || v > 1e12) {
    fmt::print(stderr, "bench_scenario: {} wants a positive count, got \"{}\"\n", flag, text);
    std::exit(2);
  }
  return static_cast<std::uint64_t>(v);
}

market::CollectorLayout layout_of(const market::MarketParams& m, sim::Time warmup) {
  market::CollectorLayout layout;
  for (const auto& c : m.channels) layout.channels.emplace_back(c.key);
  for (const auto& s : m.sellers) layout.segments.push_back(s.name);
  for (const auto& c : m.carriers) layout.carriers.push_back(c.name);
  layout.warmup = warmup;
  return layout;
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t orders = 100'000;
  double orders_per_day = 0;
  std::uint64_t seed = 1;
  std::string out_path;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (i + 1 >= argc) {
      fmt::print(stderr, "bench_scenario: {} needs a value\n", arg);
      return 2;
    }
    if (arg == "--orders") {
      orders = parse_count(arg, argv[++i]);
    } else if (arg == "--orders-per-day") {
      orders_per_day = static_cast<double>(parse_count(arg, argv[++i]));
    } else if (arg == "--seed") {
      seed = parse_count(arg, argv[++i]);
    } else if (arg == "--out") {
      out_path = argv[++i];
    } else {
      fmt::print(stderr, "bench_scenario: unknown argument \"{}\"\n", arg);
      return 2;
    }
  }

  market::MarketParams m = market::default_market();
  if (orders_per_day > 0) m.arrivals.orders_per_day = orders_per_day;
  market::RunParams run;
  run.max_orders = orders;
  run.warmup = sim::days(30);  // as the figures before the 120-day default were measured
  run.seed = seed;
  // Long enough that the order limit, not the horizon, stops arrivals (the weekly and hourly
  // factors average about 1).
  const double days_needed = static_cast<double>(orders) / m.arrivals.orders_per_day;
  run.horizon = sim::days(static_cast<std::int64_t>(days_needed * 1.1) + 2) + run.warmup;
  run.drain = true;

  market::Collectors collect(layout_of(m, run.warmup));
  market::Market model(m, run, collect);
  sim::Simulator simulator;
  const std::uint64_t setup_rss = status_bytes("VmRSS");

  const auto t0 = std::chrono::steady_clock::now();
  market::run_market(model, simulator);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  const std::uint64_t peak_rss = status_bytes("VmHWM");
  const std::uint64_t placed = model.orders_placed();
  const std::uint64_t events = simulator.dispatched();
  const std::size_t peak_in_flight = model.orders().capacity();
  const double bytes_per_in_flight =
      peak_in_flight ? static_cast<double>(peak_rss - setup_rss) / static_cast<double>(peak_in_flight)
                     : 0.0;
  const double record_bytes = static_cast<double>(sizeof(market::Order) + sizeof(std::uint32_t) + 1);

  const std::string json = fmt::format(
      "{{\"benchmark\": \"scenario\", \"scenario\": \"default\", \"orders\": {}, "
      "\"orders_per_day\": {:.0f}, \"seed\": {}, \"events\": {}, \"events_per_order\": {:.3f}, "
      "\"wall_s\": {:.3f}, \"orders_per_s\": {:.0f}, \"events_per_s\": {:.0f}, "
      "\"peak_rss_bytes\": {}, \"setup_rss_bytes\": {}, \"peak_in_flight\": {}, "
      "\"bytes_per_order_in_flight\": {:.1f}, \"record_bytes_per_order\": {:.3f}, "
      "\"queue_bytes_per_order\": {:.1f}, \"buyers\": {}, \"bytes_per_buyer\": {:.1f}, "
      "\"simulated_days\": {:.1f}, \"postings\": {}, \"settlement_sum_h\": {:.6f}, "
      "\"settlement_median_h\": {:.6f}}}\n",
      placed, m.arrivals.orders_per_day, seed, events,
      static_cast<double>(events) / static_cast<double>(placed), wall,
      static_cast<double>(placed) / wall, static_cast<double>(events) / wall, peak_rss, setup_rss,
      peak_in_flight, bytes_per_in_flight, record_bytes,
      peak_in_flight ? static_cast<double>(simulator.queue_storage_bytes()) / static_cast<double>(peak_in_flight) : 0.0,
      model.buyers().size(),
      static_cast<double>(model.buyers().bytes()) / static_cast<double>(model.buyers().size()),
      static_cast<double>(simulator.now()) / sim::kDay, model.ledger().posting_count(),
      collect.settlement_h.tally().sum(), collect.settlement_h.histogram().quantile(0.5));
  fmt::print("{}", json);
  if (!out_path.empty()) {
    std::FILE* f = std::fopen(out_path.c_str(), "w");
    if (!f || std::fputs(json.c_str(), f) < 0 || std::fclose(f) != 0) {
      fmt::print(stderr, "bench_scenario: cannot write {}\n", out_path);
      return 1;
    }
  }
  return 0;
}
