// The classic hold model for event queues: keep Q events pending; repeatedly pop the earliest
// and push one at its time plus an exponential increment (mean one hour, whole seconds).
// Prints JSON on stdout: per queue size and implementation the median events per second over
// interleaved repetitions, and the ratio of the kernel's queue to the std::priority_queue one.
//
//   bench_hold                 full run (Q = 1e3, 1e5, 1e6)
//   bench_hold --quick         short run for CI
//   bench_hold --impl ladder --q 100000 --holds 1000000 [--warmup N]   one configuration
//     (also prints the queue's storage per pending event, where the queue reports it; else 0)
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "bench/queues/quaternary_heap_queue.hpp"
#include "bench/queues/radix_heap_queue.hpp"
#include "sim/event_queue.hpp"
#include "sim/reference_queue.hpp"
#include "sim/time.hpp"

namespace {

constexpr sim::Time kMeanIncrement = sim::kHour;

// A fixed table of exponential increments, cycled, keeps random-number cost out of the timing.
class Increments {
 public:
  Increments() {
    std::uint64_t state = 0x5eed;
    for (sim::Time& x : table_) {
      std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      z ^= z >> 31;
      const double u = (static_cast<double>(z >> 11) + 1.0) * 0x1.0p-53;  // (0, 1]
      x = std::llround(-static_cast<double>(kMeanIncrement) * std::log(u));
    }
  }
  sim::Time operator[](std::uint64_t i) const { return table_[i & (kSize - 1)]; }

 private:
  static constexpr std::size_t kSize = 1 << 13;
  std::array<sim::Time, kSize> table_{};
};

const Increments& increments() {
  static const Increments table;
  return table;
}

template <class Queue>
class Hold {
 public:
  explicit Hold(std::size_t q) {
    for (std::uint32_t i = 0; i < q; ++i) queue_.push(next_increment(), 0, i);
  }

  void run(std::uint64_t holds) {
    for (std::uint64_t i = 0; i < holds; ++i) {
      const sim::Event e = queue_.pop();
      checksum_ = checksum_ * 31 + static_cast<std::uint64_t>(e.time) + e.target;
      queue_.push(e.time + next_increment(), e.kind, e.target);
    }
  }

  double events_per_second(std::uint64_t holds) {
    const auto start = std::chrono::steady_clock::now();
    run(holds);
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    return static_cast<double>(holds) / elapsed.count();
  }

  std::uint64_t checksum() const { return checksum_; }
  // Bytes the queue holds, where it says (the kernel's queue does), else 0.
  std::size_t storage_bytes() const {
    if constexpr (requires(const Queue& q) { q.storage_bytes(); }) {
      return queue_.storage_bytes();
    } else {
      return 0;
    }
  }

 private:
  sim::Time next_increment() { return increments()[draws_++]; }

  Queue queue_;
  std::uint64_t draws_ = 0;
  std::uint64_t checksum_ = 0;
};

struct Settings {
  std::vector<std::size_t> sizes{1000, 100000, 1000000};
  std::uint64_t warmup = 4000000;
  std::uint64_t holds = 2000000;
  int repetitions = 7;
  std::string mode = "full";
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

struct Result {
  std::string name;
  std::vector<double> rates;
  std::uint64_t checksum = 0;
};

// Runs every implementation at one queue size, repetitions interleaved so that machine noise
// falls on all of them alike.
std::string run_case(std::size_t q, const Settings& s) {
  Hold<sim::EventQueue> ladder(q);
  Hold<sim::ReferenceQueue> reference(q);
  Hold<bench::RadixHeapQueue> radix(q);
  Hold<bench::QuaternaryHeapQueue> quaternary(q);
  ladder.run(s.warmup);
  reference.run(s.warmup);
  radix.run(s.warmup);
  quaternary.run(s.warmup);

  std::array<Result, 4> results{Result{"ladder", {}, 0}, Result{"reference", {}, 0},
                                Result{"radix_heap", {}, 0}, Result{"quaternary_heap", {}, 0}};
  for (int r = 0; r < s.repetitions; ++r) {
    results[0].rates.push_back(ladder.events_per_second(s.holds));
    results[1].rates.push_back(reference.events_per_second(s.holds));
    results[2].rates.push_back(radix.events_per_second(s.holds));
    results[3].rates.push_back(quaternary.events_per_second(s.holds));
  }
  results[0].checksum = ladder.checksum();
  results[1].checksum = reference.checksum();
  results[2].checksum = radix.checksum();
  results[3].checksum = quaternary.checksum();

  std::string impls;
  bool agree = true;
  for (const Result& result : results) {
    agree = agree && result.checksum == results[1].checksum;
    std::string runs;
    for (const double rate : result.rates) runs += fmt::format("{}{:.0f}", runs.empty() ? "" : ", ", rate);
    impls += fmt::format("{}\n        \"{}\": {{\"median_events_per_s\": {:.0f}, \"runs\": [{}]}}",
                         impls.empty() ? "" : ",", result.name, median(result.rates), runs);
  }
  const double ratio = median(results[0].rates) / median(results[1].rates);
  return fmt::format(
      "    {{\n      \"q\": {},\n      \"implementations\": {{{}\n      }},\n"
      "      \"kernel_over_baseline\": {:.2f},\n      \"same_pop_sequence\": {}\n    }}",
      q, impls, ratio, agree);
}

template <class Queue>
int run_single(std::size_t q, std::uint64_t warmup, std::uint64_t holds) {
  Hold<Queue> hold(q);
  hold.run(warmup);
  const double rate = hold.events_per_second(holds);
  fmt::print("{{\"q\": {}, \"warmup_holds\": {}, \"holds\": {}, \"events_per_s\": {:.0f}, "
             "\"checksum\": {}, \"queue_bytes_per_event\": {:.1f}}}\n",
             q, warmup, holds, rate, hold.checksum(),
             static_cast<double>(hold.storage_bytes()) / static_cast<double>(q));
  return 0;
}

[[noreturn]] void usage(std::string_view problem) {
  fmt::print(stderr,
             "bench_hold: {}\nusage: bench_hold [--quick]\n"
             "       bench_hold --impl ladder|reference|radix_heap|quaternary_heap --q N "
             "--holds M [--warmup W]\n",
             problem);
  std::exit(2);
}

std::uint64_t parse_count(std::string_view flag, const char* text) {
  char* end = nullptr;
  const double value = std::strtod(text, &end);  // accepts 1e6
  if (end == text || *end != '\0' || value < 0 || value > 1e15) {
    usage(fmt::format("{} needs a count, got '{}'", flag, text));
  }
  return static_cast<std::uint64_t>(value);
}

}  // namespace

int main(int argc, char** argv) {
  Settings settings;
  std::string impl;
  std::uint64_t q = 0;
  std::uint64_t holds = 0;
  std::uint64_t warmup = 1000000;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--quick") {
      settings.sizes = {1000, 100000, 1000000};
      settings.warmup = 600000;
      settings.holds = 200000;
      settings.repetitions = 3;
      settings.mode = "quick";
    } else if (arg == "--impl" && has_value) {
      impl = argv[++i];
    } else if (arg == "--q" && has_value) {
      q = parse_count(arg, argv[++i]);
    } else if (arg == "--holds" && has_value) {
      holds = parse_count(arg, argv[++i]);
    } else if (arg == "--warmup" && has_value) {
      warmup = parse_count(arg, argv[++i]);
    } else {
      usage(fmt::format("unknown or incomplete argument '{}'", arg));
    }
  }

  if (!impl.empty()) {
    if (q == 0 || holds == 0) usage("--impl needs --q and --holds");
    if (impl == "ladder") return run_single<sim::EventQueue>(q, warmup, holds);
    if (impl == "reference") return run_single<sim::ReferenceQueue>(q, warmup, holds);
    if (impl == "radix_heap") return run_single<bench::RadixHeapQueue>(q, warmup, holds);
    if (impl == "quaternary_heap") return run_single<bench::QuaternaryHeapQueue>(q, warmup, holds);
    usage(fmt::format("unknown implementation '{}'", impl));
  }

  std::string cases;
  for (const std::size_t size : settings.sizes) {
    cases += fmt::format("{}\n{}", cases.empty() ? "" : ",", run_case(size, settings));
  }
  fmt::print(
      "{{\n  \"benchmark\": \"hold\",\n  \"mode\": \"{}\",\n  \"kernel\": \"ladder\",\n"
      "  \"baseline\": \"reference\",\n  \"mean_increment_s\": {},\n  \"warmup_holds\": {},\n"
      "  \"timed_holds\": {},\n  \"repetitions\": {},\n  \"cases\": [{}\n  ]\n}}\n",
      settings.mode, kMeanIncrement, settings.warmup, settings.holds, settings.repetitions, cases);
  return 0;
}
