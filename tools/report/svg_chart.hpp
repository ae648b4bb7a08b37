// Inline SVG charts for the report: a line chart, horizontal stacked bars and latency ranges.
// Each returns one <svg> element (role="img" with a title) sized by a viewBox, so the page's CSS
// scales it; colours come from the caller, legends are the caller's HTML.
#pragma once

#include <optional>
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
  // Optional, one per point: a vertical interval (low, high) drawn as a whisker with caps
  // (NaN: none). Markers carry data-x, data-y, data-low, data-high for scripts and tests.
  std::vector<std::pair<double, double>> intervals;
  double dodge = 0;  // shifts the series this many SVG units right, so whiskers do not overlap
};

struct LineChart {
  std::string title;    // for screen readers
  std::string x_title;  // with its unit: "hours from checkout"
  std::string y_title;
  std::vector<Series> series;
  std::vector<std::pair<double, double>> band_low, band_high;  // an optional shaded range
  std::string band_colour;
  bool y_percent = false;  // y in [0, 1] labelled as percentages
  bool y_share = false;    // y a share labelled as percentages, its range from the data
  double y_floor = 0;      // the y axis starts here (or lower if the data does)
  double width = 760, height = 340;  // the viewBox
  // Categorical x: point x = i stands for categories[i] (ticks at each, labels below).
  std::vector<std::string> x_categories;
  std::vector<double> x_ticks;  // numeric x: ticks here instead of round ones
  std::optional<std::pair<double, double>> x_range, y_range;  // shared with other charts
  bool zero_line = false;  // a dark line at y = 0 (differences)
};
// The range line_chart would give y (nice ticks included), for charts sharing one axis.
std::pair<double, double> y_extent(const LineChart& chart);
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
  bool x_share = false;  // values are shares, labelled as percentages
};
std::string bar_chart(const BarChart& chart);

struct RangeRow {
  std::string label;
  double p50 = 0, p90 = 0, p99 = 0;
  std::string note;
  std::string colour;  // the bar's, or the chart's when empty
};
struct RangeChart {
  std::string title;
  std::string x_title;
  std::string colour;
  std::vector<RangeRow> rows;  // a bar to p50, a whisker to p90, a tick at p99
  std::string unit = "d";      // of the values, for the hover titles
  double x_max = 0;            // the axis reaches at least this far (shared with other charts)
};
std::string range_chart(const RangeChart& chart);

// Rows of intervals around a value, several per row (one per compared point), on one x axis
// with a line at zero: a forest plot of differences.
struct IntervalMark {
  double value = 0, low = 0, high = 0;  // NaN value: no mark
  std::string colour;
  std::string name;  // hover title
  std::string dash;  // non-empty: a hollow marker and a dashed whisker (a second group)
};
struct IntervalRow {
  std::string label;
  std::vector<IntervalMark> marks;
};
struct IntervalChart {
  std::string title;
  std::string x_title;
  bool x_share = false;  // values are shares shown as percentages
  std::vector<IntervalRow> rows;
  double width = 760;  // the viewBox's (its height follows from the rows)
};
std::string interval_chart(const IntervalChart& chart);

// Round tick values covering [lo, hi] (about `target` of them), lo and hi included.
std::vector<double> nice_ticks(double lo, double hi, int target);
// The labels of a set of ticks, each value times `scale` with `suffix`: with the decimals the
// step between ticks needs ("0.5", "1.0", "1.5"), or in k and M from 10,000 up.
std::vector<std::string> tick_labels(const std::vector<double>& ticks, double scale,
                                     const std::string& suffix);
// A tick label: 1.5M, 250k, 0.25, 1200.
std::string tick_label(double v);
// A figure as the page shows it: shares as percentages (2 decimals), |v| < 10000 with 4
// significant digits, larger values rounded to integers with comma thousands; NaN as a dash.
std::string format_figure(double v, const std::string& unit);
// Escapes &, <, >, " for HTML text and attribute values.
std::string html_escape(const std::string& s);

}  // namespace market::report
