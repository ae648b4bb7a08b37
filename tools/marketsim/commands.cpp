// The subcommands: load a scenario, run it, write the output folder, print what was asked.
#include "tools/marketsim/commands.hpp"

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "models/experiment/experiment.hpp"
#include "models/oracle/oracle.hpp"
#include "models/scenario/market_limits.hpp"
#include "models/scenario/market_scenario.hpp"
#include "models/scenario/values.hpp"
#include "tools/marketsim/progress_bar.hpp"
#include "tools/marketsim/sweep_grid.hpp"
#include "tools/output/atomic_dir.hpp"
#include "tools/output/results.hpp"
#include "tools/report/report.hpp"
#if MARKETSIM_WITH_MPI
#include "tools/mpi/mpi_experiment.hpp"
#include "tools/mpi/mpi_session.hpp"
#endif

#ifndef MARKETSIM_VERSION
#define MARKETSIM_VERSION "0.0.0"
#endif
#ifndef MARKETSIM_REVISION
#define MARKETSIM_REVISION "unknown"
#endif

namespace marketsim {
namespace {

namespace fs = std::filesystem;
using market::scenario::LoadedScenario;

// --seed, --reps and --horizon are shorthands for --set of the [run] keys; a shorthand and a
// --set of its key together is an error naming both.
std::vector<std::string> effective_sets(const RunOptions& o) {
  std::vector<std::string> sets = o.sets;
  const auto add = [&](std::string_view option, std::string_view key, const std::string& value) {
    for (const std::string& s : o.sets) {
      const std::string_view k = market::scenario::trim(std::string_view(s).substr(0, s.find('=')));
      if (k == key)
        throw market::scenario::ScenarioError(fmt::format("{} and --set {} both given", option, key));
    }
    sets.push_back(fmt::format("{}={}", key, value));
  };
  if (o.seed) add("--seed", "run.seed", std::to_string(*o.seed));
  if (o.replications) add("--reps", "run.replications", std::to_string(*o.replications));
  if (!o.horizon.empty()) add("--horizon", "run.horizon", o.horizon);
  return sets;
}

LoadedScenario load(const std::string& file, const std::vector<std::string>& sets) {
  if (file.empty()) return market::scenario::load_market_default(sets);
  return market::scenario::load_market_file(file, sets);
}

// A mistake in how the program was called (exit 2), found outside the scenario loader.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Before any work: refuses an output folder that exists (without --force) or cannot be one (a
// usage error), or whose parent cannot be written (a runtime error, found by making the staging
// folder); removes what killed runs for the same folder left behind, and says so.
void check_output_folder(const RunOptions& o) {
  fs::path out;
  try {
    out = market::output_target(o.out);
  } catch (const market::OutputPathError& e) {
    throw UsageError(e.what());
  }
  std::error_code ec;
  if (fs::exists(out, ec) && !o.force)
    throw UsageError(fmt::format("output folder {} exists (use --force to replace it)", out.string()));
  const fs::path parent = out.parent_path();
  if (!fs::is_directory(parent, ec))
    throw market::OutputError(fmt::format("cannot write {}: {} is not a folder", out.string(),
                                          parent.string()));
  if (::access(parent.c_str(), W_OK) != 0)
    throw market::OutputError(
        fmt::format("cannot write {}: {} is not writable", out.string(), parent.string()));
  for (const fs::path& stale : market::remove_stale_siblings(out))
    error_line(fmt::format("removed {}, left behind by a run that was killed", stale.string()));
  market::probe_writable(out);
}

void show_progress(const market::Progress& p, void* context) {
  static_cast<ProgressBar*>(context)->update(p);
}

int run_points(const RunOptions& o, std::vector<market::ExperimentPoint> points,
               const std::string& effective_text, int replications) {
  check_output_folder(o);
#if MARKETSIM_WITH_MPI
  const bool distributed = marketsim::mpi::mpi_active();
  const bool root = marketsim::mpi::mpi_rank() == 0;
#else
  const bool distributed = false, root = true;
#endif
  ProgressBar bar(stderr, root && !o.quiet && ::isatty(STDERR_FILENO) != 0);
  market::ExperimentOptions options;
  options.replications = replications;
  options.threads = o.threads;
  if (bar.enabled()) {
    options.progress = show_progress;
    options.progress_context = &bar;
  }
  std::vector<market::PointResult> results;
  if (!distributed) results = market::run_experiment(points, options);
#if MARKETSIM_WITH_MPI
  // Under mpiexec every rank runs its share; rank 0 alone reports, writes and prints.
  if (distributed) {
    try {
      results = marketsim::mpi::run_experiment_mpi(points, options);
    } catch (const marketsim::mpi::FailedElsewhere&) {
      return kExitRuntime;  // rank 0 says why
    }
    if (!root) return kExitOk;
  }
#endif
  bar.finish();

  market::RunInfo info{effective_text, points.front().run.seed, replications, version_text(),
                       MARKETSIM_REVISION};
  market::AtomicDir out(o.out, o.force);
  if (o.trace) {
    // Replication 0 of the first point again, streamed: the same seed gives the same run.
    std::ofstream orders(out.staging() / "trace_orders.csv");
    std::ofstream journal(out.staging() / "journal.csv");
    market::TraceSinks sinks{&orders, &journal};
    market::RunParams run = points.front().run;
    run.replication = 0;
    errno = 0;
    market::run_replication(points.front().market, run, nullptr, &sinks);
    if (!orders.flush() || !journal.flush())
      throw market::OutputError(fmt::format("cannot write the trace in {}: {}", out.staging().string(),
                                            errno != 0 ? std::strerror(errno) : "write error"));
    orders.close();
    journal.close();
    out.sync("trace_orders.csv");
    out.sync("journal.csv");
  }
  market::write_results(out, results, info);
  out.commit();
  if (!o.quiet) std::fputs(market::summary_table(results).c_str(), stdout);
  return kExitOk;
}

// Scenario errors are the user's (exit 2); anything else propagates to main (exit 1).
template <class F>
int guarded(F&& f) {
  try {
    return f();
  } catch (const market::scenario::ScenarioError& e) {
    error_line(e.what());
    return kExitUsage;
  } catch (const UsageError& e) {
    error_line(e.what());
    return kExitUsage;
  } catch (const market::OutputError& e) {
    error_line(e.what());
    return kExitRuntime;
  }
}

}  // namespace

void error_line(const std::string& message) {
#if MARKETSIM_WITH_MPI
  if (marketsim::mpi::mpi_rank() != 0) return;
#endif
  std::fprintf(stderr, "marketsim: %s\n", message.c_str());
}

std::string version_text() {
  return fmt::format("marketsim {} (revision {})", MARKETSIM_VERSION, MARKETSIM_REVISION);
}

int run_command(const RunOptions& o) {
  return guarded([&] {
    if (!o.manifest.empty() && !o.scenario.empty())
      throw UsageError("give a scenario or --manifest, not both");
    const LoadedScenario s = load(o.manifest.empty() ? o.scenario : o.manifest, effective_sets(o));
    std::vector<market::ExperimentPoint> points{{"base", s.market, s.run}};
    return run_points(o, std::move(points), market::scenario::dump_ini(s.effective),
                      s.replications);
  });
}

int sweep_command(const SweepOptions& o) {
  return guarded([&] {
    const std::vector<SweepAxis> axes = parse_vary(o.vary);
    const std::vector<std::string> base = effective_sets(o.run);
    std::vector<market::ExperimentPoint> points;
    std::string effective;
    int replications = 1;
    for (const SweepPoint& p : grid_of(axes)) {
      std::vector<std::string> sets = base;
      sets.insert(sets.end(), p.sets.begin(), p.sets.end());
      const LoadedScenario s = load(o.run.scenario, sets);
      if (points.empty()) {
        effective = market::scenario::dump_ini(s.effective);
        replications = s.replications;
      }
      points.push_back({p.label, s.market, s.run});
    }
    // Every point shares the base seed: common random numbers across the grid.
    for (auto& p : points) p.run.seed = points.front().run.seed;
    double work = 0;
    for (const auto& p : points) work += market::scenario::arrival_candidates(p.market, p.run) * replications;
    if (work > market::scenario::kMaxCandidatesPerJob)
      throw UsageError(fmt::format("sweep: {} points of {} replication(s) would draw {:.3g} arrival candidates in "
                                   "all, above the limit {:.0e}",
                                   points.size(), replications, work, market::scenario::kMaxCandidatesPerJob));
    effective += fmt::format("\n; sweep: {}\n", fmt::join(o.vary, " "));
    return run_points(o.run, std::move(points), effective, replications);
  });
}

int validate_command(const std::string& scenario, const std::vector<std::string>& sets) {
  return guarded([&] {
    const LoadedScenario s = load(scenario, sets);
    const auto& m = s.market;
    std::string channels;
    for (const auto& c : m.channels) channels += fmt::format("{}{}", channels.empty() ? "" : " ", c.key);
    std::printf("%s is valid: %zu keys; %zu channels (%s); %zu seller segments; %zu carriers; "
                "%zu routes; horizon %s, warm-up %s, %d replication(s), seed %llu\n",
                scenario.c_str(), s.effective.entries().size(), m.channels.size(), channels.c_str(),
                m.sellers.size(), m.carriers.size(), m.routes.size(),
                sim::format_time(s.run.horizon).c_str(), sim::format_time(s.run.warmup).c_str(),
                s.replications, static_cast<unsigned long long>(s.run.seed));
    std::fputs(market::scenario::sources_table(s.effective).c_str(), stdout);
    return kExitOk;
  });
}

int params_command(bool markdown) {
  std::fputs(market::scenario::schema_table(markdown).c_str(), stdout);
  return kExitOk;
}

int sources_command(const std::string& scenario, const std::vector<std::string>& sets) {
  return guarded([&] {
    std::fputs(market::scenario::sources_table(load(scenario, sets).effective).c_str(), stdout);
    return kExitOk;
  });
}

int check_command(const std::string& scenario, const std::vector<std::string>& sets) {
  return guarded([&] {
    const LoadedScenario s = load(scenario, sets);
    bool all_inside = false;
    std::fputs(market::oracle_report(s.market, s.run, all_inside).c_str(), stdout);
    return all_inside ? kExitOk : kExitRuntime;
  });
}

int report_command(const std::string& outdir) {
  return guarded([&] {
    market::write_report(outdir);
    if (std::fprintf(stdout, "wrote %s\n", (fs::path(outdir) / "report.html").c_str()) < 0)
      return kExitRuntime;
    return kExitOk;
  });
}

}  // namespace marketsim
