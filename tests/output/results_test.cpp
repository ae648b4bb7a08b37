// The output folder: files parse back as RFC 4180 with a header and equal-length records,
// exact figures from a constant-delay world, byte-identical files for any thread count, and the
// atomic write refusing an existing folder unless forced.
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "models/experiment/experiment.hpp"
#include "tests/models/one_order_world.hpp"
#include "tests/output/small_sweep.hpp"
#include "tests/scenario/temp_dir.hpp"
#include "tools/output/atomic_dir.hpp"
#include "tools/output/csv.hpp"
#include "tools/output/results.hpp"

namespace {

using market::read_csv;
using TempDir = market::scenario::testing::TempDir;

using market::testing::small_sweep;

market::RunInfo info() { return market::testing::small_sweep_info(); }

std::map<std::string, std::string> by_name(const std::vector<market::OutputFile>& files) {
  std::map<std::string, std::string> out;
  for (const auto& f : files) out[f.name] = f.content;
  return out;
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::vector<market::PointResult>& sweep_results() {
  static const auto results = [] {
    market::ExperimentOptions o;
    o.replications = 3;
    o.threads = 1;
    return market::run_experiment(small_sweep(), o);
  }();
  return results;
}

}  // namespace

TEST_CASE("every CSV file parses back: a header, equal-length records, one per run and row",
          "[output]") {
  const auto files = by_name(market::render_results(sweep_results(), info()));
  for (const char* name : {"summary.csv", "summary_ci.csv", "settlement.csv", "disputes.csv",
                           "refunds.csv", "fees.csv", "limits.csv", "faults.csv",
                           "escrow_daily.csv", "chargebacks.csv", "metrics.csv"}) {
    INFO(name);
    REQUIRE(files.count(name) == 1);
    const auto records = read_csv(files.at(name));
    REQUIRE(records.size() > 1);
    for (const auto& r : records) REQUIRE(r.size() == records[0].size());
  }
  const auto summary = read_csv(files.at("summary.csv"));
  CHECK(summary.size() == 1 + 2 * 3);
  CHECK(summary[0][0] == "point");
  CHECK(summary[4][0] == "lossy, carriers");  // quoted in the file, whole when read back
  CHECK(summary[4][1] == "0");
  CHECK(summary[4][2] == "11");
  const auto settlement = read_csv(files.at("settlement.csv"));
  CHECK(settlement[0] == std::vector<std::string>{
                             "point", "replication", "seed", "by", "key", "settlement_count",
                             "settlement_mean_h", "settlement_p10_h", "settlement_p25_h",
                             "settlement_p50_h", "settlement_p75_h", "settlement_p90_h",
                             "settlement_p95_h", "settlement_p99_h", "settlement_max_h"});
  const auto metrics = read_csv(files.at("metrics.csv"));
  CHECK(metrics[0] == std::vector<std::string>{"point", "replication", "seed", "metric", "unit",
                                               "statistic", "value"});
  const auto escrow = read_csv(files.at("escrow_daily.csv"));
  CHECK(escrow[1][3] == "3");  // the first day after the 2-day warm-up ends at day 3
  const auto& manifest = files.at("manifest.ini");
  CHECK(manifest.find("source_revision = abc123") != std::string::npos);
  CHECK(manifest.find("[arrivals]\norders_per_day = 150\n") != std::string::npos);
}

TEST_CASE("money cells are exact decimals, numbers use '.' and no thousands separators",
          "[output]") {
  const auto files = by_name(market::render_results(sweep_results(), info()));
  const auto fees = read_csv(files.at("fees.csv"));
  std::size_t principal = 0;
  for (std::size_t i = 0; i < fees[0].size(); ++i)
    if (fees[0][i] == "principal") principal = i;
  REQUIRE(principal > 0);
  for (std::size_t r = 1; r < fees.size(); ++r) {
    const std::string& v = fees[r][principal];
    if (v.empty()) continue;
    const auto dot = v.find('.');
    REQUIRE(dot != std::string::npos);
    CHECK(v.size() - dot - 1 == 2);
    CHECK(v.find(',') == std::string::npos);
  }
}

TEST_CASE("one constant-delay order: exact figures in the files", "[output]") {
  market::ExperimentOptions o;
  o.replications = 2;
  const auto results = market::run_experiment(
      {{"one", market::testing::one_order_world(), market::testing::short_run(1)}}, o);
  const auto files = by_name(market::render_results(results, info()));
  const auto settlement = read_csv(files.at("settlement.csv"));
  // One value: every quantile is its rank 0, the exact min. Quantiles print to the 4
  // significant digits a 1% histogram carries (696 h -> "696.0"); the mean and the max, exact
  // figures, with the 4 decimals of hours.
  const std::string h = "696.0000", q = "696.0";
  CHECK(settlement[0] ==
        std::vector<std::string>{"point", "replication", "seed", "by", "key", "settlement_count",
                                 "settlement_mean_h", "settlement_p10_h", "settlement_p25_h",
                                 "settlement_p50_h", "settlement_p75_h", "settlement_p90_h",
                                 "settlement_p95_h", "settlement_p99_h", "settlement_max_h"});
  CHECK(settlement[1] ==
        std::vector<std::string>{"one", "0", "1", "all", "all", "1", h, q, q, q, q, q, q, q, h});
  const auto ci = read_csv(files.at("summary_ci.csv"));
  bool found = false;
  for (const auto& r : ci)
    if (r[1] == "settlement" && r[3] == "mean") {
      found = true;
      CHECK(r == std::vector<std::string>{"one", "settlement", "h", "mean", "2", "696.0000",
                                          "0.0000", "696.0000", "696.0000"});
    }
  CHECK(found);
  CHECK(market::summary_table(results).find("settlement, mean (h)") != std::string::npos);
}

TEST_CASE("1 and 2 threads write byte-identical folders", "[output][determinism]") {
  TempDir tmp;
  market::ExperimentOptions o;
  o.replications = 3;
  o.threads = 2;
  const auto two = market::run_experiment(small_sweep(), o);
  market::write_results(tmp.path() / "one", sweep_results(), info(), false);
  market::write_results(tmp.path() / "two", two, info(), false);
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(tmp.path() / "one")) {
    INFO(e.path().filename());
    CHECK(slurp(e.path()) == slurp(tmp.path() / "two" / e.path().filename()));
    ++files;
  }
  CHECK(files == 13);
}

TEST_CASE("replications differ, and replication r is the same at every point's seed",
          "[output][determinism]") {
  const auto& r = sweep_results();
  CHECK(r[0].runs[0].orders_placed != r[0].runs[1].orders_placed);
  CHECK(r[0].runs[0].orders_placed == r[1].runs[0].orders_placed);  // common random numbers
}

TEST_CASE("progress is reported from the calling thread, ending with everything done",
          "[output][progress]") {
  struct Seen {
    int calls = 0;
    market::Progress last;
  } seen;
  market::ExperimentOptions o;
  o.replications = 2;
  o.threads = 2;
  o.progress = [](const market::Progress& p, void* ctx) {
    auto* s = static_cast<Seen*>(ctx);
    ++s->calls;
    s->last = p;
  };
  o.progress_context = &seen;
  market::run_experiment(small_sweep(), o);
  CHECK(seen.calls >= 1);
  CHECK(seen.last.runs_done == 4);
  CHECK(seen.last.runs_total == 4);
  CHECK(seen.last.simulated_days_total == 48);
  CHECK(seen.last.simulated_days_done == 48);
}

TEST_CASE("an existing folder is refused without force and replaced with it", "[output][atomic]") {
  TempDir tmp;
  const auto dir = tmp.path() / "out";
  std::filesystem::create_directory(dir);
  std::ofstream(dir / "old.txt") << "old";
  try {
    market::write_results(dir, sweep_results(), info(), false);
    FAIL("no error");
  } catch (const market::OutputError& e) {
    CHECK(std::string(e.what()).find(dir.string()) != std::string::npos);
  }
  CHECK(std::filesystem::exists(dir / "old.txt"));
  market::write_results(dir, sweep_results(), info(), true);
  CHECK_FALSE(std::filesystem::exists(dir / "old.txt"));
  CHECK(std::filesystem::exists(dir / "summary.csv"));
  int entries = 0;  // no staging or old folder left beside it
  for (const auto& e : std::filesystem::directory_iterator(tmp.path())) (void)e, ++entries;
  CHECK(entries == 1);
}

TEST_CASE("an unwritable place gives one line naming the path", "[output][atomic]") {
  TempDir tmp;
  std::ofstream(tmp.path() / "file") << "x";
  const auto dir = tmp.path() / "file" / "out";  // a folder under a regular file
  try {
    market::write_results(dir, sweep_results(), info(), false);
    FAIL("no error");
  } catch (const market::OutputError& e) {
    const std::string what = e.what();
    CHECK(what.find((tmp.path() / "file").string()) != std::string::npos);
    CHECK(what.find('\n') == std::string::npos);
  }
}

TEST_CASE("a folder never committed leaves nothing behind", "[output][atomic]") {
  TempDir tmp;
  {
    market::AtomicDir d(tmp.path() / "out", false);
    d.write("a.csv", "x\n");
    CHECK(std::filesystem::exists(d.staging() / "a.csv"));
  }
  CHECK(std::filesystem::is_empty(tmp.path()));
}

TEST_CASE("an experiment needs at least one replication", "[output]") {
  market::ExperimentOptions o;
  o.replications = 0;
  CHECK_THROWS_AS(market::run_experiment(small_sweep(), o), std::invalid_argument);
}
