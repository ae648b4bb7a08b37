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

#include "tools/output/atomic_dir.hpp"
#include "tools/report/compare_section.hpp"
#include "tools/report/figures.hpp"
#include "tools/report/point_sections.hpp"
#include "tools/report/report_data.hpp"
#include "tools/report/svg_chart.hpp"
#include "tools/report/sweep_layout.hpp"
#include "tools/report/sweep_sections.hpp"

namespace market {
namespace {

using report::html_escape;

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
body.many main { max-width: 1240px; }
body.many header h1, body.many header p { max-width: 1200px; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr));
        gap: 8px 18px; }
figure.chart { margin: 0; min-width: 0; }
figure.chart figcaption { font-size: 12.5px; color: #555; margin: 2px 0; }
.blocks { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr));
          gap: 0 18px; }
.figure-block { border-top: 1px solid #eceef1; padding-top: 4px; margin-top: 10px; min-width: 0; }
.figure-block.span { grid-column: 1 / -1; }
.figure-block h3 { margin-top: 4px; }
svg .zero { stroke: #333; stroke-width: 1.2; }
svg path.ci { fill: none; stroke-width: 1.4; }
svg .band { fill: #f5f6f8; }
.legend-title { color: #555; }
.wide { overflow-x: auto; }
table.figures td .ci { display: block; font-size: 11px; color: #666; white-space: nowrap; }
table.figures td.differs { font-weight: 600; }
table.per-point td.num, table.compare td.num { white-space: nowrap; }
details { margin: 6px 0; }
details > summary { cursor: pointer; color: #0b5a8f; font-weight: 600; }
details.point { border: 1px solid #eceef1; border-radius: 6px; padding: 4px 10px; }
body.many details.point svg, body.many details.point table { max-width: 860px; }
details.point[open] > summary { border-bottom: 1px solid #dde1e6; margin-bottom: 6px; }
)";

std::string section(const char* id, const std::string& heading, const std::string& body) {
  return fmt::format("<section id=\"{}\">\n<h2>{}</h2>\n{}</section>\n", id, html_escape(heading),
                     body);
}

// One point: every section of point_sections.
std::string single_point(const report::PointData& p) {
  std::string out;
  const report::SharedAxes own;
  for (const auto& s : report::point_sections())
    out += section(s.id, s.heading, report::point_section(s.id, p, own));
  return out;
}

// Several points: figures against the parameter, the comparison, overlaid distributions, every
// figure per point, and each point's sections folded away (on axes every point shares).
std::string many_points(const report::ReportData& data) {
  const report::SweepLayout layout = report::sweep_layout(data);
  const auto figures = report::headline_figures(data);
  std::string out;
  const std::string compare = report::compare_section(data, layout);
  const std::string compare_heading = "Paired differences from " + data.base + " (compare.csv)";
  if (!compare.empty() && data.axes.empty()) out += section("compare", compare_heading, compare);
  out += section("vs-parameter",
                 data.axes.empty() ? "Headline figures per point"
                                   : "Headline figures against " + layout.x_title,
                 report::figures_vs_parameter(data, layout, figures));
  if (!compare.empty() && !data.axes.empty()) out += section("compare", compare_heading, compare);
  out += section("distributions", "Distributions of every point on shared axes",
                 report::overlaid_distributions(data, layout));
  out += section("per-point", "Key figures and 95% confidence intervals, per point",
                 "<details><summary>Every whole-run figure at every point (mean, 95% interval "
                 "below; times in days)</summary>\n" +
                     report::figures_per_point(data) + "</details>\n");
  const report::SharedAxes axes = report::shared_axes(data);
  std::string details =
      "<p class=\"note\">Each point's own sections, every chart on the axes all points "
      "share.</p>\n";
  for (std::size_t i = 0; i < data.points.size(); ++i) {
    const auto& p = data.points[i];
    details += fmt::format("<details class=\"point\"><summary>point: {}</summary>\n",
                           html_escape(p.label));
    for (const auto& s : report::point_sections())
      details += fmt::format("<h3>{}</h3>\n", html_escape(s.heading)) +
                 report::point_section(s.id, p, axes);
    details += "</details>\n";
  }
  out += section("points", "Each point in detail", details);
  return out;
}

std::string page(const report::ReportData& data, const std::filesystem::path& outdir) {
  const std::string folder = outdir.filename().empty() ? outdir.parent_path().filename().string()
                                                       : outdir.filename().string();
  std::string facts;
  for (const auto& f : data.facts) {
    // A sweep's point list is long; the page lists the points itself.
    const bool points = f.rfind("points = ", 0) == 0 && data.points.size() > 3;
    facts += (facts.empty() ? "" : " · ") +
             (points ? fmt::format("points = {} (listed below)", data.points.size())
                     : html_escape(f));
  }
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>marketsim report: {0}</title>\n<style>{1}</style>\n</head>\n<body{3}>\n"
      "<header><h1>marketsim report: {0}</h1><p>{2}</p></header>\n<main>\n",
      html_escape(folder), kStyle, facts.empty() ? "no manifest.ini in the folder" : facts,
      data.points.size() > 1 ? " class=\"many\"" : "");
  out += data.points.size() > 1 ? many_points(data) : single_point(data.points.front());
  out += "<footer>Written by marketsim from summary_ci.csv, metrics.csv, escrow_daily.csv" +
         std::string(data.compare.empty() ? "" : " and compare.csv") +
         "; figures are means over the replications, intervals Student's t at 95%; times in "
         "days.</footer>\n</main>\n</body>\n</html>\n";
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
