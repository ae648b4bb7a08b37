// The latency quantiles metrics_of reports, against exact order statistics: 1, 2, ..., 1000 hours
// fed in shuffled order have lower quantile (rank floor(q * 999), 0-based) q = 0.10 -> 100,
// 0.25 -> 250, 0.50 -> 500, 0.75 -> 750, 0.90 -> 900, 0.95 -> 950, 0.99 -> 990 hours; the
// histogram's stated relative accuracy (docs/output.md) is 1%.
#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "models/metrics/collectors.hpp"
#include "models/metrics/metrics.hpp"

namespace {

constexpr double kRelativeAccuracy = 0.01;

market::Collectors empty_collectors() {
  market::CollectorLayout layout;
  layout.channels = {"card", "qiwi"};
  layout.segments = {"only"};
  layout.carriers = {"post"};
  return market::Collectors(layout);
}

// statistic -> value of the metric `name`, in output order.
std::vector<std::pair<std::string, double>> statistics_of(const market::Collectors& c,
                                                          const std::string& name) {
  std::vector<std::pair<std::string, double>> out;
  for (const auto& m : market::metrics_of(c))
    if (market::metric_name(m.key) == name)
      out.emplace_back(m.key.statistic, market::as_double(m.key, m.value));
  return out;
}

std::vector<double> one_to_thousand_shuffled() {
  std::vector<double> hours(1000);
  std::iota(hours.begin(), hours.end(), 1.0);
  std::shuffle(hours.begin(), hours.end(), std::mt19937(7));
  return hours;
}

}  // namespace

TEST_CASE("the histogram's relative accuracy is the 1% docs/output.md states",
          "[metrics][quantiles]") {
  const auto c = empty_collectors();
  CHECK(c.settlement_h.histogram().relative_accuracy() == kRelativeAccuracy);
  // Buckets (g^(k-1), g^k], g = 1.01 / 0.99: about 2.02% wide.
  CHECK(c.settlement_h.histogram().gamma() == Approx(1.01 / 0.99).epsilon(1e-12));
}

TEST_CASE("latencies report count, mean, seven quantiles and max, in ascending order",
          "[metrics][quantiles]") {
  auto c = empty_collectors();
  for (double h : one_to_thousand_shuffled()) c.settlement_h.add(h);
  const auto stats = statistics_of(c, "settlement");
  std::vector<std::string> names;
  for (const auto& [name, value] : stats) names.push_back(name);
  CHECK(names == std::vector<std::string>{"count", "mean", "p10", "p25", "p50", "p75", "p90",
                                          "p95", "p99", "max"});
  REQUIRE(stats.size() == 10);
  CHECK(stats[0].second == 1000);
  CHECK(stats[1].second == Approx(500.5).epsilon(1e-12));
  CHECK(stats[9].second == 1000);
  for (std::size_t i = 3; i < 10; ++i) CHECK(stats[i - 1].second <= stats[i].second);
}

TEST_CASE("1..1000 hours: every quantile within 1% of the exact order statistic",
          "[metrics][quantiles]") {
  auto c = empty_collectors();
  for (double h : one_to_thousand_shuffled()) c.channels[0].settlement_h.add(h);
  std::map<std::string, double> f;
  for (const auto& [name, value] : statistics_of(c, "settlement.channel.card")) f[name] = value;
  const std::map<std::string, double> exact{{"p10", 100}, {"p25", 250}, {"p50", 500},
                                            {"p75", 750}, {"p90", 900}, {"p95", 950},
                                            {"p99", 990}};
  for (const auto& [name, order_statistic] : exact) {
    INFO(name << ": " << f.at(name) << " vs " << order_statistic);
    CHECK(std::abs(f.at(name) - order_statistic) <= kRelativeAccuracy * order_statistic);
  }
  // p10 is the 10th percentile, not the 11th or the 9th (each 10% away).
  CHECK(std::abs(f.at("p10") - 110) > kRelativeAccuracy * 110);
  CHECK(std::abs(f.at("p10") - 90) > kRelativeAccuracy * 90);
}

TEST_CASE("a latency with no observation has empty quantiles; one value gives it everywhere",
          "[metrics][quantiles]") {
  auto c = empty_collectors();
  c.channels[0].settlement_h.add(696);
  for (const auto& [name, value] : statistics_of(c, "settlement.channel.qiwi")) {
    INFO(name);
    if (name == "count")
      CHECK(value == 0);
    else
      CHECK(std::isnan(value));
  }
  for (const auto& [name, value] : statistics_of(c, "settlement.channel.card")) {
    INFO(name);
    CHECK(value == (name == "count" ? 1 : 696));  // rank 0 is the exact min
  }
  // Every latency measure carries the same ten statistics.
  for (const char* measure : {"dispute_duration", "reconcile_time",
                              "refund_latency.kind.dispute", "settlement.carrier.post"})
    CHECK(statistics_of(c, measure).size() == 10);
}
