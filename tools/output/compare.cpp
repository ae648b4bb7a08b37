#include "tools/output/compare.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "tools/output/csv.hpp"
#include "tools/output/key_figures.hpp"
#include "tools/output/number_format.hpp"
#include "tools/output/paired_stats.hpp"

namespace market {
namespace {

void check_pairs(const std::vector<PointResult>& points, std::size_t base) {
  if (base >= points.size()) throw std::invalid_argument("compare: no such base point");
  const PointResult& b = points[base];
  for (const PointResult& p : points) {
    bool same = p.runs.size() == b.runs.size();
    for (std::size_t r = 0; same && r < p.runs.size(); ++r)
      same = p.runs[r].replication == b.runs[r].replication && p.runs[r].seed == b.runs[r].seed;
    if (!same)
      throw std::invalid_argument(fmt::format(
          "compare: the replications of {} and {} do not pair up (seeds or counts differ)",
          p.label, b.label));
  }
}

PairedStats pair_of(const PointResult& base, std::size_t i, const PointResult& p, std::size_t j) {
  // Both resolutions are the histograms' own; the coarser governs.
  const double resolution = std::max(base.keys[i].resolution, p.keys[j].resolution);
  return paired_difference(metric_column(base, i), metric_column(p, j), resolution);
}

std::string real_cell(double x, std::string_view unit, int digits, int direction, double scale = 0) {
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  if (!std::isfinite(x)) return {};
  return digits > 0 ? format_significant(x, digits, direction, scale) : format_real(x, unit);
}

std::string ci_text(double lo, double hi) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) return "-";
  return fmt::format("[{}, {}]", readable(lo), readable(hi));
}

}  // namespace

std::string compare_csv(const std::vector<PointResult>& points, std::size_t base,
                        const std::vector<std::string>& swept_columns,
                        const std::vector<std::vector<std::string>>& swept_values) {
  check_pairs(points, base);
  if (!swept_columns.empty()) {
    bool fits = swept_values.size() == points.size();
    for (std::size_t i = 0; fits && i < swept_values.size(); ++i)
      fits = swept_values[i].size() == swept_columns.size();
    if (!fits) throw std::invalid_argument("compare: swept values do not match the points");
  }
  std::string out;
  std::vector<std::string> header{"base", "point"};
  header.insert(header.end(), swept_columns.begin(), swept_columns.end());
  header.insert(header.end(),
                {"metric", "unit", "statistic", "n", "mean_base", "ci_low_base", "ci_high_base",
                 "mean_point", "ci_low_point", "ci_high_point", "diff_mean", "diff_sd",
                 "diff_ci_low", "diff_ci_high", "unpaired_ci_low", "unpaired_ci_high",
                 "variance_reduction"});
  append_csv_row(out, header);
  const PointResult& b = points[base];
  for (std::size_t pi = 0; pi < points.size(); ++pi) {
    if (pi == base) continue;
    const PointResult& p = points[pi];
    for (std::size_t j = 0; j < p.keys.size(); ++j) {
      const MetricKey& k = p.keys[j];
      const auto i = find_metric(b, metric_name(k), k.statistic);
      if (!i) continue;
      const PairedStats s = pair_of(b, *i, p, j);
      const double resolution = std::max(b.keys[*i].resolution, k.resolution);
      const int d = resolution > 0 ? significant_digits(resolution) : 0;
      // Differences are known to the figures' digits, not their own.
      const double sc = std::max(std::fabs(s.a.mean), std::fabs(s.b.mean));
      const std::string_view u = k.unit;
      std::vector<std::string> row{b.label, p.label};
      if (!swept_columns.empty())
        row.insert(row.end(), swept_values[pi].begin(), swept_values[pi].end());
      row.insert(row.end(),
                 {metric_name(k), k.unit, k.statistic, fmt::format("{}", s.n),
                  real_cell(s.a.mean, u, d, 0), real_cell(s.a.ci_low, u, d, -1),
                  real_cell(s.a.ci_high, u, d, +1), real_cell(s.b.mean, u, d, 0),
                  real_cell(s.b.ci_low, u, d, -1), real_cell(s.b.ci_high, u, d, +1),
                  real_cell(s.diff.mean, u, d, 0, sc), real_cell(s.diff.sd, u, d, 0, sc),
                  real_cell(s.diff.ci_low, u, d, -1, sc), real_cell(s.diff.ci_high, u, d, +1, sc),
                  real_cell(s.unpaired_low, u, d, -1, sc), real_cell(s.unpaired_high, u, d, +1, sc),
                  real_cell(s.variance_reduction, "", 0, 0)});
      append_csv_row(out, row);
    }
  }
  return out;
}

std::string compare_table(const std::vector<PointResult>& points, std::size_t base) {
  check_pairs(points, base);
  const PointResult& b = points[base];
  std::string out;
  for (std::size_t pi = 0; pi < points.size(); ++pi) {
    if (pi == base) continue;
    const PointResult& p = points[pi];
    out += fmt::format("{} against {} ({} paired replications; difference = {} - {})\n", p.label,
                       b.label, p.runs.size(), p.label, b.label);
    out += fmt::format("  {:<40} {:>10} {:>10} {:>10} {:>25} {:>25} {:>9}\n", "figure",
                       "mean " + b.label, "mean " + p.label, "difference", "paired 95% CI",
                       "unpaired 95% CI", "var. red.");
    for (const auto& f : kKeyFigures) {
      const auto i = find_metric(b, f.metric, f.statistic);
      const auto j = find_metric(p, f.metric, f.statistic);
      if (!i || !j) continue;
      const PairedStats s = pair_of(b, *i, p, *j);
      const auto shown = [](double x) { return std::isfinite(x) ? readable(x) : "-"; };
      const std::string vrf = std::isinf(s.variance_reduction) ? "inf"
                              : std::isfinite(s.variance_reduction)
                                  ? fmt::format("{:.1f}", s.variance_reduction)
                                  : "-";
      out += fmt::format("  {:<40} {:>10} {:>10} {:>10} {:>25} {:>25} {:>9}\n", f.label,
                         shown(s.a.mean), shown(s.b.mean), shown(s.diff.mean),
                         ci_text(s.diff.ci_low, s.diff.ci_high),
                         ci_text(s.unpaired_low, s.unpaired_high), vrf);
    }
  }
  return out;
}

}  // namespace market
