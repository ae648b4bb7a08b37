// The subcommands: load a scenario, run it, write the output folder, print what was asked.
#include "tools/marketsim/commands.hpp"

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <fstream>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "models/experiment/experiment.hpp"
#include "models/oracle/oracle.hpp"
#include "models/scenario/market_limits.hpp"
#include "models/scenario/market_scenario.hpp"
#include "models/scenario/ini_reader.hpp"
#include "models/scenario/values.hpp"
#include "tools/marketsim/progress_bar.hpp"
#include "tools/marketsim/sweep_columns.hpp"
#include "tools/marketsim/sweep_grid.hpp"
#include "tools/output/atomic_dir.hpp"
#include "tools/output/compare.hpp"
#include "tools/output/results.hpp"
#include "tools/output/results_db.hpp"
#include "tools/output/warmup_check.hpp"
#include "tools/output/workbook.hpp"
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

constexpr const char* kCompareNeedsReplications =
    "a comparison needs at least 2 replications for its intervals (use --reps N, N >= 2)";

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

std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// "20261201T101500Z-3fa2c1d09b7e4a51": the start time and 64 random bits.
std::string run_id_of(const std::string& date) {
  std::string compact;
  for (char c : date)
    if (c != '-' && c != ':') compact += c;
  std::random_device rd;
  const std::uint64_t r = (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
  return fmt::format("{}-{:016x}", compact, r);
}

// What run_points runs and records.
struct Experiment {
  std::vector<market::ExperimentPoint> points;
  std::string effective_text;  // the manifest's scenario (a sweep's [sweep] section included)
  int replications = 1;
  std::string scenario_file;
  SweptColumns swept;
  std::vector<std::pair<std::string, std::string>> parameters;  // the base scenario's keys
  // `compare` and `sweep --base`: the point every other is compared with (compare.csv).
  std::optional<std::size_t> compare_base;
};

// The manifest's name for a scenario file: its absolute path, or the built-in default.
std::string file_label(const std::string& f) {
  return f.empty() ? std::string("built-in default (scenarios/default.ini)") : fs::absolute(f).string();
}

std::string scenario_file_of(const RunOptions& o) {
  return file_label(o.manifest.empty() ? o.scenario : o.manifest);
}

std::vector<std::pair<std::string, std::string>> parameters_of(const market::scenario::Scenario& s) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [key, e] : s.entries()) out.emplace_back(key, e.text);
  return out;
}

// "30d" for whole days (as scenarios write them), the kernel's "d hh:mm:ss" otherwise.
std::string duration_text(sim::Time t) {
  return t % sim::kDay == 0 ? fmt::format("{}d", t / sim::kDay) : sim::format_time(t);
}

// A run whose horizon does not pass its warm-up would measure nothing: refused before any work.
void check_horizon(const std::vector<market::ExperimentPoint>& points) {
  for (const auto& p : points)
    if (p.run.horizon <= p.run.warmup)
      throw UsageError(fmt::format(
          "{}run.horizon = {} is not longer than run.warmup = {}: the run would end inside its "
          "warm-up and measure nothing (lengthen --horizon or shorten run.warmup)",
          points.size() > 1 ? fmt::format("point {}: ", p.label) : std::string(),
          duration_text(p.run.horizon), duration_text(p.run.warmup)));
}

// The points' runs with a progress line, then the output folder (and workbook, database).
int run_points(const RunOptions& o, Experiment x) {
  check_horizon(x.points);
  check_output_folder(o);
  if (!o.db.empty()) market::ResultsDatabase::check(o.db);
  const auto started = std::chrono::steady_clock::now();
  const std::string date = utc_now();
#if MARKETSIM_WITH_MPI
  const bool distributed = marketsim::mpi::mpi_active();
  const bool root = marketsim::mpi::mpi_rank() == 0;
#else
  const bool distributed = false, root = true;
#endif
  // The per-run day is shown when every point runs to the same horizon.
  double horizon_days = sim::to_hours(x.points.front().run.horizon) / 24.0;
  for (const auto& p : x.points)
    if (p.run.horizon != x.points.front().run.horizon) horizon_days = 0;
  const auto runs = x.points.size() * static_cast<std::size_t>(x.replications);
  ProgressBar bar(stderr, root && !o.quiet && ::isatty(STDERR_FILENO) != 0, horizon_days,
                  static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(o.threads), runs)));
  market::ExperimentOptions options;
  options.replications = x.replications;
  options.threads = o.threads;
  if (bar.enabled()) {
    options.progress = show_progress;
    options.progress_context = &bar;
  }
  std::vector<market::PointResult> results;
  if (!distributed) results = market::run_experiment(x.points, options);
#if MARKETSIM_WITH_MPI
  // Under mpiexec every rank runs its share; rank 0 alone reports, writes and prints.
  if (distributed) {
    try {
      results = marketsim::mpi::run_experiment_mpi(x.points, options);
    } catch (const marketsim::mpi::FailedElsewhere&) {
      return kExitRuntime;  // rank 0 says why
    }
    if (!root) return kExitOk;
  }
#endif
  bar.finish();

  market::RunInfo info;
  info.effective_scenario = x.effective_text;
  info.seed = x.points.front().run.seed;
  info.replications = x.replications;
  info.version = version_text();
  info.source_revision = MARKETSIM_REVISION;
  info.scenario_file = x.scenario_file;
  info.command_line = o.command_line;
  info.date = date;
  info.run_id = run_id_of(date);
  info.swept_columns = x.swept.names;
  info.swept_values = x.swept.values;
  info.parameters = std::move(x.parameters);
  info.compare_base = x.compare_base;
  market::AtomicDir out(fs::absolute(o.out), o.force);
  if (o.trace) {
    // Replication 0 of the first point again, streamed: the same seed gives the same run.
    std::ofstream orders(out.staging() / "trace_orders.csv");
    std::ofstream journal(out.staging() / "journal.csv");
    market::TraceSinks sinks{&orders, &journal};
    market::RunParams run = x.points.front().run;
    run.replication = 0;
    errno = 0;
    market::run_replication(x.points.front().market, run, nullptr, &sinks);
    if (!orders.flush() || !journal.flush())
      throw market::OutputError(fmt::format("cannot write the trace in {}: {}", out.staging().string(),
                                            errno != 0 ? std::strerror(errno) : "write error"));
    orders.close();
    journal.close();
    out.sync("trace_orders.csv");
    out.sync("journal.csv");
  }
  const std::vector<market::OutputFile> files = market::render_results(results, info);
  for (const auto& f : files) out.write(f.name, f.content);
  if (o.xlsx) market::write_workbook(out.staging() / "results.xlsx", files);
  // The database's rows are written (not yet committed) before the folder appears, and committed
  // after it: a failure before the folder's commit leaves both as they were.
  std::unique_ptr<market::ResultsDatabase> db;
  if (!o.db.empty()) {
    db = std::make_unique<market::ResultsDatabase>(o.db);
    db->stage(files, info);
  }
  out.commit();
  if (db) db->commit();
  // The warm-up warnings: on stderr, once (rank 0), whether or not --quiet.
  std::vector<sim::Time> warmups;
  for (const auto& p : x.points) warmups.push_back(p.run.warmup);
  for (const std::string& w : market::warmup_warnings(results, warmups)) error_line(w);
  if (!o.quiet) {
    std::fputs(market::summary_table(results).c_str(), stdout);
    if (x.compare_base)
      std::fputs(market::compare_table(results, *x.compare_base).c_str(), stdout);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("wrote %s in %.1f s (%zu point%s x %d replication%s)%s\n",
                out.target().c_str(), seconds, x.points.size(), x.points.size() == 1 ? "" : "s",
                x.replications, x.replications == 1 ? "" : "s",
                o.db.empty() ? "" : fmt::format("; appended run {} to {}", info.run_id, o.db).c_str());
  }
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

namespace {

// The [sweep] lines of a scenario file (none for the built-in default).
std::vector<market::scenario::RawEntry> sweep_lines(const std::string& file) {
  if (file.empty()) return {};
  return market::scenario::sweep_entries(market::scenario::read_ini_file(file));
}

}  // namespace

int run_command(const RunOptions& o) {
  return guarded([&] {
    if (!o.manifest.empty() && !o.scenario.empty())
      throw UsageError("give a scenario or --manifest, not both");
    const std::string file = o.manifest.empty() ? o.scenario : o.manifest;
    if (const auto lines = sweep_lines(file); !lines.empty()) {
      throw UsageError(fmt::format(
          "{}:{}: {} has a [sweep] section: run it with `marketsim sweep {}{}` (run runs one point)",
          lines.front().file, lines.front().line, file, o.manifest.empty() ? "" : "--manifest ", file));
    }
    const LoadedScenario s = load(file, effective_sets(o));
    Experiment x;
    x.points = {{"base", s.market, s.run}};
    x.effective_text = market::scenario::dump_ini(s.effective);
    x.replications = s.replications;
    x.scenario_file = scenario_file_of(o);
    x.parameters = parameters_of(s.effective);
    return run_points(o, std::move(x));
  });
}

namespace {

// The points of a sweep: the scenario (or manifest) with its [sweep] axes and --vary.
struct Sweep {
  std::vector<SweepAxis> axes;
  std::vector<SweepPoint> grid;
  std::vector<LoadedScenario> loaded;
  LoadedScenario base;
};

// A point that does not load: the message names the axis (file:line or --vary) whose value fails.
[[noreturn]] void point_failed(const SweepPoint& p, const std::vector<SweepAxis>& axes,
                               const std::string& message) {
  std::string_view m = message;
  if (m.starts_with("--set: ")) m.remove_prefix(7);
  for (const SweepAxis& a : axes)
    if (m.find(a.key) != std::string_view::npos)
      throw market::scenario::ScenarioError(fmt::format("{}: sweep: {}", a.where, m));
  throw market::scenario::ScenarioError(fmt::format("sweep point \"{}\": {}", p.label, m));
}

Sweep load_sweep(const SweepOptions& o) {
  if (!o.run.manifest.empty() && !o.run.scenario.empty())
    throw UsageError("give a scenario or --manifest, not both");
  const std::string file = o.run.manifest.empty() ? o.run.scenario : o.run.manifest;
  Sweep w;
  w.axes = merge_axes(axes_of_section(sweep_lines(file)), parse_vary(o.vary));
  if (w.axes.empty())
    throw UsageError("nothing to sweep: give --vary KEY=V1,V2 or a [sweep] section in the scenario");
  const std::vector<std::string> base = effective_sets(o.run);
  w.base = load(file, base);
  w.grid = grid_of(w.axes);
  for (const SweepPoint& p : w.grid) {
    std::vector<std::string> sets = base;
    sets.insert(sets.end(), p.sets.begin(), p.sets.end());
    try {
      w.loaded.push_back(load(file, sets));
    } catch (const market::scenario::ScenarioError& e) {
      point_failed(p, w.axes, e.what());
    }
  }
  return w;
}

}  // namespace

int sweep_command(const SweepOptions& o) {
  return guarded([&] {
    Sweep w = load_sweep(o);
    std::vector<std::string> keys;
    for (const auto& a : w.axes) keys.push_back(a.key);
    std::vector<const market::scenario::Scenario*> scenarios;
    for (const auto& s : w.loaded) scenarios.push_back(&s.effective);
    SweptColumns swept = swept_columns(keys, scenarios);
    if (o.list) {
      std::string out = fmt::format("{} points ({} replication(s) each):\n", w.grid.size(),
                                    w.base.replications);
      out += fmt::format("{:>5}  {}\n", "#", fmt::join(swept.names, "  "));
      for (std::size_t i = 0; i < w.grid.size(); ++i)
        out += fmt::format("{:>5}  {}\n", i, fmt::join(swept.values[i], "  "));
      std::fputs(out.c_str(), stdout);
      return kExitOk;
    }
    Experiment x;
    for (std::size_t i = 0; i < w.grid.size(); ++i)
      x.points.push_back({w.grid[i].label, w.loaded[i].market, w.loaded[i].run});
    // Every point shares the base seed: common random numbers across the grid.
    for (auto& p : x.points) p.run.seed = w.base.run.seed;
    double work = 0;
    for (const auto& p : x.points)
      work += market::scenario::arrival_candidates(p.market, p.run) * w.base.replications;
    if (work > market::scenario::kMaxCandidatesPerJob)
      throw UsageError(fmt::format("sweep: {} points of {} replication(s) would draw {:.3g} arrival candidates in "
                                   "all, above the limit {:.0e}",
                                   x.points.size(), w.base.replications, work,
                                   market::scenario::kMaxCandidatesPerJob));
    // The manifest: the base scenario and the sweep's axes, expanded, so `sweep --manifest`
    // reruns every point.
    x.effective_text = market::scenario::dump_ini(w.base.effective) + "\n" + sweep_section(w.axes);
    x.replications = w.base.replications;
    x.scenario_file = scenario_file_of(o.run);
    x.swept = std::move(swept);
    x.parameters = parameters_of(w.base.effective);
    if (!o.base.empty()) {
      std::string labels;
      for (std::size_t i = 0; i < x.points.size(); ++i) {
        if (x.points[i].label == o.base) x.compare_base = i;
        labels += fmt::format("{}\"{}\"", labels.empty() ? "" : ", ", x.points[i].label);
      }
      if (!x.compare_base)
        throw UsageError(fmt::format("--base \"{}\" names no point of the sweep (points: {})",
                                     o.base, labels));
      if (x.replications < 2) throw UsageError(kCompareNeedsReplications);
    }
    return run_points(o.run, std::move(x));
  });
}

int compare_command(const CompareOptions& o) {
  return guarded([&] {
    if (o.scenarios.size() > 2) throw UsageError("compare takes at most two scenarios, A and B");
    if (!o.run.manifest.empty()) throw UsageError("compare takes no --manifest");
    // The pairing needs one seed and one replication count: only the common options set them.
    for (const auto* sets : {&o.sets_a, &o.sets_b})
      for (const std::string& s : *sets) {
        const std::string_view k =
            market::scenario::trim(std::string_view(s).substr(0, s.find('=')));
        if (k == "run.seed" || k == "run.replications")
          throw UsageError(fmt::format(
              "--set-{} {}: A and B share the seed and the replications (use --seed, --reps or "
              "--set)",
              sets == &o.sets_a ? 'a' : 'b', k));
      }
    const std::string file_a = o.scenarios.empty() ? std::string() : o.scenarios[0];
    const std::string file_b = o.scenarios.size() < 2 ? file_a : o.scenarios[1];
    for (const std::string& f : {file_a, file_b})
      if (const auto lines = sweep_lines(f); !lines.empty())
        throw UsageError(fmt::format(
            "{}:{}: {} has a [sweep] section: compare its points with `marketsim sweep {} --base "
            "LABEL` (compare runs one point each for A and B)",
            lines.front().file, lines.front().line, f, f));
    const std::vector<std::string> common = effective_sets(o.run);
    std::vector<std::string> sets_a = common, sets_b = common;
    sets_a.insert(sets_a.end(), o.sets_a.begin(), o.sets_a.end());
    sets_b.insert(sets_b.end(), o.sets_b.begin(), o.sets_b.end());
    const LoadedScenario a = load(file_a, sets_a);
    const LoadedScenario b = load(file_b, sets_b);
    const std::string text_a = market::scenario::dump_ini(a.effective);
    const std::string text_b = market::scenario::dump_ini(b.effective);
    if (a.replications < 2) throw UsageError(kCompareNeedsReplications);
    Experiment x;
    x.points = {{"A", a.market, a.run}, {"B", b.market, b.run}};
    x.points[1].run.seed = x.points[0].run.seed;  // B's own run.seed (from its file) gives way
    if (text_a == text_b)
      throw UsageError("A and B are the same scenario: give B a file or --set-b differences");
    const auto described = [](const std::string& file, const std::vector<std::string>& sets) {
      std::string d = file.empty() ? "the built-in default" : file;
      for (const auto& s : sets) d += " --set " + s;
      return d;
    };
    x.effective_text = text_a;
    x.effective_text +=
        fmt::format("\n; compare: A = {}\n; compare: B = {} (seed and replications of A)\n",
                    described(file_a, sets_a), described(file_b, sets_b));
    x.replications = a.replications;
    x.scenario_file = file_a == file_b
                          ? file_label(file_a)
                          : fmt::format("A: {}; B: {}", file_label(file_a), file_label(file_b));
    x.parameters = parameters_of(a.effective);
    x.compare_base = 0;
    return run_points(o.run, std::move(x));
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
    // The hourly and weekly shapes are scaled to mean 1 at load, so this is the mean daily rate.
    std::printf("arrivals: %g orders a day on average over whole weeks (hourly and weekly shapes "
                "scaled to mean 1)%s\n",
                m.arrivals.orders_per_day,
                m.arrivals.sale_days.empty()
                    ? ""
                    : fmt::format(", x{} on {} sale day(s)", m.arrivals.sale_factor, m.arrivals.sale_days.size()).c_str());
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

int check_command(const std::string& scenario, const std::vector<std::string>& sets, bool quiet) {
  return guarded([&] {
    const LoadedScenario s = load(scenario, sets);
    bool all_inside = false;
    ProgressBar bar(stderr, !quiet && ::isatty(STDERR_FILENO) != 0,
                    sim::to_hours(s.run.horizon) / 24.0, 1);
    const std::string report = market::oracle_report(s.market, s.run, all_inside,
                                                     bar.enabled() ? show_progress : nullptr, &bar);
    bar.finish();
    std::fputs(report.c_str(), stdout);
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

int export_command(const std::string& outdir, bool xlsx) {
  return guarded([&] {
    if (!xlsx) throw UsageError("export: say what to write (--xlsx)");
    const fs::path target = fs::path(outdir) / "results.xlsx";
    market::export_workbook(outdir, target);
    if (std::fprintf(stdout, "wrote %s\n", target.c_str()) < 0) return kExitRuntime;
    return kExitOk;
  });
}

std::string command_line_of(int argc, const char* const* argv) {
  std::string out;
  for (int i = 0; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (!out.empty()) out += ' ';
    const bool plain = !a.empty() && a.find_first_not_of(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-./=:,+@%") == std::string_view::npos;
    if (plain) {
      out += a;
      continue;
    }
    // Single quotes; a quote inside as '\''; control characters (a line break would end the
    // manifest's comment line) as $'\xNN'.
    out += '\'';
    for (const char c : a) {
      if (c == '\'') {
        out += "'\\''";
      } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
        out += fmt::format("'$'\\x{:02x}''", static_cast<unsigned char>(c));
      } else {
        out += c;
      }
    }
    out += '\'';
  }
  return out;
}

}  // namespace marketsim
