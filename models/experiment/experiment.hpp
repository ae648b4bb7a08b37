// Replications and sweep points: each run is one Market with its own random streams, run to
// its horizon (and drain); many runs go in parallel, their results stored by index so that the
// output does not depend on the thread count.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "models/metrics/collectors.hpp"
#include "models/world/market_params.hpp"
#include "models/metrics/metrics.hpp"

namespace market {

// The collectors' layout for a world: channel keys and currencies, segment and carrier names.
CollectorLayout collector_layout(const MarketParams& m, const RunParams& run);

struct ReplicationResult {
  std::uint64_t seed = 0;
  std::uint64_t replication = 0;
  std::uint64_t orders_placed = 0;      // every order, the warm-up's included
  std::uint64_t events_dispatched = 0;
  sim::Time end_time = 0;               // simulated time when the run (and drain) ended
  Collectors collectors;
};

// Counters a running replication publishes for the progress report (models/market/run.hpp).
struct ReplicationProgress;

// One replication: a Market with its own collectors, driven by the one run loop (run_market,
// models/market/run.hpp: progress a simulated day at a time, the invariants checked at the end,
// std::logic_error if broken).
// Streams for --trace: every order's state changes and the ledger's journal, written as the run
// goes (nothing held in memory). Null members are skipped.
struct TraceSinks {
  std::ostream* orders = nullptr;
  std::ostream* journal = nullptr;
};
ReplicationResult run_replication(const MarketParams& m, const RunParams& run,
                                  ReplicationProgress* progress = nullptr,
                                  const TraceSinks* trace = nullptr);

struct ExperimentPoint {
  std::string label;  // names the point in every output row ("base", "fee=2%", ...)
  MarketParams market;
  RunParams run;      // replication is set by run_experiment; the seed is kept for every point
};

struct Progress {
  double simulated_days_done = 0;   // summed over runs, up to each run's horizon
  double simulated_days_total = 0;
  double orders_per_second = 0;     // orders placed per wall-clock second so far
  std::uint64_t runs_done = 0;
  std::uint64_t runs_total = 0;
};
using ProgressFn = void (*)(const Progress& progress, void* context);

struct ExperimentOptions {
  int replications = 1;
  int threads = 1;                   // below 1 counts as 1; never more than the runs
  ProgressFn progress = nullptr;     // called from the calling thread, at most ~10 times/s
  void* progress_context = nullptr;  // and once more when everything is done
};

// What one run leaves behind once its collectors are reduced to metrics (memory: one value per
// metric, not the histograms). Values line up with PointResult::keys.
struct RunRecord {
  std::uint64_t seed = 0;
  std::uint64_t replication = 0;
  std::uint64_t orders_placed = 0;
  std::uint64_t events_dispatched = 0;
  std::vector<MetricValue> values;
  std::vector<DaySnapshot> days;  // escrow and orders in flight at each day's end
};

struct PointResult {
  std::string label;
  std::vector<MetricKey> keys;  // the same for every replication of the point
  std::vector<RunRecord> runs;  // by replication
};

// Every point x replication; replication r runs with RunParams.replication = r and the point's
// seed, so the same r draws the same random numbers at every point (common random numbers).
// Throws the first failure (in point, replication order) after all runs have stopped.
std::vector<PointResult> run_experiment(const std::vector<ExperimentPoint>& points,
                                        const ExperimentOptions& options);

// One run of an experiment: a point (index into the points) and a replication number.
struct RunJob {
  std::size_t point = 0;
  std::uint64_t replication = 0;
};

// The runs of an experiment in point-major order (point 0's replications first), the order of
// PointResult::runs; a distributed driver splits this list and reassembles it.
std::vector<RunJob> experiment_jobs(std::size_t points, int replications);

// The figures' keys of a point (they depend only on its layout).
std::vector<MetricKey> metric_keys(const ExperimentPoint& point);

// The given runs on options.threads threads (options.replications is ignored), records in the
// jobs' order. Threads start the runs longest first (expected orders: rate x horizon) so a long
// run does not start last. Throws the first failure (in jobs' order) after all runs have stopped.
std::vector<RunRecord> run_jobs(const std::vector<ExperimentPoint>& points,
                                const std::vector<RunJob>& jobs, const ExperimentOptions& options);

// The points' results from the records of experiment_jobs' runs (records[i] is jobs[i]'s).
std::vector<PointResult> point_results(const std::vector<ExperimentPoint>& points,
                                       const std::vector<RunJob>& jobs, std::vector<RunRecord> records);

}  // namespace market
