// Categorical sampling in O(1) per draw: Vose's alias method ("A linear algorithm for
// generating random numbers with a given distribution", IEEE TSE 17(9), 1991).
#pragma once

#include "sim/random.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace sim {

class AliasTable {
 public:
  // Weights need not sum to one; throws std::invalid_argument when there are none, when one is
  // negative or not finite, or when they sum to zero.
  explicit AliasTable(const std::vector<double>& weights);

  // Index i with probability weights[i] / sum, from one draw (Lemire's rejection draws again
  // with probability below size() * 2^-64): {c, low} = rng.uniform_split(size()), the column c
  // and the product's low word; c if low < cut(c), else alias(c), where cut(c) =
  // floor(threshold(c) * 2^64), threshold(c) Vose's probability of keeping c. Given c, low runs
  // over a progression of step size(), so the coin is off by at most size() * 2^-64.
  std::size_t sample(Rng& rng) const {
    const Rng::Split draw = rng.uniform_split(columns_.size());
    const Column& c = columns_[draw.value];
    return draw.rest < c.cut ? draw.value : c.alias;
  }

  std::size_t size() const { return columns_.size(); }
  // The probability the table assigns to index i (weight / sum, up to rounding).
  double probability(std::size_t i) const;

 private:
  struct Column {
    std::uint64_t cut;     // keep the column when low < cut; a full column is its own alias
    std::uint32_t alias;
  };
  std::vector<Column> columns_;
};

}  // namespace sim
