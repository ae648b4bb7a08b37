// MSER-5, the marginal standard error rule for the warm-up of a simulation's output series
// (White 1997; White, Cobb & Spratt 2000; the "-5" is Spratt's batching): the series is cut into
// batches of `batch` consecutive observations (a remainder at the end is dropped), Z_1 .. Z_k
// their means, and for d batches deleted
//   MSER(d) = sum_{j > d} (Z_j - mean(Z_{d+1..k}))^2 / (k - d)^2,
// the squared standard error of the truncated mean, up to a constant. The suggested truncation is
// the d that minimises it, searched over d <= k / 2 (beyond, the few batches left make the
// statistic meaningless), reported in observations: batch x d.
#pragma once

#include <cstdint>
#include <span>

namespace sim {

struct MserResult {
  std::int64_t truncation = -1;  // observations to delete; -1 when fewer than 2 batches
  double statistic = 0;          // MSER at that truncation
  // The minimum is at the search's limit (k / 2 batches): the transient may last longer than
  // the series can show.
  bool at_limit = false;
};

// batch >= 1 (std::invalid_argument otherwise); O(k) time, no allocation beyond k batch means.
MserResult mser(std::span<const double> series, int batch = 5);

}  // namespace sim
