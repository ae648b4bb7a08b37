#include "sim/histogram.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/random.hpp"

namespace {

// In (0, 1]: never 0, so -log(u) is finite.
double unit(sim::SplitMix64& bits) {
  return static_cast<double>((bits.next_u64() >> 11) + 1) * 0x1p-53;
}

struct DataSet {
  std::string name;
  std::vector<double> values;
};

std::vector<DataSet> data_sets() {
  sim::SplitMix64 rng(42);
  constexpr int n = 20001;
  std::vector<DataSet> sets = {{"uniform", {}},    {"exponential", {}}, {"constant", {}},
                               {"with zeros", {}}, {"1 to 1e9", {}},    {"small", {}}};
  for (int i = 0; i < n; ++i) {
    sets[0].values.push_back(1 + 999 * unit(rng));
    sets[1].values.push_back(-3600 * std::log(unit(rng)));
    sets[2].values.push_back(86400);
    sets[3].values.push_back(unit(rng) < 0.3 ? 0 : std::floor(500 * unit(rng)));
    sets[4].values.push_back(std::pow(10, 9 * unit(rng)));
  }
  sets[5].values = {7, 3, 3, 1000, 0.5};
  return sets;
}

double exact_lower_quantile(std::vector<double> sorted, double q) {
  std::sort(sorted.begin(), sorted.end());
  const auto rank =
      static_cast<std::size_t>(std::floor(q * static_cast<double>(sorted.size() - 1)));
  return sorted[rank];
}

constexpr double kQuantiles[] = {0, 0.01, 0.5, 0.9, 0.99, 0.999, 1};

sim::LogHistogram make(double alpha) { return sim::LogHistogram(alpha, 1e-6, 1e12); }

void check_same_buckets(const sim::LogHistogram& a, const sim::LogHistogram& b) {
  CHECK(a.count() == b.count());
  CHECK(a.zero_count() == b.zero_count());
  CHECK(a.underflow_count() == b.underflow_count());
  CHECK(a.overflow_count() == b.overflow_count());
  CHECK(a.min() == b.min());
  CHECK(a.max() == b.max());
  CHECK(std::equal(a.bucket_counts().begin(), a.bucket_counts().end(), b.bucket_counts().begin(),
                   b.bucket_counts().end()));
  for (const double q : kQuantiles) CHECK(a.quantile(q) == b.quantile(q));
}

}  // namespace

TEST_CASE("bucket boundaries follow the DDSketch layout", "[histogram]") {
  // alpha = 0.01: gamma = 1.01 / 0.99 = 1.020202..., ln gamma = 0.0200006667; 100 lies in bucket
  // ceil(ln 100 / ln gamma) = ceil(230.25) = 231, which covers (99.4996, 101.5097] and is reported
  // as 2 gamma^231 / (gamma + 1) = 100.4946 (hand-computed with a calculator).
  sim::LogHistogram h(0.01, 1, 1e9);
  CHECK(h.gamma() == Approx(1.0202020202020202).epsilon(1e-15));
  CHECK(h.bucket_count() == 1038);  // buckets 0 .. 1037: ceil(ln 1e9 / ln gamma) = 1037
  h.add(100);
  const auto& counts = h.bucket_counts();
  const auto it = std::find(counts.begin(), counts.end(), 1);
  REQUIRE(it != counts.end());
  const std::int64_t i = it - counts.begin();
  CHECK(i == 231);
  CHECK(h.bucket_lower_bound(i) == Approx(99.49957198867813).epsilon(1e-12));
  CHECK(h.bucket_upper_bound(i) == Approx(101.50966435208576).epsilon(1e-12));
  CHECK(h.bucket_value(i) == Approx(100.49456770856492).epsilon(1e-12));
  CHECK(h.bucket_upper_bound(i) == h.bucket_lower_bound(i + 1));
  CHECK(h.underflow_limit() == Approx(1 / h.gamma()).epsilon(1e-12));
}

TEST_CASE("quantiles are within the relative accuracy of the exact lower quantile", "[histogram]") {
  for (const double alpha : {0.01, 0.05}) {
    for (const DataSet& set : data_sets()) {
      sim::LogHistogram h = make(alpha);
      for (const double x : set.values) h.add(x);
      CHECK(h.underflow_count() == 0);
      CHECK(h.overflow_count() == 0);
      for (const double q : kQuantiles) {
        const double exact = exact_lower_quantile(set.values, q);
        const double estimate = h.quantile(q);
        INFO(set.name << " alpha " << alpha << " q " << q << ": exact " << exact << " estimate "
                      << estimate);
        CHECK(std::abs(estimate - exact) <= alpha * exact * (1 + 1e-9));
      }
      CHECK(h.quantile(0) == *std::min_element(set.values.begin(), set.values.end()));
      CHECK(h.quantile(1) == *std::max_element(set.values.begin(), set.values.end()));
    }
  }
}

TEST_CASE("zeros are counted and reported exactly", "[histogram]") {
  sim::LogHistogram h = make(0.01);
  for (int i = 0; i < 6; ++i) h.add(0);
  for (int i = 0; i < 4; ++i) h.add(10);
  CHECK(h.zero_count() == 6);
  CHECK(h.quantile(0.5) == 0);    // rank floor(0.5 * 9) = 4: the fifth zero
  CHECK(h.quantile(0.6) == 0);    // 0.6 * 9 = 5.4 -> rank 5: the sixth zero
  CHECK(h.quantile(0.67) == 10);  // 6.03 -> rank 6: the first 10
  CHECK(h.mean() == 4);
}

TEST_CASE("merging two halves gives exactly the histogram of the whole", "[histogram]") {
  for (const DataSet& set : data_sets()) {
    INFO(set.name);
    sim::LogHistogram whole = make(0.01);
    sim::LogHistogram first = make(0.01);
    sim::LogHistogram second = make(0.01);
    for (std::size_t i = 0; i < set.values.size(); ++i) {
      whole.add(set.values[i]);
      (i < set.values.size() / 2 ? first : second).add(set.values[i]);
    }
    first.merge(second);
    check_same_buckets(first, whole);
    CHECK(first.sum() == Approx(whole.sum()).epsilon(1e-12));
  }
}

TEST_CASE("histogram survives a flat round trip", "[histogram]") {
  sim::LogHistogram h(0.02, 1, 1e6);
  const std::vector<DataSet> sets = data_sets();
  for (const double x : sets[1].values) h.add(x);
  h.add(0);
  h.add(0.25);  // underflow
  h.add(5e6);   // overflow
  sim::FlatRecord record;
  h.write_to(record);
  CHECK(record.ints.size() == static_cast<std::size_t>(6 + h.bucket_count()));
  CHECK(record.reals.size() == 4);

  sim::FlatReader reader(record);
  const sim::LogHistogram back = sim::LogHistogram::read_from(reader);
  CHECK(reader.at_end());
  CHECK(back.same_layout(h));
  check_same_buckets(back, h);
  CHECK(back.sum() == h.sum());
  CHECK(back.relative_accuracy() == 0.02);
}

TEST_CASE("corrupt histogram records are rejected", "[histogram]") {
  sim::LogHistogram h(0.05, 1, 100);
  h.add(3);
  sim::FlatRecord good;
  h.write_to(good);

  sim::FlatRecord wrong_count = good;
  wrong_count.ints[2] = 2;
  sim::FlatReader r1(wrong_count);
  CHECK_THROWS_AS(sim::LogHistogram::read_from(r1), std::invalid_argument);

  sim::FlatRecord backwards_range = good;
  std::swap(backwards_range.ints[0], backwards_range.ints[1]);
  sim::FlatReader r2(backwards_range);
  CHECK_THROWS_AS(sim::LogHistogram::read_from(r2), std::invalid_argument);

  sim::FlatRecord bad_alpha = good;
  bad_alpha.reals[0] = 1.5;
  sim::FlatReader r3(bad_alpha);
  CHECK_THROWS_AS(sim::LogHistogram::read_from(r3), std::invalid_argument);

  sim::FlatRecord short_record = good;
  short_record.ints.pop_back();
  sim::FlatReader r4(short_record);
  CHECK_THROWS_AS(sim::LogHistogram::read_from(r4), std::out_of_range);
}

TEST_CASE("merging histograms of different layouts throws", "[histogram]") {
  sim::LogHistogram h(0.01, 1, 1e6);
  sim::LogHistogram other_accuracy(0.02, 1, 1e6);
  sim::LogHistogram other_range(0.01, 1, 1e7);
  sim::LogHistogram same(0.01, 1, 1e6);
  CHECK_THROWS_AS(h.merge(other_accuracy), std::invalid_argument);
  CHECK_THROWS_AS(h.merge(other_range), std::invalid_argument);
  CHECK_NOTHROW(h.merge(same));
}

TEST_CASE("values outside the range are counted and reported", "[histogram]") {
  sim::LogHistogram h(0.01, 10, 1000);
  for (int i = 0; i < 90; ++i) h.add(100);
  for (int i = 0; i < 5; ++i) h.add(1);     // below the range
  for (int i = 0; i < 5; ++i) h.add(5000);  // above
  h.add(std::numeric_limits<double>::infinity());
  CHECK(h.underflow_count() == 5);
  CHECK(h.overflow_count() == 6);
  CHECK(h.count() == 101);
  CHECK(h.quantile(0) == 1);
  CHECK(h.quantile(0.02) == Approx(h.underflow_limit()));  // the best it knows
  CHECK(std::abs(h.quantile(0.5) - 100) <= 1);
  CHECK(h.quantile(0.98) == std::numeric_limits<double>::infinity());
  CHECK(h.underflow_limit() <= 10);
  CHECK(h.overflow_limit() >= 1000);
}

TEST_CASE("histogram rejects bad arguments", "[histogram]") {
  CHECK_THROWS_AS(sim::LogHistogram(0, 1, 10), std::invalid_argument);
  CHECK_THROWS_AS(sim::LogHistogram(1, 1, 10), std::invalid_argument);
  CHECK_THROWS_AS(sim::LogHistogram(0.01, 0, 10), std::invalid_argument);
  CHECK_THROWS_AS(sim::LogHistogram(0.01, 10, 1), std::invalid_argument);
  CHECK_THROWS_AS(sim::LogHistogram(0.01, 1, INFINITY), std::invalid_argument);
  CHECK_THROWS_AS(sim::LogHistogram(1e-9, 1e-300, 1e300), std::invalid_argument);  // too many

  sim::LogHistogram h(0.01, 1, 10);
  CHECK(std::isnan(h.quantile(0.5)));
  CHECK(std::isnan(h.mean()));
  CHECK_THROWS_AS(h.add(-1), std::invalid_argument);
  CHECK_THROWS_AS(h.add(NAN), std::invalid_argument);
  CHECK(h.count() == 0);
  CHECK_THROWS_AS(h.quantile(-0.1), std::invalid_argument);
  CHECK_THROWS_AS(h.quantile(1.1), std::invalid_argument);
  CHECK_THROWS_AS(h.quantile(NAN), std::invalid_argument);
}

TEST_CASE("bucket counts give a CDF that ends at the count", "[histogram]") {
  sim::LogHistogram h(0.05, 1, 1e6);
  const std::vector<DataSet> sets = data_sets();
  for (const double x : sets[3].values) h.add(x);
  std::int64_t cumulative = h.zero_count() + h.underflow_count();
  double previous_bound = 0;
  for (std::int64_t i = 0; i < h.bucket_count(); ++i) {
    cumulative += h.bucket_counts()[static_cast<std::size_t>(i)];
    CHECK(h.bucket_upper_bound(i) > previous_bound);
    previous_bound = h.bucket_upper_bound(i);
  }
  CHECK(cumulative + h.overflow_count() == h.count());
}

TEST_CASE("the slot lookup gives the formula's bucket for every value", "[histogram]") {
  // slot() reads a table built from the formula; this compares the two over every double within
  // 2048 steps of each bucket boundary (where rounding in log() could move a value across),
  // at thousands of values spread over the range and beyond it, and at the extremes. It also
  // checks that the formula never decreases across a boundary, which the table relies on.
  struct Layout {
    double alpha, min_value, max_value;
  };
  const Layout layouts[] = {{0.01, 1.0 / 60, 1e6},  // the collectors' summaries
                            {0.01, 1e-6, 1e12},   {0.05, 1e-6, 1e12}, {0.02, 1, 1e6},
                            {0.01, 10, 1000},     {0.05, 1, 100},     {0.3, 1e-3, 1e3},
                            {0.001, 0.5, 2}};
  constexpr int kSteps = 2048;
  sim::SplitMix64 rng(7);
  for (const Layout& l : layouts) {
    INFO("alpha " << l.alpha << " range " << l.min_value << " .. " << l.max_value);
    const sim::LogHistogram h(l.alpha, l.min_value, l.max_value);
    std::int64_t mismatches = 0;
    std::int64_t decreases = 0;
    const auto check = [&](double x) {
      if (h.slot(x) != h.slot_by_formula(x)) ++mismatches;
    };
    for (std::int64_t i = 0; i <= h.bucket_count(); ++i) {
      const double boundary = h.bucket_lower_bound(i);
      double x = boundary;
      for (int s = 0; s < kSteps; ++s) x = std::nextafter(x, 0.0);
      sim::LogHistogram::Slot previous = h.slot_by_formula(x);
      for (int s = 0; s < 2 * kSteps; ++s, x = std::nextafter(x, INFINITY)) {
        check(x);
        const sim::LogHistogram::Slot now = h.slot_by_formula(x);
        if (now < previous) ++decreases;
        previous = now;
      }
    }
    const double lo = std::log(l.min_value) - 2;
    const double hi = std::log(l.max_value) + 2;
    for (int i = 0; i < 20000; ++i) check(std::exp(lo + (hi - lo) * unit(rng)));
    for (const double x : {0.0, -0.0, std::numeric_limits<double>::denorm_min(),
                           std::numeric_limits<double>::min(), l.min_value, l.max_value,
                           h.underflow_limit(), h.overflow_limit(), 1.0,
                           std::numeric_limits<double>::max(),
                           std::numeric_limits<double>::infinity()})
      check(x);
    CHECK(mismatches == 0);
    CHECK(decreases == 0);
  }
}
