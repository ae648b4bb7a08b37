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
  CsvRecord header;
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
  // The cell as a number; NaN when empty. "inf" is infinity (compare.csv's
  // variance_reduction). A cell that is no number fails, or is NaN when text_ok.
  double number(std::size_t record, std::size_t col, bool text_ok = false) const {
    const std::string& cell = records[record][col];
    if (cell.empty()) return kNaN;
    if (cell == "inf") return std::numeric_limits<double>::infinity();
    double v = 0;
    const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
    if (ec != std::errc() || end != cell.data() + cell.size()) {
      if (text_ok) return kNaN;
      fail(record, fmt::format("'{}' is not a number", cell));
    }
    return v;
  }
};

Table read_table(const std::filesystem::path& p) {
  Table t{p, {}, {}, {}};
  try {
    t.records = read_csv(read_file(p));
  } catch (const CsvError& e) {
    throw OutputError(fmt::format("{}: malformed CSV: {}", p.string(), e.what()));
  }
  if (t.records.empty()) throw OutputError(fmt::format("{}: empty file", p.string()));
  t.header = std::move(t.records.front());
  t.records.erase(t.records.begin());
  const CsvRecord& header = t.header;
  for (std::size_t i = 0; i < header.size(); ++i) t.columns[header[i]] = i;
  for (std::size_t r = 0; r < t.records.size(); ++r)
    if (t.records[r].size() != header.size())
      t.fail(r, fmt::format("{} fields, the header has {}", t.records[r].size(), header.size()));
  return t;
}

PointData& point_named(ReportData& data, const std::string& label) {
  for (auto& p : data.points)
    if (p.label == label) return p;
  data.points.push_back(PointData{label, {}, {}, {}, {}, {}, {}});
  return data.points.back();
}

// The unit a swept column's suffix names (docs/output.md, "CSV conventions").
SweptAxis axis_of(const std::string& column) {
  static const std::pair<const char*, const char*> kSuffixes[] = {
      {"_d", "days"}, {"_wd", "working days"}, {"_bp", "bp"}};
  for (const auto& [suffix, unit] : kSuffixes) {
    const std::string sfx = suffix;
    if (column.size() > sfx.size() && column.ends_with(sfx)) {
      const std::string u = unit;
      return SweptAxis{column, column.substr(0, column.size() - sfx.size()), u,
                       u == "days" ? "d" : u == "working days" ? "wd" : u, true};
    }
  }
  // Money: "_" and a three-letter currency code ("_usd").
  const auto n = column.size();
  if (n > 4 && column[n - 4] == '_' &&
      std::all_of(column.end() - 3, column.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
    std::string code = column.substr(n - 3);
    for (char& c : code) c = static_cast<char>(c - 'a' + 'A');
    return SweptAxis{column, column.substr(0, n - 4), code, code, true};
  }
  return SweptAxis{column, column, "", "", true};
}

void load_summary_ci(ReportData& data, const std::filesystem::path& outdir) {
  const Table t = read_table(outdir / "summary_ci.csv");
  const auto point = t.column("point"), metric = t.column("metric"), unit = t.column("unit"),
             statistic = t.column("statistic"), n = t.column("n"), mean = t.column("mean"),
             low = t.column("ci_low"), high = t.column("ci_high");
  if (metric <= point) t.fail(0, "the column 'metric' comes before 'point'");
  for (std::size_t c = point + 1; c < metric; ++c) data.axes.push_back(axis_of(t.header[c]));
  for (std::size_t r = 0; r < t.records.size(); ++r) {
    const CsvRecord& rec = t.records[r];
    const double count = t.number(r, n);
    if (std::isnan(count)) t.fail(r, "empty n");
    CiRow row{rec[metric], rec[unit], rec[statistic], static_cast<int>(count),
              t.number(r, mean), t.number(r, low), t.number(r, high),
              rec[mean], rec[low], rec[high]};
    PointData& p = point_named(data, rec[point]);
    if (p.rows.empty()) {
      for (std::size_t c = point + 1; c < metric; ++c) {
        double v = t.number(r, c, /*text_ok=*/true);
        if (rec[c].empty()) t.fail(r, fmt::format("empty '{}'", t.header[c]));
        if (std::isnan(v)) data.axes[c - point - 1].numeric = false;
        p.swept.push_back(rec[c]);
        p.swept_value.push_back(v);
      }
    } else {
      for (std::size_t c = point + 1; c < metric; ++c)
        if (rec[c] != p.swept[c - point - 1])
          t.fail(r, fmt::format("point '{}' has two values of '{}'", rec[point], t.header[c]));
    }
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
    PointData* found = nullptr;
    for (auto& p : data.points)
      if (p.label == label) found = &p;
    if (!found)
      throw OutputError(fmt::format("{}: point '{}' is not in summary_ci.csv",
                                    t.path.string(), label));
    PointData& p = *found;
    for (auto& [d, values] : days) p.escrow.push_back(EscrowDay{d, std::move(values)});
  }
}

// The point of a row of a file other than summary_ci.csv: it must be one summary_ci.csv has.
PointData& known_point(ReportData& data, const Table& t, std::size_t r, const std::string& label) {
  for (auto& p : data.points)
    if (p.label == label) return p;
  t.fail(r, fmt::format("point '{}' is not in summary_ci.csv", label));
}

void load_metrics(ReportData& data, const std::filesystem::path& outdir) {
  const Table t = read_table(outdir / "metrics.csv");
  const auto point = t.column("point"), replication = t.column("replication"),
             metric = t.column("metric"), statistic = t.column("statistic"),
             value = t.column("value");
  PointData* current = nullptr;
  for (std::size_t r = 0; r < t.records.size(); ++r) {
    const CsvRecord& rec = t.records[r];
    const double rep = t.number(r, replication);
    if (!(rep >= 0 && rep < 1e6) || rep != std::floor(rep))
      t.fail(r, fmt::format("replication '{}' is not a replication number", rec[replication]));
    const auto index = static_cast<std::size_t>(rep);
    data.replications = std::max(data.replications, static_cast<int>(index) + 1);
    // Rows come point by point: look a label up only when it changes.
    if (!current || current->label != rec[point]) current = &known_point(data, t, r, rec[point]);
    if (rec[statistic] != "total" || !summed_by_report(rec[metric])) continue;
    auto& values = current->totals[rec[metric]];
    if (values.size() <= index) values.resize(index + 1, kNaN);
    values[index] = t.number(r, value);
  }
}

void load_compare(ReportData& data, const std::filesystem::path& outdir) {
  if (!std::filesystem::exists(outdir / "compare.csv")) return;
  const Table t = read_table(outdir / "compare.csv");
  const auto base = t.column("base"), point = t.column("point"), metric = t.column("metric"),
             unit = t.column("unit"), statistic = t.column("statistic"), n = t.column("n"),
             mean_base = t.column("mean_base"), mean_point = t.column("mean_point"),
             diff = t.column("diff_mean"), low = t.column("diff_ci_low"),
             high = t.column("diff_ci_high"), ulow = t.column("unpaired_ci_low"),
             uhigh = t.column("unpaired_ci_high"), vr = t.column("variance_reduction");
  for (std::size_t r = 0; r < t.records.size(); ++r) {
    const CsvRecord& rec = t.records[r];
    known_point(data, t, r, rec[base]);
    known_point(data, t, r, rec[point]);
    if (data.base.empty()) data.base = rec[base];
    if (rec[base] != data.base)
      t.fail(r, fmt::format("a second base '{}' (the first is '{}')", rec[base], data.base));
    const double count = t.number(r, n);
    if (std::isnan(count)) t.fail(r, "empty n");
    data.compare_index[{rec[point], rec[metric], rec[statistic]}] = data.compare.size();
    data.compare.push_back(CompareRow{
        rec[base], rec[point], rec[metric], rec[unit], rec[statistic], static_cast<int>(count),
        t.number(r, mean_base), t.number(r, mean_point), t.number(r, diff), t.number(r, low),
        t.number(r, high), t.number(r, ulow), t.number(r, uhigh), t.number(r, vr),
        rec[mean_base], rec[mean_point], rec[diff], rec[low], rec[high]});
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

bool summed_by_report(const std::string& metric) {
  static const char* const kPrefixes[] = {"refused.channel_reason.", "fees_buyer.channel.",
                                          "fees_seller.channel.",    "fees_platform.channel.",
                                          "bank_commission.channel.", "fx_spread.channel.",
                                          "principal.channel."};
  for (const char* prefix : kPrefixes)
    if (metric.rfind(prefix, 0) == 0) return true;
  return false;
}

const PointData* ReportData::point(const std::string& label) const {
  for (const auto& p : points)
    if (p.label == label) return &p;
  return nullptr;
}

const CompareRow* ReportData::difference(const std::string& point_label,
                                         const std::string& metric,
                                         const std::string& statistic) const {
  const auto it = compare_index.find({point_label, metric, statistic});
  return it == compare_index.end() ? nullptr : &compare[it->second];
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
  load_metrics(data, outdir);
  load_compare(data, outdir);
  return data;
}

}  // namespace market::report
