#include "tools/output/paired_stats.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include <boost/math/distributions/students_t.hpp>

namespace market {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// How far below and above a mean of values known to relative `resolution` the mean of the true
// values may lie (values >= 0): v / (1 + r) <= x <= v / (1 - r).
double below(double mean, double r) { return mean - mean / (1 + r); }
double above(double mean, double r) { return mean / (1 - r) - mean; }

void check_resolution(double r) {
  if (!(r >= 0 && r < 1)) throw std::invalid_argument("paired statistics: resolution not in [0, 1)");
}

}  // namespace

MetricStats widened_by_resolution(MetricStats s, double resolution) {
  check_resolution(resolution);
  if (resolution == 0) return s;
  s.ci_low = s.ci_low / (1 + resolution);
  s.ci_high = s.ci_high / (1 - resolution);
  return s;
}

PairedStats paired_difference(const std::vector<double>& a, const std::vector<double>& b,
                              double resolution, double confidence) {
  if (a.size() != b.size())
    throw std::invalid_argument("paired statistics: A and B have different replication counts");
  check_resolution(resolution);
  std::vector<std::vector<double>> rows;  // the complete pairs: a, b, b - a
  for (std::size_t r = 0; r < a.size(); ++r)
    if (std::isfinite(a[r]) && std::isfinite(b[r])) rows.push_back({a[r], b[r], b[r] - a[r]});
  PairedStats out;
  out.n = static_cast<std::int64_t>(rows.size());
  if (rows.empty()) {
    out.a = out.b = out.diff = {0, kNaN, kNaN, kNaN, kNaN};
    out.unpaired_low = out.unpaired_high = out.variance_reduction = kNaN;
    return out;
  }
  const auto s = across_replications(rows, confidence);
  out.a = widened_by_resolution(s[0], resolution);
  out.b = widened_by_resolution(s[1], resolution);
  out.diff = s[2];
  if (out.n < 2) {
    out.unpaired_low = out.unpaired_high = out.variance_reduction = kNaN;
    return out;
  }
  const double va = s[0].sd * s[0].sd, vb = s[1].sd * s[1].sd, vd = s[2].sd * s[2].sd;
  // Welch: se^2 = va/n + vb/n, df = se^4 / ((va/n)^2 + (vb/n)^2) * (n - 1).
  const double n = static_cast<double>(out.n);
  const double se2 = (va + vb) / n;
  double half = 0;
  if (se2 > 0) {
    const double df = se2 * se2 / ((va / n) * (va / n) / (n - 1) + (vb / n) * (vb / n) / (n - 1));
    const boost::math::students_t t(df);
    half = boost::math::quantile(t, 1 - (1 - confidence) / 2) * std::sqrt(se2);
  }
  out.unpaired_low = s[2].mean - half;
  out.unpaired_high = s[2].mean + half;
  // Quantiles of a histogram: the true difference of means is within these of the measured one.
  const double lo = below(s[1].mean, resolution) + above(s[0].mean, resolution);
  const double hi = above(s[1].mean, resolution) + below(s[0].mean, resolution);
  out.diff.ci_low -= lo;
  out.diff.ci_high += hi;
  out.unpaired_low -= lo;
  out.unpaired_high += hi;
  if (vd > 0) out.variance_reduction = (va + vb) / vd;
  else out.variance_reduction = va + vb > 0 ? std::numeric_limits<double>::infinity() : kNaN;
  return out;
}

}  // namespace market
