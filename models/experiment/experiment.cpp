#include "models/experiment/experiment.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <thread>

#include "models/market/run.hpp"
#include "sim/simulator.hpp"

namespace market {

CollectorLayout collector_layout(const MarketParams& m, const RunParams& run) {
  CollectorLayout l;
  for (const auto& c : m.channels) {
    l.channels.emplace_back(c.key);
    l.channel_currencies.push_back(c.currency.value);
    l.usd_cards.push_back(c.id == ChannelId::Card && c.currency.value != Currency::USD);
  }
  for (const auto& s : m.sellers) l.segments.push_back(s.name);
  for (const auto& c : m.carriers) l.carriers.push_back(c.name);
  l.warmup = run.warmup;
  l.horizon = run.horizon;
  return l;
}

ReplicationResult run_replication(const MarketParams& m, const RunParams& run,
                                  ReplicationProgress* progress, const TraceSinks* trace) {
  ReplicationResult r{run.seed, run.replication, 0, 0, 0, Collectors(collector_layout(m, run))};
  Market market(m, run, r.collectors);
  if (trace && trace->orders) {
    *trace->orders << Market::trace_header();
    market.set_trace(trace->orders);
  }
  if (trace && trace->journal) market.ledger().set_journal(trace->journal);
  sim::Simulator sim;
  const RunTotals totals = run_market(market, sim, progress);
  r.orders_placed = totals.orders_placed;
  r.events_dispatched = totals.events_dispatched;
  r.end_time = totals.end_time;
  return r;
}

namespace {

RunRecord record_of(const ReplicationResult& r, const std::vector<MetricKey>& keys) {
  RunRecord rec{r.seed, r.replication, r.orders_placed, r.events_dispatched, {}, r.collectors.days};
  const std::vector<Metric> metrics = metrics_of(r.collectors);
  if (metrics.size() != keys.size())
    throw std::logic_error("run_experiment: a run's figures do not match its point's layout");
  rec.values.reserve(metrics.size());
  for (std::size_t i = 0; i < metrics.size(); ++i) {
    if (!(metrics[i].key == keys[i]))
      throw std::logic_error("run_experiment: a run's figures do not match its point's layout");
    rec.values.push_back(metrics[i].value);
  }
  return rec;
}

// Orders a run is expected to place: a proxy for its length, to start the longest runs first.
double expected_orders(const ExperimentPoint& p) {
  const double orders = std::max(0.0, p.market.arrivals.orders_per_day) *
                        static_cast<double>(std::max<sim::Time>(0, p.run.horizon)) / sim::kDay;
  return p.run.max_orders > 0 ? std::min(orders, static_cast<double>(p.run.max_orders)) : orders;
}

// The order in which threads take the runs: longest first, so that no long run starts last
// while the other threads sit idle (ties in job order). Results are stored by job, not by start.
std::vector<std::size_t> longest_first(const std::vector<ExperimentPoint>& points,
                                       const std::vector<RunJob>& jobs) {
  std::vector<std::size_t> order(jobs.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return expected_orders(points[jobs[a].point]) > expected_orders(points[jobs[b].point]);
  });
  return order;
}

}  // namespace

// An empty run's figures have every run's keys.
std::vector<MetricKey> metric_keys(const ExperimentPoint& point) {
  std::vector<MetricKey> keys;
  for (auto& mt : metrics_of(Collectors(collector_layout(point.market, point.run))))
    keys.push_back(std::move(mt.key));
  return keys;
}

std::vector<RunJob> experiment_jobs(std::size_t points, int replications) {
  if (replications < 1)
    throw std::invalid_argument("run_experiment: replications must be at least 1");
  const auto reps = static_cast<std::uint64_t>(replications);
  std::vector<RunJob> jobs;
  jobs.reserve(points * reps);
  for (std::size_t p = 0; p < points; ++p)
    for (std::uint64_t r = 0; r < reps; ++r) jobs.push_back({p, r});
  return jobs;
}

std::vector<RunRecord> run_jobs(const std::vector<ExperimentPoint>& points,
                                const std::vector<RunJob>& jobs, const ExperimentOptions& options) {
  double total_days = 0;
  for (const RunJob& j : jobs) {
    if (j.point >= points.size()) throw std::out_of_range("run_jobs: a job names no point");
    total_days += sim::to_hours(points[j.point].run.horizon) / 24.0;
  }
  std::vector<std::vector<MetricKey>> keys(points.size());
  for (std::size_t p = 0; p < points.size(); ++p) keys[p] = metric_keys(points[p]);

  std::vector<std::optional<RunRecord>> records(jobs.size());
  std::vector<std::exception_ptr> errors(jobs.size());
  ReplicationProgress progress;
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  std::atomic<bool> failed{false};
  std::mutex mutex;
  std::condition_variable finished;

  const std::vector<std::size_t> schedule = longest_first(points, jobs);
  auto worker = [&] {
    for (;;) {
      const std::size_t taken = next++;
      if (taken >= jobs.size()) break;
      const std::size_t i = schedule[taken];
      if (!failed) {
        try {
          const ExperimentPoint& pt = points[jobs[i].point];
          RunParams run = pt.run;
          run.replication = jobs[i].replication;
          const ReplicationResult r = run_replication(pt.market, run, &progress);
          records[i] = record_of(r, keys[jobs[i].point]);
        } catch (...) {
          errors[i] = std::current_exception();
          failed = true;
        }
      }
      {
        std::lock_guard lock(mutex);
        ++done;
      }
      finished.notify_all();
    }
  };

  const std::size_t threads = std::clamp<std::size_t>(
      static_cast<std::size_t>(std::max(1, options.threads)), 1, std::max<std::size_t>(1, jobs.size()));
  std::vector<std::thread> pool;
  for (std::size_t t = 0; t < threads; ++t) pool.emplace_back(worker);

  const auto started = std::chrono::steady_clock::now();
  auto last_report = started - std::chrono::seconds(1);
  auto report = [&](bool final) {
    if (!options.progress) return;
    const auto now = std::chrono::steady_clock::now();
    if (!final && now - last_report < std::chrono::milliseconds(100)) return;
    last_report = now;
    const double seconds = std::chrono::duration<double>(now - started).count();
    Progress pr;
    pr.simulated_days_total = total_days;
    pr.simulated_days_done =
        std::min(total_days, static_cast<double>(progress.simulated_seconds.load()) / sim::kDay);
    pr.orders_per_second =
        seconds > 0 ? static_cast<double>(progress.orders.load()) / seconds : 0.0;
    pr.runs_done = done.load();
    pr.runs_total = jobs.size();
    options.progress(pr, options.progress_context);
  };
  {
    std::unique_lock lock(mutex);
    while (done.load() < jobs.size()) {
      finished.wait_for(lock, std::chrono::milliseconds(100));
      lock.unlock();
      report(false);
      lock.lock();
    }
  }
  for (auto& t : pool) t.join();
  report(true);
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);

  std::vector<RunRecord> out;
  out.reserve(jobs.size());
  for (auto& r : records) out.push_back(std::move(*r));
  return out;
}

std::vector<PointResult> point_results(const std::vector<ExperimentPoint>& points,
                                       const std::vector<RunJob>& jobs, std::vector<RunRecord> records) {
  if (records.size() != jobs.size())
    throw std::logic_error("point_results: one record per run expected");
  std::vector<PointResult> out(points.size());
  for (std::size_t p = 0; p < points.size(); ++p) {
    out[p].label = points[p].label;
    out[p].keys = metric_keys(points[p]);
  }
  for (std::size_t i = 0; i < jobs.size(); ++i)
    out[jobs[i].point].runs.push_back(std::move(records[i]));
  return out;
}

std::vector<PointResult> run_experiment(const std::vector<ExperimentPoint>& points,
                                        const ExperimentOptions& options) {
  const std::vector<RunJob> jobs = experiment_jobs(points.size(), options.replications);
  return point_results(points, jobs, run_jobs(points, jobs, options));
}

}  // namespace market
