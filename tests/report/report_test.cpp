// The report of a small real run: every section, the figures of summary_ci.csv shown exactly,
// tags balanced, nothing fetched from the network, written atomically; and its error paths.
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "models/experiment/experiment.hpp"
#include "tests/output/small_sweep.hpp"
#include "tests/scenario/temp_dir.hpp"
#include "tools/output/atomic_dir.hpp"
#include "tools/output/csv.hpp"
#include "tools/output/results.hpp"
#include "tools/report/report.hpp"
#include "tools/report/svg_chart.hpp"

namespace {

using TempDir = market::scenario::testing::TempDir;
namespace fs = std::filesystem;

const char* const kHeadings[] = {"Key figures and 95% confidence intervals",
                                 "Settlement latency by channel", "Escrow float over time",
                                 "Dispute funnel", "Fees by channel", "Refund latency by route"};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// A small real run written as marketsim run writes it: two points, the second's label needing
// both CSV quoting and HTML escaping.
void write_small_run(const fs::path& dir) {
  market::ExperimentOptions o;
  o.replications = 3;
  const auto points = market::run_experiment(market::testing::small_sweep("lossy <carriers> & more"), o);
  market::write_results(dir, points, market::testing::small_sweep_info(), false);
}

struct Report {
  TempDir temp;
  fs::path dir = temp.path() / "out";
  std::string html;
  std::vector<market::CsvRecord> ci;
  Report() {
    write_small_run(dir);
    market::write_report(dir);
    html = slurp(dir / "report.html");
    ci = market::read_csv(slurp(dir / "summary_ci.csv"));
    if (const char* keep = std::getenv("MARKETSIM_REPORT_KEEP"))
      fs::copy_file(dir / "report.html", keep, fs::copy_options::overwrite_existing);
  }
};

const Report& report() {
  static const Report r;
  return r;
}

double number(const std::string& cell) {
  return cell.empty() ? std::numeric_limits<double>::quiet_NaN() : std::stod(cell);
}

std::string shown(const std::string& cell, const std::string& unit) {
  return "<td class=\"num\" data-value=\"" + cell + "\">" +
         market::report::format_figure(number(cell), unit) + "</td>";
}

}  // namespace

TEST_CASE("figures are formatted for reading", "[report]") {
  using market::report::format_figure;
  CHECK(format_figure(1121.898967666178, "h") == "1122");
  CHECK(format_figure(232.37318245665003, "h") == "232.4");
  CHECK(format_figure(0.09890233071490778, "share") == "9.89%");
  CHECK(format_figure(1900282.9279812996, "USD") == "1,900,283");
  CHECK(format_figure(-12345.6, "USD") == "-12,346");
  CHECK(format_figure(115908, "count") == "115,908");
  CHECK(format_figure(std::nan(""), "h") == "–");
  CHECK(market::report::nice_ticks(0, 2142, 6) ==
        std::vector<double>{0, 500, 1000, 1500, 2000, 2500});
  CHECK(market::report::nice_ticks(0.5, 1, 5) == std::vector<double>{0.5, 0.6, 0.7, 0.8, 0.9, 1});
  CHECK(market::report::tick_label(1500000) == "1.5M");
  CHECK(market::report::tick_label(250000) == "250k");
  CHECK(market::report::html_escape("a<b & \"c\">") == "a&lt;b &amp; &quot;c&quot;&gt;");
}

TEST_CASE("the report of a small run has every section, once per point", "[report]") {
  const std::string& html = report().html;
  REQUIRE(html.rfind("<!DOCTYPE html>", 0) == 0);
  for (const char* h : kHeadings) CHECK(count(html, std::string("<h2>") + h + "</h2>") == 1);
  CHECK(count(html, "<h3 class=\"point\">point: base</h3>") == 6);
  CHECK(count(html, "<h3 class=\"point\">point: lossy &lt;carriers&gt; &amp; more</h3>") == 6);
  CHECK(html.find("lossy <carriers>") == std::string::npos);
}

TEST_CASE("the report shows summary_ci.csv's figures and intervals exactly", "[report]") {
  const auto& ci = report().ci;
  REQUIRE(ci.front() == market::CsvRecord{"point", "metric", "unit", "statistic", "n", "mean",
                                          "sd", "ci_low", "ci_high"});
  int checked = 0;
  for (std::size_t i = 1; i < ci.size(); ++i) {
    const auto& r = ci[i];
    if (r[1].find('.') != std::string::npos) continue;  // breakdowns are in the charts
    INFO(r[0] << " " << r[1] << " " << r[3]);
    const std::string cells = shown(r[5], r[2]) + shown(r[7], r[2]) + shown(r[8], r[2]) +
                              "<td class=\"num\">" + r[4] + "</td></tr>";
    CHECK(report().html.find(cells) != std::string::npos);
    ++checked;
  }
  CHECK(checked >= 2 * 30);  // every whole-run figure of both points
}

TEST_CASE("the dispute funnel and the escrow float come from the files", "[report]") {
  const auto& ci = report().ci;
  double opened = 0, escalated = 0, float_mean = 0;
  for (const auto& r : ci) {
    if (r[0] != "base") continue;
    if (r[1] == "disputes_opened" && r[3] == "total") opened = std::stod(r[5]);
    if (r[1] == "disputes_escalated" && r[3] == "total") escalated = std::stod(r[5]);
    if (r[1] == "escrow_float" && r[3] == "mean") float_mean = std::stod(r[5]);
  }
  REQUIRE(opened > 0);
  using market::report::format_figure;
  const std::string& html = report().html;
  CHECK(html.find(">" + format_figure(opened, "count") + " (100.0%)</text>") != std::string::npos);
  char share[32];
  std::snprintf(share, sizeof share, " (%.1f%%)</text>", escalated / opened * 100);
  CHECK(html.find(">" + format_figure(escalated, "count") + share) != std::string::npos);
  CHECK(html.find("<strong>" + format_figure(float_mean, "USD") + " USD</strong>") !=
        std::string::npos);
}

TEST_CASE("each channel's settlement CDF passes through p10 ... p99 and the max", "[report]") {
  const std::string& html = report().html;
  const auto begin = html.find("<title>Settlement latency CDF by channel</title>");
  REQUIRE(begin != std::string::npos);
  const std::string svg = html.substr(begin, html.find("</svg>", begin) - begin);
  std::size_t lines = 0;
  const std::string opening = "<path d=\"M", series_tail = "\" fill=\"none\" stroke=\"#";
  for (auto at = svg.find(opening); at != std::string::npos; at = svg.find(opening, at + 1)) {
    const auto end = svg.find('"', at + opening.size());
    const std::string d = svg.substr(at, end - at);
    if (svg.compare(end, series_tail.size(), series_tail) != 0) continue;  // not a series
    INFO(d);
    CHECK(count(d, " L") + 1 == 8);  // p10, p25, p50, p75, p90, p95, p99, max
    ++lines;
  }
  CHECK(lines >= 1);
  CHECK(count(svg, "<circle") == 8 * lines);
  for (const char* share : {" at 10%</title>", " at 25%</title>", " at 75%</title>",
                            " at 95%</title>", " at 100%</title>"}) {
    INFO(share);
    CHECK(count(svg, share) == lines);
  }
  CHECK(html.find("the files hold no quantile below the median") == std::string::npos);
}

TEST_CASE("the page is self-contained and its tags balance", "[report]") {
  const std::string& html = report().html;
  CHECK(html.find("http") == std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
  CHECK(html.find("<img") == std::string::npos);
  for (const char* tag : {"html", "head", "body", "main", "header", "section", "h1", "h2", "h3",
                          "p", "table", "thead", "tbody", "tr", "td", "th", "svg", "text",
                          "title", "g", "ul", "li", "div", "style", "strong", "em", "footer"}) {
    INFO(tag);
    const std::size_t opened = count(html, std::string("<") + tag + ">") +
                               count(html, std::string("<") + tag + " ");
    CHECK(opened > 0);
    CHECK(opened == count(html, std::string("</") + tag + ">"));
  }
  CHECK(count(html, "<svg") >= 2 * 7);
}

TEST_CASE("the report is written atomically and replaced on a second run", "[report]") {
  TempDir temp;
  const fs::path dir = temp.path() / "out";
  write_small_run(dir);
  market::write_report(dir);
  const std::string first = slurp(dir / "report.html");
  market::write_report(dir);
  CHECK(slurp(dir / "report.html") == first);
  for (const auto& e : fs::directory_iterator(dir))
    CHECK(e.path().filename().string().find(".tmp") == std::string::npos);
}

TEST_CASE("report errors name the file in one line", "[report]") {
  TempDir temp;
  const fs::path dir = temp.path() / "out";
  auto fails_with = [](const fs::path& d, const std::string& needle) {
    try {
      market::write_report(d);
      FAIL("no error");
    } catch (const market::OutputError& e) {
      const std::string what = e.what();
      INFO(what);
      CHECK(what.find(needle) != std::string::npos);
      CHECK(what.find('\n') == std::string::npos);
    }
  };
  fails_with(temp.path() / "nowhere", "nowhere: no such output folder");
  fs::create_directories(dir);
  fails_with(dir, "summary_ci.csv");
  temp.write("out/summary_ci.csv",
             "point,metric,unit,statistic,n,mean,sd,ci_low,ci_high\nbase,x,h,mean,2,1,1,0,2\n");
  fails_with(dir, "escrow_daily.csv");
  temp.write("out/escrow_daily.csv", "point,replication,seed,day,escrow_held_usd\n\"open\n");
  fails_with(dir, "escrow_daily.csv: malformed CSV");
  temp.write("out/escrow_daily.csv", "point,replication,seed,day\nbase,0,1,3\n");
  fails_with(dir, "escrow_daily.csv: no column 'escrow_held_usd'");
  temp.write("out/escrow_daily.csv",
             "point,replication,seed,day,escrow_held_usd,orders_in_flight\nbase,0,1,3,12.50,4\n");
  temp.write("out/summary_ci.csv",
             "point,metric,unit,statistic,n,mean,sd,ci_low,ci_high\nbase,x,h,mean,2,abc,1,0,2\n");
  fails_with(dir, "summary_ci.csv: line 2: 'abc' is not a number");
  temp.write("out/summary_ci.csv",
             "point,metric,unit,statistic,n,mean,sd,ci_low,ci_high\nbase,x,h,mean,2,1,1\n");
  fails_with(dir, "summary_ci.csv: line 2: 7 fields, the header has 9");
  CHECK_FALSE(fs::exists(dir / "report.html"));
  temp.write("out/summary_ci.csv",
             "point,metric,unit,statistic,n,mean,sd,ci_low,ci_high\nbase,x,h,mean,2,1,1,0,2\n");
  market::write_report(dir);  // a minimal folder renders, its empty sections saying so
  CHECK(slurp(dir / "report.html").find("No dispute was opened") != std::string::npos);
}
