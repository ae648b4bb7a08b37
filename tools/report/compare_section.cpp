#include "tools/report/compare_section.hpp"

#include <cmath>
#include <set>
#include <utility>
#include <vector>

#include <fmt/core.h>

#include "tools/report/labels.hpp"
#include "tools/report/point_sections.hpp"
#include "tools/report/svg_chart.hpp"
#include "tools/report/sweep_sections.hpp"

namespace market::report {
namespace {

struct ForestFigure {
  const char* metric;
  const char* statistic;
  const char* label;
};
constexpr ForestFigure kForest[] = {
    {"settlement", "p50", "settlement time, median"},
    {"settlement", "p90", "settlement time, p90"},
    {"settlement", "mean", "settlement time, mean"},
    {"escrow_float", "mean", "escrow float, mean"},
    {"dispute_rate", "value", "dispute rate"},
    {"disputes_escalated", "share", "escalated share of disputes"},
    {"dispute_duration", "mean", "dispute duration, mean"},
    {"refund_latency.kind.nondelivery", "mean", "non-delivery refund latency, mean"},
    {"refund_latency.kind.dispute", "mean", "dispute refund latency, mean"},
    {"abandoned", "total", "orders abandoned after a refusal"},
    {"chargeback_losses", "total", "chargeback losses"},
};

double relative(double diff, double base) {
  return std::isfinite(diff) && std::isfinite(base) && base != 0 ? diff / std::abs(base) : NAN;
}

std::string shown(double v, const std::string& unit) {
  return format_figure(shown_value(v, unit), shown_unit(unit));
}

std::string interval(double low, double high, const std::string& unit) {
  if (!std::isfinite(low) || !std::isfinite(high)) return "–";
  return shown(low, unit) + " to " + shown(high, unit);
}

bool excludes_zero(const CompareRow& r) {
  return std::isfinite(r.diff_low) && std::isfinite(r.diff_high) &&
         (r.diff_low > 0 || r.diff_high < 0);
}

std::string diff_cell(const CompareRow& r) {
  return fmt::format("<td class=\"num{}\" data-value=\"{}\">{}<span class=\"ci\">{}</span></td>",
                     excludes_zero(r) ? " differs" : "", html_escape(r.diff_mean_cell),
                     shown(r.diff_mean, r.unit), interval(r.diff_low, r.diff_high, r.unit));
}

}  // namespace

std::string compare_section(const ReportData& data, const SweepLayout& layout) {
  if (data.compare.empty()) return "";
  const auto styles = point_styles(layout);
  std::vector<std::size_t> compared;  // point indices other than the base, in file order
  for (std::size_t i = 0; i < data.points.size(); ++i)
    if (data.points[i].label != data.base) compared.push_back(i);
  IntervalChart forest;
  forest.title = "Paired differences from the base, share of the base's mean";
  forest.x_title = "(point - base) / base: the difference as a share of the base's mean, 95% interval";
  forest.x_share = true;
  forest.width = 1160;
  for (const auto& f : kForest) {
    IntervalRow row{f.label, {}};
    for (std::size_t i : compared) {
      const CompareRow* r = data.difference(data.points[i].label, f.metric, f.statistic);
      IntervalMark m{NAN, NAN, NAN, styles[i].colour, layout.short_label[i], styles[i].dash};
      if (r) {
        m.value = relative(r->diff_mean, r->mean_base);
        m.low = relative(r->diff_low, r->mean_base);
        m.high = relative(r->diff_high, r->mean_base);
      }
      row.marks.push_back(m);
    }
    forest.rows.push_back(std::move(row));
  }
  std::vector<LegendEntry> entries;
  for (std::size_t i : compared)
    entries.push_back({layout.short_label[i], styles[i].colour, styles[i].dash});
  std::string out = fmt::format(
      "<p class=\"note\">From compare.csv: replication r of each point paired with replication "
      "r of the base <strong>{}</strong> (the same random numbers), so the interval of a "
      "difference is the paired Student t interval, usually far narrower than the two points' "
      "own intervals. A difference whose interval excludes zero is set in bold in the table. "
      "Zero or unobserved base figures are left out of the plot.</p>\n",
      html_escape(data.base));
  out += legend(entries, true, "compared points (a second key's values: hollow, dashed)") +
         interval_chart(forest);
  // The table: every whole-run figure (and the named breakdowns) of compare.csv.
  std::vector<std::pair<std::string, std::string>> rows;
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& r : data.compare) {
    const bool named = figure_names().count(r.metric + "/" + r.statistic) > 0;
    if ((named || r.metric.find('.') == std::string::npos) &&
        seen.insert({r.metric, r.statistic}).second)
      rows.emplace_back(r.metric, r.statistic);
  }
  std::string table = "<div class=\"wide\"><table class=\"figures compare\"><thead><tr>"
                      "<th scope=\"col\">figure</th><th scope=\"col\">unit</th>";
  const bool single = compared.size() == 1;
  if (single)
    table += fmt::format("<th scope=\"col\" class=\"num\">{} (base)</th><th scope=\"col\" "
                         "class=\"num\">{}</th><th scope=\"col\" class=\"num\">difference, "
                         "paired 95% CI</th><th scope=\"col\" class=\"num\">unpaired 95% CI</th>"
                         "<th scope=\"col\" class=\"num\">variance reduction</th>",
                         html_escape(data.base), html_escape(data.points[compared[0]].label));
  else
    for (std::size_t i : compared)
      table += "<th scope=\"col\" class=\"num\">" + html_escape(layout.short_label[i]) + "</th>";
  table += "</tr></thead><tbody>\n";
  for (const auto& [metric, statistic] : rows) {
    std::string unit;
    for (std::size_t i : compared)
      if (const CompareRow* r = data.difference(data.points[i].label, metric, statistic))
        unit = r->unit;
    table += fmt::format("<tr data-metric=\"{}\" data-statistic=\"{}\"><td>{}</td><td>{}</td>",
                         html_escape(metric), html_escape(statistic),
                         html_escape(figure_name(metric, statistic)),
                         html_escape(unit_heading(unit)));
    for (std::size_t i : compared) {
      const CompareRow* r = data.difference(data.points[i].label, metric, statistic);
      if (!r) {
        table += single ? "<td class=\"num\">–</td><td class=\"num\">–</td><td class=\"num\">–"
                          "</td><td class=\"num\">–</td><td class=\"num\">–</td>"
                        : "<td class=\"num\">–</td>";
        continue;
      }
      if (single)
        table += figure_cell(r->mean_base_cell, r->mean_base, r->unit) +
                 figure_cell(r->mean_point_cell, r->mean_point, r->unit) + diff_cell(*r) +
                 fmt::format("<td class=\"num\">{}</td><td class=\"num\">{}</td>",
                             interval(r->unpaired_low, r->unpaired_high, r->unit),
                             std::isinf(r->variance_reduction)
                                 ? std::string("∞")
                                 : format_figure(r->variance_reduction, "count"));
      else
        table += diff_cell(*r);
    }
    table += "</tr>\n";
  }
  table += "</tbody></table></div>\n";
  if (single) return out + table;
  return out + fmt::format("<details><summary>Every whole-run figure's difference ({} figures x "
                           "{} points)</summary>\n{}</details>\n",
                           rows.size(), compared.size(), table);
}

}  // namespace market::report
