// The sweep grammar (ranges, lists, --vary over a [sweep] line) and the progress line (per-run
// days, replications, never wider than the terminal).
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "models/scenario/values.hpp"
#include "tools/marketsim/progress_bar.hpp"
#include "tools/marketsim/sweep_grid.hpp"

using marketsim::expand_values;
using Strings = std::vector<std::string>;

TEST_CASE("ranges expand in the unit written, exactly", "[sweep]") {
  CHECK(expand_values("0d..30d step 5d", "k", "f:1") == Strings{"0d", "5d", "10d", "15d", "20d", "25d", "30d"});
  CHECK(expand_values("1%..2% step 0.25%", "k", "f:1") == Strings{"1.00%", "1.25%", "1.50%", "1.75%", "2.00%"});
  CHECK(expand_values("5 USD..15 USD step 5 USD", "k", "f:1") == Strings{"5 USD", "10 USD", "15 USD"});
  CHECK(expand_values("0.1..0.3 step 0.1", "k", "f:1") == Strings{"0.1", "0.2", "0.3"});  // no 0.30000000000000004
  CHECK(expand_values("0d, 2d..4d step 2d, 9d", "k", "f:1") == Strings{"0d", "2d", "4d", "9d"});
  CHECK(expand_values("uniform(1d, 10d), const(2d)", "k", "f:1") == Strings{"uniform(1d, 10d)", "const(2d)"});
}

TEST_CASE("bad ranges and lists name the place and the key", "[sweep]") {
  using market::scenario::ScenarioError;
  const auto message = [](const std::string& text) {
    try {
      expand_values(text, "protection.release_after_confirmation", "s.ini:4");
    } catch (const ScenarioError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(message("0d..30d step 5h").find("s.ini:4: sweep key \"protection.release_after_confirmation\": "
                                        "range \"0d..30d step 5h\": LOW, HIGH and STEP must be written "
                                        "in the same unit") == 0);
  CHECK(message("0d..30d").find("expected LOW..HIGH step STEP") != std::string::npos);
  CHECK(message("0d..30d step 0d").find("STEP must be positive") != std::string::npos);
  CHECK(message("30d..0d step 1d").find("LOW is above HIGH") != std::string::npos);
  CHECK(message("0..100000 step 1").find("more than 10000 values") != std::string::npos);
  CHECK(message("1d,,2d").find("an empty value") != std::string::npos);
  CHECK(message("uniform(1d, 2d").find("unbalanced parentheses") != std::string::npos);
}

TEST_CASE("a --vary axis replaces the file's line of its key and adds the others", "[sweep]") {
  std::vector<marketsim::SweepAxis> file{{"a", {"1", "2"}, "f:2"}, {"b", {"x"}, "f:3"}};
  const auto merged = marketsim::merge_axes(file, marketsim::parse_vary({"b=y,z", "c=0..2 step 1"}));
  REQUIRE(merged.size() == 3);
  CHECK(merged[1].values == Strings{"y", "z"});
  CHECK(merged[1].where == "--vary");
  CHECK(merged[2].values == Strings{"0", "1", "2"});
  const auto grid = marketsim::grid_of(merged);
  CHECK(grid.size() == 2 * 2 * 3);
  CHECK(grid.front().label == "a=1 b=y c=0");
  CHECK(grid.back().label == "a=2 b=z c=2");
  CHECK(marketsim::sweep_section(merged) == "[sweep]\na = 1, 2\nb = y, z\nc = 0, 1, 2\n");
}

TEST_CASE("the progress line counts days per run, not summed, and fits the width", "[progress]") {
  market::Progress p;
  // 8 replications of 730 days, 3 done, one running at day 120 (threads = 1).
  p.runs_total = 8;
  p.runs_done = 3;
  p.simulated_days_total = 8 * 730;
  p.simulated_days_done = 3 * 730 + 120;
  p.orders_per_second = 123456;
  const std::string wide = marketsim::progress_line(p, 60, {730, 1}, 200);
  CHECK(wide.find("3/8 replications done") != std::string::npos);
  CHECK(wide.find("day 120/730") != std::string::npos);
  CHECK(wide.find("123,456 orders/s") != std::string::npos);
  // Done: 2310 of 5840 days in 60 s, so 60 * (5840 - 2310) / 2310 = 91.7 s left.
  CHECK(wide.find("ETA 1:32") != std::string::npos);
  for (int width : {20, 40, 60, 80, 120}) {
    INFO(width);
    CHECK(static_cast<int>(marketsim::progress_line(p, 60, {730, 1}, width).size()) <= width - 1);
  }
  CHECK(marketsim::progress_line(p, 60, {730, 1}, 60).find("3/8 replications done") == 0);
  // Two threads: the two running runs' days are averaged.
  p.simulated_days_done = 3 * 730 + 100 + 140;
  CHECK(marketsim::progress_line(p, 60, {730, 2}, 200).find("2 running at day 120/730") != std::string::npos);
  // At the horizon, before the run ends: the open orders are being ended (the drain).
  p.runs_done = 7;
  p.simulated_days_done = 8 * 730;
  CHECK(marketsim::progress_line(p, 60, {730, 1}, 200).find("day 730/730, ending open orders") != std::string::npos);
}
