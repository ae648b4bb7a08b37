#include "tools/report/report.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#include <fmt/core.h>

#include "models/metrics/metrics.hpp"
#include "tools/output/atomic_dir.hpp"
#include "tools/report/report_data.hpp"
#include "tools/report/svg_chart.hpp"

namespace market {
namespace {

using report::CiRow;
using report::PointData;
using report::html_escape;
using report::format_figure;

// Okabe & Ito's colour-blind-safe palette (yellow left out: too pale on white); lines past the
// seventh repeat the colours dashed.
constexpr std::array<const char*, 7> kPalette{"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                              "#56B4E9", "#D55E00", "#000000"};
constexpr std::array<const char*, 3> kDashes{"", "7 4", "2 3"};

// Readable names for the whole-run figures of summary_ci.csv; others show their metric name.
const std::map<std::string, std::string>& figure_names() {
  static const std::map<std::string, std::string> names = [] {
    std::map<std::string, std::string> n{
        {"orders_placed/total", "orders placed (after warm-up)"},
        {"settlement/count", "orders settled"},
        {"settlement/mean", "settlement latency, mean"},
        {"settlement/max", "settlement latency, max"},
        {"disputes_opened/total", "disputes opened"},
        {"disputes_escalated/total", "disputes escalated"},
        {"disputes_escalated/share", "escalated share of disputes"},
        {"dispute_rate/value", "dispute rate (disputes / orders)"},
        {"dispute_refunded/total", "refunded by dispute outcomes"},
        {"dispute_duration/count", "disputes closed"},
        {"dispute_duration/mean", "dispute duration, mean"},
        {"dispute_duration/max", "dispute duration, max"},
        {"refund_latency.kind.nondelivery/mean", "non-delivery auto-refund latency, mean"},
        {"refund_latency.kind.dispute/mean", "dispute refund latency, mean"},
        {"abandoned/total", "orders abandoned after a refusal"},
        {"double_debits/total", "double debits"},
        {"errors_with_debit/total", "errors shown with money debited"},
        {"partially_paid/total", "orders partially paid"},
        {"reconcile_time/count", "double debits reconciled"},
        {"reconcile_time/mean", "time to reconcile a double debit, mean"},
        {"reconcile_time/max", "time to reconcile, max"},
        {"escrow_float/mean", "escrow float, time-weighted mean"},
        {"chargebacks_filed/total", "chargebacks filed"},
        {"chargebacks_won/total", "chargebacks won by the seller"},
        {"chargebacks_lost/total", "chargebacks lost by the seller"},
        {"chargeback_losses/total", "chargeback losses"},
    };
    const std::pair<const char*, const char*> latencies[] = {
        {"settlement", "settlement latency"},
        {"dispute_duration", "dispute duration"},
        {"reconcile_time", "time to reconcile"}};
    for (const auto& [metric, label] : latencies)
      for (const auto& q : kLatencyQuantiles)
        n[fmt::format("{}/{}", metric, q.statistic)] = fmt::format("{}, {}", label, q.statistic);
    return n;
  }();
  return names;
}

std::string unit_label(const std::string& unit) {
  if (unit == "count" || unit == "share") return "";
  return unit;
}

std::string pretty(std::string name) {
  std::replace(name.begin(), name.end(), '_', ' ');
  return name;
}

// "qiwi/original_method" -> "qiwi → original method"
std::string route_label(const std::string& key) {
  const auto slash = key.find('/');
  if (slash == std::string::npos) return pretty(key);
  return pretty(key.substr(0, slash)) + " \u2192 " + pretty(key.substr(slash + 1));
}

// Keys of `prefix`.<key> rows with statistic `statistic`, in file order.
std::vector<std::string> keys_of(const PointData& p, const std::string& prefix,
                                 const std::string& statistic) {
  std::vector<std::string> keys;
  for (const auto& r : p.rows)
    if (r.statistic == statistic && r.metric.rfind(prefix, 0) == 0)
      keys.push_back(r.metric.substr(prefix.size()));
  return keys;
}

double or_zero(double v) { return std::isnan(v) ? 0 : v; }

std::string legend(const std::vector<std::pair<std::string, std::string>>& entries,
                   bool dashed_lines = false) {
  std::string out = "<ul class=\"legend\">";
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto& [name, colour] = entries[i];
    const std::string dash = dashed_lines ? kDashes[(i / kPalette.size()) % kDashes.size()] : "";
    out += fmt::format(
        "<li><svg viewBox=\"0 0 22 10\" width=\"22\" height=\"10\" aria-hidden=\"true\">"
        "<line x1=\"0\" y1=\"5\" x2=\"22\" y2=\"5\" stroke=\"{}\" stroke-width=\"{}\"{}/></svg>"
        "{}</li>",
        colour, dashed_lines ? 3 : 10,
        dash.empty() ? "" : fmt::format(" stroke-dasharray=\"{}\"", dash), html_escape(name));
  }
  return out + "</ul>\n";
}

// A table cell showing a figure; data-value keeps summary_ci.csv's exact text.
std::string figure_cell(const std::string& cell, double v, const std::string& unit) {
  return fmt::format("<td class=\"num\" data-value=\"{}\">{}</td>", html_escape(cell),
                     format_figure(v, unit));
}

std::string headline_card(const PointData& p, const std::string& metric,
                          const std::string& statistic, const std::string& title) {
  const CiRow* r = p.find(metric, statistic);
  if (!r) return "";
  const std::string unit = unit_label(r->unit);
  std::string ci = "single replication: no interval";
  if (!std::isnan(r->ci_low))
    ci = fmt::format("95% CI {} – {}", format_figure(r->ci_low, r->unit),
                     format_figure(r->ci_high, r->unit));
  return fmt::format(
      "<div class=\"card\"><div class=\"card-title\">{}</div><div class=\"card-value\">{}"
      "<span class=\"unit\">{}</span></div><div class=\"card-ci\">{}</div></div>\n",
      html_escape(title), format_figure(r->mean, r->unit), unit.empty() ? "" : " " + unit, ci);
}

std::string key_figures(const PointData& p) {
  std::string out = "<div class=\"cards\">\n";
  out += headline_card(p, "orders_placed", "total", "Orders placed");
  out += headline_card(p, "settlement", "p50", "Seller paid, median (h)");
  out += headline_card(p, "dispute_rate", "value", "Dispute rate");
  out += headline_card(p, "escrow_float", "mean", "Escrow float, mean");
  out += "</div>\n<table class=\"figures\"><thead><tr><th scope=\"col\">figure</th>"
         "<th scope=\"col\">unit</th><th scope=\"col\" class=\"num\">mean</th>"
         "<th scope=\"col\" class=\"num\">95% CI low</th><th scope=\"col\" class=\"num\">"
         "95% CI high</th><th scope=\"col\" class=\"num\">n</th></tr></thead><tbody>\n";
  for (const auto& r : p.rows) {
    const auto name = figure_names().find(r.metric + "/" + r.statistic);
    const bool whole_run = r.metric.find('.') == std::string::npos;
    if (name == figure_names().end() && !whole_run) continue;
    const std::string label = name != figure_names().end() ? name->second : pretty(r.metric);
    out += fmt::format("<tr data-metric=\"{}\" data-statistic=\"{}\"><td>{}</td><td>{}</td>",
                       html_escape(r.metric), html_escape(r.statistic), html_escape(label),
                       r.unit == "share" ? "%" : html_escape(unit_label(r.unit)));
    out += figure_cell(r.mean_cell, r.mean, r.unit) + figure_cell(r.ci_low_cell, r.ci_low, r.unit) +
           figure_cell(r.ci_high_cell, r.ci_high, r.unit);
    out += fmt::format("<td class=\"num\">{}</td></tr>\n", r.n);
  }
  return out + "</tbody></table>\n";
}

std::string settlement_section(const PointData& p) {
  struct Channel {
    std::string name;
    double count, mean, p50, p90, p99, max;
    std::vector<std::pair<double, double>> cdf;  // (days, share settled); quantiles then max
  };
  std::vector<Channel> channels;
  for (const auto& key : keys_of(p, "settlement.channel.", "count")) {
    const std::string m = "settlement.channel." + key;
    Channel c{key, or_zero(p.mean(m, "count")), p.mean(m, "mean"), p.mean(m, "p50"),
              p.mean(m, "p90"), p.mean(m, "p99"), p.mean(m, "max"), {}};
    for (const auto& q : kLatencyQuantiles) {
      const double hours = p.mean(m, std::string(q.statistic));
      if (!std::isnan(hours)) c.cdf.emplace_back(hours / 24, q.q);  // older folders lack some
    }
    c.cdf.emplace_back(c.max / 24, 1);
    if (c.count > 0 && !std::isnan(c.p50) && !std::isnan(c.max)) channels.push_back(c);
  }
  std::stable_sort(channels.begin(), channels.end(),
                   [](const Channel& a, const Channel& b) { return a.count > b.count; });
  if (channels.empty()) return "<p class=\"empty\">No order was settled after the warm-up.</p>\n";
  report::LineChart chart;
  chart.title = "Settlement latency CDF by channel";
  chart.x_title = "days from checkout to seller paid";
  chart.y_title = "share of the channel's orders settled";
  chart.y_percent = true;
  std::vector<std::pair<std::string, std::string>> entries;
  for (std::size_t i = 0; i < channels.size(); ++i) {
    const Channel& c = channels[i];
    report::Series s{pretty(c.name), kPalette[i % kPalette.size()],
                     kDashes[(i / kPalette.size()) % kDashes.size()],
                     c.cdf, true};
    entries.emplace_back(s.name, s.colour);
    chart.series.push_back(std::move(s));
  }
  std::string out =
      "<p class=\"note\">Each line joins a channel's p10, p25, median, p75, p90, p95 and p99 "
      "settlement times and its maximum (means over the replications; the quantiles are within "
      "1% of the sample's). Further right is slower.</p>\n";
  out += report::line_chart(chart) + legend(entries, true);
  out += "<table class=\"figures\"><thead><tr><th scope=\"col\">channel</th><th scope=\"col\" "
         "class=\"num\">settled</th><th scope=\"col\" class=\"num\">mean (h)</th><th scope=\"col\""
         " class=\"num\">p50 (h)</th><th scope=\"col\" class=\"num\">p90 (h)</th><th scope=\"col\""
         " class=\"num\">p99 (h)</th><th scope=\"col\" class=\"num\">max (h)</th></tr></thead>"
         "<tbody>\n";
  for (const Channel& c : channels)
    out += fmt::format("<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
                       "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}"
                       "</td><td class=\"num\">{}</td></tr>\n",
                       html_escape(pretty(c.name)), format_figure(c.count, "count"),
                       format_figure(c.mean, "h"), format_figure(c.p50, "h"),
                       format_figure(c.p90, "h"), format_figure(c.p99, "h"),
                       format_figure(c.max, "h"));
  return out + "</tbody></table>\n";
}

std::string escrow_section(const PointData& p) {
  if (p.escrow.empty()) return "<p class=\"empty\">No day ended after the warm-up.</p>\n";
  report::LineChart chart;
  chart.title = "Escrow float per simulated day";
  chart.x_title = "simulated day (end of day)";
  chart.y_title = "money held in escrow (USD)";
  chart.band_colour = kPalette[0];
  report::Series mean{"mean over replications", kPalette[0], "", {}, false};
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
  out += report::line_chart(chart);
  out += legend({{"mean over replications", kPalette[0]},
                 {"lowest to highest replication", "rgba(0,114,178,0.3)"}});
  return out;
}

std::string funnel_section(const PointData& p) {
  const double opened = or_zero(p.mean("disputes_opened", "total"));
  if (opened <= 0) return "<p class=\"empty\">No dispute was opened after the warm-up.</p>\n";
  auto row = [&](const std::string& label, double v, const char* colour) {
    return report::BarRow{label, {{v, colour, label}},
                          fmt::format("{} ({:.1f}%)", format_figure(v, "count"),
                                      v / opened * 100)};
  };
  report::BarChart chart;
  chart.title = "Dispute funnel";
  chart.x_title = "disputes per replication (mean)";
  chart.rows.push_back(row("opened", opened, kPalette[0]));
  chart.rows.push_back(
      row("escalated to arbitration", or_zero(p.mean("disputes_escalated", "total")), kPalette[1]));
  const std::vector<std::pair<std::string, std::string>> outcomes{
      {"buyer_won_full", "closed: buyer won in full"},
      {"buyer_won_partial", "closed: buyer won in part"},
      {"seller_won", "closed: seller won"},
      {"withdrawn", "closed: withdrawn"},
      {"timed_out", "closed: timed out"}};
  const std::array<const char*, 5> colours{kPalette[2], kPalette[4], kPalette[5], kPalette[3],
                                           kPalette[6]};
  for (std::size_t i = 0; i < outcomes.size(); ++i)
    chart.rows.push_back(row(outcomes[i].second,
                             or_zero(p.mean("disputes_closed.outcome." + outcomes[i].first,
                                            "total")),
                             colours[i]));
  return "<p class=\"note\">Shares are of the disputes opened. Refunded by dispute outcomes: "
         "<strong>" + format_figure(p.mean("dispute_refunded", "total"), "USD") +
         " USD</strong>; mean duration <strong>" +
         format_figure(p.mean("dispute_duration", "mean"), "h") + " h</strong>.</p>\n" +
         report::bar_chart(chart);
}

std::string fees_section(const PointData& p) {
  const std::vector<std::pair<std::string, std::string>> parts{
      {"fees_buyer", "paid by the buyer"},   {"fees_seller", "paid by the seller"},
      {"fees_platform", "paid by the platform"}, {"bank_commission", "bank commission"},
      {"fx_spread", "FX conversion spread"}};
  std::map<std::string, report::BarChart> by_currency;
  for (const auto& key : keys_of(p, "payments.channel.", "total")) {
    const std::string suffix = ".channel." + key;
    if (!(or_zero(p.mean("payments" + suffix, "total")) > 0)) continue;
    const CiRow* principal = p.find("principal" + suffix, "total");
    const std::string currency = principal ? principal->unit : "?";
    report::BarRow row{pretty(key), {}, {}};
    double total = 0;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      const double v = or_zero(p.mean(parts[i].first + suffix, "total"));
      total += v;
      row.segments.push_back({v, kPalette[i], parts[i].second});
    }
    row.note = format_figure(total, currency) + " " + currency;
    by_currency[currency].rows.push_back(std::move(row));
  }
  if (by_currency.empty()) return "<p class=\"empty\">No payment was accepted.</p>\n";
  std::string out = "<p class=\"note\">Totals per replication (means), in each channel's own "
                    "currency, by who bore them; channels with no accepted payment are left "
                    "out.</p>\n";
  std::vector<std::pair<std::string, std::string>> entries;
  for (std::size_t i = 0; i < parts.size(); ++i) entries.emplace_back(parts[i].second, kPalette[i]);
  out += legend(entries);
  for (auto& [currency, chart] : by_currency) {
    chart.title = "Fees by channel in " + currency;
    chart.x_title = "fees and costs (" + currency + ")";
    out += "<h3>Channels paid in " + html_escape(currency) + "</h3>\n" + report::bar_chart(chart);
  }
  return out;
}

std::string refund_rows(const PointData& p, const std::string& by, bool route,
                        const std::string& title) {
  report::RangeChart chart;
  chart.title = title;
  chart.x_title = "hours from request to money back";
  chart.colour = kPalette[4];
  for (const auto& key : keys_of(p, "refund_latency." + by + ".", "count")) {
    const std::string m = "refund_latency." + by + "." + key;
    const double count = or_zero(p.mean(m, "count"));
    const double p50 = p.mean(m, "p50"), p90 = p.mean(m, "p90"), p99 = p.mean(m, "p99");
    if (!(count > 0) || std::isnan(p50) || std::isnan(p90) || std::isnan(p99)) continue;
    chart.rows.push_back({route ? route_label(key) : pretty(key), p50, p90, p99,
                          fmt::format("n={} · mean {} h", format_figure(count, "count"),
                                      format_figure(p.mean(m, "mean"), "h"))});
  }
  if (chart.rows.empty()) return "<p class=\"empty\">No refund of this kind.</p>\n";
  return "<h3>" + html_escape(title) + "</h3>\n" + report::range_chart(chart);
}

std::string refunds_section(const PointData& p) {
  return "<p class=\"note\">Bar: median; whisker: to p90; dotted to the circle: p99 (means over the "
         "replications). The automatic non-delivery refunds are the <em>nondelivery</em> row "
         "of the second chart.</p>\n" +
         refund_rows(p, "route", true, "By route (channel → destination)") +
         refund_rows(p, "kind", false, "By kind of refund");
}

constexpr const char* kStyle = R"(
:root { color-scheme: light; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
       color: #1b1f24; background: #f6f7f9; margin: 0; }
main { max-width: 880px; margin: 0 auto; padding: 24px 20px 48px; }
header { background: #123; color: #fff; padding: 20px; }
header h1 { margin: 0 auto; max-width: 840px; font-size: 24px; }
header p { margin: 4px auto 0; max-width: 840px; color: #cdd6e0; font-size: 13px; }
section { background: #fff; border: 1px solid #dde1e6; border-radius: 8px; padding: 16px 20px;
          margin: 18px 0; }
h2 { font-size: 19px; margin: 0 0 6px; }
h3 { font-size: 15px; margin: 16px 0 4px; color: #333; }
.point { font-size: 16px; color: #0b5a8f; border-bottom: 1px solid #dde1e6; padding-bottom: 2px; }
p.note { color: #444; font-size: 13.5px; margin: 4px 0 10px; }
p.empty { color: #666; font-style: italic; }
svg { width: 100%; height: auto; display: block; }
svg text { font-family: inherit; fill: #1b1f24; }
svg .tick { font-size: 11px; fill: #444; }
svg .axis-title { font-size: 12.5px; fill: #222; }
svg .label { font-size: 12.5px; }
svg .note { font-size: 11.5px; fill: #444; }
svg .grid { stroke: #e3e6ea; stroke-width: 1; }
svg .frame { fill: none; stroke: #9aa3ad; stroke-width: 1; }
.legend { list-style: none; padding: 0; margin: 6px 0 10px; display: flex; flex-wrap: wrap;
          gap: 4px 16px; font-size: 13px; }
.legend li { display: flex; align-items: center; gap: 6px; }
.legend svg { width: 22px; height: 10px; display: inline-block; }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 10px; margin: 6px 0 14px; }
.card { border: 1px solid #dde1e6; border-radius: 6px; padding: 8px 10px; background: #fafbfc; }
.card-title { font-size: 12.5px; color: #555; }
.card-value { font-size: 22px; font-weight: 600; }
.card-value .unit { font-size: 13px; font-weight: 400; color: #555; }
.card-ci { font-size: 12px; color: #555; }
table.figures { border-collapse: collapse; width: 100%; font-size: 13px; margin-top: 8px; }
table.figures th, table.figures td { padding: 3px 8px; border-bottom: 1px solid #eceef1;
                                     text-align: left; }
table.figures th { background: #f0f2f5; font-weight: 600; }
table.figures .num { text-align: right; font-variant-numeric: tabular-nums; }
table.figures tbody tr:nth-child(even) { background: #fafbfc; }
footer { color: #666; font-size: 12px; text-align: center; }
)";

std::string page(const report::ReportData& data, const std::filesystem::path& outdir) {
  const std::string folder = outdir.filename().empty() ? outdir.parent_path().filename().string()
                                                       : outdir.filename().string();
  std::string facts;
  for (const auto& f : data.facts) facts += (facts.empty() ? "" : " · ") + html_escape(f);
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>marketsim report: {0}</title>\n<style>{1}</style>\n</head>\n<body>\n"
      "<header><h1>marketsim report: {0}</h1><p>{2}</p></header>\n<main>\n",
      html_escape(folder), kStyle, facts.empty() ? "no manifest.ini in the folder" : facts);
  const bool many = data.points.size() > 1;
  struct Section {
    const char* id;
    const char* heading;
    std::string (*body)(const PointData&);
  };
  const std::array<Section, 6> sections{{
      {"key-figures", "Key figures and 95% confidence intervals", key_figures},
      {"settlement", "Settlement latency by channel", settlement_section},
      {"escrow", "Escrow float over time", escrow_section},
      {"disputes", "Dispute funnel", funnel_section},
      {"fees", "Fees by channel", fees_section},
      {"refunds", "Refund latency by route", refunds_section},
  }};
  for (const Section& s : sections) {
    out += fmt::format("<section id=\"{}\">\n<h2>{}</h2>\n", s.id, s.heading);
    for (const auto& p : data.points) {
      if (many) out += "<h3 class=\"point\">point: " + html_escape(p.label) + "</h3>\n";
      out += s.body(p);
    }
    out += "</section>\n";
  }
  out += "<footer>Written by marketsim from summary_ci.csv and escrow_daily.csv; figures are "
         "means over the replications, intervals Student's t at 95%.</footer>\n</main>\n"
         "</body>\n</html>\n";
  return out;
}

void write_atomically(const std::filesystem::path& target, const std::string& content) {
  const auto temp = target.parent_path() /
                    fmt::format(".{}.tmp-{}", target.filename().string(), ::getpid());
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw OutputError(fmt::format("{}: cannot be written", temp.string()));
  std::size_t done = 0;
  bool ok = true;
  while (ok && done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    ok = n > 0;
    if (ok) done += static_cast<std::size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  ok = ::close(fd) == 0 && ok;
  if (!ok || std::rename(temp.c_str(), target.c_str()) != 0) {
    std::error_code ec;
    std::filesystem::remove(temp, ec);
    throw OutputError(fmt::format("{}: cannot be written", target.string()));
  }
}

}  // namespace

void write_report(const std::filesystem::path& outdir) {
  const report::ReportData data = report::load_report_data(outdir);
  if (data.points.empty())
    throw OutputError(fmt::format("{}: no figures", (outdir / "summary_ci.csv").string()));
  write_atomically(outdir / "report.html", page(data, outdir));
}

}  // namespace market
