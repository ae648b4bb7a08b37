// What the report reads from an output folder, per point in the order the files list them:
// summary_ci.csv (means and intervals), escrow_daily.csv, the per-replication totals of
// metrics.csv the report sums itself (refusals per channel, fees per payer), compare.csv when
// the folder has one, and the facts of manifest.ini.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <tuple>
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

// A swept key's column (between `point` and `metric` in summary_ci.csv), docs/output.md.
struct SweptAxis {
  std::string column;  // "protection.release_after_confirmation_d"
  std::string key;     // the scenario key: the column without its unit suffix
  std::string unit;    // "days", "working days", "bp", a currency code, or "" (plain or text)
  std::string unit_short;  // "d", "wd", "bp", "USD", ""
  bool numeric = true;     // every point's cell is a number
};

// One row of compare.csv (the cells of the differences kept as written).
struct CompareRow {
  std::string base, point, metric, unit, statistic;
  int n = 0;
  double mean_base = 0, mean_point = 0, diff_mean = 0, diff_low = 0, diff_high = 0;
  double unpaired_low = 0, unpaired_high = 0, variance_reduction = 0;
  std::string mean_base_cell, mean_point_cell, diff_mean_cell, diff_low_cell, diff_high_cell;
};

struct PointData {
  std::string label;
  std::vector<std::string> swept;   // the point's cell of every axis, in the axes' order
  std::vector<double> swept_value;  // the same as numbers (NaN for a text cell)
  std::vector<CiRow> rows;          // in file order
  std::map<std::pair<std::string, std::string>, std::size_t> index;  // (metric, statistic)
  std::vector<EscrowDay> escrow;    // by day, ascending
  // metrics.csv's `total` of the figures summed by the report (refused.*, fees_*, principal.*,
  // bank_commission.*, fx_spread.*), by replication (NaN where a replication lacks it).
  std::map<std::string, std::vector<double>> totals;

  // The row of (metric, statistic), or null.
  const CiRow* find(const std::string& metric, const std::string& statistic) const;
  // Its mean, or NaN when absent or not observed.
  double mean(const std::string& metric, const std::string& statistic) const;
};

struct ReportData {
  std::vector<std::string> facts;  // "key = value" comment lines of manifest.ini
  std::vector<SweptAxis> axes;     // empty for a single run or `compare`
  std::vector<PointData> points;
  std::vector<CompareRow> compare;  // empty without compare.csv
  std::map<std::tuple<std::string, std::string, std::string>, std::size_t> compare_index;
  std::string base;                 // the compared base point's label, or ""
  int replications = 0;             // the most replications any point has in metrics.csv

  const PointData* point(const std::string& label) const;
  // The compare.csv row of (point, metric, statistic), or null.
  const CompareRow* difference(const std::string& point, const std::string& metric,
                               const std::string& statistic) const;
};

// Whether metrics.csv's `metric` is one the report sums (and so keeps per replication).
bool summed_by_report(const std::string& metric);

// Throws OutputError naming the file on a missing folder or file, malformed CSV, a missing
// column, a record of the wrong length or a cell that is not a number.
ReportData load_report_data(const std::filesystem::path& outdir);

}  // namespace market::report
