// Threads on a sweep: the same experiment (points x replications of the default scenario) run
// with 1 thread and with N threads in the same process, alternately, several times; prints one
// JSON object on stdout (and to --out FILE if given).
//
//   bench_threads [--points 4] [--reps 2] [--days 60] [--threads 2] [--repeats 5] [--out FILE]
//
// Figures:
//   wall_1_s, wall_n_s      median wall time of the whole experiment at 1 and N threads
//   speedup                 wall_1_s / wall_n_s (the target is 1.8 at 2 threads on 2 cores)
//   cpu_1_s, cpu_n_s        median process CPU time (user + system) of the same runs: CPU time
//                           growing with threads means contention (allocator, memory), a wall
//                           time short of cpu/N means idle threads (a serial tail)
//   runs, orders_per_run    the experiment's size
//   identical               the N-thread results equal the 1-thread results, value for value
#include <fmt/format.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "models/experiment/experiment.hpp"
#include "models/world/market_params.hpp"

namespace {

double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  const auto s = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec * 1e-6; };
  return s(u.ru_utime) + s(u.ru_stime);
}

int parse_int(std::string_view flag, const char* text) {
  char* end = nullptr;
  const long v = std::strtol(text, &end, 10);
  if (end == text || *end != '\0' || v < 1 || v > 100000) {
    fmt::print(stderr, "bench_threads: {} wants a positive integer, got \"{}\"\n", flag, text);
    std::exit(2);
  }
  return static_cast<int>(v);
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

bool same_values(const std::vector<market::PointResult>& a, const std::vector<market::PointResult>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t p = 0; p < a.size(); ++p) {
    if (a[p].runs.size() != b[p].runs.size()) return false;
    for (std::size_t r = 0; r < a[p].runs.size(); ++r) {
      const auto& x = a[p].runs[r];
      const auto& y = b[p].runs[r];
      if (x.orders_placed != y.orders_placed || x.events_dispatched != y.events_dispatched ||
          x.values.size() != y.values.size())
        return false;
      for (std::size_t i = 0; i < x.values.size(); ++i)
        if (x.values[i].exact != y.values[i].exact ||
            std::memcmp(&x.values[i].real, &y.values[i].real, sizeof(double)) != 0)
          return false;
    }
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  int points = 4, reps = 2, days = 60, threads = 2, repeats = 5;
  std::string out_path;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (i + 1 >= argc) {
      fmt::print(stderr, "bench_threads: {} wants a value\n", arg);
      return 2;
    }
    const char* value = argv[++i];
    if (arg == "--points") points = parse_int(arg, value);
    else if (arg == "--reps") reps = parse_int(arg, value);
    else if (arg == "--days") days = parse_int(arg, value);
    else if (arg == "--threads") threads = parse_int(arg, value);
    else if (arg == "--repeats") repeats = parse_int(arg, value);
    else if (arg == "--out") out_path = value;
    else {
      fmt::print(stderr, "bench_threads: unknown option {}\n", arg);
      return 2;
    }
  }

  // Points differ by seed only: the same work, different random numbers.
  std::vector<market::ExperimentPoint> sweep;
  for (int p = 0; p < points; ++p) {
    market::RunParams run;
    run.horizon = sim::days(days);
    run.warmup = sim::days(std::min(days / 4, 30));
    run.seed = static_cast<std::uint64_t>(p) + 1;
    sweep.push_back({fmt::format("seed={}", run.seed), market::default_market(), run});
  }

  std::vector<double> wall_1, wall_n, cpu_1, cpu_n;
  std::vector<market::PointResult> first, last;
  bool identical = true;
  for (int k = 0; k < repeats; ++k) {
    for (const int t : {1, threads}) {
      market::ExperimentOptions options;
      options.replications = reps;
      options.threads = t;
      const double cpu0 = cpu_seconds();
      const auto t0 = std::chrono::steady_clock::now();
      std::vector<market::PointResult> results = market::run_experiment(sweep, options);
      const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      const double cpu = cpu_seconds() - cpu0;
      (t == 1 ? wall_1 : wall_n).push_back(wall);
      (t == 1 ? cpu_1 : cpu_n).push_back(cpu);
      if (t == 1) first = std::move(results);
      else identical = identical && same_values(first, results);
    }
  }

  std::uint64_t orders = 0;
  for (const auto& p : first)
    for (const auto& r : p.runs) orders += r.orders_placed;
  const int runs = points * reps;
  const std::string json = fmt::format(
      "{{\"bench\": \"threads\", \"points\": {}, \"replications\": {}, \"days\": {}, \"threads\": {}, "
      "\"repeats\": {}, \"runs\": {}, \"orders_per_run\": {}, \"wall_1_s\": {:.4f}, \"wall_n_s\": {:.4f}, "
      "\"speedup\": {:.3f}, \"cpu_1_s\": {:.4f}, \"cpu_n_s\": {:.4f}, \"identical\": {}}}\n",
      points, reps, days, threads, repeats, runs, orders / static_cast<std::uint64_t>(runs),
      median(wall_1), median(wall_n), median(wall_1) / median(wall_n), median(cpu_1), median(cpu_n),
      identical);
  std::fputs(json.c_str(), stdout);
  if (!out_path.empty()) {
    std::FILE* f = std::fopen(out_path.c_str(), "w");
    if (!f || std::fputs(json.c_str(), f) < 0 || std::fclose(f) != 0) {
      fmt::print(stderr, "bench_threads: cannot write {}\n", out_path);
      return 1;
    }
  }
  return identical ? 0 : 1;
}
