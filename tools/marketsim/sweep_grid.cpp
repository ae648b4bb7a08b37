#include "tools/marketsim/sweep_grid.hpp"

#include <fmt/format.h>

#include "models/scenario/market_limits.hpp"
#include "models/scenario/values.hpp"

namespace marketsim {
namespace {

using market::scenario::ScenarioError;

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

}  // namespace

std::vector<SweepAxis> parse_vary(const std::vector<std::string>& vary) {
  std::vector<SweepAxis> axes;
  for (const std::string& v : vary) {
    const auto eq = v.find('=');
    if (eq == std::string::npos || trim(v.substr(0, eq)).empty())
      throw ScenarioError(fmt::format("--vary \"{}\": expected key=v1,v2,...", v));
    SweepAxis axis{trim(v.substr(0, eq)), {}};
    for (const auto& a : axes)
      if (a.key == axis.key) throw ScenarioError(fmt::format("--vary: key \"{}\" given twice", axis.key));
    int depth = 0;
    std::string current;
    const std::string values = v.substr(eq + 1);
    for (std::size_t i = 0; i <= values.size(); ++i) {
      const char c = i < values.size() ? values[i] : ',';
      if (c == '(') ++depth;
      if (c == ')') --depth;
      if (c == ',' && depth == 0) {
        const std::string value = trim(current);
        if (value.empty())
          throw ScenarioError(fmt::format("--vary \"{}\": empty value for {}", v, axis.key));
        axis.values.push_back(value);
        current.clear();
      } else {
        current += c;
      }
    }
    if (depth != 0) throw ScenarioError(fmt::format("--vary \"{}\": unbalanced parentheses", v));
    if (axis.key == "run.seed" || axis.key == "run.replications")
      throw ScenarioError(fmt::format("--vary {}: every point of a sweep runs with one seed and one replication "
                                      "count (common random numbers); give --seed or --reps, or separate runs",
                                      axis.key));
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

std::vector<SweepPoint> grid_of(const std::vector<SweepAxis>& axes) {
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

}  // namespace marketsim
