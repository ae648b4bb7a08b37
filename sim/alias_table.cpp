#include "sim/alias_table.hpp"

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
  std::vector<double> threshold(n, 1.0);
  std::vector<std::uint32_t> alias(n);
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
    threshold[s] = scaled[s];
    alias[s] = l;
    scaled[l] = (scaled[l] + scaled[s]) - 1.0;
    if (scaled[l] < 1.0) {
      large.pop_back();
      small.push_back(l);
    }
  }
  // Whatever is left has scaled weight 1 up to rounding (the scaled weights left always sum to
  // their count), so a zero weight cannot be among them.
  for (const std::uint32_t i : large) alias[i] = i;
  for (const std::uint32_t i : small) alias[i] = i;
  columns_.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    // threshold < 1 scales to below 2^64 exactly (at most 2^64 - 2^11); a full column needs no
    // coin, so it becomes its own alias.
    if (threshold[i] < 1.0)
      columns_[i] = {static_cast<std::uint64_t>(std::ldexp(threshold[i], 64)), alias[i]};
    else
      columns_[i] = {std::numeric_limits<std::uint64_t>::max(), static_cast<std::uint32_t>(i)};
  }
}

double AliasTable::probability(std::size_t i) const {
  const auto keep = [](const Column& c) { return std::ldexp(static_cast<double>(c.cut), -64); };
  double p = columns_.at(i).alias == i ? 1.0 : keep(columns_[i]);
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    if (c != i && columns_[c].alias == i) p += 1.0 - keep(columns_[c]);
  }
  return p / static_cast<double>(columns_.size());
}

}  // namespace sim
