// Standard normal and standard exponential variates by the ziggurat method (Marsaglia & Tsang,
// "The Ziggurat Method for Generating Random Variables", J. Stat. Softw. 5(8), 2000), with 256
// layers of equal area v under f (normal: f(x) = exp(-x^2/2), the sign drawn apart; exponential:
// f(x) = exp(-x)). As Doornik advises ("An Improved Ziggurat Method to Generate Normal Random
// Samples", 2005), the layer index and the uniform come from disjoint bits of one draw (the
// original used the same bits for both, which correlates them).
//
// The method (part of the output format, like every draw of sim/distribution.hpp):
//   b = rng.next_u64(); i = b & 255; x = (b >> 11) * 2^-53 * x[i]      (one draw, ~99% of the time)
//   x < x[i+1]  -> return x (normal: -x when bit 8 of b is set)
//   i == 0      -> the tail beyond r:
//                  normal       Marsaglia (1964): repeat a = -log(1 - u1) / r, c = -log(1 - u2)
//                               until 2c >= a^2; return r + a (signed as above)
//                  exponential  r - log(1 - u) (the tail of an exponential is r + an exponential)
//   otherwise   -> the wedge: accept x when f[i] + u * (f[i+1] - f[i]) < f(x), else start over
//   with u, u1, u2 = rng.uniform01(), one draw each, in that order.
// Tables: x[1] = r, x[0] = v / f(r) (the base layer: the box [0, r] x [0, f(r)] and the tail,
// area v = r f(r) + the tail's area), x[i+1] = f^-1(f(x[i]) + v / x[i]), x[256] = 0, f[i] = f(x[i]);
// r = 3.6541528853610088 (normal), 7.69711747013104972 (exponential), the values for which the
// top layer closes with area v (Marsaglia & Tsang's 256-layer constants; tests/sim checks that
// it closes). Built once, on first use, with std::exp, std::log, std::sqrt and std::erfc.
#pragma once

#include "sim/random.hpp"

#include <array>
#include <cstdint>

namespace sim {

struct Ziggurat {
  struct Layer {
    double scale;  // x[i] * 2^-53: x = (b >> 11) * scale, exactly (b >> 11) * 2^-53 * x[i]
    double inner;  // x[i+1]: below it, x is under f in every layer
  };
  std::array<Layer, 256> layer{};
  std::array<double, 257> x{};
  std::array<double, 257> f{};
  double r = 0;
  double v = 0;
};

Ziggurat build_normal_ziggurat();
Ziggurat build_exponential_ziggurat();

inline const Ziggurat& normal_ziggurat() {
  static const Ziggurat z = build_normal_ziggurat();
  return z;
}
inline const Ziggurat& exponential_ziggurat() {
  static const Ziggurat z = build_exponential_ziggurat();
  return z;
}

// The rest of the method (wedge, tail, another try), out of line: `bits` is the draw that
// missed the fast test.
double standard_normal_slow(Rng& rng, std::uint64_t bits);
double standard_exponential_slow(Rng& rng, std::uint64_t bits);

inline double standard_normal(Rng& rng) {
  const Ziggurat& z = normal_ziggurat();
  const std::uint64_t bits = rng.next_u64();
  const Ziggurat::Layer& l = z.layer[bits & 0xff];
  const double x = static_cast<double>(bits >> 11) * l.scale;
  if (x < l.inner) return (bits & 0x100) ? -x : x;
  return standard_normal_slow(rng, bits);
}

inline double standard_exponential(Rng& rng) {
  const Ziggurat& z = exponential_ziggurat();
  const std::uint64_t bits = rng.next_u64();
  const Ziggurat::Layer& l = z.layer[bits & 0xff];
  const double x = static_cast<double>(bits >> 11) * l.scale;
  if (x < l.inner) return x;
  return standard_exponential_slow(rng, bits);
}

}  // namespace sim
