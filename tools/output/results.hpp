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
  std::string effective_scenario;  // the scenario as run (INI text), copied into the manifest
  std::uint64_t seed = 1;
  int replications = 1;
  std::string version;
  std::string source_revision;
  // Set by `compare` and `sweep --base`: the point every other is compared with (compare.csv).
  std::optional<std::size_t> compare_base;
};

struct OutputFile {
  std::string name;
  std::string content;
};

// Every file of the folder, in memory, in a fixed order (byte-identical for the same results).
std::vector<OutputFile> render_results(const std::vector<PointResult>& points, const RunInfo& info);

// Renders and writes the folder atomically (AtomicDir). Throws OutputError naming the path when
// the folder exists and !force, or cannot be written.
void write_results(const std::filesystem::path& dir, const std::vector<PointResult>& points,
                   const RunInfo& info, bool force);

// Renders every file into an open output folder (the caller may add files, then commits).
void write_results(AtomicDir& out, const std::vector<PointResult>& points, const RunInfo& info);

// A plain-text table of the key figures per point: mean, 95% CI and n over the replications.
std::string summary_table(const std::vector<PointResult>& points);

}  // namespace market
