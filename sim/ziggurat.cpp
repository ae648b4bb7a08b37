#include "sim/ziggurat.hpp"

#include <cmath>
#include <numbers>

namespace sim {

namespace {

template <class F, class Inverse>
Ziggurat build(double r, double v, F f, Inverse inverse) {
  Ziggurat z;
  z.r = r;
  z.v = v;
  z.x[0] = v / f(r);
  z.x[1] = r;
  for (std::size_t i = 1; i < 255; ++i) z.x[i + 1] = inverse(f(z.x[i]) + v / z.x[i]);
  z.x[256] = 0;
  for (std::size_t i = 0; i < 256; ++i) {
    z.f[i] = f(z.x[i]);
    z.layer[i] = {z.x[i] * 0x1.0p-53, z.x[i + 1]};
  }
  z.f[256] = 1;
  return z;
}

// Marsaglia, "Generating a variable from the tail of the normal distribution",
// Technometrics 6(1), 1964.
double normal_tail(Rng& rng, double r) {
  for (;;) {
    const double a = -std::log(1.0 - rng.uniform01()) / r;
    const double c = -std::log(1.0 - rng.uniform01());
    if (c + c >= a * a) return r + a;
  }
}

}  // namespace

Ziggurat build_normal_ziggurat() {
  constexpr double r = 3.6541528853610088;
  const double v = r * std::exp(-0.5 * r * r) + std::sqrt(std::numbers::pi / 2) * std::erfc(r / std::sqrt(2.0));
  return build(r, v, [](double x) { return std::exp(-0.5 * x * x); },
               [](double y) { return std::sqrt(-2.0 * std::log(y)); });
}

Ziggurat build_exponential_ziggurat() {
  constexpr double r = 7.69711747013104972;
  const double v = (r + 1) * std::exp(-r);
  return build(r, v, [](double x) { return std::exp(-x); }, [](double y) { return -std::log(y); });
}

double standard_normal_slow(Rng& rng, std::uint64_t bits) {
  const Ziggurat& z = normal_ziggurat();
  for (;;) {
    const std::size_t i = bits & 0xff;
    const double x = static_cast<double>(bits >> 11) * z.layer[i].scale;
    double value;
    if (x < z.layer[i].inner) {
      value = x;
    } else if (i == 0) {
      value = normal_tail(rng, z.r);
    } else if (z.f[i] + rng.uniform01() * (z.f[i + 1] - z.f[i]) < std::exp(-0.5 * x * x)) {
      value = x;
    } else {
      bits = rng.next_u64();
      continue;
    }
    return (bits & 0x100) ? -value : value;
  }
}

double standard_exponential_slow(Rng& rng, std::uint64_t bits) {
  const Ziggurat& z = exponential_ziggurat();
  for (;;) {
    const std::size_t i = bits & 0xff;
    const double x = static_cast<double>(bits >> 11) * z.layer[i].scale;
    if (x < z.layer[i].inner) return x;
    if (i == 0) return z.r - std::log(1.0 - rng.uniform01());
    if (z.f[i] + rng.uniform01() * (z.f[i + 1] - z.f[i]) < std::exp(-x)) return x;
    bits = rng.next_u64();
  }
}

}  // namespace sim
