// The output folder of an experiment: every CSV file, the manifest, and the terminal summary.
// Columns are documented in docs/output.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "models/experiment/experiment.hpp"
#include "tools/output/atomic_dir.hpp"

namespace market {

struct RunInfo {
  // The scenario as run (INI text, a sweep's [sweep] section included), copied into the manifest.
  std::string effective_scenario;
  std::uint64_t seed = 1;
  int replications = 1;
  std::string version;
  std::string source_revision;
  // Recorded in the manifest's comments (empty: left out).
  std::string scenario_file;  // the scenario file as given (absolute), or "built-in default"
  std::string command_line;   // the command, shell-quoted
  std::string date;           // when the run started, UTC, ISO 8601
  std::string run_id;         // names the run in the manifest and the results database
  // The base scenario's keys and value texts (the results database's parameters table).
  std::vector<std::pair<std::string, std::string>> parameters;
  // A sweep's varied keys, one column each beside `point` in every CSV ("..._d" in days):
  // swept_values[point][column] is the point's value in the column's unit.
  std::vector<std::string> swept_columns;
  std::vector<std::vector<std::string>> swept_values;
  // Set by `compare` and `sweep --base`: the point every other is compared with (compare.csv).
  std::optional<std::size_t> compare_base;
};

struct OutputFile {
  std::string name;
  std::string content;
};

// Every file of the folder, in memory, in a fixed order (byte-identical for the same results).
std::vector<OutputFile> render_results(const std::vector<PointResult>& points, const RunInfo& info);

// The names render_results always gives its files, in its order (compare.csv, written only
// with a compare base, comes before manifest.ini).
std::vector<std::string> result_file_names();

// Renders and writes the folder atomically (AtomicDir). Throws OutputError naming the path when
// the folder exists and !force, or cannot be written.
void write_results(const std::filesystem::path& dir, const std::vector<PointResult>& points,
                   const RunInfo& info, bool force);

// Renders every file into an open output folder (the caller may add files, then commits).
void write_results(AtomicDir& out, const std::vector<PointResult>& points, const RunInfo& info);

// A plain-text table of the key figures per point: mean, 95% CI and n over the replications.
std::string summary_table(const std::vector<PointResult>& points);

}  // namespace market
