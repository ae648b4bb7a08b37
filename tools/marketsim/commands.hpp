// The subcommands of `marketsim`, free of CLI11 so that only main.cpp pays for its headers.
// Each returns the process exit code: 0 success, 1 runtime error, 2 usage or scenario error.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace marketsim {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRuntime = 1;
inline constexpr int kExitUsage = 2;

struct RunOptions {
  std::string scenario;              // empty: the compiled-in default
  std::string manifest;              // rerun a manifest (its effective scenario)
  std::vector<std::string> sets;     // key=value overrides, in order
  std::optional<std::uint64_t> seed;
  std::optional<int> replications;
  std::string horizon;               // a duration, e.g. "90d"
  std::string out = "marketsim-out";
  int threads = 1;
  bool force = false;
  bool trace = false;
  bool quiet = false;
  bool xlsx = false;                 // also write OUT/results.xlsx
  std::string db;                    // also append the run to this SQLite database
  std::string command_line;          // as typed, for the manifest (command_line_of)
};

struct SweepOptions {
  RunOptions run;                 // run.manifest reruns a sweep's manifest
  std::vector<std::string> vary;  // key=v1,v2,... (replaces the scenario's [sweep] line of key)
  bool list = false;              // print the points and stop
  std::string base;               // a point's label: compare.csv holds every other against it
};

// `marketsim compare [A [B]]`: A and B are scenario files (none: the built-in default; one: the
// same file for both); `run.sets` apply to both, `sets_a` to A, `sets_b` to B after them. B
// runs with A's seed and replication count, so replication r of A and of B are a pair.
struct CompareOptions {
  RunOptions run;
  std::vector<std::string> scenarios;  // at most two
  std::vector<std::string> sets_a;
  std::vector<std::string> sets_b;
};

int run_command(const RunOptions& o);
int sweep_command(const SweepOptions& o);
int compare_command(const CompareOptions& o);
int validate_command(const std::string& scenario, const std::vector<std::string>& sets);
int params_command(bool markdown);
int sources_command(const std::string& scenario, const std::vector<std::string>& sets);
// The exact oracle (docs/validation.md): the scenario in exponential form, solved as a Markov
// chain and simulated; exit 0 when every figure lies inside the simulation's 99% interval.
int check_command(const std::string& scenario, const std::vector<std::string>& sets, bool quiet);
// Writes OUTDIR/report.html from the CSV files of a run's output folder.
int report_command(const std::string& outdir);
// Writes OUTDIR/results.xlsx from the CSV files of an output folder (one sheet per file).
int export_command(const std::string& outdir, bool xlsx);

// The command as typed, each argument shell-quoted when it needs it: the manifest records it.
std::string command_line_of(int argc, const char* const* argv);

std::string version_text();  // "marketsim 0.1.0 (revision ...)"

// "marketsim: MESSAGE" on stderr. Under mpiexec rank 0 alone prints it: an error found before
// the runs start is found by every rank alike (each still exits non-zero), and one found during
// the runs reaches rank 0 as "rank K: reason" (see tools/mpi/mpi_experiment.hpp).
void error_line(const std::string& message);

}  // namespace marketsim
