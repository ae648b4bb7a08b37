#include "tools/report/svg_chart.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/core.h>

namespace market::report {
namespace {

constexpr double kWidth = 760;

struct Frame {
  double left, top, width, height;  // the plotting area in SVG units
  double x_lo, x_hi, y_lo, y_hi;
  double x(double v) const { return left + (v - x_lo) / (x_hi - x_lo) * width; }
  double y(double v) const { return top + height - (v - y_lo) / (y_hi - y_lo) * height; }
};

std::string svg_open(double height, const std::string& title) {
  return fmt::format(
      "<svg viewBox=\"0 0 {} {:.0f}\" role=\"img\" "
      "aria-label=\"{}\"><title>{}</title>\n",
      kWidth, height, html_escape(title), html_escape(title));
}

// Grid lines and tick labels for the x axis (bottom), plus the axis title.
std::string x_axis(const Frame& f, const std::vector<double>& ticks, const std::string& title) {
  std::string out;
  for (double t : ticks) {
    const double x = f.x(t);
    out += fmt::format("<line class=\"grid\" x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" "
                       "y2=\"{2:.1f}\"/>\n<text class=\"tick\" x=\"{0:.1f}\" y=\"{3:.1f}\" "
                       "text-anchor=\"middle\">{4}</text>\n",
                       x, f.top, f.top + f.height, f.top + f.height + 16, tick_label(t));
  }
  out += fmt::format("<text class=\"axis-title\" x=\"{:.1f}\" y=\"{:.1f}\" "
                     "text-anchor=\"middle\">{}</text>\n",
                     f.left + f.width / 2, f.top + f.height + 36, html_escape(title));
  return out;
}

std::string y_axis(const Frame& f, const std::vector<double>& ticks, const std::string& title,
                   bool percent) {
  std::string out;
  for (double t : ticks) {
    const double y = f.y(t);
    const std::string label = percent ? fmt::format("{:g}%", std::round(t * 1000) / 10)
                                      : tick_label(t);
    out += fmt::format("<line class=\"grid\" x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{2:.1f}\" "
                       "y2=\"{1:.1f}\"/>\n<text class=\"tick\" x=\"{3:.1f}\" y=\"{4:.1f}\" "
                       "text-anchor=\"end\">{5}</text>\n",
                       f.left, y, f.left + f.width, f.left - 6, y + 4, label);
  }
  out += fmt::format("<text class=\"axis-title\" transform=\"translate(16 {:.1f}) rotate(-90)\" "
                     "text-anchor=\"middle\">{}</text>\n",
                     f.top + f.height / 2, html_escape(title));
  return out;
}

std::string path_of(const Frame& f, const std::vector<std::pair<double, double>>& pts) {
  std::string d;
  for (std::size_t i = 0; i < pts.size(); ++i)
    d += fmt::format("{}{:.1f},{:.1f}", i == 0 ? "M" : " L", f.x(pts[i].first),
                     f.y(pts[i].second));
  return d;
}

}  // namespace

std::vector<double> nice_ticks(double lo, double hi, int target) {
  if (!(hi > lo)) hi = lo + 1;
  const double raw = (hi - lo) / std::max(target, 1);
  const double magnitude = std::pow(10, std::floor(std::log10(raw)));
  double multiple = 10;
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (m * magnitude >= raw) {
      multiple = m;
      break;
    }
  const double step = multiple * magnitude;
  // Ticks as (k * multiple) scaled by the power of ten, dividing for negative powers, so that
  // 0.6 is 6 / 10 (exactly the double nearest 0.6) rather than a sum of 0.1s.
  const double inverse = magnitude < 1 ? std::round(1 / magnitude) : 0;
  auto tick = [&](double k) { return inverse > 0 ? k * multiple / inverse : k * multiple * magnitude; };
  std::vector<double> ticks;
  for (double k = std::floor(lo / step); tick(k) < hi + step * 0.999; ++k)
    ticks.push_back(k == 0 ? 0 : tick(k));
  return ticks;
}

std::string tick_label(double v) {
  const double a = std::abs(v);
  if (a >= 1e6) return fmt::format("{:g}M", std::round(v / 1e4) / 100);
  if (a >= 1e4) return fmt::format("{:g}k", std::round(v / 10) / 100);
  return fmt::format("{:g}", std::round(v * 1e6) / 1e6);
}

std::string format_figure(double v, const std::string& unit) {
  if (std::isnan(v)) return "–";
  if (unit == "share") return fmt::format("{:.2f}%", v * 100);
  if (std::abs(v) < 10000) return fmt::format("{:.4g}", v);
  std::string digits = fmt::format("{:.0f}", std::abs(v)), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return v < 0 ? "-" + out : out;
}

std::string html_escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string line_chart(const LineChart& chart) {
  double x_lo = INFINITY, x_hi = -INFINITY, y_lo = chart.y_floor, y_hi = -INFINITY;
  auto widen = [&](const std::vector<std::pair<double, double>>& pts) {
    for (const auto& [x, y] : pts) {
      x_lo = std::min(x_lo, x);
      x_hi = std::max(x_hi, x);
      y_lo = std::min(y_lo, y);
      y_hi = std::max(y_hi, y);
    }
  };
  for (const auto& s : chart.series) widen(s.points);
  widen(chart.band_low);
  widen(chart.band_high);
  if (!std::isfinite(x_lo)) x_lo = 0, x_hi = 1, y_hi = 1;
  if (chart.y_percent) y_hi = 1;
  const auto xt = nice_ticks(x_lo, x_hi, 8);
  const auto yt = chart.y_percent ? nice_ticks(y_lo, 1, 5) : nice_ticks(y_lo, y_hi, 5);
  const double height = 340;
  const Frame f{72, 12, kWidth - 72 - 20, height - 12 - 52,
                xt.front(), xt.back(), yt.front(), yt.back()};
  std::string out = svg_open(height, chart.title);
  out += y_axis(f, yt, chart.y_title, chart.y_percent);
  out += x_axis(f, xt, chart.x_title);
  if (!chart.band_low.empty() && chart.band_low.size() == chart.band_high.size()) {
    auto ring = chart.band_high;
    ring.insert(ring.end(), chart.band_low.rbegin(), chart.band_low.rend());
    out += fmt::format("<path d=\"{} Z\" fill=\"{}\" fill-opacity=\"0.25\" stroke=\"none\"/>\n",
                       path_of(f, ring), chart.band_colour);
  }
  for (const auto& s : chart.series) {
    if (s.points.empty()) continue;
    out += fmt::format("<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.2\"{}>"
                       "<title>{}</title></path>\n",
                       path_of(f, s.points), s.colour,
                       s.dash.empty() ? "" : fmt::format(" stroke-dasharray=\"{}\"", s.dash),
                       html_escape(s.name));
    if (s.markers)
      for (const auto& [x, y] : s.points)
        out += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3.2\" fill=\"{}\">"
                           "<title>{}: {} at {}</title></circle>\n",
                           f.x(x), f.y(y), s.colour, html_escape(s.name), tick_label(x),
                           chart.y_percent ? fmt::format("{:g}%", y * 100) : tick_label(y));
  }
  out += fmt::format("<rect class=\"frame\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>\n",
                     f.left, f.top, f.width, f.height);
  out += "</svg>\n";
  return out;
}

namespace {
constexpr double kLabelWidth = 250, kNoteWidth = 150, kRowHeight = 26;

Frame bar_frame(std::size_t rows, double x_hi) {
  const double height = rows * kRowHeight;
  return Frame{kLabelWidth, 8, kWidth - kLabelWidth - kNoteWidth, height, 0, x_hi, 0, 1};
}

std::string row_label(const Frame& f, std::size_t i, const std::string& label,
                      const std::string& note) {
  const double y = f.top + i * kRowHeight + kRowHeight / 2 + 4;
  return fmt::format("<text class=\"label\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">{}"
                     "</text>\n<text class=\"note\" x=\"{:.1f}\" y=\"{:.1f}\">{}</text>\n",
                     f.left - 8, y, html_escape(label), f.left + f.width + 8, y,
                     html_escape(note));
}
}  // namespace

std::string bar_chart(const BarChart& chart) {
  double x_hi = 0;
  for (const auto& r : chart.rows) {
    double total = 0;
    for (const auto& s : r.segments) total += std::max(s.value, 0.0);
    x_hi = std::max(x_hi, total);
  }
  const auto xt = nice_ticks(0, x_hi > 0 ? x_hi : 1, 6);
  const Frame f = bar_frame(chart.rows.size(), xt.back());
  std::string out = svg_open(f.top + f.height + 48, chart.title);
  out += x_axis(f, xt, chart.x_title);
  for (std::size_t i = 0; i < chart.rows.size(); ++i) {
    const BarRow& r = chart.rows[i];
    double x = 0;
    for (const auto& s : r.segments) {
      if (!(s.value > 0)) continue;
      out += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
                         "fill=\"{}\"><title>{}: {}</title></rect>\n",
                         f.x(x), f.top + i * kRowHeight + 4, f.x(x + s.value) - f.x(x),
                         kRowHeight - 8, s.colour, html_escape(r.label + ", " + s.name),
                         tick_label(s.value));
      x += s.value;
    }
    out += row_label(f, i, r.label, r.note);
  }
  out += "</svg>\n";
  return out;
}

std::string range_chart(const RangeChart& chart) {
  double x_hi = 0;
  for (const auto& r : chart.rows) x_hi = std::max({x_hi, r.p50, r.p90, r.p99});
  const auto xt = nice_ticks(0, x_hi > 0 ? x_hi : 1, 6);
  const Frame f = bar_frame(chart.rows.size(), xt.back());
  std::string out = svg_open(f.top + f.height + 48, chart.title);
  out += x_axis(f, xt, chart.x_title);
  for (std::size_t i = 0; i < chart.rows.size(); ++i) {
    const RangeRow& r = chart.rows[i];
    const double top = f.top + i * kRowHeight + 5, mid = top + (kRowHeight - 10) / 2;
    out += fmt::format(
        "<g><title>{}: p50 {} h, p90 {} h, p99 {} h</title>"
        "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\"/>"
        "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#333\" "
        "stroke-width=\"1.5\"/>"
        "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#333\" "
        "stroke-width=\"1.5\"/>"
        "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#777\" "
        "stroke-dasharray=\"2 3\"/>"
        "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3\" fill=\"#fff\" stroke=\"#333\" "
        "stroke-width=\"1.5\"/></g>\n",
        html_escape(r.label), tick_label(r.p50), tick_label(r.p90), tick_label(r.p99),
        f.x(0), top, f.x(r.p50) - f.x(0), kRowHeight - 10, chart.colour,  //
        f.x(r.p50), mid, f.x(r.p90), mid,                                     //
        f.x(r.p90), top + 2, f.x(r.p90), top + kRowHeight - 12,               //
        f.x(r.p90), mid, f.x(r.p99), mid,                                     //
        f.x(r.p99), mid);
    out += row_label(f, i, r.label, r.note);
  }
  out += "</svg>\n";
  return out;
}

}  // namespace market::report
