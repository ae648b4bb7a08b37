// Inline SVG charts for the report: a line chart, horizontal stacked bars and latency ranges.
// Each returns one <svg> element (role="img" with a title) sized by a viewBox, so the page's CSS
// scales it; colours come from the caller, legends are the caller's HTML.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace market::report {

struct Series {
  std::string name;
  std::string colour;
  std::string dash;  // SVG stroke-dasharray, empty for a solid line
  std::vector<std::pair<double, double>> points;  // (x, y), ascending x
  bool markers = false;
};

struct LineChart {
  std::string title;    // for screen readers
  std::string x_title;  // with its unit: "hours from checkout"
  std::string y_title;
  std::vector<Series> series;
  std::vector<std::pair<double, double>> band_low, band_high;  // an optional shaded range
  std::string band_colour;
  bool y_percent = false;  // y in [0, 1] labelled as percentages
  double y_floor = 0;      // the y axis starts here (or lower if the data does)
};
std::string line_chart(const LineChart& chart);

struct BarSegment {
  double value = 0;
  std::string colour;
  std::string name;  // shown in the hover title
};
struct BarRow {
  std::string label;
  std::vector<BarSegment> segments;  // stacked left to right
  std::string note;                  // printed right of the bar
};
struct BarChart {
  std::string title;
  std::string x_title;
  std::vector<BarRow> rows;
};
std::string bar_chart(const BarChart& chart);

struct RangeRow {
  std::string label;
  double p50 = 0, p90 = 0, p99 = 0;
  std::string note;
};
struct RangeChart {
  std::string title;
  std::string x_title;
  std::string colour;
  std::vector<RangeRow> rows;  // a bar to p50, a whisker to p90, a tick at p99
};
std::string range_chart(const RangeChart& chart);

// Round tick values covering [lo, hi] (about `target` of them), lo and hi included.
std::vector<double> nice_ticks(double lo, double hi, int target);
// A tick label: 1.5M, 250k, 0.25, 1200.
std::string tick_label(double v);
// A figure as the page shows it: shares as percentages (2 decimals), |v| < 10000 with 4
// significant digits, larger values rounded to integers with comma thousands; NaN as a dash.
std::string format_figure(double v, const std::string& unit);
// Escapes &, <, >, " for HTML text and attribute values.
std::string html_escape(const std::string& s);

}  // namespace market::report
