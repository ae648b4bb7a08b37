#include "tools/report/report_data.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

#include <fmt/core.h>

#include "tools/output/atomic_dir.hpp"
#include "tools/output/csv.hpp"

namespace market::report {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw OutputError(fmt::format("{}: cannot be read (missing?)", p.string()));
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A CSV file with its header's columns looked up by name.
struct Table {
  std::filesystem::path path;
  std::vector<CsvRecord> records;  // the header excluded
  std::map<std::string, std::size_t> columns;

  std::size_t column(const std::string& name) const {
    const auto it = columns.find(name);
    if (it == columns.end())
      throw OutputError(fmt::format("{}: no column '{}'", path.string(), name));
    return it->second;
  }
  // Line numbers count the header as line 1 (no cell of these files holds a line break).
  [[noreturn]] void fail(std::size_t record, const std::string& what) const {
    throw OutputError(fmt::format("{}: line {}: {}", path.string(), record + 2, what));
  }
  double number(std::size_t record, std::size_t col) const {
    const std::string& cell = records[record][col];
    if (cell.empty()) return kNaN;
    double v = 0;
    const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
    if (ec != std::errc() || end != cell.data() + cell.size())
      fail(record, fmt::format("'{}' is not a number", cell));
    return v;
  }
};

Table read_table(const std::filesystem::path& p) {
  Table t{p, {}, {}};
  try {
    t.records = read_csv(read_file(p));
  } catch (const CsvError& e) {
    throw OutputError(fmt::format("{}: malformed CSV: {}", p.string(), e.what()));
  }
  if (t.records.empty()) throw OutputError(fmt::format("{}: empty file", p.string()));
  const CsvRecord header = std::move(t.records.front());
  t.records.erase(t.records.begin());
  for (std::size_t i = 0; i < header.size(); ++i) t.columns[header[i]] = i;
  for (std::size_t r = 0; r < t.records.size(); ++r)
    if (t.records[r].size() != header.size())
      t.fail(r, fmt::format("{} fields, the header has {}", t.records[r].size(), header.size()));
  return t;
}

PointData& point_named(ReportData& data, const std::string& label) {
  for (auto& p : data.points)
    if (p.label == label) return p;
  data.points.push_back(PointData{label, {}, {}, {}});
  return data.points.back();
}

void load_summary_ci(ReportData& data, const std::filesystem::path& outdir) {
  const Table t = read_table(outdir / "summary_ci.csv");
  const auto point = t.column("point"), metric = t.column("metric"), unit = t.column("unit"),
             statistic = t.column("statistic"), n = t.column("n"), mean = t.column("mean"),
             low = t.column("ci_low"), high = t.column("ci_high");
  for (std::size_t r = 0; r < t.records.size(); ++r) {
    const CsvRecord& rec = t.records[r];
    const double count = t.number(r, n);
    if (std::isnan(count)) t.fail(r, "empty n");
    CiRow row{rec[metric], rec[unit], rec[statistic], static_cast<int>(count),
              t.number(r, mean), t.number(r, low), t.number(r, high),
              rec[mean], rec[low], rec[high]};
    PointData& p = point_named(data, rec[point]);
    p.index[{row.metric, row.statistic}] = p.rows.size();
    p.rows.push_back(std::move(row));
  }
}

void load_escrow(ReportData& data, const std::filesystem::path& outdir) {
  const Table t = read_table(outdir / "escrow_daily.csv");
  const auto point = t.column("point"), day = t.column("day"), held = t.column("escrow_held_usd");
  std::map<std::string, std::map<long, std::vector<double>>> by_point;
  for (std::size_t r = 0; r < t.records.size(); ++r) {
    const double d = t.number(r, day);
    if (std::isnan(d)) t.fail(r, "empty day");
    by_point[t.records[r][point]][static_cast<long>(d)].push_back(t.number(r, held));
  }
  for (auto& [label, days] : by_point) {
    PointData& p = point_named(data, label);
    for (auto& [d, values] : days) p.escrow.push_back(EscrowDay{d, std::move(values)});
  }
}

std::vector<std::string> manifest_facts(const std::filesystem::path& outdir) {
  const auto path = outdir / "manifest.ini";
  std::vector<std::string> facts;
  if (!std::filesystem::exists(path)) return facts;
  std::istringstream in(read_file(path));
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("; ", 0) != 0) {
      if (!line.empty()) break;  // the comments come first; the scenario follows
      continue;
    }
    if (line.find(" = ") != std::string::npos) facts.push_back(line.substr(2));
  }
  return facts;
}

}  // namespace

const CiRow* PointData::find(const std::string& metric, const std::string& statistic) const {
  const auto it = index.find({metric, statistic});
  return it == index.end() ? nullptr : &rows[it->second];
}

double PointData::mean(const std::string& metric, const std::string& statistic) const {
  const CiRow* row = find(metric, statistic);
  return row ? row->mean : kNaN;
}

ReportData load_report_data(const std::filesystem::path& outdir) {
  if (!std::filesystem::is_directory(outdir))
    throw OutputError(fmt::format("{}: no such output folder", outdir.string()));
  ReportData data;
  data.facts = manifest_facts(outdir);
  load_summary_ci(data, outdir);
  load_escrow(data, outdir);
  return data;
}

}  // namespace market::report
