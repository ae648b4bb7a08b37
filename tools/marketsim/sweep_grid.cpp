#include "tools/marketsim/sweep_grid.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>

#include <fmt/format.h>

#include "models/scenario/market_limits.hpp"
#include "models/scenario/values.hpp"

namespace marketsim {
namespace {

using market::scenario::ScenarioError;
using market::scenario::trim;

constexpr std::size_t kMaxValues = 10000;

// A range bound or step: a decimal number and the unit written after it ("5d", "0.5%", "5 USD").
struct Quantity {
  std::int64_t scaled = 0;  // the number times 10^decimals
  int decimals = 0;
  std::string unit;         // as written after the number, spaces included
};

bool parse_quantity(std::string_view text, Quantity& q) {
  std::size_t i = 0;
  const bool negative = i < text.size() && text[i] == '-';
  if (negative) ++i;
  const std::size_t digits = i;
  std::int64_t v = 0;
  bool point = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.' && !point && i + 1 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '9') {
      point = true;
      continue;
    }
    if (c < '0' || c > '9') break;
    if (v > (std::numeric_limits<std::int64_t>::max() - 9) / 10) return false;
    v = v * 10 + (c - '0');
    if (point) ++q.decimals;
  }
  if (i == digits || (i == digits + 1 && point)) return false;
  q.scaled = negative ? -v : v;
  q.unit = std::string(text.substr(i));
  return true;
}

std::int64_t rescale(const Quantity& q, int decimals) {
  std::int64_t v = q.scaled;
  for (int d = q.decimals; d < decimals; ++d) v *= 10;
  return v;
}

std::string format_scaled(std::int64_t v, int decimals) {
  const bool negative = v < 0;
  const std::uint64_t mag = negative ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
  std::uint64_t per = 1;
  for (int d = 0; d < decimals; ++d) per *= 10;
  std::string s = fmt::format("{}{}", negative ? "-" : "", mag / per);
  if (decimals > 0) s += fmt::format(".{:0{}}", mag % per, decimals);
  return s;
}

// "LOW..HIGH step STEP" into its values, in the unit written.
std::vector<std::string> expand_range(std::string_view item, const std::string& fail_prefix) {
  const auto fail = [&](const std::string& why) {
    return ScenarioError(fmt::format("{}range \"{}\": {}", fail_prefix, item, why));
  };
  const auto dots = item.find("..");
  const auto step_at = item.find(" step ");
  if (step_at == std::string_view::npos || step_at < dots)
    throw fail("expected LOW..HIGH step STEP, e.g. 0d..30d step 5d");
  const std::string_view lo_text = trim(item.substr(0, dots));
  const std::string_view hi_text = trim(item.substr(dots + 2, step_at - dots - 2));
  const std::string_view step_text = trim(item.substr(step_at + 6));
  Quantity lo, hi, step;
  if (!parse_quantity(lo_text, lo)) throw fail(fmt::format("\"{}\" is not a number with a unit", lo_text));
  if (!parse_quantity(hi_text, hi)) throw fail(fmt::format("\"{}\" is not a number with a unit", hi_text));
  if (!parse_quantity(step_text, step))
    throw fail(fmt::format("\"{}\" is not a number with a unit", step_text));
  if (trim(lo.unit) != trim(hi.unit) || trim(lo.unit) != trim(step.unit))
    throw fail("LOW, HIGH and STEP must be written in the same unit");
  const int decimals = std::max({lo.decimals, hi.decimals, step.decimals});
  if (decimals > 9) throw fail("more than 9 decimals");
  const std::int64_t a = rescale(lo, decimals), b = rescale(hi, decimals), s = rescale(step, decimals);
  if (s <= 0) throw fail("STEP must be positive");
  if (a > b) throw fail("LOW is above HIGH");
  if (static_cast<std::uint64_t>(b - a) / static_cast<std::uint64_t>(s) >= kMaxValues)
    throw fail(fmt::format("more than {} values", kMaxValues));
  std::vector<std::string> out;
  for (std::int64_t v = a; v <= b; v += s) out.push_back(format_scaled(v, decimals) + lo.unit);
  return out;
}

}  // namespace

std::vector<std::string> expand_values(const std::string& text, const std::string& key,
                                       const std::string& where) {
  if (key == "run.seed" || key == "run.replications")
    throw ScenarioError(fmt::format("{}: sweep key {}: every point of a sweep runs with one seed and one "
                                    "replication count (common random numbers); give --seed or --reps, "
                                    "or separate runs", where, key));
  const std::string prefix = fmt::format("{}: sweep key \"{}\": ", where, key);
  std::vector<std::string> values;
  int depth = 0;
  std::string current;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const char c = i < text.size() ? text[i] : ',';
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (depth < 0) break;
    if (c == ',' && depth == 0) {
      const std::string item(trim(current));
      if (item.empty()) throw ScenarioError(prefix + "an empty value");
      if (item.find("..") != std::string::npos && item.find('(') == std::string::npos) {
        for (auto& v : expand_range(item, prefix)) values.push_back(std::move(v));
      } else {
        values.push_back(item);
      }
      if (values.size() > kMaxValues)
        throw ScenarioError(fmt::format("{}more than {} values", prefix, kMaxValues));
      current.clear();
    } else {
      current += c;
    }
  }
  if (depth != 0) throw ScenarioError(prefix + "unbalanced parentheses");
  return values;
}

std::vector<SweepAxis> parse_vary(const std::vector<std::string>& vary) {
  std::vector<SweepAxis> axes;
  for (const std::string& v : vary) {
    const auto eq = v.find('=');
    if (eq == std::string::npos || trim(std::string_view(v).substr(0, eq)).empty())
      throw ScenarioError(fmt::format("--vary \"{}\": expected key=v1,v2,...", v));
    SweepAxis axis{std::string(trim(std::string_view(v).substr(0, eq))), {}, "--vary"};
    for (const auto& a : axes)
      if (a.key == axis.key) throw ScenarioError(fmt::format("--vary: key \"{}\" given twice", axis.key));
    axis.values = expand_values(v.substr(eq + 1), axis.key, "--vary");
    axes.push_back(std::move(axis));
  }
  double points = 1;
  std::vector<std::string> sizes;
  for (const SweepAxis& a : axes) {
    points *= static_cast<double>(a.values.size());
    sizes.push_back(fmt::format("{}", a.values.size()));
  }
  if (points > market::scenario::kMaxSweepPoints)
    throw ScenarioError(fmt::format("--vary: the grid has {:.0f} points ({}), above the limit {}", points,
                                    fmt::join(sizes, " x "), market::scenario::kMaxSweepPoints));
  return axes;
}

std::vector<SweepAxis> axes_of_section(const std::vector<market::scenario::RawEntry>& entries) {
  std::vector<SweepAxis> axes;
  for (const auto& e : entries) {
    const std::string where = fmt::format("{}:{}", e.file, e.line);
    for (const auto& a : axes)
      if (a.key == e.key)
        throw ScenarioError(fmt::format("{}: sweep key \"{}\" given twice (also at {})", where, e.key, a.where));
    axes.push_back({e.key, expand_values(e.value, e.key, where), where});
  }
  return axes;
}

std::vector<SweepAxis> merge_axes(std::vector<SweepAxis> file, const std::vector<SweepAxis>& vary) {
  for (const SweepAxis& v : vary) {
    bool replaced = false;
    for (SweepAxis& f : file)
      if (f.key == v.key) f = v, replaced = true;
    if (!replaced) file.push_back(v);
  }
  return file;
}

std::vector<SweepPoint> grid_of(const std::vector<SweepAxis>& axes) {
  double count = 1;
  for (const SweepAxis& axis : axes) count *= static_cast<double>(axis.values.size());
  if (count > static_cast<double>(market::scenario::kMaxSweepPoints))
    throw ScenarioError(fmt::format("the sweep has {:.0f} points, more than {}", count,
                                    market::scenario::kMaxSweepPoints));
  std::vector<SweepPoint> points{{}};
  for (const SweepAxis& axis : axes) {
    std::vector<SweepPoint> next;
    for (const SweepPoint& p : points)
      for (const std::string& value : axis.values) {
        SweepPoint q = p;
        const std::string set = fmt::format("{}={}", axis.key, value);
        q.label += (q.label.empty() ? "" : " ") + set;
        q.sets.push_back(set);
        next.push_back(std::move(q));
      }
    points = std::move(next);
  }
  return points;
}

std::string sweep_section(const std::vector<SweepAxis>& axes) {
  std::string out = fmt::format("[{}]\n", market::scenario::kSweepSection);
  for (const SweepAxis& a : axes) out += fmt::format("{} = {}\n", a.key, fmt::join(a.values, ", "));
  return out;
}

}  // namespace marketsim
