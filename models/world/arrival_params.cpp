// The arrival shapes scaled to mean 1, and the mean basket (buyer_params.hpp).
#include <cmath>
#include <numeric>

#include "models/world/buyer_params.hpp"

namespace market {

double profile_mean(const std::vector<double>& factors) {
  if (factors.empty()) return 0;
  return std::accumulate(factors.begin(), factors.end(), 0.0) / static_cast<double>(factors.size());
}

double basket_mean(const std::vector<double>& sizes) {
  double weight = 0, orders = 0;
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    weight += sizes[i];
    orders += sizes[i] * static_cast<double>(i + 1);
  }
  return weight > 0 ? orders / weight : 1.0;
}

namespace {

void scale_to_mean_one(std::vector<double>& factors) {
  const double mean = profile_mean(factors);
  if (mean <= 0 || std::fabs(mean - 1.0) <= 1e-12) return;  // already mean 1 (the defaults)
  for (double& f : factors) f /= mean;
}

}  // namespace

void normalise_profiles(ArrivalParams& a) {
  scale_to_mean_one(a.hourly);
  scale_to_mean_one(a.weekly);
}

}  // namespace market
