#include "tools/report/sweep_sections.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

#include <fmt/core.h>

#include "models/metrics/metrics.hpp"
#include "tools/report/labels.hpp"
#include "tools/report/palette.hpp"
#include "tools/report/point_sections.hpp"
#include "tools/report/svg_chart.hpp"

namespace market::report {
namespace {

constexpr double kChartWidth = 560, kChartHeight = 280;

LineChart base_chart(const SweepLayout& layout, const std::string& title,
                     const std::string& y_title, const std::string& unit) {
  LineChart c;
  c.title = title;
  c.x_title = layout.x_title;
  c.y_title = y_title;
  c.width = kChartWidth;
  c.height = kChartHeight;
  c.y_share = unit == "share";
  if (layout.numeric)
    c.x_ticks = layout.ticks;
  else
    c.x_categories = layout.categories;
  return c;
}

// One series through the points `members` (ascending x) of `values` (value or difference).
Series series_of(const SweepLayout& layout, const std::vector<std::size_t>& members,
                 const std::vector<Estimate>& values, std::string name, std::string colour,
                 std::string dash, double dodge) {
  Series s{std::move(name), std::move(colour), std::move(dash), {}, true, {}, dodge};
  for (std::size_t i : members) {
    if (i >= values.size() || !std::isfinite(values[i].mean)) continue;
    s.points.emplace_back(layout.x[i], values[i].mean);
    s.intervals.emplace_back(values[i].low, values[i].high);
  }
  return s;
}

double dodge_of(std::size_t k, std::size_t n) {
  return n < 2 ? 0 : (static_cast<double>(k) - static_cast<double>(n - 1) / 2) * 2.5;
}

std::string chart_figure(const LineChart& chart, const char* kind, const std::string& id,
                         std::size_t group, const std::string& caption,
                         const std::string& below) {
  return fmt::format("<figure class=\"chart {}\" data-figure=\"{}\" data-group=\"{}\">"
                     "<figcaption>{}</figcaption>\n{}{}</figure>\n",
                     kind, id, group, html_escape(caption), line_chart(chart), below);
}

void share_y(std::vector<LineChart>& charts) {
  double lo = INFINITY, hi = -INFINITY;
  for (const auto& c : charts) {
    const auto [a, b] = y_extent(c);
    lo = std::min(lo, a), hi = std::max(hi, b);
  }
  for (auto& c : charts) c.y_range = {{lo, hi}};
}

std::string diff_title(const Headline& h) {
  const std::string unit = h.unit == "d" ? "days" : h.unit == "share" ? "points of %" : h.unit;
  return fmt::format("difference from base ({})", unit);
}

std::string one_figure(const ReportData& data, const SweepLayout& layout, const Headline& h) {
  const bool with_base = !data.base.empty();
  const std::size_t groups = layout.group_names.size();
  const bool one_chart = !with_base && (!h.entities || groups == 1);
  std::string out = fmt::format("<div class=\"figure-block{}\" id=\"fig-{}\">\n<h3>{}</h3>\n"
                                "<p class=\"note\">{}.</p>\n",
                                one_chart ? "" : " span", h.id, html_escape(h.title),
                                html_escape(h.note));
  if (h.lines.empty()) return out + "<p class=\"empty\">Not observed at any point.</p>\n</div>\n";
  std::string grid = one_chart ? "<div>\n" : "<div class=\"grid\">\n";
  if (!h.entities) {
    const FigureLine& line = h.lines.front();
    LineChart value = base_chart(layout, h.title, h.y_title, h.unit);
    LineChart diff = base_chart(layout, h.title + ": difference from the base", diff_title(h),
                                h.unit);
    diff.zero_line = true;
    std::vector<LegendEntry> entries;
    for (std::size_t g = 0; g < groups; ++g) {
      const std::string name = layout.group_names[g].empty() ? h.title : layout.group_names[g];
      value.series.push_back(series_of(layout, layout.members[g], line.value, name,
                                       series_colour(g), series_dash(g), dodge_of(g, groups)));
      if (with_base)
        diff.series.push_back(series_of(layout, layout.members[g], line.diff, name,
                                        series_colour(g), series_dash(g), dodge_of(g, groups)));
      entries.push_back({layout.group_names[g], series_colour(g), series_dash(g)});
    }
    const std::string below = groups > 1 ? legend(entries) : "";
    grid += chart_figure(value, "vs-param", h.id, 0, "mean and 95% interval per point", below);
    if (with_base)
      grid += chart_figure(diff, "vs-base", h.id, 0, "paired difference from the base, 95% interval",
                           below);
    return out + grid + "</div>\n</div>\n";
  }
  // Entities: one panel per group, every panel on one y axis.
  std::vector<LineChart> values, diffs;
  for (std::size_t g = 0; g < groups; ++g) {
    const std::string panel = layout.group_names[g];
    LineChart value = base_chart(layout, h.title + (panel.empty() ? "" : ", " + panel),
                                 h.y_title, h.unit);
    LineChart diff = base_chart(layout, value.title + ": difference from the base",
                                diff_title(h), h.unit);
    diff.zero_line = true;
    for (std::size_t k = 0; k < h.lines.size(); ++k) {
      const FigureLine& line = h.lines[k];
      value.series.push_back(series_of(layout, layout.members[g], line.value, line.name,
                                       line.colour, line.dash, dodge_of(k, h.lines.size())));
      if (with_base)
        diff.series.push_back(series_of(layout, layout.members[g], line.diff, line.name,
                                        line.colour, line.dash, dodge_of(k, h.lines.size())));
    }
    values.push_back(std::move(value));
    diffs.push_back(std::move(diff));
  }
  share_y(values);
  if (with_base) share_y(diffs);
  for (std::size_t g = 0; g < groups; ++g) {
    const std::string panel = layout.group_names[g];
    grid += chart_figure(values[g], "vs-param", h.id, g,
                         panel.empty() ? "mean and 95% interval per point" : panel, "");
    if (with_base)
      grid += chart_figure(diffs[g], "vs-base", h.id, g,
                           (panel.empty() ? "" : panel + ": ") + "difference from the base", "");
  }
  std::vector<LegendEntry> entries;
  for (const auto& line : h.lines) entries.push_back({line.name, line.colour, line.dash});
  return out + legend(entries) + grid + "</div>\n</div>\n";
}

}  // namespace

std::vector<PointStyle> point_styles(const SweepLayout& layout) {
  std::set<double> xs(layout.x.begin(), layout.x.end());
  const std::vector<double> order(xs.begin(), xs.end());
  std::vector<PointStyle> styles;
  for (std::size_t i = 0; i < layout.x.size(); ++i) {
    const auto at = static_cast<std::size_t>(
        std::lower_bound(order.begin(), order.end(), layout.x[i]) - order.begin());
    styles.push_back({ramp_colour(at, order.size()), dash_pattern(layout.group[i])});
  }
  return styles;
}

std::string figures_vs_parameter(const ReportData& data, const SweepLayout& layout,
                                 const std::vector<Headline>& figures) {
  std::string out = fmt::format(
      "<p class=\"note\">Each headline figure at every point{}{}: the mean over the "
      "replications with its 95% interval (Student's t){}. Times in days.</p>\n",
      data.axes.empty() ? "" : " against " + html_escape(layout.x_title),
      layout.group_title.empty() ? ""
                                 : ", one line (or, for figures by channel, route or payer, one "
                                   "panel on the same axes) per value of " +
                                       html_escape(layout.group_title),
      data.base.empty() ? ""
                        : "; right of it the paired difference from the base point " +
                              html_escape(data.base) +
                              " (compare.csv: replication r of each point against replication "
                              "r of the base, common random numbers)");
  out += "<div class=\"blocks\">\n";
  for (const auto& h : figures) out += one_figure(data, layout, h);
  return out + "</div>\n";
}

std::string overlaid_distributions(const ReportData& data, const SweepLayout& layout) {
  const auto styles = point_styles(layout);
  std::vector<LegendEntry> entries;
  for (std::size_t i = 0; i < data.points.size(); ++i)
    entries.push_back({layout.short_label[i], styles[i].colour, styles[i].dash});
  const std::string legend_title =
      data.axes.empty() ? "points" : "points (" + [&] {
        std::string keys;
        for (const auto& a : data.axes) keys += (keys.empty() ? "" : ", ") + a.key;
        return keys;
      }() + ")";
  auto cdf = [&](const std::string& metric, const std::string& title, const std::string& x_title) {
    LineChart c;
    c.title = title;
    c.x_title = x_title;
    c.y_title = "share of the orders or cases";
    c.y_percent = true;
    c.width = kChartWidth;
    c.height = kChartHeight;
    for (std::size_t i = 0; i < data.points.size(); ++i) {
      const PointData& p = data.points[i];
      Series s{layout.short_label[i], styles[i].colour, styles[i].dash, {}, true, {}, 0};
      for (const auto& q : kLatencyQuantiles) {
        const double h = p.mean(metric, std::string(q.statistic));
        if (std::isfinite(h)) s.points.emplace_back(h / 24, q.q);
      }
      const double max = p.mean(metric, "max");
      if (std::isfinite(max)) s.points.emplace_back(max / 24, 1);
      if (!s.points.empty()) c.series.push_back(std::move(s));
    }
    return fmt::format("<figure class=\"chart overlay\" data-figure=\"{}\"><figcaption>{}"
                       "</figcaption>\n{}</figure>\n",
                       metric, html_escape(title), line_chart(c));
  };
  LineChart escrow;
  escrow.title = "Escrow float per simulated day, every point";
  escrow.x_title = "simulated day (end of day)";
  escrow.y_title = "money held in escrow (USD), mean";
  escrow.width = kChartWidth;
  escrow.height = kChartHeight;
  for (std::size_t i = 0; i < data.points.size(); ++i) {
    Series s{layout.short_label[i], styles[i].colour, styles[i].dash, {}, false, {}, 0};
    for (const auto& d : data.points[i].escrow) {
      double sum = 0;
      for (double v : d.held_usd) sum += v;
      s.points.emplace_back(static_cast<double>(d.day), sum / d.held_usd.size());
    }
    escrow.series.push_back(std::move(s));
  }
  return "<p class=\"note\">Every point's distribution on one axis: the CDFs join each point's "
         "p10, p25, median, p75, p90, p95, p99 and maximum (means over the replications); the "
         "escrow lines are each point's mean over its replications.</p>\n" +
         legend(entries, true, legend_title) + "<div class=\"grid\">\n" +
         cdf("settlement", "Settlement time CDF, every point", "days from checkout to seller paid") +
         cdf("dispute_duration", "Dispute duration CDF, every point", "days from opening to close") +
         fmt::format("<figure class=\"chart overlay\" data-figure=\"escrow_daily\"><figcaption>{}"
                     "</figcaption>\n{}</figure>\n",
                     html_escape(escrow.title), line_chart(escrow)) +
         cdf("refund_latency.kind.dispute", "Dispute refund latency CDF, every point",
             "days from request to money back") +
         "</div>\n";
}

std::string figures_per_point(const ReportData& data) {
  // Rows: the whole-run figures (and the named breakdowns) in the first point's order.
  std::vector<std::pair<std::string, std::string>> rows;
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& p : data.points)
    for (const auto& r : p.rows) {
      const bool named = figure_names().count(r.metric + "/" + r.statistic) > 0;
      if ((named || r.metric.find('.') == std::string::npos) &&
          seen.insert({r.metric, r.statistic}).second)
        rows.emplace_back(r.metric, r.statistic);
    }
  std::string out = "<div class=\"wide\"><table class=\"figures per-point\"><thead>\n";
  if (data.axes.empty()) {
    out += "<tr><th scope=\"col\">figure</th><th scope=\"col\">unit</th>";
    for (const auto& p : data.points)
      out += "<th scope=\"col\" class=\"num\">" + html_escape(p.label) + "</th>";
    out += "</tr>\n";
  } else {
    for (std::size_t a = 0; a < data.axes.size(); ++a) {
      const SweptAxis& axis = data.axes[a];
      out += fmt::format("<tr><th scope=\"row\" colspan=\"2\">{}{}</th>", html_escape(axis.key),
                         axis.unit.empty() ? "" : " (" + html_escape(axis.unit) + ")");
      for (const auto& p : data.points)
        out += "<th scope=\"col\" class=\"num\">" + html_escape(p.swept[a]) + "</th>";
      out += "</tr>\n";
    }
  }
  out += "</thead><tbody>\n";
  for (const auto& [metric, statistic] : rows) {
    std::string unit;
    for (const auto& p : data.points)
      if (const CiRow* r = p.find(metric, statistic)) unit = r->unit;
    out += fmt::format("<tr data-metric=\"{}\" data-statistic=\"{}\"><td>{}</td><td>{}</td>",
                       html_escape(metric), html_escape(statistic),
                       html_escape(figure_name(metric, statistic)),
                       html_escape(unit_heading(unit)));
    for (const auto& p : data.points) {
      const CiRow* r = p.find(metric, statistic);
      if (!r) {
        out += "<td class=\"num\">–</td>";
        continue;
      }
      const std::string shown = shown_unit(r->unit);
      out += fmt::format(
          "<td class=\"num\" data-value=\"{}\">{}<span class=\"ci\">{}</span></td>",
          html_escape(r->mean_cell), format_figure(shown_value(r->mean, r->unit), shown),
          std::isnan(r->ci_low)
              ? ""
              : fmt::format("{} – {}", format_figure(shown_value(r->ci_low, r->unit), shown),
                            format_figure(shown_value(r->ci_high, r->unit), shown)));
    }
    out += "</tr>\n";
  }
  return out + "</tbody></table></div>\n";
}

}  // namespace market::report
