#include "sim/holm.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace sim {

std::vector<bool> holm_rejections(std::span<const double> p, double alpha) {
  if (!(alpha > 0 && alpha < 1)) throw std::invalid_argument("holm: alpha must be in (0, 1)");
  const std::size_t m = p.size();
  const auto value = [&](std::size_t i) { return std::isnan(p[i]) ? -1.0 : p[i]; };
  std::vector<std::size_t> order(m);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return value(a) < value(b); });
  std::vector<bool> rejected(m, false);
  for (std::size_t j = 0; j < m; ++j) {
    if (value(order[j]) > alpha / static_cast<double>(m - j)) break;
    rejected[order[j]] = true;
  }
  return rejected;
}

}  // namespace sim
