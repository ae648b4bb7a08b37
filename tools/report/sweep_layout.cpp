#include "tools/report/sweep_layout.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

namespace market::report {

std::string swept_text(const SweptAxis& axis, const std::string& cell) {
  return axis.unit_short.empty() ? cell : cell + " " + axis.unit_short;
}

SweepLayout sweep_layout(const ReportData& data) {
  SweepLayout l;
  const std::size_t n = data.points.size();
  l.group.assign(n, 0);
  if (data.axes.empty()) {
    for (std::size_t i = 0; i < n; ++i) {
      l.x.push_back(static_cast<double>(i));
      l.categories.push_back(data.points[i].label);
      l.short_label.push_back(data.points[i].label);
    }
    l.x_title = "point";
    l.group_names.push_back("");
    l.members.emplace_back();
    for (std::size_t i = 0; i < n; ++i) l.members[0].push_back(i);
    return l;
  }
  // The x axis: numeric first, then the most distinct values, then the first.
  std::size_t best = 0, best_distinct = 0;
  bool best_numeric = false;
  for (std::size_t a = 0; a < data.axes.size(); ++a) {
    std::set<std::string> values;
    for (const auto& p : data.points) values.insert(p.swept[a]);
    const bool numeric = data.axes[a].numeric;
    if ((numeric && !best_numeric) ||
        (numeric == best_numeric && values.size() > best_distinct)) {
      best = a, best_distinct = values.size(), best_numeric = numeric;
    }
  }
  const SweptAxis& axis = data.axes[best];
  l.numeric = axis.numeric;
  l.x_title = axis.unit.empty() ? axis.key : fmt::format("{} ({})", axis.key, axis.unit);
  if (l.numeric) {
    std::set<double> values;
    for (const auto& p : data.points) {
      l.x.push_back(p.swept_value[best]);
      values.insert(p.swept_value[best]);
    }
    if (values.size() <= 12) l.ticks.assign(values.begin(), values.end());
  } else {
    for (const auto& p : data.points) {
      const std::string text = swept_text(axis, p.swept[best]);
      auto at = std::find(l.categories.begin(), l.categories.end(), text);
      if (at == l.categories.end()) at = l.categories.insert(l.categories.end(), text);
      l.x.push_back(static_cast<double>(at - l.categories.begin()));
    }
  }
  // Groups: the other axes' values, in the order of first appearance.
  std::vector<std::string> others;
  for (std::size_t a = 0; a < data.axes.size(); ++a)
    if (a != best) others.push_back(data.axes[a].unit.empty()
                                        ? data.axes[a].key
                                        : fmt::format("{} ({})", data.axes[a].key,
                                                      data.axes[a].unit));
  l.group_title = fmt::format("{}", fmt::join(others, ", "));
  for (std::size_t i = 0; i < n; ++i) {
    const PointData& p = data.points[i];
    std::string name, label;
    for (std::size_t a = 0; a < data.axes.size(); ++a) {
      const std::string text = swept_text(data.axes[a], p.swept[a]);
      label += (label.empty() ? "" : ", ") + text;
      if (a != best) name += (name.empty() ? "" : ", ") + data.axes[a].key + " = " + text;
    }
    l.short_label.push_back(label);
    auto at = std::find(l.group_names.begin(), l.group_names.end(), name);
    if (at == l.group_names.end()) at = l.group_names.insert(l.group_names.end(), name);
    l.group[i] = static_cast<std::size_t>(at - l.group_names.begin());
  }
  l.members.resize(l.group_names.size());
  for (std::size_t i = 0; i < n; ++i) l.members[l.group[i]].push_back(i);
  for (auto& m : l.members)
    std::stable_sort(m.begin(), m.end(), [&](std::size_t a, std::size_t b) { return l.x[a] < l.x[b]; });
  return l;
}

}  // namespace market::report
