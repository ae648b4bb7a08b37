#include "tools/output/key_figures.hpp"

#include <cmath>

#include <fmt/format.h>

namespace market {

std::optional<std::size_t> find_metric(const PointResult& p, std::string_view metric,
                                       std::string_view statistic) {
  for (std::size_t i = 0; i < p.keys.size(); ++i)
    if (p.keys[i].statistic == statistic && metric_name(p.keys[i]) == metric) return i;
  return std::nullopt;
}

std::vector<double> metric_column(const PointResult& p, std::size_t i) {
  std::vector<double> out;
  out.reserve(p.runs.size());
  for (const auto& run : p.runs) out.push_back(as_double(p.keys[i], run.values[i]));
  return out;
}

std::string readable(double x) {
  const double a = std::fabs(x);
  if (a >= 1000) return fmt::format("{:.0f}", x);
  if (a >= 100) return fmt::format("{:.1f}", x);
  if (a >= 1) return fmt::format("{:.2f}", x);
  return fmt::format("{:.4f}", x);
}

}  // namespace market
