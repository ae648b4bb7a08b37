// The report of small real runs written as marketsim writes them: a single run (every section,
// the figures of summary_ci.csv shown exactly, times in days), a two-key sweep with a base
// point (one figure-vs-parameter chart per headline figure, x at the swept values, y at the
// means and intervals of summary_ci.csv, differences at compare.csv's, the report's own sums
// against limits.csv and fees.csv), a channel's colour across reports; tags balanced, nothing
// fetched from the network, written atomically; and its error paths.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "models/channels/channel_catalog.hpp"
#include "models/experiment/experiment.hpp"
#include "tests/output/small_sweep.hpp"
#include "tests/scenario/temp_dir.hpp"
#include "tools/output/atomic_dir.hpp"
#include "tools/output/csv.hpp"
#include "tools/output/results.hpp"
#include "tools/report/palette.hpp"
#include "tools/report/report.hpp"
#include "tools/report/svg_chart.hpp"

namespace {

using TempDir = market::scenario::testing::TempDir;
namespace fs = std::filesystem;

const char* const kPointHeadings[] = {"Key figures and 95% confidence intervals",
                                      "Settlement time by channel", "Escrow float over time",
                                      "Dispute funnel",  "Refusals by channel",
                                      "Fees by channel and payer", "Refund latency by route"};
const char* const kHeadlines[] = {"settlement_p50",       "settlement_p90",  "escrow_float",
                                  "dispute_rate",         "refund_latency_route",
                                  "refusals_channel",     "fees_payer"};
const std::set<std::string> kEntityHeadlines{"refund_latency_route", "refusals_channel",
                                             "fees_payer"};

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

double number(const std::string& cell) {
  return cell.empty() ? std::numeric_limits<double>::quiet_NaN() : std::stod(cell);
}

// A CSV file as rows of column name -> cell.
std::vector<std::map<std::string, std::string>> table(const fs::path& p) {
  const auto records = market::read_csv(slurp(p));
  std::vector<std::map<std::string, std::string>> rows;
  for (std::size_t r = 1; r < records.size(); ++r) {
    std::map<std::string, std::string> row;
    for (std::size_t c = 0; c < records[0].size(); ++c) row[records[0][c]] = records[r][c];
    rows.push_back(std::move(row));
  }
  return rows;
}

// The text between `open` (included) and the next `close` after it, for every `open`.
std::vector<std::string> elements(const std::string& html, const std::string& open,
                                  const std::string& close) {
  std::vector<std::string> out;
  for (auto at = html.find(open); at != std::string::npos; at = html.find(open, at + 1))
    out.push_back(html.substr(at, html.find(close, at) - at));
  return out;
}

std::string attribute(const std::string& element, const std::string& name) {
  const std::string key = " " + name + "=\"";
  const auto at = element.find(key);
  if (at == std::string::npos) return "";
  const auto begin = at + key.size();
  return element.substr(begin, element.find('"', begin) - begin);
}

struct Marker {
  std::string series, colour;
  double x, y, low, high;
};

// The markers of an SVG: series name (the hover title up to ": "), colour, data-x/y/low/high.
std::vector<Marker> markers(const std::string& svg) {
  std::vector<Marker> out;
  for (const auto& c : elements(svg, "<circle ", "</circle>")) {
    const auto title = c.find("<title>");
    if (title == std::string::npos) continue;
    const std::string name = c.substr(title + 7, c.find(": ", title) - title - 7);
    out.push_back({name, attribute(c, "fill"), number(attribute(c, "data-x")),
                   number(attribute(c, "data-y")), number(attribute(c, "data-low")),
                   number(attribute(c, "data-high"))});
  }
  return out;
}

void write_run(const fs::path& dir, const std::vector<market::ExperimentPoint>& points,
               market::RunInfo info) {
  market::ExperimentOptions o;
  o.replications = info.replications;
  market::write_results(dir, market::run_experiment(points, o), info, false);
}

// A single run of the small world, or (channel "card" disabled) a second channel set.
void write_single(const fs::path& dir, bool without_card = false) {
  auto points = market::testing::small_sweep();
  points.resize(1);
  if (without_card)
    for (auto& c : points[0].market.channels)
      if (c.key == "card") c.enabled.value = false;
  write_run(dir, points, market::testing::small_sweep_info());
}

// A two-key sweep: the release rule 0, 10, 20 days x carrier loss 0 and 0.2, base the first.
const double kRelease[] = {0, 10, 20};
const char* const kLoss[] = {"0", "0.200000"};
void write_sweep(const fs::path& dir) {
  const auto base = market::testing::small_sweep().front();
  std::vector<market::ExperimentPoint> points;
  market::RunInfo info = market::testing::small_sweep_info();
  info.swept_columns = {"protection.release_after_confirmation_d", "carriers.loss"};
  for (double days : kRelease)
    for (const char* loss : kLoss) {
      market::ExperimentPoint p = base;
      p.label = "release=" + std::to_string(static_cast<int>(days)) + "d loss=" + loss;
      p.market.protection.release_after_confirmation = sim::days(static_cast<std::int64_t>(days));
      for (auto& c : p.market.carriers) c.loss = std::stod(loss);
      points.push_back(p);
      info.swept_values.push_back({std::to_string(static_cast<int>(days)), loss});
    }
  info.compare_base = 0;
  write_run(dir, points, info);
}

struct Report {
  TempDir temp;
  fs::path dir = temp.path() / "out";
  std::string html;
  template <class Write>
  explicit Report(Write write, const char* keep_as) {
    write(dir);
    market::write_report(dir);
    html = slurp(dir / "report.html");
    if (const char* keep = std::getenv("MARKETSIM_REPORT_KEEP"))
      fs::copy_file(dir / "report.html", fs::path(keep) / keep_as,
                    fs::copy_options::overwrite_existing);
  }
};

const Report& single() {
  static const Report r([](const fs::path& d) { write_single(d); }, "single.html");
  return r;
}
const Report& sweep() {
  static const Report r([](const fs::path& d) { write_sweep(d); }, "sweep.html");
  return r;
}

std::string shown(const std::string& cell, const std::string& unit) {
  const double v = number(cell);
  return "<td class=\"num\" data-value=\"" + cell + "\">" +
         market::report::format_figure(unit == "h" ? v / 24 : v, unit == "h" ? "d" : unit) +
         "</td>";
}

// The charts of a sweep report of one kind ("vs-param", "vs-base") and figure.
std::vector<std::string> charts(const std::string& html, const std::string& kind,
                                const std::string& figure) {
  return elements(html, "<figure class=\"chart " + kind + "\" data-figure=\"" + figure + "\"",
                  "</figure>");
}

std::string whole(double x) { return std::to_string(static_cast<long>(std::lround(x))); }

// Student's t(0.975, 2), from a table: the 95% interval of 3 replications is mean -+ this
// times sd / sqrt(3).
constexpr double kT2 = 4.302652729911275;

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
  // One number of decimals per axis, as the step needs; shares as percentages.
  CHECK(market::report::tick_labels({0, 2.5, 5, 7.5}, 1, "") ==
        std::vector<std::string>{"0.0", "2.5", "5.0", "7.5"});
  CHECK(market::report::tick_labels({-0.0004, 0, 0.0004}, 100, "%") ==
        std::vector<std::string>{"-0.04%", "0.00%", "0.04%"});
  CHECK(market::report::tick_labels({0, 50000, 100000}, 1, "") ==
        std::vector<std::string>{"0", "50k", "100k"});
  CHECK(market::report::html_escape("a<b & \"c\">") == "a&lt;b &amp; &quot;c&quot;&gt;");
}

TEST_CASE("the report of a single run has every section once", "[report]") {
  const std::string& html = single().html;
  REQUIRE(html.rfind("<!DOCTYPE html>", 0) == 0);
  for (const char* h : kPointHeadings) CHECK(count(html, std::string("<h2>") + h + "</h2>") == 1);
  CHECK(count(html, "<details") == 0);
  CHECK(count(html, "class=\"chart vs-param\"") == 0);
}

TEST_CASE("the report shows summary_ci.csv's figures and intervals exactly, times in days",
          "[report]") {
  const auto ci = table(single().dir / "summary_ci.csv");
  int checked = 0, hours = 0;
  for (const auto& r : ci) {
    if (r.at("metric").find('.') != std::string::npos) continue;  // breakdowns: in the charts
    INFO(r.at("metric") << " " << r.at("statistic"));
    const std::string& unit = r.at("unit");
    const std::string cells = shown(r.at("mean"), unit) + shown(r.at("ci_low"), unit) +
                              shown(r.at("ci_high"), unit) + "<td class=\"num\">" + r.at("n") +
                              "</td></tr>";
    CHECK(single().html.find(cells) != std::string::npos);
    hours += unit == "h";
    ++checked;
  }
  CHECK(checked >= 30);
  CHECK(hours >= 10);
  // No table or axis of the page is in hours.
  CHECK(single().html.find("(h)") == std::string::npos);
  CHECK(single().html.find("hours from") == std::string::npos);
  CHECK(single().html.find(">h</td>") == std::string::npos);
}

TEST_CASE("the dispute funnel, the escrow float and the refusals come from the files",
          "[report]") {
  double opened = 0, escalated = 0, float_mean = 0;
  for (const auto& r : table(single().dir / "summary_ci.csv")) {
    if (r.at("metric") == "disputes_opened" && r.at("statistic") == "total") opened = number(r.at("mean"));
    if (r.at("metric") == "disputes_escalated" && r.at("statistic") == "total")
      escalated = number(r.at("mean"));
    if (r.at("metric") == "escrow_float" && r.at("statistic") == "mean") float_mean = number(r.at("mean"));
  }
  REQUIRE(opened > 0);
  using market::report::format_figure;
  const std::string& html = single().html;
  CHECK(html.find(">" + format_figure(opened, "count") + " (100.0%)</text>") != std::string::npos);
  char share[32];
  std::snprintf(share, sizeof share, " (%.1f%%)</text>", escalated / opened * 100);
  CHECK(html.find(">" + format_figure(escalated, "count") + share) != std::string::npos);
  CHECK(html.find("<strong>" + format_figure(float_mean, "USD") + " USD</strong>") !=
        std::string::npos);
  // Refusals by channel: limits.csv's refused rows summed over the reasons and replications.
  std::map<std::string, double> refused;
  for (const auto& r : table(single().dir / "limits.csv"))
    if (r.at("by") == "channel_reason" && !r.at("refused").empty())
      refused[r.at("key").substr(0, r.at("key").find('/'))] += number(r.at("refused")) / 3;
  int rows = 0;
  for (const auto& [channel, total] : refused) {
    if (!(total > 0)) continue;
    std::string label = channel;
    std::replace(label.begin(), label.end(), '_', ' ');
    INFO(channel);
    CHECK(html.find(">" + label + "</text>") != std::string::npos);
    CHECK(html.find(">" + format_figure(total, "count") + " · ") != std::string::npos);
    ++rows;
  }
  CHECK(rows >= 1);
}

TEST_CASE("each channel's settlement CDF passes through p10 ... p99 and the max", "[report]") {
  const std::string& html = single().html;
  const auto begin = html.find("<title>Settlement time CDF by channel</title>");
  REQUIRE(begin != std::string::npos);
  const std::string svg = html.substr(begin, html.find("</svg>", begin) - begin);
  std::map<std::string, std::vector<double>> shares;
  for (const auto& m : markers(svg)) shares[m.series].push_back(m.y);
  REQUIRE(!shares.empty());
  for (const auto& [channel, ys] : shares) {
    INFO(channel);
    CHECK(ys == std::vector<double>{0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1});
  }
}

TEST_CASE("a sweep report has one chart per headline figure against the swept parameter",
          "[report]") {
  const std::string& html = sweep().html;
  for (const char* id : kHeadlines) {
    INFO(id);
    const std::size_t panels = kEntityHeadlines.count(id) ? 2 : 1;  // one per carriers.loss
    CHECK(charts(html, "vs-param", id).size() == panels);
    CHECK(charts(html, "vs-base", id).size() == panels);
  }
  CHECK(count(html, "<figure class=\"chart vs-param\"") == 4 + 3 * 2);
  // Not every chart per point, stacked: the points' sections are folded away.
  CHECK(count(html, "<details class=\"point\">") == 6);
  CHECK(html.find("<h2>Headline figures against protection.release_after_confirmation "
                  "(days)</h2>") != std::string::npos);
}

TEST_CASE("a sweep's charts sit at the swept values and summary_ci.csv's means and intervals",
          "[report]") {
  const auto ci = table(sweep().dir / "summary_ci.csv");
  auto row = [&](const std::string& release, const std::string& loss, const std::string& metric,
                 const std::string& statistic) -> const std::map<std::string, std::string>* {
    for (const auto& r : ci)
      if (r.at("protection.release_after_confirmation_d") == release &&
          r.at("carriers.loss") == loss && r.at("metric") == metric &&
          r.at("statistic") == statistic)
        return &r;
    return nullptr;
  };
  const std::pair<const char*, const char*> figures[] = {{"settlement_p50", "p50"},
                                                         {"settlement_p90", "p90"}};
  for (const auto& [id, statistic] : figures) {
    const auto chart = charts(sweep().html, "vs-param", id);
    REQUIRE(chart.size() == 1);
    const auto ms = markers(chart[0]);
    CHECK(ms.size() == 6);
    std::set<double> xs;
    for (const auto& m : ms) {
      xs.insert(m.x);
      const std::string loss = m.series.substr(m.series.find("= ") + 2);
      const auto* r = row(whole(m.x), loss, "settlement", statistic);
      INFO(id << " " << m.series << " x=" << m.x);
      REQUIRE(r != nullptr);
      CHECK(m.y == Approx(number(r->at("mean")) / 24).epsilon(1e-9));
      CHECK(m.low == Approx(number(r->at("ci_low")) / 24).epsilon(1e-9));
      CHECK(m.high == Approx(number(r->at("ci_high")) / 24).epsilon(1e-9));
    }
    CHECK(xs == std::set<double>(std::begin(kRelease), std::end(kRelease)));
  }
  const auto escrow = markers(charts(sweep().html, "vs-param", "escrow_float").at(0));
  for (const auto& m : escrow) {
    const auto* r = row(whole(m.x), m.series.substr(m.series.find("= ") + 2), "escrow_float",
                        "mean");
    REQUIRE(r != nullptr);
    CHECK(m.y == Approx(number(r->at("mean"))).epsilon(1e-9));
  }
}

TEST_CASE("a sweep's differences from the base are compare.csv's", "[report]") {
  const auto cmp = table(sweep().dir / "compare.csv");
  const auto chart = charts(sweep().html, "vs-base", "settlement_p90");
  REQUIRE(chart.size() == 1);
  const auto ms = markers(chart[0]);
  CHECK(ms.size() == 6);  // the base at zero, the five others at their difference
  int checked = 0;
  for (const auto& m : ms) {
    const std::string loss = m.series.substr(m.series.find("= ") + 2);
    if (whole(m.x) == "0" && loss == "0") {
      CHECK(m.y == 0);
      CHECK(std::isnan(m.low));
      continue;
    }
    for (const auto& r : cmp)
      if (r.at("protection.release_after_confirmation_d") == whole(m.x) &&
          r.at("carriers.loss") == loss && r.at("metric") == "settlement" &&
          r.at("statistic") == "p90") {
        INFO(m.series << " x=" << m.x);
        CHECK(m.y == Approx(number(r.at("diff_mean")) / 24).epsilon(1e-9));
        CHECK(m.low == Approx(number(r.at("diff_ci_low")) / 24).epsilon(1e-9));
        CHECK(m.high == Approx(number(r.at("diff_ci_high")) / 24).epsilon(1e-9));
        ++checked;
      }
  }
  CHECK(checked == 5);
  // The compare section: a forest plot row per figure with a mark per compared point, and
  // compare.csv's differences in the table.
  const std::string& html = sweep().html;
  REQUIRE(html.find("<section id=\"compare\">") != std::string::npos);
  const auto forest = elements(html, "<title>Paired differences from the base", "</svg>");
  REQUIRE(forest.size() == 1);
  int marks = 0;
  for (const auto& g : elements(forest[0], "<g><title>", "</g>")) {
    const double v = number(attribute(g.substr(g.find("<circle")), "data-value"));
    CHECK(std::isfinite(v));
    ++marks;
  }
  CHECK(marks >= 5 * 5);
  for (const auto& r : cmp)
    if (r.at("metric") == "escrow_float" && r.at("statistic") == "mean")
      CHECK(html.find("data-value=\"" + r.at("diff_mean") + "\">") != std::string::npos);
}

TEST_CASE("refusals by channel are limits.csv's sums with their t interval", "[report]") {
  // Per point, channel and replication the refusals summed over the reasons (limits.csv).
  std::map<std::tuple<std::string, std::string, std::string>, std::map<std::string, double>> sums;
  for (const auto& r : table(sweep().dir / "limits.csv"))
    if (r.at("by") == "channel_reason" && !r.at("refused").empty())
      sums[{r.at("protection.release_after_confirmation_d"), r.at("carriers.loss"),
            r.at("key").substr(0, r.at("key").find('/'))}][r.at("replication")] +=
          number(r.at("refused"));
  const auto panels = charts(sweep().html, "vs-param", "refusals_channel");
  REQUIRE(panels.size() == 2);
  int checked = 0;
  for (std::size_t g = 0; g < panels.size(); ++g)
    for (const auto& m : markers(panels[g])) {
      std::string channel = m.series;
      std::replace(channel.begin(), channel.end(), ' ', '_');
      const auto& reps = sums.at({whole(m.x), kLoss[g], channel});
      REQUIRE(reps.size() == 3);
      double mean = 0, ss = 0;
      for (const auto& [rep, v] : reps) mean += v / 3;
      for (const auto& [rep, v] : reps) ss += (v - mean) * (v - mean);
      const double half = kT2 * std::sqrt(ss / 2) / std::sqrt(3.0);
      INFO(channel << " x=" << m.x << " panel " << g);
      CHECK(m.y == Approx(mean).epsilon(1e-9));
      if (half > 0) {
        CHECK(m.low == Approx(mean - half).epsilon(1e-9));
        CHECK(m.high == Approx(mean + half).epsilon(1e-9));
      }
      CHECK(m.colour == market::report::channel_colour(channel));
      ++checked;
    }
  CHECK(checked >= 6);
}

TEST_CASE("fees by payer are fees.csv's rates per currency", "[report]") {
  // fees_buyer over principal of the RUB channels, per replication, at the base point.
  std::map<std::string, double> fee, principal;
  for (const auto& r : table(sweep().dir / "fees.csv"))
    if (r.at("point") == "release=0d loss=0" && r.at("by") == "channel" &&
        r.at("currency") == "RUB") {
      fee[r.at("replication")] += number(r.at("fees_buyer"));
      principal[r.at("replication")] += number(r.at("principal"));
    }
  REQUIRE(principal.size() == 3);
  double mean = 0;
  for (const auto& [rep, p] : principal) mean += fee[rep] / p / 3;
  REQUIRE(mean > 0);
  const auto panels = charts(sweep().html, "vs-param", "fees_payer");
  REQUIRE(panels.size() == 2);
  bool found = false;
  for (const auto& m : markers(panels[0]))
    if (m.series == "paid by the buyer, RUB" && m.x == 0) {
      CHECK(m.y == Approx(mean).epsilon(1e-6));  // fees.csv rounds money to the kopeck
      found = true;
    }
  CHECK(found);
}

TEST_CASE("the distributions of every point share one axis", "[report]") {
  const std::string& html = sweep().html;
  const auto cdf = elements(html, "<figure class=\"chart overlay\" data-figure=\"settlement\"",
                            "</figure>");
  REQUIRE(cdf.size() == 1);
  std::set<std::string> series;
  for (const auto& m : markers(cdf[0])) series.insert(m.series);
  CHECK(series.size() == 6);  // every point in the one chart
  CHECK(count(cdf[0], "<svg") == 1);
  // In the folded per-point sections each settlement chart ends at the same day.
  std::set<std::string> ends;
  for (const auto& svg : elements(html, "<title>Settlement time CDF by channel</title>", "</svg>")) {
    const auto ticks = elements(svg, "<text class=\"tick\"", "</text>");
    ends.insert(ticks.back().substr(ticks.back().rfind('>') + 1));
  }
  CHECK(ends.size() == 1);
}

TEST_CASE("a channel has the same colour in every report", "[report]") {
  // The catalogue's channels each have their own colour.
  std::set<std::string> colours;
  for (const auto& c : market::channel_catalog()) colours.insert(market::report::channel_colour(c.key));
  CHECK(colours.size() == market::channel_catalog().size());
  // A channel outside it keeps one colour too.
  CHECK(market::report::channel_colour("my_wallet") == market::report::channel_colour("my_wallet"));
  // Two runs with different channel sets: qiwi's line has the same colour in both.
  Report without_card([](const fs::path& d) { write_single(d, true); }, "single-nocard.html");
  auto colour_of = [](const std::string& html, const std::string& channel) {
    const auto begin = html.find("<title>Settlement time CDF by channel</title>");
    for (const auto& m : markers(html.substr(begin, html.find("</svg>", begin) - begin)))
      if (m.series == channel) return m.colour;
    return std::string("absent");
  };
  CHECK(colour_of(single().html, "card") != "absent");
  CHECK(colour_of(without_card.html, "card") == "absent");
  CHECK(colour_of(single().html, "qiwi") == market::report::channel_colour("qiwi"));
  CHECK(colour_of(without_card.html, "qiwi") == colour_of(single().html, "qiwi"));
}

TEST_CASE("the pages are self-contained and their tags balance", "[report]") {
  for (const std::string* html : {&single().html, &sweep().html}) {
    CHECK(html->find("http") == std::string::npos);
    CHECK(html->find("<script") == std::string::npos);
    CHECK(html->find("<link") == std::string::npos);
    CHECK(html->find("<img") == std::string::npos);
    for (const char* tag : {"html", "head", "body", "main", "header", "section", "h1", "h2", "h3",
                            "p", "table", "thead", "tbody", "tr", "td", "th", "svg", "text",
                            "title", "g", "ul", "li", "div", "style", "strong", "em", "footer",
                            "figure", "figcaption", "details", "summary", "span"}) {
      INFO(tag);
      const std::size_t opened = count(*html, std::string("<") + tag + ">") +
                                 count(*html, std::string("<") + tag + " ");
      CHECK(opened == count(*html, std::string("</") + tag + ">"));
    }
  }
  CHECK(count(single().html, "<svg") >= 7);
}

TEST_CASE("the report is written atomically and replaced on a second run", "[report]") {
  TempDir temp;
  const fs::path dir = temp.path() / "out";
  write_single(dir);
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
    INFO(needle);
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
  const std::string ci_header = "point,metric,unit,statistic,n,mean,sd,ci_low,ci_high\n";
  const std::string metrics_header = "point,replication,seed,metric,unit,statistic,value\n";
  fails_with(temp.path() / "nowhere", "nowhere: no such output folder");
  fs::create_directories(dir);
  fails_with(dir, "summary_ci.csv");
  temp.write("out/summary_ci.csv", ci_header + "base,x,h,mean,2,1,1,0,2\n");
  fails_with(dir, "escrow_daily.csv");
  temp.write("out/escrow_daily.csv", "point,replication,seed,day,escrow_held_usd\n\"open\n");
  fails_with(dir, "escrow_daily.csv: malformed CSV");
  temp.write("out/escrow_daily.csv", "point,replication,seed,day\nbase,0,1,3\n");
  fails_with(dir, "escrow_daily.csv: no column 'escrow_held_usd'");
  temp.write("out/escrow_daily.csv",
             "point,replication,seed,day,escrow_held_usd,orders_in_flight\nbase,0,1,3,12.50,4\n");
  fails_with(dir, "metrics.csv");
  temp.write("out/metrics.csv", metrics_header + "other,0,1,x,h,total,1\n");
  fails_with(dir, "metrics.csv: line 2: point 'other' is not in summary_ci.csv");
  temp.write("out/metrics.csv", metrics_header + "base,-1,1,x,h,total,1\n");
  fails_with(dir, "metrics.csv: line 2: replication '-1' is not a replication number");
  temp.write("out/metrics.csv", metrics_header + "base,0,1,x,h,total,1\n");
  temp.write("out/summary_ci.csv", ci_header + "base,x,h,mean,2,abc,1,0,2\n");
  fails_with(dir, "summary_ci.csv: line 2: 'abc' is not a number");
  temp.write("out/summary_ci.csv", ci_header + "base,x,h,mean,2,1,1\n");
  fails_with(dir, "summary_ci.csv: line 2: 7 fields, the header has 9");
  temp.write("out/summary_ci.csv",
             "point,k_d,metric,unit,statistic,n,mean,sd,ci_low,ci_high\n"
             "base,1,x,h,mean,2,1,1,0,2\nbase,2,y,h,mean,2,1,1,0,2\n");
  fails_with(dir, "summary_ci.csv: line 3: point 'base' has two values of 'k_d'");
  temp.write("out/summary_ci.csv", ci_header + "base,x,h,mean,2,1,1,0,2\n");
  temp.write("out/compare.csv",
             "base,point,metric,unit,statistic,n,mean_base,ci_low_base,ci_high_base,mean_point,"
             "ci_low_point,ci_high_point,diff_mean,diff_sd,diff_ci_low,diff_ci_high,"
             "unpaired_ci_low,unpaired_ci_high,variance_reduction\n"
             "base,B,x,h,mean,2,1,0,2,1,0,2,0,0,0,0,-1,1,inf\n");
  fails_with(dir, "compare.csv: line 2: point 'B' is not in summary_ci.csv");
  CHECK_FALSE(fs::exists(dir / "report.html"));
  fs::remove(dir / "compare.csv");
  market::write_report(dir);  // a minimal folder renders, its empty sections saying so
  CHECK(slurp(dir / "report.html").find("No dispute was opened") != std::string::npos);
}
