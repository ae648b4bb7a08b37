#include "sim/distribution.hpp"

#include "sim/random.hpp"
#include "sim/ziggurat.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

namespace sim {

namespace {

void require(bool ok, std::string_view what, double value) {
  if (!ok) throw std::invalid_argument(fmt::format("{} (got {})", what, value));
}

void require_finite(std::string_view name, double value) {
  require(std::isfinite(value), fmt::format("{} must be a finite number", name), value);
}

double interpolate(const std::vector<double>& v, double u) {
  if (v.size() == 1) return v.front();
  const double position = u * static_cast<double>(v.size() - 1);
  const auto i = std::min(static_cast<std::size_t>(position), v.size() - 2);
  return v[i] + (position - static_cast<double>(i)) * (v[i + 1] - v[i]);
}

}  // namespace

Distribution constant(double value) {
  require_finite("constant value", value);
  return {DistKind::Constant, value, 0, nullptr};
}

Distribution uniform(double lo, double hi) {
  require_finite("uniform lo", lo);
  require_finite("uniform hi", hi);
  if (hi < lo) throw std::invalid_argument(fmt::format("uniform needs lo <= hi (got lo={}, hi={})", lo, hi));
  return {DistKind::Uniform, lo, hi, nullptr};
}

Distribution exponential(double mean) {
  require_finite("exponential mean", mean);
  require(mean >= 0, "exponential mean must not be negative", mean);
  return {DistKind::Exponential, mean, 0, nullptr};
}

Distribution normal(double mean, double sd) {
  require_finite("normal mean", mean);
  require_finite("normal sd", sd);
  require(sd >= 0, "normal sd must not be negative", sd);
  return {DistKind::Normal, mean, sd, nullptr};
}

Distribution lognormal(double median, double sigma) {
  require_finite("lognormal median", median);
  require_finite("lognormal sigma", sigma);
  require(median > 0, "lognormal median must be positive", median);
  require(sigma >= 0, "lognormal sigma must not be negative", sigma);
  return {DistKind::Lognormal, median, sigma, nullptr};
}

Distribution empirical(std::vector<double> values, std::string origin) {
  if (values.empty())
    throw std::invalid_argument(fmt::format("empirical table {} has no values", origin));
  for (const double v : values) {
    if (!std::isfinite(v))
      throw std::invalid_argument(
          fmt::format("empirical table {} holds a non-finite value ({})", origin, v));
  }
  std::sort(values.begin(), values.end());
  auto table = std::make_shared<const EmpiricalTable>(EmpiricalTable{std::move(values), std::move(origin)});
  return {DistKind::Empirical, 0, 0, std::move(table)};
}

namespace {

// One function per kind that calls out (a libm function or a ziggurat's slow path), so that
// sample() itself needs no stack frame: its other cases are leaves and these are tail calls.
[[gnu::noinline]] double sample_exponential(const Distribution& d, Rng& rng) {
  return d.a * standard_exponential(rng);
}
[[gnu::noinline]] double sample_normal(const Distribution& d, Rng& rng) {
  return d.a + d.b * standard_normal(rng);
}
[[gnu::noinline]] double sample_lognormal(const Distribution& d, Rng& rng) {
  return d.a * std::exp(d.b * standard_normal(rng));
}
[[gnu::noinline]] double sample_empirical(const Distribution& d, Rng& rng) {
  return interpolate(d.table->values, rng.uniform01());
}

}  // namespace

double sample(const Distribution& d, Rng& rng) {
  switch (d.kind) {
    case DistKind::Constant: return d.a;
    case DistKind::Uniform: return d.a + (d.b - d.a) * rng.uniform01();
    case DistKind::Exponential: return sample_exponential(d, rng);
    case DistKind::Normal: return sample_normal(d, rng);
    case DistKind::Lognormal: return sample_lognormal(d, rng);
    case DistKind::Empirical: return sample_empirical(d, rng);
  }
  return d.a;
}

double mean(const Distribution& d) {
  switch (d.kind) {
    case DistKind::Constant:
    case DistKind::Exponential:
    case DistKind::Normal: return d.a;
    case DistKind::Uniform: return 0.5 * (d.a + d.b);
    case DistKind::Lognormal: return d.a * std::exp(0.5 * d.b * d.b);
    case DistKind::Empirical: {
      const auto& v = d.table->values;
      if (v.size() == 1) return v.front();
      double sum = 0;
      for (std::size_t i = 0; i + 1 < v.size(); ++i) sum += 0.5 * (v[i] + v[i + 1]);
      return sum / static_cast<double>(v.size() - 1);
    }
  }
  return d.a;
}

namespace {

Range range_at(const Distribution& d, double z, double exp_lo_means, double exp_hi_means) {
  switch (d.kind) {
    case DistKind::Constant: return {d.a, d.a};
    case DistKind::Uniform: return {d.a, d.b};
    case DistKind::Exponential: return {d.a * exp_lo_means, d.a * exp_hi_means};
    case DistKind::Normal: return {d.a - z * d.b, d.a + z * d.b};
    case DistKind::Lognormal: return {d.a * std::exp(-z * d.b), d.a * std::exp(z * d.b)};
    case DistKind::Empirical: return {d.table->values.front(), d.table->values.back()};
  }
  return {d.a, d.a};
}

}  // namespace

Range reachable_range(const Distribution& d) { return range_at(d, kReachableZ, 0.0, kReachableExpMeans); }
Range likely_range(const Distribution& d) { return range_at(d, kLikelyZ, kLikelyTail, kLikelyExpMeans); }

std::string describe(const Distribution& d) {
  switch (d.kind) {
    case DistKind::Constant: return fmt::format("const({})", d.a);
    case DistKind::Uniform: return fmt::format("uniform({}, {})", d.a, d.b);
    case DistKind::Exponential: return fmt::format("exp(mean={})", d.a);
    case DistKind::Normal: return fmt::format("normal(mean={}, sd={})", d.a, d.b);
    case DistKind::Lognormal: return fmt::format("lognormal(median={}, sigma={})", d.a, d.b);
    case DistKind::Empirical: return fmt::format("empirical({})", d.table->origin);
  }
  return "?";
}

}  // namespace sim
