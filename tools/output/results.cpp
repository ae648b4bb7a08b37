#include "tools/output/results.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <stdexcept>
#include <tuple>

#include <fmt/format.h>

#include "tools/output/atomic_dir.hpp"
#include "tools/output/compare.hpp"
#include "tools/output/csv.hpp"
#include "tools/output/key_figures.hpp"
#include "tools/output/number_format.hpp"
#include "tools/output/paired_stats.hpp"
#include "tools/output/replication_stats.hpp"

namespace market {
namespace {

// The topic files, each the wide form of one metric group.
constexpr const char* kGroups[] = {"settlement", "disputes",    "refunds", "fees", "limits",
                                   "faults",     "chargebacks", "orders"};


std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::vector<std::vector<double>> as_matrix(const PointResult& p) {
  std::vector<std::vector<double>> m;
  m.reserve(p.runs.size());
  for (const auto& run : p.runs) {
    std::vector<double> row(p.keys.size());
    for (std::size_t i = 0; i < p.keys.size(); ++i) row[i] = as_double(p.keys[i], run.values[i]);
    m.push_back(std::move(row));
  }
  return m;
}

// The first columns of every row: the point, its swept values, the replication and its seed.
struct RunColumns {
  const RunInfo& info;
  std::vector<std::string> header(std::initializer_list<const char*> rest) const {
    std::vector<std::string> h{"point"};
    h.insert(h.end(), info.swept_columns.begin(), info.swept_columns.end());
    h.insert(h.end(), {"replication", "seed"});
    h.insert(h.end(), rest.begin(), rest.end());
    return h;
  }
  std::vector<std::string> cells(std::size_t point, const PointResult& p, const RunRecord& r) const {
    std::vector<std::string> c{p.label};
    if (!info.swept_columns.empty()) {
      if (point >= info.swept_values.size() ||
          info.swept_values[point].size() != info.swept_columns.size())
        throw std::invalid_argument("results: swept values do not match the points");
      c.insert(c.end(), info.swept_values[point].begin(), info.swept_values[point].end());
    }
    c.push_back(fmt::format("{}", r.replication));
    c.push_back(fmt::format("{}", r.seed));
    return c;
  }
};

std::string summary_csv(const std::vector<PointResult>& points, const RunColumns& run) {
  std::string out;
  std::vector<std::string> header = run.header({"orders_all", "events"});
  for (const auto& f : kKeyFigures) header.emplace_back(f.column);
  append_csv_row(out, header);
  for (std::size_t pi = 0; pi < points.size(); ++pi) {
    const auto& p = points[pi];
    std::vector<std::optional<std::size_t>> at;
    for (const auto& f : kKeyFigures) at.push_back(find_metric(p, f.metric, f.statistic));
    for (const auto& r : p.runs) {
      auto row = run.cells(pi, p, r);
      row.push_back(fmt::format("{}", r.orders_placed));
      row.push_back(fmt::format("{}", r.events_dispatched));
      for (const auto& i : at) row.push_back(i ? format_cell(p.keys[*i], r.values[*i]) : "");
      append_csv_row(out, row);
    }
  }
  return out;
}

std::string unit_of(const MetricKey& k) { return k.unit; }

std::string summary_ci_csv(const std::vector<PointResult>& points, const RunInfo& info) {
  std::string out;
  std::vector<std::string> header{"point"};
  header.insert(header.end(), info.swept_columns.begin(), info.swept_columns.end());
  header.insert(header.end(), {"metric", "unit", "statistic", "n", "mean", "sd", "ci_low", "ci_high"});
  append_csv_row(out, header);
  for (std::size_t pi = 0; pi < points.size(); ++pi) {
    const auto& p = points[pi];
    const auto stats = across_replications(as_matrix(p));
    for (std::size_t i = 0; i < p.keys.size(); ++i) {
      const MetricKey& k = p.keys[i];
      // A histogram quantile: the interval never narrower than the resolution, every number
      // to the digits it carries, the bounds rounded outwards; other reals at their unit's
      // decimals (format_real).
      const auto st = widened_by_resolution(stats[i], k.resolution);
      const int digits = k.resolution > 0 ? significant_digits(k.resolution) : 0;
      const auto show = [&](double x, int direction) {
        return digits > 0 ? format_significant(x, digits, direction) : format_real(x, k.unit);
      };
      std::vector<std::string> row{p.label};
      if (!info.swept_columns.empty())
        row.insert(row.end(), info.swept_values[pi].begin(), info.swept_values[pi].end());
      row.insert(row.end(), {metric_name(k), unit_of(k), k.statistic, fmt::format("{}", st.n),
                             show(st.mean, 0), show(st.sd, 0), show(st.ci_low, -1),
                             show(st.ci_high, +1)});
      append_csv_row(out, row);
    }
  }
  return out;
}

std::string row_currency(const MetricKey& k) {
  return k.has_currency ? std::string(currency_code(k.currency)) : std::string();
}

// The wide column of one (measure, statistic): "settlement_p90_h", "disputes_opened",
// "dispute_refunded_usd" (money outside a currency column carries its currency).
std::string column_of(const MetricKey& k) {
  std::string c = k.measure;
  if (k.statistic != "total" && k.statistic != "value") c += fmt::format("_{}", k.statistic);
  if (k.unit == "h") c += "_h";
  if (k.kind == MetricKind::Money && !k.has_currency)
    c += fmt::format("_{}", lower(currency_code(k.currency)));
  return c;
}

std::string group_csv(const std::vector<PointResult>& points, std::string_view group,
                      const RunColumns& run) {
  std::vector<std::string> columns;
  bool currency = false;
  for (const auto& p : points)
    for (const auto& k : p.keys) {
      if (k.group != group) continue;
      currency = currency || k.has_currency;
      const std::string c = column_of(k);
      if (std::find(columns.begin(), columns.end(), c) == columns.end()) columns.push_back(c);
    }
  std::string out;
  std::vector<std::string> header = run.header({"by", "key"});
  if (currency) header.emplace_back("currency");
  header.insert(header.end(), columns.begin(), columns.end());
  append_csv_row(out, header);
  for (std::size_t pi = 0; pi < points.size(); ++pi) {
    const auto& p = points[pi];
    // Rows (by, key, currency) in first-seen order; each metric's row and column.
    std::vector<std::tuple<std::string, std::string, std::string>> rows;
    std::vector<std::pair<std::size_t, std::size_t>> place;  // metric -> (row, column)
    std::vector<std::size_t> metric_index;
    for (std::size_t i = 0; i < p.keys.size(); ++i) {
      const auto& k = p.keys[i];
      if (k.group != group) continue;
      auto id = std::make_tuple(k.by, k.key, row_currency(k));
      auto it = std::find(rows.begin(), rows.end(), id);
      const auto row = static_cast<std::size_t>(it - rows.begin());
      if (it == rows.end()) rows.push_back(std::move(id));
      const auto col = static_cast<std::size_t>(
          std::find(columns.begin(), columns.end(), column_of(k)) - columns.begin());
      place.emplace_back(row, col);
      metric_index.push_back(i);
    }
    for (const auto& r : p.runs) {
      std::vector<std::vector<std::string>> cells(rows.size(),
                                                  std::vector<std::string>(columns.size()));
      for (std::size_t j = 0; j < place.size(); ++j) {
        const std::size_t i = metric_index[j];
        cells[place[j].first][place[j].second] = format_cell(p.keys[i], r.values[i]);
      }
      for (std::size_t row = 0; row < rows.size(); ++row) {
        auto line = run.cells(pi, p, r);
        line.push_back(std::get<0>(rows[row]));
        line.push_back(std::get<1>(rows[row]));
        if (currency) line.push_back(std::get<2>(rows[row]));
        line.insert(line.end(), cells[row].begin(), cells[row].end());
        append_csv_row(out, line);
      }
    }
  }
  return out;
}

std::string escrow_daily_csv(const std::vector<PointResult>& points, const RunColumns& run) {
  std::string out;
  append_csv_row(out, run.header({"day", "escrow_held_usd", "orders_in_flight"}));
  for (std::size_t pi = 0; pi < points.size(); ++pi)
    for (const auto& r : points[pi].runs)
      for (const auto& d : r.days) {
        auto line = run.cells(pi, points[pi], r);
        line.push_back(fmt::format("{}", d.day));
        line.push_back(format_amount(Money(d.escrow_cents, Currency::USD)));
        line.push_back(fmt::format("{}", d.in_flight));
        append_csv_row(out, line);
      }
  return out;
}

std::string metrics_csv(const std::vector<PointResult>& points, const RunColumns& run) {
  std::string out;
  append_csv_row(out, run.header({"metric", "unit", "statistic", "value"}));
  for (std::size_t pi = 0; pi < points.size(); ++pi) {
    const auto& p = points[pi];
    for (const auto& r : p.runs) {
      auto add = [&](std::string metric, std::string unit, std::string statistic,
                     std::string value) {
        auto line = run.cells(pi, p, r);
        line.insert(line.end(), {std::move(metric), std::move(unit), std::move(statistic),
                                 std::move(value)});
        append_csv_row(out, line);
      };
      add("orders_all", "count", "total", fmt::format("{}", r.orders_placed));
      add("events_dispatched", "count", "total", fmt::format("{}", r.events_dispatched));
      for (std::size_t i = 0; i < p.keys.size(); ++i)
        add(metric_name(p.keys[i]), p.keys[i].unit, p.keys[i].statistic,
            format_cell(p.keys[i], r.values[i]));
      for (const auto& d : r.days) {
        add(fmt::format("escrow_held.day.{}", d.day), "USD", "value",
            format_amount(Money(d.escrow_cents, Currency::USD)));
        add(fmt::format("orders_in_flight.day.{}", d.day), "count", "value",
            fmt::format("{}", d.in_flight));
      }
    }
  }
  return out;
}

// The manifest is itself a scenario file: the run's facts are comments and the effective scenario
// (every key, the seed and replication count included) follows, so `marketsim run --manifest
// FILE` loads it like any scenario and reproduces the run.
std::string manifest_ini(const std::vector<PointResult>& points, const RunInfo& info) {
  std::string out = "; marketsim output manifest: how this folder was made\n";
  out += fmt::format("; version = {}\n; source_revision = {}\n; seed = {}\n; replications = {}\n",
                     info.version, info.source_revision, info.seed, info.replications);
  if (!info.run_id.empty()) out += fmt::format("; run_id = {}\n", info.run_id);
  if (!info.date.empty()) out += fmt::format("; date = {}\n", info.date);
  if (!info.scenario_file.empty()) out += fmt::format("; scenario_file = {}\n", info.scenario_file);
  if (!info.command_line.empty()) out += fmt::format("; command_line = {}\n", info.command_line);
  std::string labels;
  for (const auto& p : points) labels += fmt::format("{}{}", labels.empty() ? "" : ", ", p.label);
  out += fmt::format("; points = {}\n", labels);
  if (info.compare_base) out += fmt::format("; compared with = {}\n", points.at(*info.compare_base).label);
  out += "\n; the effective scenario\n";
  out += info.effective_scenario;
  if (!out.empty() && out.back() != '\n') out += '\n';
  return out;
}

}  // namespace

std::vector<OutputFile> render_results(const std::vector<PointResult>& points,
                                       const RunInfo& info) {
  const RunColumns run{info};
  if (!info.swept_columns.empty() && info.swept_values.size() != points.size())
    throw std::invalid_argument("results: swept values do not match the points");
  std::vector<OutputFile> files;
  files.push_back({"summary.csv", summary_csv(points, run)});
  files.push_back({"summary_ci.csv", summary_ci_csv(points, info)});
  for (const char* g : kGroups)
    files.push_back({fmt::format("{}.csv", g), group_csv(points, g, run)});
  files.push_back({"escrow_daily.csv", escrow_daily_csv(points, run)});
  files.push_back({"metrics.csv", metrics_csv(points, run)});
  if (info.compare_base)
    files.push_back({"compare.csv", compare_csv(points, *info.compare_base, info.swept_columns,
                                                info.swept_values)});
  files.push_back({"manifest.ini", manifest_ini(points, info)});
  return files;
}

std::vector<std::string> result_file_names() {
  std::vector<std::string> names{"summary.csv", "summary_ci.csv"};
  for (const char* g : kGroups) names.push_back(fmt::format("{}.csv", g));
  names.insert(names.end(), {"escrow_daily.csv", "metrics.csv", "manifest.ini"});
  return names;
}

void write_results(const std::filesystem::path& dir, const std::vector<PointResult>& points,
                   const RunInfo& info, bool force) {
  AtomicDir out(dir, force);
  write_results(out, points, info);
  out.commit();
}

void write_results(AtomicDir& out, const std::vector<PointResult>& points, const RunInfo& info) {
  for (const auto& f : render_results(points, info)) out.write(f.name, f.content);
}

std::string summary_table(const std::vector<PointResult>& points) {
  std::string out;
  for (const auto& p : points) {
    const auto stats = across_replications(as_matrix(p));
    out += fmt::format("point {} ({} replications)\n", p.label, p.runs.size());
    out += fmt::format("  {:<40} {:>14} {:>31}\n", "figure", "mean", "95% CI");
    for (const auto& f : kKeyFigures) {
      const auto i = find_metric(p, f.metric, f.statistic);
      if (!i) continue;
      const auto s = widened_by_resolution(stats[*i], p.keys[*i].resolution);
      const std::string ci = std::isfinite(s.ci_low)
                                 ? fmt::format("[{}, {}]", readable(s.ci_low), readable(s.ci_high))
                                 : std::string("-");
      const std::string mean = std::isfinite(s.mean) ? readable(s.mean) : "-";
      out += fmt::format("  {:<40} {:>14} {:>31}\n", f.label, mean, ci);
    }
  }
  return out;
}

}  // namespace market
