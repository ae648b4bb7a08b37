// One run's collectors as a flat list of figures: every statistic issue 7 asks for, each with
// the file (group) it belongs to, the breakdown it sits in, its unit and its value. Money stays
// exact (integer minor units) until it is written.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "models/metrics/collectors.hpp"
#include "models/money/money.hpp"

namespace market {

enum class MetricKind : std::uint8_t {
  Real,   // a double (latencies in hours, shares, time-weighted means); NaN when not observed
  Count,  // an exact integer
  Money,  // exact minor units of `currency`
};

struct MetricKey {
  std::string group;      // output file: settlement, disputes, refunds, fees, limits, ...
  std::string by;         // breakdown: all, channel, carrier, segment, reason, route, ...
  std::string key;        // the breakdown's value: "card", "not_received", "all"
  std::string measure;    // settlement, opened, refunded, fees_buyer, ...
  std::string statistic;  // count, mean, p10 ... p99, max, total, share, value
  std::string unit;       // h, count, share, USD, RUB, CNY
  MetricKind kind = MetricKind::Real;
  Currency currency = Currency::USD;  // Money: the amount's; otherwise the row's currency
  bool has_currency = false;          // the row belongs to a currency (fees by channel)
  // Relative resolution of a Real figure: 0 when exact (to rounding); for a histogram quantile
  // its relative accuracy alpha, the reported v standing for a true value in
  // [v / (1 + alpha), v / (1 - alpha)].
  double resolution = 0;
  friend bool operator==(const MetricKey&, const MetricKey&) = default;
};

// The quantiles every latency reports, ascending, between its mean and its max.
struct LatencyQuantile {
  std::string_view statistic;
  double q;
};
inline constexpr LatencyQuantile kLatencyQuantiles[] = {
    {"p10", 0.10}, {"p25", 0.25}, {"p50", 0.50}, {"p75", 0.75},
    {"p90", 0.90}, {"p95", 0.95}, {"p99", 0.99},
};

struct MetricValue {
  double real = 0;
  std::int64_t exact = 0;  // Count: the count; Money: minor units
};

struct Metric {
  MetricKey key;
  MetricValue value;
};

// "settlement.channel.card" (by == "all" gives the measure alone).
std::string metric_name(const MetricKey& k);
// The value as a double: counts as they are, money in major units.
double as_double(const MetricKey& k, const MetricValue& v);
// The CSV cell: integers, exact money ("12.34"), doubles in shortest round-trip form, and an
// empty cell for a figure not observed (NaN). A figure of resolution > 0 is printed to the
// digits it carries (significant_digits).
std::string format_value(const MetricKey& k, const MetricValue& v);

// Significant digits that carry a figure of relative `resolution` alpha: ceil(log10(1 / alpha))
// + 2, e.g. 4 at 1% (1153.27 -> "1153"); rounding to them adds at most 5 x 10^-digits relative
// error, a twentieth of alpha or less.
int significant_digits(double resolution);
// x rounded to `digits` significant digits of `scale` (0: of x itself), in plain notation (no
// exponent); a difference of two figures takes their magnitude as its scale, so a difference
// near 0 is not printed to digits the figures never had. `direction` -1 rounds down, +1 up (for
// an interval's bounds), 0 to nearest. Empty for NaN or infinity.
std::string format_significant(double x, int digits, int direction = 0, double scale = 0);

// Every figure of one run, in a fixed order that depends only on the layout. The escrow float's
// time-weighted mean runs up to its last update (run_replication advances it to the end).
std::vector<Metric> metrics_of(const Collectors& c);

}  // namespace market
