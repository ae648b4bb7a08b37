#include "sim/alias_table.hpp"

#include "sim/random.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <stdexcept>

namespace sim {

AliasTable::AliasTable(const std::vector<double>& weights) {
  if (weights.empty()) throw std::invalid_argument("alias table needs at least one weight");
  if (weights.size() > std::numeric_limits<std::uint32_t>::max())
    throw std::invalid_argument("alias table has too many weights");
  double sum = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const double w = weights[i];
    if (!std::isfinite(w) || w < 0)
      throw std::invalid_argument(
          fmt::format("alias table weight {} must be finite and non-negative (got {})", i, w));
    sum += w;
  }
  if (!(sum > 0) || !std::isfinite(sum))
    throw std::invalid_argument(fmt::format("alias table weights must have a positive finite sum (got {})", sum));

  const std::size_t n = weights.size();
  columns_.resize(n);
  std::vector<double> scaled(n);
  std::vector<std::uint32_t> small;
  std::vector<std::uint32_t> large;
  for (std::size_t i = 0; i < n; ++i) {
    scaled[i] = weights[i] / sum * static_cast<double>(n);
    (scaled[i] < 1.0 ? small : large).push_back(static_cast<std::uint32_t>(i));
  }
  while (!small.empty() && !large.empty()) {
    const std::uint32_t s = small.back();
    small.pop_back();
    const std::uint32_t l = large.back();
    columns_[s] = {scaled[s], l};
    scaled[l] = (scaled[l] + scaled[s]) - 1.0;
    if (scaled[l] < 1.0) {
      large.pop_back();
      small.push_back(l);
    }
  }
  // Whatever is left has scaled weight 1 up to rounding (the scaled weights left always sum to
  // their count), so a zero weight cannot be among them.
  for (const std::uint32_t i : large) columns_[i] = {1.0, i};
  for (const std::uint32_t i : small) columns_[i] = {1.0, i};
}

std::size_t AliasTable::sample(Rng& rng) const {
  const auto column = static_cast<std::size_t>(rng.uniform_int(columns_.size()));
  const Column& c = columns_[column];
  return rng.uniform01() < c.threshold ? column : c.alias;
}

double AliasTable::probability(std::size_t i) const {
  double p = columns_.at(i).threshold;
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    if (c != i && columns_[c].alias == i) p += 1.0 - columns_[c].threshold;
  }
  return p / static_cast<double>(columns_.size());
}

}  // namespace sim
