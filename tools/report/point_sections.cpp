#include "tools/report/point_sections.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>
#include <utility>

#include <fmt/core.h>

#include "models/metrics/metrics.hpp"
#include "tools/report/labels.hpp"
#include "tools/report/palette.hpp"
#include "tools/report/svg_chart.hpp"

namespace market::report {
namespace {

double or_zero(double v) { return std::isnan(v) ? 0 : v; }

// Keys of `prefix`.<key> rows with statistic `statistic`, in file order.
std::vector<std::string> keys_of(const PointData& p, const std::string& prefix,
                                 const std::string& statistic) {
  std::vector<std::string> keys;
  for (const auto& r : p.rows)
    if (r.statistic == statistic && r.metric.rfind(prefix, 0) == 0)
      keys.push_back(r.metric.substr(prefix.size()));
  return keys;
}

std::string headline_card(const PointData& p, const std::string& metric,
                          const std::string& statistic, const std::string& title) {
  const CiRow* r = p.find(metric, statistic);
  if (!r) return "";
  const std::string unit = unit_heading(r->unit);
  const std::string shown = shown_unit(r->unit);
  std::string ci = "single replication: no interval";
  if (!std::isnan(r->ci_low))
    ci = fmt::format("95% CI {} – {}", format_figure(shown_value(r->ci_low, r->unit), shown),
                     format_figure(shown_value(r->ci_high, r->unit), shown));
  return fmt::format(
      "<div class=\"card\"><div class=\"card-title\">{}</div><div class=\"card-value\">{}"
      "<span class=\"unit\">{}</span></div><div class=\"card-ci\">{}</div></div>\n",
      html_escape(title), format_figure(shown_value(r->mean, r->unit), shown),
      unit.empty() || unit == "%" ? "" : " " + unit, ci);
}

std::string key_figures(const PointData& p, const SharedAxes&) {
  std::string out = "<div class=\"cards\">\n";
  out += headline_card(p, "orders_placed", "total", "Orders placed");
  out += headline_card(p, "settlement", "p50", "Seller paid, median");
  out += headline_card(p, "dispute_rate", "value", "Dispute rate");
  out += headline_card(p, "escrow_float", "mean", "Escrow float, mean");
  out += "</div>\n<p class=\"note\">Times in days (the files hold hours; each cell's "
         "data-value is the file's text).</p>\n<table class=\"figures\"><thead><tr>"
         "<th scope=\"col\">figure</th><th scope=\"col\">unit</th><th scope=\"col\" "
         "class=\"num\">mean</th><th scope=\"col\" class=\"num\">95% CI low</th><th scope=\"col\" "
         "class=\"num\">95% CI high</th><th scope=\"col\" class=\"num\">n</th></tr></thead>"
         "<tbody>\n";
  for (const auto& r : p.rows) {
    const bool named = figure_names().count(r.metric + "/" + r.statistic) > 0;
    const bool whole_run = r.metric.find('.') == std::string::npos;
    if (!named && !whole_run) continue;
    out += fmt::format("<tr data-metric=\"{}\" data-statistic=\"{}\"><td>{}</td><td>{}</td>",
                       html_escape(r.metric), html_escape(r.statistic),
                       html_escape(figure_name(r.metric, r.statistic)),
                       html_escape(unit_heading(r.unit)));
    out += figure_cell(r.mean_cell, r.mean, r.unit) + figure_cell(r.ci_low_cell, r.ci_low, r.unit) +
           figure_cell(r.ci_high_cell, r.ci_high, r.unit);
    out += fmt::format("<td class=\"num\">{}</td></tr>\n", r.n);
  }
  return out + "</tbody></table>\n";
}

struct ChannelLatency {
  std::string name;
  double count, mean, p50, p90, p99, max;
  std::vector<std::pair<double, double>> cdf;  // (days, share settled); quantiles then max
};

std::vector<ChannelLatency> settlement_channels(const PointData& p) {
  std::vector<ChannelLatency> channels;
  for (const auto& key : keys_of(p, "settlement.channel.", "count")) {
    const std::string m = "settlement.channel." + key;
    ChannelLatency c{key, or_zero(p.mean(m, "count")), p.mean(m, "mean") / 24,
                     p.mean(m, "p50") / 24, p.mean(m, "p90") / 24, p.mean(m, "p99") / 24,
                     p.mean(m, "max") / 24, {}};
    for (const auto& q : kLatencyQuantiles) {
      const double hours = p.mean(m, std::string(q.statistic));
      if (!std::isnan(hours)) c.cdf.emplace_back(hours / 24, q.q);  // older folders lack some
    }
    c.cdf.emplace_back(c.max, 1);
    if (c.count > 0 && !std::isnan(c.p50) && !std::isnan(c.max)) channels.push_back(c);
  }
  std::stable_sort(channels.begin(), channels.end(),
                   [](const ChannelLatency& a, const ChannelLatency& b) { return a.count > b.count; });
  return channels;
}

std::string settlement_section(const PointData& p, const SharedAxes& axes) {
  const auto channels = settlement_channels(p);
  if (channels.empty()) return "<p class=\"empty\">No order was settled after the warm-up.</p>\n";
  LineChart chart;
  chart.title = "Settlement time CDF by channel";
  chart.x_title = "days from checkout to seller paid";
  chart.y_title = "share of the channel's orders settled";
  chart.y_percent = true;
  if (axes.settlement_days > 0) chart.x_range = {{0, axes.settlement_days}};
  std::vector<LegendEntry> entries;
  for (const auto& c : channels) {
    Series s{pretty(c.name), channel_colour(c.name), "", c.cdf, true, {}, 0};
    entries.push_back({s.name, s.colour, ""});
    chart.series.push_back(std::move(s));
  }
  std::string out =
      "<p class=\"note\">Each line joins a channel's p10, p25, median, p75, p90, p95 and p99 "
      "settlement times and its maximum (means over the replications; the quantiles are within "
      "1% of the sample's). Further right is slower.</p>\n";
  out += line_chart(chart) + legend(entries);
  out += "<table class=\"figures\"><thead><tr><th scope=\"col\">channel</th><th scope=\"col\" "
         "class=\"num\">settled</th><th scope=\"col\" class=\"num\">mean (days)</th><th "
         "scope=\"col\" class=\"num\">p50 (days)</th><th scope=\"col\" class=\"num\">p90 (days)"
         "</th><th scope=\"col\" class=\"num\">p99 (days)</th><th scope=\"col\" class=\"num\">"
         "max (days)</th></tr></thead><tbody>\n";
  for (const auto& c : channels)
    out += fmt::format("<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
                       "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}"
                       "</td><td class=\"num\">{}</td></tr>\n",
                       html_escape(pretty(c.name)), format_figure(c.count, "count"),
                       format_figure(c.mean, "d"), format_figure(c.p50, "d"),
                       format_figure(c.p90, "d"), format_figure(c.p99, "d"),
                       format_figure(c.max, "d"));
  return out + "</tbody></table>\n";
}

std::string escrow_section(const PointData& p, const SharedAxes& axes) {
  if (p.escrow.empty()) return "<p class=\"empty\">No day ended after the warm-up.</p>\n";
  const std::string colour = series_colour(0);
  LineChart chart;
  chart.title = "Escrow float per simulated day";
  chart.x_title = "simulated day (end of day)";
  chart.y_title = "money held in escrow (USD)";
  chart.band_colour = colour;
  if (axes.escrow_usd > 0) chart.y_range = {{0, axes.escrow_usd}};
  Series mean{"mean over replications", colour, "", {}, false, {}, 0};
  for (const auto& d : p.escrow) {
    double sum = 0, lo = INFINITY, hi = -INFINITY;
    for (double v : d.held_usd) {
      sum += v;
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
    const double x = static_cast<double>(d.day);
    mean.points.emplace_back(x, sum / d.held_usd.size());
    chart.band_low.emplace_back(x, lo);
    chart.band_high.emplace_back(x, hi);
  }
  chart.series.push_back(std::move(mean));
  std::string out = "<p class=\"note\">Money held for orders in flight at the end of each day "
                    "after the warm-up; the run drains after its horizon. "
                    "Time-weighted mean to the horizon: <strong>" +
                    format_figure(p.mean("escrow_float", "mean"), "USD") + " USD</strong>.</p>\n";
  out += line_chart(chart);
  out += legend({{"mean over replications", colour, ""},
                 {"lowest to highest replication", with_alpha(colour, 0.3), ""}},
                false);
  return out;
}

std::string funnel_section(const PointData& p, const SharedAxes&) {
  const double opened = or_zero(p.mean("disputes_opened", "total"));
  if (opened <= 0) return "<p class=\"empty\">No dispute was opened after the warm-up.</p>\n";
  auto row = [&](const std::string& label, double v, const std::string& colour) {
    return BarRow{label, {{v, colour, label}},
                  fmt::format("{} ({:.1f}%)", format_figure(v, "count"), v / opened * 100)};
  };
  BarChart chart;
  chart.title = "Dispute funnel";
  chart.x_title = "disputes per replication (mean)";
  chart.rows.push_back(row("opened", opened, series_colour(0)));
  chart.rows.push_back(row("escalated to arbitration",
                           or_zero(p.mean("disputes_escalated", "total")), series_colour(1)));
  const std::vector<std::pair<std::string, std::string>> outcomes{
      {"buyer_won_full", "closed: buyer won in full"},
      {"buyer_won_partial", "closed: buyer won in part"},
      {"seller_won", "closed: seller won"},
      {"withdrawn", "closed: withdrawn"},
      {"timed_out", "closed: timed out"}};
  const std::array<std::size_t, 5> colours{2, 4, 5, 3, 6};
  for (std::size_t i = 0; i < outcomes.size(); ++i)
    chart.rows.push_back(row(outcomes[i].second,
                             or_zero(p.mean("disputes_closed.outcome." + outcomes[i].first,
                                            "total")),
                             series_colour(colours[i])));
  return "<p class=\"note\">Shares are of the disputes opened. Refunded by dispute outcomes: "
         "<strong>" + format_figure(p.mean("dispute_refunded", "total"), "USD") +
         " USD</strong>; mean duration <strong>" +
         format_figure(p.mean("dispute_duration", "mean") / 24, "d") + " days</strong>.</p>\n" +
         bar_chart(chart);
}

std::string limits_section(const PointData& p, const SharedAxes&) {
  // refused.channel_reason.<channel>/<reason>, by channel, the reasons stacked.
  std::vector<std::string> channels, reasons;
  std::map<std::pair<std::string, std::string>, double> refused;
  for (const auto& key : keys_of(p, "refused.channel_reason.", "total")) {
    const auto slash = key.find('/');
    if (slash == std::string::npos) continue;
    const double v = or_zero(p.mean("refused.channel_reason." + key, "total"));
    if (!(v > 0)) continue;
    const std::string channel = key.substr(0, slash), reason = key.substr(slash + 1);
    if (std::find(channels.begin(), channels.end(), channel) == channels.end())
      channels.push_back(channel);
    if (std::find(reasons.begin(), reasons.end(), reason) == reasons.end())
      reasons.push_back(reason);
    refused[{channel, reason}] += v;
  }
  const double abandoned = or_zero(p.mean("abandoned", "total"));
  std::string out = fmt::format(
      "<p class=\"note\">Payments a channel refused (its limits, caps and security rules, "
      "models/channels), per replication (means), by reason; after a refusal the buyer tries "
      "another channel (rerouted) or gives the order up. Orders abandoned after a refusal: "
      "<strong>{}</strong>.</p>\n",
      format_figure(abandoned, "count"));
  if (channels.empty()) return out + "<p class=\"empty\">No payment was refused.</p>\n";
  std::sort(reasons.begin(), reasons.end());
  auto total = [&](const std::string& c) {
    double t = 0;
    for (const auto& r : reasons) t += refused[{c, r}];
    return t;
  };
  std::stable_sort(channels.begin(), channels.end(),
                   [&](const std::string& a, const std::string& b) { return total(a) > total(b); });
  BarChart chart;
  chart.title = "Refusals by channel and reason";
  chart.x_title = "refusals per replication (mean)";
  for (const auto& c : channels) {
    BarRow row{pretty(c), {}, {}};
    for (std::size_t i = 0; i < reasons.size(); ++i)
      row.segments.push_back({refused[{c, reasons[i]}], block_colour(i), pretty(reasons[i])});
    double ab = 0;
    for (const auto& r : reasons) ab += or_zero(p.mean("abandoned.channel_reason." + c + "/" + r, "total"));
    row.note = fmt::format("{} · {} rerouted · {} abandoned", format_figure(total(c), "count"),
                           format_figure(or_zero(p.mean("rerouted.channel." + c, "total")),
                                         "count"),
                           format_figure(ab, "count"));
    chart.rows.push_back(std::move(row));
  }
  std::vector<LegendEntry> entries;
  for (std::size_t i = 0; i < reasons.size(); ++i)
    entries.push_back({pretty(reasons[i]), block_colour(i), ""});
  return out + legend(entries, false) + bar_chart(chart);
}

std::string fees_section(const PointData& p, const SharedAxes&) {
  BarChart chart;
  chart.title = "Fees by channel and payer, share of the principal";
  chart.x_title = "fees and costs, % of the channel's principal (converted prices)";
  chart.x_share = true;
  for (const auto& key : keys_of(p, "payments.channel.", "total")) {
    const std::string suffix = ".channel." + key;
    if (!(or_zero(p.mean("payments" + suffix, "total")) > 0)) continue;
    const CiRow* principal = p.find("principal" + suffix, "total");
    if (!principal || !(principal->mean > 0)) continue;
    BarRow row{pretty(key), {}, {}};
    double total = 0;
    for (std::size_t i = 0; i < std::size(kFeeParts); ++i) {
      const double v = or_zero(p.mean(kFeeParts[i].metric + suffix, "total"));
      total += v;
      row.segments.push_back({v / principal->mean, series_colour(i), kFeeParts[i].label});
    }
    row.note = fmt::format("{:.2f}% · {} {}", total / principal->mean * 100,
                           format_figure(total, principal->unit), principal->unit);
    chart.rows.push_back(std::move(row));
  }
  if (chart.rows.empty()) return "<p class=\"empty\">No payment was accepted.</p>\n";
  std::vector<LegendEntry> entries;
  for (std::size_t i = 0; i < std::size(kFeeParts); ++i)
    entries.push_back({kFeeParts[i].label, series_colour(i), ""});
  return "<p class=\"note\">Per channel with an accepted payment: each kind of fee as a share "
         "of the channel's principal (both in the channel's currency, so every channel is on "
         "one axis); right of the bar the total rate and the total per replication (mean) in "
         "the channel's currency.</p>\n" +
         legend(entries, false) + bar_chart(chart);
}

std::string refund_rows(const PointData& p, const std::string& by, bool route,
                        const std::string& title, const SharedAxes& axes) {
  RangeChart chart;
  chart.title = title;
  chart.x_title = "days from request to money back";
  chart.colour = series_colour(4);
  chart.x_max = axes.refund_days;
  for (const auto& key : keys_of(p, "refund_latency." + by + ".", "count")) {
    const std::string m = "refund_latency." + by + "." + key;
    const double count = or_zero(p.mean(m, "count"));
    const double p50 = p.mean(m, "p50"), p90 = p.mean(m, "p90"), p99 = p.mean(m, "p99");
    if (!(count > 0) || std::isnan(p50) || std::isnan(p90) || std::isnan(p99)) continue;
    chart.rows.push_back({route ? route_label(key) : pretty(key), p50 / 24, p90 / 24, p99 / 24,
                          fmt::format("n={} · mean {} d", format_figure(count, "count"),
                                      format_figure(p.mean(m, "mean") / 24, "d")),
                          route ? channel_colour(key.substr(0, key.find('/'))) : ""});
  }
  if (chart.rows.empty()) return "<p class=\"empty\">No refund of this kind.</p>\n";
  return "<h3>" + html_escape(title) + "</h3>\n" + range_chart(chart);
}

std::string refunds_section(const PointData& p, const SharedAxes& axes) {
  return "<p class=\"note\">Bar: median; whisker: to p90; dotted to the circle: p99 (means over the "
         "replications), in days; a route's bar has its channel's colour. The automatic "
         "non-delivery refunds are the <em>nondelivery</em> row of the second chart.</p>\n" +
         refund_rows(p, "route", true, "By route (channel → destination)", axes) +
         refund_rows(p, "kind", false, "By kind of refund", axes);
}

}  // namespace

SharedAxes shared_axes(const ReportData& data) {
  SharedAxes a;
  for (const auto& p : data.points) {
    for (const auto& c : settlement_channels(p)) a.settlement_days = std::max(a.settlement_days, c.max);
    for (const auto& r : p.rows)
      if (r.metric.rfind("refund_latency.", 0) == 0 && r.statistic == "p99" &&
          std::isfinite(r.mean))
        a.refund_days = std::max(a.refund_days, r.mean / 24);
    for (const auto& d : p.escrow)
      for (double v : d.held_usd)
        if (std::isfinite(v)) a.escrow_usd = std::max(a.escrow_usd, v);
  }
  if (data.points.size() < 2) a = SharedAxes{};  // one point: every chart its own range
  return a;
}

const std::vector<PointSection>& point_sections() {
  static const std::vector<PointSection> sections{
      {"key-figures", "Key figures and 95% confidence intervals"},
      {"settlement", "Settlement time by channel"},
      {"escrow", "Escrow float over time"},
      {"disputes", "Dispute funnel"},
      {"limits", "Refusals by channel"},
      {"fees", "Fees by channel and payer"},
      {"refunds", "Refund latency by route"},
  };
  return sections;
}

std::string point_section(const char* id, const PointData& p, const SharedAxes& axes) {
  using Body = std::string (*)(const PointData&, const SharedAxes&);
  static const std::map<std::string, Body> bodies{
      {"key-figures", key_figures}, {"settlement", settlement_section},
      {"escrow", escrow_section},   {"disputes", funnel_section},
      {"limits", limits_section},   {"fees", fees_section},
      {"refunds", refunds_section}};
  return bodies.at(id)(p, axes);
}

std::string figure_cell(const std::string& cell, double v, const std::string& unit) {
  return fmt::format("<td class=\"num\" data-value=\"{}\">{}</td>", html_escape(cell),
                     format_figure(shown_value(v, unit), shown_unit(unit)));
}

std::string legend(const std::vector<LegendEntry>& entries, bool lines, const std::string& title) {
  std::string out = "<ul class=\"legend\">";
  if (!title.empty()) out += "<li class=\"legend-title\">" + html_escape(title) + "</li>";
  for (const auto& e : entries)
    out += fmt::format(
        "<li><svg viewBox=\"0 0 22 10\" width=\"22\" height=\"10\" aria-hidden=\"true\">"
        "<line x1=\"0\" y1=\"5\" x2=\"22\" y2=\"5\" stroke=\"{}\" stroke-width=\"{}\"{}/></svg>"
        "{}</li>",
        e.colour, lines ? 3 : 10,
        e.dash.empty() ? "" : fmt::format(" stroke-dasharray=\"{}\"", e.dash), html_escape(e.name));
  return out + "</ul>\n";
}

}  // namespace market::report
