// What the report reads from an output folder, per point in the order the files list them.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace market::report {

// One row of summary_ci.csv; the raw cells are kept so the page can show the file's exact text.
struct CiRow {
  std::string metric;
  std::string unit;
  std::string statistic;
  int n = 0;
  double mean = 0;  // NaN when the cell is empty (no replication observed the figure)
  double ci_low = 0;
  double ci_high = 0;
  std::string mean_cell, ci_low_cell, ci_high_cell;
};

struct EscrowDay {
  long day = 0;
  std::vector<double> held_usd;  // one per replication
};

struct PointData {
  std::string label;
  std::vector<CiRow> rows;                           // in file order
  std::map<std::pair<std::string, std::string>, std::size_t> index;  // (metric, statistic)
  std::vector<EscrowDay> escrow;                     // by day, ascending

  // The row of (metric, statistic), or null.
  const CiRow* find(const std::string& metric, const std::string& statistic) const;
  // Its mean, or NaN when absent or not observed.
  double mean(const std::string& metric, const std::string& statistic) const;
};

struct ReportData {
  std::vector<std::string> facts;  // "key = value" comment lines of manifest.ini
  std::vector<PointData> points;
};

// Throws OutputError naming the file on a missing folder or file, malformed CSV, a missing
// column, a record of the wrong length or a cell that is not a number.
ReportData load_report_data(const std::filesystem::path& outdir);

}  // namespace market::report
