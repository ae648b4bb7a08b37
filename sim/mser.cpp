#include "sim/mser.hpp"

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace sim {

MserResult mser(std::span<const double> series, int batch) {
  if (batch < 1) throw std::invalid_argument("mser: the batch size must be at least 1");
  const std::size_t b = static_cast<std::size_t>(batch);
  const std::size_t k = series.size() / b;
  MserResult out;
  if (k < 2) return out;
  std::vector<double> z(k);
  double centre = 0;
  for (std::size_t j = 0; j < k; ++j) {
    double s = 0;
    for (std::size_t i = 0; i < b; ++i) s += series[j * b + i];
    z[j] = s / static_cast<double>(b);
    centre += z[j];
  }
  centre /= static_cast<double>(k);
  for (double& v : z) v -= centre;  // centred: the sums of squares below do not cancel
  // Suffix sums from the end, so each d costs O(1): S1 = sum z, S2 = sum z^2 over j > d.
  std::vector<double> s1(k + 1, 0.0), s2(k + 1, 0.0);
  for (std::size_t j = k; j-- > 0;) {
    s1[j] = s1[j + 1] + z[j];
    s2[j] = s2[j + 1] + z[j] * z[j];
  }
  const std::size_t limit = k / 2;
  for (std::size_t d = 0; d <= limit; ++d) {
    const double m = static_cast<double>(k - d);
    const double ss = std::max(0.0, s2[d] - s1[d] * s1[d] / m);
    const double value = ss / (m * m);
    if (d == 0 || value < out.statistic) {
      out.statistic = value;
      out.truncation = static_cast<std::int64_t>(d * b);
      out.at_limit = d == limit;
    }
  }
  return out;
}

}  // namespace sim
