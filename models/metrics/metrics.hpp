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
// empty cell for a figure not observed (NaN).
std::string format_value(const MetricKey& k, const MetricValue& v);

// Every figure of one run, in a fixed order that depends only on the layout. The escrow float's
// time-weighted mean runs up to its last update (run_replication advances it to the end).
std::vector<Metric> metrics_of(const Collectors& c);

}  // namespace market
