// Categorical sampling in O(1) per draw: Vose's alias method ("A linear algorithm for
// generating random numbers with a given distribution", IEEE TSE 17(9), 1991).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace sim {

class Rng;

class AliasTable {
 public:
  // Weights need not sum to one; throws std::invalid_argument when there are none, when one is
  // negative or not finite, or when they sum to zero.
  explicit AliasTable(const std::vector<double>& weights);

  // Index i with probability weights[i] / sum: column c = rng.uniform_int(size()), then
  // u = rng.uniform01(); c if u < threshold(c), else alias(c). Always two draws.
  std::size_t sample(Rng& rng) const;

  std::size_t size() const { return columns_.size(); }
  // The probability the table assigns to index i (weight / sum, up to rounding).
  double probability(std::size_t i) const;

 private:
  struct Column {
    double threshold;
    std::uint32_t alias;
  };
  std::vector<Column> columns_;
};

}  // namespace sim
