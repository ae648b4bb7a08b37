// Continuous distributions as plain data, sampled with the kernel's own generator so that the
// same seed gives the same numbers with any compiler or standard library.
//
// Values are in whatever unit the caller chose (the scenario layer uses seconds for durations
// and minor units for money); sampling never looks at units.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace sim {

class Rng;

enum class DistKind : std::uint8_t {
  Constant,     // a = value
  Uniform,      // [a, b)
  Exponential,  // a = mean
  Normal,       // a = mean, b = standard deviation
  Lognormal,    // a = median (= exp(mu)), b = sigma of the underlying normal
  Empirical,    // inverse-CDF interpolation over a table of observed values
};

// An empirical distribution: sorted sample values; sampling draws u in [0,1) and interpolates
// linearly between order statistics (so the support is [values.front(), values.back()]).
struct EmpiricalTable {
  std::vector<double> values;  // sorted ascending, at least one value
  std::string origin;          // where it came from (file name), for messages
};

struct Distribution {
  DistKind kind = DistKind::Constant;
  double a = 0;
  double b = 0;
  std::shared_ptr<const EmpiricalTable> table;  // only for Empirical
};

Distribution constant(double value);
Distribution uniform(double lo, double hi);
Distribution exponential(double mean);
Distribution normal(double mean, double sd);
Distribution lognormal(double median, double sigma);
Distribution empirical(std::vector<double> values, std::string origin);  // sorts values

// Every kind but Constant consumes draws from rng (Constant consumes none); the methods are part
// of the output format (same seed, same numbers):
//   Uniform      a + (b - a) * u                       one u = rng.uniform01()
//   Exponential  a * E, E = sim::standard_exponential (ziggurat, sim/ziggurat.hpp; one draw
//                about 99% of the time)
//   Normal       a + b * Z, Z = sim::standard_normal (ziggurat, sim/ziggurat.hpp)
//   Lognormal    a * exp(b * Z), Z as for Normal
//   Empirical    p = u * (n - 1), i = floor(p): values[i] + (p - i) * (values[i+1] - values[i])
// Draws are bit-exact everywhere; the ziggurat's tables and its rare slow paths, and the
// lognormal, call std::exp, log, sqrt and erfc, so only a libm that rounds them differently
// could change a last bit.
// The factories throw std::invalid_argument (one line naming the parameter) on NaN or infinite
// parameters, hi < lo, a negative mean or sd or sigma, a median <= 0, an empty table.
double sample(const Distribution& d, Rng& rng);
// Exact: uniform (a+b)/2, lognormal median*exp(sigma^2/2), empirical the mean of the
// interpolated distribution (trapezoid over consecutive values).
double mean(const Distribution& d);
// The values sample() returns. `reachable` holds every value it can return: uniform01() is a
// multiple of 2^-53 below 1, so -log(1 - u) is at most 53 ln 2; the ziggurat normal's |Z| is
// below r + sqrt(2 * 53 ln 2) = 12.2258 (its tail: a with 2c >= a^2, c <= 53 ln 2; the layers
// stay below x[0] = 3.91) and an exponential draw below r + 53 ln 2 = 44.43 means (the layers
// stay below x[0] = r + 1). `likely` holds all but 1e-18 of the draws in each tail: normal
// mean +- 8.7573 sd (0.5 erfc(8.7573 / sqrt 2) = 1e-18), lognormal median * exp(+-8.7573 sigma),
// exponential [1e-18, 18 ln 10 = 41.45] means. Constant, uniform and empirical: their support.
struct Range {
  double lo = 0;
  double hi = 0;
};
inline constexpr double kLikelyTail = 1e-18;
inline constexpr double kLikelyZ = 8.757290348782314;
inline constexpr double kLikelyExpMeans = 41.44653167389282;     // -ln(1e-18)
inline constexpr double kReachableZ = 12.225827234013915;         // 3.6541528853610088 + sqrt(106 ln 2)
inline constexpr double kReachableExpMeans = 44.43391803980815;   // 7.69711747013104972 + 53 ln 2
Range reachable_range(const Distribution& d);
Range likely_range(const Distribution& d);
// "const(86400)", "uniform(1, 10)", "exp(mean=7200)", "lognormal(median=1.3e6, sigma=0.5)",
// "empirical(file.csv)": the canonical text form, in the distribution's own numbers.
std::string describe(const Distribution& d);

}  // namespace sim
