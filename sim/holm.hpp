// Holm's step-down procedure (Holm 1979) for many tests at once: with the m p-values sorted,
// p_(1) <= ... <= p_(m), hypothesis (i) is rejected when p_(j) <= alpha / (m - j + 1) for every
// j <= i. The chance of any false rejection (the family-wise error rate) is at most alpha
// whatever the dependence between the tests, and it rejects everything Bonferroni's
// p <= alpha / m rejects, and possibly more.
#pragma once

#include <span>
#include <vector>

namespace sim {

// rejected[i] for p[i]; 0 < alpha < 1 (std::invalid_argument otherwise). A NaN p-value (a test
// that could not be made) counts as rejected, so it cannot pass unnoticed.
std::vector<bool> holm_rejections(std::span<const double> p, double alpha);

}  // namespace sim
