// marketsim: the command line. CLI11 lives in this file only (it costs seconds per TU).
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "tools/marketsim/commands.hpp"
#if MARKETSIM_WITH_MPI
#include "tools/mpi/mpi_session.hpp"
#endif

namespace {

// An option given with an empty value ("--horizon ''") is a mistake, not the default.
const CLI::Validator kNonEmpty(
    [](std::string& s) { return s.find_first_not_of(" \t") == std::string::npos ? "empty value" : ""; }, "");

void add_run_options(CLI::App& cmd, marketsim::RunOptions& o) {
  cmd.add_option("--set", o.sets, "override one scenario key: --set section.key=value (repeatable)");
  cmd.add_option("--seed", o.seed, "base random seed (overrides run.seed, default 1)")->check(kNonEmpty);
  cmd.add_option("--reps", o.replications, "independent replications (overrides run.replications, default 1)")
      ->check(kNonEmpty)
      ->check(CLI::Range(1, 1'000'000));
  cmd.add_option("--horizon", o.horizon, "simulated time during which orders arrive, e.g. 90d (default run.horizon = 365d; "
                 "its first run.warmup = 120d are left out of every statistic)")->check(kNonEmpty);
  cmd.add_option("--out", o.out, "output folder (written atomically)")->check(kNonEmpty)->capture_default_str();
  cmd.add_option("--threads", o.threads, "replications run in parallel; output is identical")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  cmd.add_flag("--force", o.force, "replace an existing output folder");
  cmd.add_flag("--trace", o.trace, "also write every order's state changes and the ledger journal");
  cmd.add_flag("--quiet", o.quiet, "no summary table, no progress line, no closing 'wrote' line");
  cmd.add_flag("--xlsx", o.xlsx, "also write OUT/results.xlsx: one sheet per CSV file, numbers as numbers");
  cmd.add_option("--db", o.db,
                 "also append the run to this SQLite database (created if missing; one transaction)");
}

// What was printed must have reached stdout (a full disk, /dev/full): else the command failed.
int checked_stdout(int code) {
  std::cout.flush();
  const bool failed = std::fflush(stdout) != 0 || std::ferror(stdout) != 0 || !std::cout;
  if (!failed) return code;
  // errno still holds the failed write's reason unless something else failed since.
  const int err = errno;
  const bool write_errno = err == ENOSPC || err == EIO || err == EPIPE || err == EDQUOT || err == EFBIG || err == EBADF;
  marketsim::error_line(
      fmt::format("cannot write standard output: {}", write_errno ? std::strerror(err) : "write error"));
  return code == marketsim::kExitOk ? marketsim::kExitRuntime : code;
}

int run_main(int argc, char** argv);

}  // namespace

int main(int argc, char** argv) {
#if MARKETSIM_WITH_MPI
  marketsim::mpi::MpiSession mpi_session(argc, argv);  // a singleton job without mpiexec
#endif
  return checked_stdout(run_main(argc, argv));
}

namespace {

int run_main(int argc, char** argv) {
  CLI::App app{"marketsim: a discrete-event simulator of a cross-border marketplace's payments",
               "marketsim"};
  app.set_version_flag("--version", marketsim::version_text());
  app.require_subcommand(1);
  app.footer("Documentation: README.md and docs/ (docs/usage.md: every subcommand with an example).");

  marketsim::RunOptions run;
  auto* run_cmd = app.add_subcommand("run", "run a scenario (the compiled-in default if none)");
  run_cmd->add_option("scenario", run.scenario, "scenario INI file");
  run_cmd->add_option("--manifest", run.manifest, "rerun the run a manifest.ini describes");
  add_run_options(*run_cmd, run);

  marketsim::SweepOptions sweep;
  auto* sweep_cmd = app.add_subcommand(
      "sweep", "run a scenario over a grid of parameter values ([sweep] section and/or --vary)");
  sweep_cmd->add_option("scenario", sweep.run.scenario,
                        "scenario INI file, its [sweep] section the axes (default: the built-in)");
  sweep_cmd->add_option("--manifest", sweep.run.manifest, "rerun the sweep a manifest.ini describes");
  sweep_cmd->add_option("--vary", sweep.vary,
                        "key=v1,v2,... or key=LOW..HIGH step STEP (repeatable; the grid is their "
                        "product; replaces the [sweep] line of key)");
  sweep_cmd->add_flag("--list", sweep.list, "print the sweep's points and run nothing");
  sweep_cmd->add_option("--base", sweep.base,
                        "a point's label, e.g. \"key=v1\": compare.csv holds every other point "
                        "against it (paired over replications)");
  add_run_options(*sweep_cmd, sweep.run);

  marketsim::CompareOptions compare;
  auto* compare_cmd = app.add_subcommand(
      "compare",
      "run A and B with common random numbers and compare them figure by figure (paired t)");
  compare_cmd->add_option("scenarios", compare.scenarios,
                          "A [B]: scenario files (none: the built-in default; B defaults to A)")
      ->expected(0, 2);
  compare_cmd->add_option("--set-a", compare.sets_a, "override one key in A only (repeatable)");
  compare_cmd->add_option("--set-b", compare.sets_b, "override one key in B only (repeatable)");
  add_run_options(*compare_cmd, compare.run);
  compare_cmd->footer(
      "B runs with A's seed and replication count: replication r of A and of B is a pair.\n"
      "Example: marketsim compare scenarios/default.ini --reps 10 "
      "--set-b protection.release_after_confirmation=14d");

  std::string validate_file;
  std::vector<std::string> validate_sets;
  auto* validate_cmd = app.add_subcommand("validate", "check a scenario and explain it; runs nothing");
  validate_cmd->add_option("scenario", validate_file, "scenario INI file")->required();
  validate_cmd->add_option("--set", validate_sets, "override one key (repeatable)");

  bool markdown = false;
  auto* params_cmd = app.add_subcommand("params", "print the scenario schema");
  params_cmd->add_flag("--markdown", markdown, "as a Markdown table");

  std::string sources_file;
  std::vector<std::string> sources_sets;
  auto* sources_cmd =
      app.add_subcommand("sources", "which values are documented (with citation) and which assumed");
  sources_cmd->add_option("scenario", sources_file, "scenario INI file (default: the built-in)");
  sources_cmd->add_option("--set", sources_sets, "override one key (repeatable)");

  std::string check_file;
  std::vector<std::string> check_sets;
  auto* check_cmd = app.add_subcommand(
      "check", "compare the simulation with the exact Markov-chain oracle (exponential form)");
  check_cmd->add_option("scenario", check_file, "scenario INI file (default: the built-in)");
  check_cmd->add_option("--set", check_sets, "override one key (repeatable)");
  bool check_quiet = false;
  check_cmd->add_flag("--quiet", check_quiet, "no progress line");

  std::string report_dir;
  auto* report_cmd = app.add_subcommand("report", "write OUTDIR/report.html: charts of a run's output");
  report_cmd->add_option("outdir", report_dir, "a folder written by run or sweep")->required();

  std::string export_dir;
  bool export_xlsx = false;
  auto* export_cmd = app.add_subcommand("export", "convert an output folder's CSV files");
  export_cmd->add_option("outdir", export_dir, "a folder written by run or sweep")->required();
  export_cmd->add_flag("--xlsx", export_xlsx, "write OUTDIR/results.xlsx, one sheet per CSV file")
      ->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    marketsim::error_line(fmt::format("{} (see --help)", e.what()));
    return marketsim::kExitUsage;
  }

  run.command_line = sweep.run.command_line = compare.run.command_line =
      marketsim::command_line_of(argc, argv);
  try {
    if (*run_cmd) return marketsim::run_command(run);
    if (*sweep_cmd) return marketsim::sweep_command(sweep);
    if (*compare_cmd) return marketsim::compare_command(compare);
    if (*validate_cmd) return marketsim::validate_command(validate_file, validate_sets);
    if (*params_cmd) return marketsim::params_command(markdown);
    if (*sources_cmd) return marketsim::sources_command(sources_file, sources_sets);
    if (*check_cmd) return marketsim::check_command(check_file, check_sets, check_quiet);
    if (*report_cmd) return marketsim::report_command(report_dir);
    if (*export_cmd) return marketsim::export_command(export_dir, export_xlsx);
  } catch (const std::exception& e) {
    marketsim::error_line(e.what());
    return marketsim::kExitRuntime;
  }
  return marketsim::kExitUsage;
}

}  // namespace
