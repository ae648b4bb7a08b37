// Numbers in the output files at the precision they carry (tools/output/number_format.hpp), and a
// sweep's keys as columns of their own beside `point`.
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <catch2/catch.hpp>

#include "models/experiment/experiment.hpp"
#include "tests/output/small_sweep.hpp"
#include "tools/output/csv.hpp"
#include "tools/output/number_format.hpp"
#include "tools/output/results.hpp"

namespace {

std::size_t decimals(const std::string& cell) {
  const auto dot = cell.find('.');
  return dot == std::string::npos ? 0 : cell.size() - dot - 1;
}

bool is_number(const std::string& cell) {
  if (cell.empty()) return false;
  char* end = nullptr;
  std::strtod(cell.c_str(), &end);
  return end == cell.c_str() + cell.size();
}

const std::vector<market::PointResult>& results() {
  static const auto r = [] {
    market::ExperimentOptions o;
    o.replications = 2;
    return market::run_experiment(market::testing::small_sweep(), o);
  }();
  return r;
}

}  // namespace

TEST_CASE("reals are written with the decimals of their unit", "[output][format]") {
  CHECK(market::format_real(1121.2609482199882, "h") == "1121.2609");
  CHECK(market::format_real(0.0123456789, "share") == "0.012346");
  CHECK(market::format_real(1853.275049, "USD") == "1853.28");
  CHECK(market::format_real(2.5, "count") == "2.5000");
  CHECK(market::format_real(-0.00001, "h") == "0.0000");  // no negative zero
  CHECK(market::format_real(std::numeric_limits<double>::quiet_NaN(), "h").empty());
  CHECK(market::format_plain(7) == "7");
  CHECK(market::format_plain(1.0 / 24) == "0.041667");
  market::MetricKey money{"fees", "channel", "card", "principal", "total", "RUB",
                          market::MetricKind::Money, market::Currency::RUB, true};
  CHECK(market::format_cell(money, {0, 123456}) == "1234.56");
  market::MetricKey count{"orders", "all", "all", "orders_placed", "total", "count",
                          market::MetricKind::Count};
  CHECK(market::format_cell(count, {0, 42}) == "42");
}

TEST_CASE("no number but a quantile has more than 6 decimals or exactly 3; quantiles have 4 digits",
          "[output][format]") {
  // Exactly three decimals is what a de-DE import reads as thousands ("1853.275" -> 1853275).
  // A histogram quantile is the exception: it prints to the 4 significant digits a 1% histogram
  // carries (models/metrics/metrics.hpp), whatever its decimals. compare.csv is checked too.
  market::RunInfo info = market::testing::small_sweep_info();
  info.compare_base = 0;
  int numbers = 0, quantiles = 0;
  bool compared = false;
  const auto quantile_name = [](std::string_view name) {
    // "p50", or "settlement_p50_h" in summary.csv
    const auto at = name.rfind('p');
    if (at == std::string_view::npos || (at > 0 && name[at - 1] != '_')) return false;
    std::size_t end = at + 1;
    while (end < name.size() && name[end] >= '0' && name[end] <= '9') ++end;
    return end > at + 1 && (end == name.size() || name.substr(end) == "_h");
  };
  const auto significant = [](const std::string& cell) {
    std::string digits;
    for (char ch : cell)
      if (ch >= '0' && ch <= '9') digits += ch;
    const auto first = digits.find_first_not_of('0');
    return first == std::string::npos ? std::size_t{0} : digits.size() - first;
  };
  for (const auto& f : market::render_results(results(), info)) {
    if (f.name.find(".csv") == std::string::npos) continue;
    compared = compared || f.name == "compare.csv";
    const auto records = market::read_csv(f.content);
    std::optional<std::size_t> statistic;
    for (std::size_t c = 0; c < records[0].size(); ++c)
      if (records[0][c] == "statistic") statistic = c;
    for (std::size_t r = 1; r < records.size(); ++r)
      for (std::size_t c = 0; c < records[r].size(); ++c) {
        const std::string& cell = records[r][c];
        if (!is_number(cell)) continue;
        INFO(f.name << " column " << records[0][c] << ": " << cell);
        ++numbers;
        const bool quantile = statistic ? quantile_name(records[r][*statistic]) &&
                                              records[0][c] != "n" &&
                                              records[0][c] != "variance_reduction"
                                        : quantile_name(records[0][c]);
        if (quantile) {
          ++quantiles;
          // A difference of quantiles has the digits of the figures' magnitude, not its own.
          const std::string& col = records[0][c];
          if (col.starts_with("diff_") || col.starts_with("unpaired_")) continue;
          // 4 significant digits; a whole number of 5 or more digits keeps its zeros, 0 is "0".
          if (cell.find('.') != std::string::npos) CHECK(significant(cell) == 4);
          else CHECK((cell == "0" || cell.size() >= 4));
          continue;
        }
        CHECK(decimals(cell) <= 6);
        CHECK(decimals(cell) != 3);
        if (records[0][c].ends_with("_h")) CHECK((decimals(cell) == 4));
      }
  }
  CHECK(compared);
  CHECK(numbers > 1000);
  CHECK(quantiles > 100);
}

TEST_CASE("a sweep's keys are columns beside point in every file", "[output][sweep]") {
  market::RunInfo info = market::testing::small_sweep_info();
  info.swept_columns = {"carrier.post.loss", "protection.release_after_confirmation_d"};
  info.swept_values = {{"0", "7"}, {"0.200000", "15"}};
  std::map<std::string, std::size_t> rows_seen;
  for (const auto& f : market::render_results(results(), info)) {
    if (f.name.find(".csv") == std::string::npos) continue;
    INFO(f.name);
    const auto records = market::read_csv(f.content);
    REQUIRE(records[0].size() > 3);
    CHECK(records[0][0] == "point");
    CHECK(records[0][1] == "carrier.post.loss");
    CHECK(records[0][2] == "protection.release_after_confirmation_d");
    for (std::size_t r = 1; r < records.size(); ++r) {
      const bool base = records[r][0] == "base";
      CHECK(records[r][1] == (base ? "0" : "0.200000"));
      CHECK(records[r][2] == (base ? "7" : "15"));
    }
    rows_seen[f.name] = records.size();
  }
  CHECK(rows_seen.size() == 12);
  info.swept_values.pop_back();  // one point without its values: a programming error
  CHECK_THROWS_AS(market::render_results(results(), info), std::invalid_argument);
}
