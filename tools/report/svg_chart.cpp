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

// About how wide a label is in SVG units at the tick font (11px: 0.6 em per character).
double text_width(const std::string& s, double font = 11) {
  std::size_t chars = 0;
  for (unsigned char c : s) chars += (c & 0xC0) != 0x80;  // UTF-8 code points
  return static_cast<double>(chars) * font * 0.6;
}

// An axis title's font size attribute when the title is longer than `room` at 12.5px: the
// size that fits (never below 9px; the title is then wrapped in no further way).
std::string fit_font(const std::string& title, double room) {
  const double width = text_width(title, 12.5);
  if (width <= room) return "";
  return fmt::format(" font-size=\"{:.1f}\"", std::max(9.0, 12.5 * room / width));
}

std::string svg_open(double height, const std::string& title) {
  return fmt::format(
      "<svg viewBox=\"0 0 {} {:.0f}\" role=\"img\" "
      "aria-label=\"{}\"><title>{}</title>\n",
      kWidth, height, html_escape(title), html_escape(title));
}

// Grid lines and tick labels for the x axis (bottom), plus the axis title.
std::string x_axis(const Frame& f, const std::vector<double>& ticks, const std::string& title,
                   bool share) {
  std::string out;
  const auto labels = tick_labels(ticks, share ? 100 : 1, share ? "%" : "");
  for (std::size_t i = 0; i < ticks.size(); ++i) {
    const double x = f.x(ticks[i]);
    out += fmt::format("<line class=\"grid\" x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" "
                       "y2=\"{2:.1f}\"/>\n<text class=\"tick\" x=\"{0:.1f}\" y=\"{3:.1f}\" "
                       "text-anchor=\"middle\">{4}</text>\n",
                       x, f.top, f.top + f.height, f.top + f.height + 18, labels[i]);
  }
  out += fmt::format("<text class=\"axis-title\" x=\"{:.1f}\" y=\"{:.1f}\" "
                     "text-anchor=\"middle\"{}>{}</text>\n",
                     f.left + f.width / 2, f.top + f.height + 38,
                     fit_font(title, kWidth - 16), html_escape(title));
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

std::vector<std::string> tick_labels(const std::vector<double>& ticks, double scale,
                                     const std::string& suffix) {
  double step = INFINITY;
  for (std::size_t i = 1; i < ticks.size(); ++i)
    step = std::min(step, std::abs(ticks[i] - ticks[i - 1]) * scale);
  double largest = 0;
  for (double t : ticks) largest = std::max(largest, std::abs(t * scale));
  std::vector<std::string> out;
  // Large values in k and M (tick_label); small ones with the decimals the step needs.
  const bool plain = largest < 1e4 && std::isfinite(step) && step > 0;
  int decimals = 0;
  if (plain)
    while (decimals < 12 && std::abs(step * std::pow(10, decimals) -
                                     std::round(step * std::pow(10, decimals))) > 1e-6)
      ++decimals;
  for (double t : ticks) {
    const double v = t * scale;
    out.push_back((plain ? fmt::format("{:.{}f}", std::abs(v) < 1e-12 ? 0.0 : v, decimals)
                         : tick_label(v)) + suffix);
  }
  return out;
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

namespace {

struct Extent {
  double x_lo = INFINITY, x_hi = -INFINITY, y_lo = INFINITY, y_hi = -INFINITY;
  void x(double v) {
    if (std::isfinite(v)) x_lo = std::min(x_lo, v), x_hi = std::max(x_hi, v);
  }
  void y(double v) {
    if (std::isfinite(v)) y_lo = std::min(y_lo, v), y_hi = std::max(y_hi, v);
  }
};

Extent extent_of(const LineChart& chart) {
  Extent e;
  e.y(chart.y_floor);
  if (chart.zero_line) e.y(0);
  auto widen = [&](const std::vector<std::pair<double, double>>& pts) {
    for (const auto& [x, y] : pts) e.x(x), e.y(y);
  };
  for (const auto& s : chart.series) {
    widen(s.points);
    for (const auto& [lo, hi] : s.intervals) e.y(lo), e.y(hi);
  }
  widen(chart.band_low);
  widen(chart.band_high);
  for (double t : chart.x_ticks) e.x(t);
  if (!std::isfinite(e.y_lo)) e.y_lo = 0, e.y_hi = 1;
  if (!(e.y_hi > e.y_lo)) {  // every value the same: a range around it, not a unit's worth
    const double span = e.y_lo != 0 ? std::abs(e.y_lo) * 0.2 : chart.y_share ? 0.01 : 1;
    if (chart.zero_line) e.y_lo -= span;
    e.y_hi += span;
  }
  if (chart.y_percent) e.y_hi = 1;
  if (chart.x_range) e.x_lo = chart.x_range->first, e.x_hi = chart.x_range->second;
  if (chart.y_range) e.y_lo = chart.y_range->first, e.y_hi = chart.y_range->second;
  return e;
}

std::vector<double> y_ticks_of(const LineChart& chart, const Extent& e) {
  return chart.y_percent ? nice_ticks(e.y_lo, 1, 5) : nice_ticks(e.y_lo, e.y_hi, 5);
}

}  // namespace

std::pair<double, double> y_extent(const LineChart& chart) {
  const auto yt = y_ticks_of(chart, extent_of(chart));
  return {yt.front(), yt.back()};
}

std::string line_chart(const LineChart& chart) {
  const Extent e = extent_of(chart);
  const bool categorical = !chart.x_categories.empty();
  const double cats = static_cast<double>(chart.x_categories.size());
  std::vector<double> xt;
  if (categorical) {
    for (std::size_t i = 0; i < chart.x_categories.size(); ++i) xt.push_back(static_cast<double>(i));
  } else if (!chart.x_ticks.empty()) {
    xt = chart.x_ticks;
  } else {
    xt = nice_ticks(std::isfinite(e.x_lo) ? e.x_lo : 0, std::isfinite(e.x_hi) ? e.x_hi : 1, 8);
  }
  const auto yt = y_ticks_of(chart, e);
  const bool y_pct = chart.y_percent || chart.y_share;
  const auto y_labels = tick_labels(yt, y_pct ? 100 : 1, y_pct ? "%" : "");
  double y_label_width = 0;
  for (const auto& l : y_labels) y_label_width = std::max(y_label_width, text_width(l));
  const double left = std::max(56.0, y_label_width + 34);
  const double right = 20;
  // Categorical labels wider than their slot are set at an angle; the margin below grows.
  double x_label_width = 0;
  for (const auto& c : chart.x_categories) x_label_width = std::max(x_label_width, text_width(c));
  const double slot = categorical ? (chart.width - left - right) / cats : 0;
  const bool slanted = categorical && x_label_width > slot - 6;
  const double bottom = slanted ? 40 + x_label_width * 0.5736 : 52;  // sin 35°
  const double height = chart.height + (slanted ? bottom - 52 : 0);
  double x_lo, x_hi;
  if (categorical) {
    x_lo = -0.5, x_hi = cats - 0.5;
  } else {
    x_lo = std::min(xt.front(), std::isfinite(e.x_lo) ? e.x_lo : xt.front());
    x_hi = std::max(xt.back(), std::isfinite(e.x_hi) ? e.x_hi : xt.back());
    if (!(x_hi > x_lo)) x_lo -= 1, x_hi += 1;
    if (!chart.x_ticks.empty()) {  // the swept values: room for the markers at the ends
      const double pad = (x_hi - x_lo) * 0.04;
      x_lo -= pad, x_hi += pad;
    }
  }
  const Frame f{left, 12, chart.width - left - right, height - 12 - bottom,
                x_lo, x_hi, yt.front(), yt.back()};
  std::string out = fmt::format(
      "<svg viewBox=\"0 0 {:.0f} {:.0f}\" role=\"img\" aria-label=\"{}\"><title>{}</title>\n",
      chart.width, height, html_escape(chart.title), html_escape(chart.title));
  for (std::size_t i = 0; i < yt.size(); ++i) {
    const double y = f.y(yt[i]);
    out += fmt::format("<line class=\"grid\" x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{2:.1f}\" "
                       "y2=\"{1:.1f}\"/>\n<text class=\"tick\" x=\"{3:.1f}\" y=\"{4:.1f}\" "
                       "text-anchor=\"end\">{5}</text>\n",
                       f.left, y, f.left + f.width, f.left - 6, y + 4, y_labels[i]);
  }
  out += fmt::format("<text class=\"axis-title\" transform=\"translate(14 {:.1f}) rotate(-90)\" "
                     "text-anchor=\"middle\"{}>{}</text>\n",
                     f.top + f.height / 2, fit_font(chart.y_title, f.height + 10),
                     html_escape(chart.y_title));
  const auto x_labels = categorical ? chart.x_categories : tick_labels(xt, 1, "");
  for (std::size_t i = 0; i < xt.size(); ++i) {
    const double x = f.x(xt[i]);
    const std::string& label = x_labels[i];
    out += fmt::format("<line class=\"grid\" x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" "
                       "y2=\"{2:.1f}\"/>\n",
                       x, f.top, f.top + f.height);
    const double ty = f.top + f.height + 18;
    if (slanted)
      out += fmt::format("<text class=\"tick\" transform=\"translate({:.1f} {:.1f}) rotate(-35)\" "
                         "text-anchor=\"end\">{}</text>\n",
                         x + 3, ty - 4, html_escape(label));
    else
      out += fmt::format("<text class=\"tick\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">"
                         "{}</text>\n",
                         x, ty, html_escape(label));
  }
  out += fmt::format("<text class=\"axis-title\" x=\"{:.1f}\" y=\"{:.1f}\" "
                     "text-anchor=\"middle\"{}>{}</text>\n",
                     f.left + f.width / 2, height - 8, fit_font(chart.x_title, chart.width - 16),
                     html_escape(chart.x_title));
  if (chart.zero_line && f.y_lo < 0 && f.y_hi > 0)
    out += fmt::format("<line class=\"zero\" x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{2:.1f}\" "
                       "y2=\"{1:.1f}\"/>\n",
                       f.left, f.y(0), f.left + f.width);
  if (!chart.band_low.empty() && chart.band_low.size() == chart.band_high.size()) {
    auto ring = chart.band_high;
    ring.insert(ring.end(), chart.band_low.rbegin(), chart.band_low.rend());
    out += fmt::format("<path d=\"{} Z\" fill=\"{}\" fill-opacity=\"0.25\" stroke=\"none\"/>\n",
                       path_of(f, ring), chart.band_colour);
  }
  auto y_text = [&](double v) {
    return chart.y_percent || chart.y_share ? fmt::format("{:.4g}%", v * 100) : tick_label(v);
  };
  for (const auto& s : chart.series) {
    if (s.points.empty()) continue;
    Frame g = f;
    g.left += s.dodge;
    if (s.points.size() > 1)
      out += fmt::format("<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.2\"{}>"
                         "<title>{}</title></path>\n",
                         path_of(g, s.points), s.colour,
                         s.dash.empty() ? "" : fmt::format(" stroke-dasharray=\"{}\"", s.dash),
                         html_escape(s.name));
    for (std::size_t i = 0; i < s.points.size(); ++i) {
      const auto [x, y] = s.points[i];
      const double lo = i < s.intervals.size() ? s.intervals[i].first : NAN,
                   hi = i < s.intervals.size() ? s.intervals[i].second : NAN;
      const bool whisker = std::isfinite(lo) && std::isfinite(hi);
      if (whisker)
        out += fmt::format(
            "<path class=\"ci\" d=\"M{0:.1f},{1:.1f} L{0:.1f},{2:.1f} M{3:.1f},{1:.1f} "
            "L{4:.1f},{1:.1f} M{3:.1f},{2:.1f} L{4:.1f},{2:.1f}\" stroke=\"{5}\"/>\n",
            g.x(x), g.y(lo), g.y(hi), g.x(x) - 4, g.x(x) + 4, s.colour);
      if (!s.markers) continue;
      const std::string xs = categorical && x >= 0 && x < cats
                                 ? chart.x_categories[static_cast<std::size_t>(x)]
                                 : tick_label(x);
      out += fmt::format(
          "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3.2\" fill=\"{}\" data-x=\"{:.10g}\" "
          "data-y=\"{:.10g}\"{}><title>{}: {}, {}{}</title></circle>\n",
          g.x(x), g.y(y), s.colour, x, y,
          whisker ? fmt::format(" data-low=\"{:.10g}\" data-high=\"{:.10g}\"", lo, hi) : "",
          html_escape(s.name), html_escape(xs), y_text(y),
          whisker ? fmt::format(" (95% CI {} – {})", y_text(lo), y_text(hi)) : "");
    }
  }
  out += fmt::format("<rect class=\"frame\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>\n",
                     f.left, f.top, f.width, f.height);
  out += "</svg>\n";
  return out;
}

namespace {
constexpr double kRowHeight = 26;

// The plotting area of a chart of rows: room on the left for the widest label and on the right
// for the widest note.
template <class Rows>
Frame bar_frame(const Rows& rows, double x_hi) {
  double label = 0, note = 0;
  for (const auto& r : rows) {
    label = std::max(label, text_width(r.label, 12.5));
    note = std::max(note, text_width(r.note, 11.5));
  }
  const double left = std::clamp(label + 16, 80.0, 330.0);
  const double right = std::clamp(note + 16, 24.0, 260.0);
  return Frame{left, 8, kWidth - left - right, rows.size() * kRowHeight, 0, x_hi, 0, 1};
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
  const Frame f = bar_frame(chart.rows, xt.back());
  std::string out = svg_open(f.top + f.height + 48, chart.title);
  out += x_axis(f, xt, chart.x_title, chart.x_share);
  for (std::size_t i = 0; i < chart.rows.size(); ++i) {
    const BarRow& r = chart.rows[i];
    double x = 0;
    for (const auto& s : r.segments) {
      if (!(s.value > 0)) continue;
      out += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
                         "fill=\"{}\"><title>{}: {}</title></rect>\n",
                         f.x(x), f.top + i * kRowHeight + 4, f.x(x + s.value) - f.x(x),
                         kRowHeight - 8, s.colour, html_escape(r.label + ", " + s.name),
                         chart.x_share ? fmt::format("{:.3g}%", s.value * 100)
                                       : tick_label(s.value));
      x += s.value;
    }
    out += row_label(f, i, r.label, r.note);
  }
  out += "</svg>\n";
  return out;
}

std::string range_chart(const RangeChart& chart) {
  double x_hi = 0;
  for (const auto& r : chart.rows) x_hi = std::max({x_hi, r.p50, r.p90, r.p99, chart.x_max});
  const auto xt = nice_ticks(0, x_hi > 0 ? x_hi : 1, 6);
  const Frame f = bar_frame(chart.rows, xt.back());
  std::string out = svg_open(f.top + f.height + 48, chart.title);
  out += x_axis(f, xt, chart.x_title, false);
  for (std::size_t i = 0; i < chart.rows.size(); ++i) {
    const RangeRow& r = chart.rows[i];
    const double top = f.top + i * kRowHeight + 5, mid = top + (kRowHeight - 10) / 2;
    out += fmt::format(
        "<g><title>{}</title>"
        "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\"/>"
        "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#333\" "
        "stroke-width=\"1.5\"/>"
        "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#333\" "
        "stroke-width=\"1.5\"/>"
        "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#777\" "
        "stroke-dasharray=\"2 3\"/>"
        "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3\" fill=\"#fff\" stroke=\"#333\" "
        "stroke-width=\"1.5\"/></g>\n",
        html_escape(fmt::format("{}: p50 {} {}, p90 {} {}, p99 {} {}", r.label, tick_label(r.p50),
                                chart.unit, tick_label(r.p90), chart.unit, tick_label(r.p99),
                                chart.unit)),
        f.x(0), top, f.x(r.p50) - f.x(0), kRowHeight - 10,
        r.colour.empty() ? chart.colour : r.colour,  //
        f.x(r.p50), mid, f.x(r.p90), mid,                                     //
        f.x(r.p90), top + 2, f.x(r.p90), top + kRowHeight - 12,               //
        f.x(r.p90), mid, f.x(r.p99), mid,                                     //
        f.x(r.p99), mid);
    out += row_label(f, i, r.label, r.note);
  }
  out += "</svg>\n";
  return out;
}


std::string interval_chart(const IntervalChart& chart) {
  Extent e;
  e.x(0);
  std::size_t most = 1;
  double label_width = 0;
  for (const auto& r : chart.rows) {
    most = std::max(most, r.marks.size());
    label_width = std::max(label_width, text_width(r.label, 12.5));
    for (const auto& m : r.marks)
      if (std::isfinite(m.value)) e.x(m.value), e.x(m.low), e.x(m.high);
  }
  const auto xt = nice_ticks(e.x_lo, e.x_hi, 6);
  const double row_height = 10 + 9 * static_cast<double>(most);
  const double left = std::min(std::max(120.0, label_width + 16), 320.0);
  const Frame f{left, 8, chart.width - left - 24,
                row_height * static_cast<double>(chart.rows.size()), xt.front(), xt.back(), 0, 1};
  const double height = f.top + f.height + 48;
  std::string out = fmt::format(
      "<svg viewBox=\"0 0 {:.0f} {:.0f}\" role=\"img\" aria-label=\"{}\"><title>{}</title>\n",
      chart.width, height, html_escape(chart.title), html_escape(chart.title));
  const auto labels = tick_labels(xt, chart.x_share ? 100 : 1, chart.x_share ? "%" : "");
  for (std::size_t i = 0; i < xt.size(); ++i) {
    const double x = f.x(xt[i]);
    out += fmt::format("<line class=\"grid\" x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" "
                       "y2=\"{2:.1f}\"/>\n<text class=\"tick\" x=\"{0:.1f}\" y=\"{3:.1f}\" "
                       "text-anchor=\"middle\">{4}</text>\n",
                       x, f.top, f.top + f.height, f.top + f.height + 18, labels[i]);
  }
  out += fmt::format("<text class=\"axis-title\" x=\"{:.1f}\" y=\"{:.1f}\" "
                     "text-anchor=\"middle\"{}>{}</text>\n",
                     f.left + f.width / 2, f.top + f.height + 38,
                     fit_font(chart.x_title, chart.width - 16), html_escape(chart.x_title));
  out += fmt::format("<line class=\"zero\" x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" "
                     "y2=\"{2:.1f}\"/>\n",
                     f.x(0), f.top, f.top + f.height);
  auto text = [&](double v) {
    return chart.x_share ? fmt::format("{:+.3g}%", v * 100) : fmt::format("{:+.4g}", v);
  };
  for (std::size_t i = 0; i < chart.rows.size(); ++i) {
    const IntervalRow& r = chart.rows[i];
    const double top = f.top + static_cast<double>(i) * row_height;
    if (i % 2 == 1)
      out += fmt::format("<rect class=\"band\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" "
                         "height=\"{:.1f}\"/>\n",
                         f.left, top, f.width, row_height);
    out += fmt::format("<text class=\"label\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">{}"
                       "</text>\n",
                       f.left - 8, top + row_height / 2 + 4, html_escape(r.label));
    for (std::size_t k = 0; k < r.marks.size(); ++k) {
      const IntervalMark& m = r.marks[k];
      if (!std::isfinite(m.value)) continue;
      const double y = top + 9 + 9 * static_cast<double>(k);
      const bool ci = std::isfinite(m.low) && std::isfinite(m.high);
      out += fmt::format("<g><title>{}: {}{}</title>", html_escape(m.name), text(m.value),
                         ci ? fmt::format(" (95% CI {} to {})", text(m.low), text(m.high)) : "");
      if (ci)
        out += fmt::format("<path class=\"ci\" d=\"M{0:.1f},{2:.1f} L{1:.1f},{2:.1f} "
                           "M{0:.1f},{3:.1f} L{0:.1f},{4:.1f} M{1:.1f},{3:.1f} L{1:.1f},{4:.1f}\" "
                           "stroke=\"{5}\"{6}/>",
                           f.x(m.low), f.x(m.high), y, y - 3, y + 3, m.colour,
                           m.dash.empty() ? "" : " stroke-dasharray=\"" + m.dash + "\"");
      out += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3.4\" fill=\"{}\" "
                         "stroke=\"{}\" stroke-width=\"1.5\" data-value=\"{:.10g}\"{}/></g>\n",
                         f.x(m.value), y, m.dash.empty() ? m.colour : "#fff", m.colour, m.value,
                         ci ? fmt::format(" data-low=\"{:.10g}\" data-high=\"{:.10g}\"", m.low,
                                          m.high)
                            : "");
    }
  }
  out += fmt::format("<rect class=\"frame\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>\n",
                     f.left, f.top, f.width, f.height);
  return out + "</svg>\n";
}

}  // namespace market::report
