// Common random numbers (the random-stream contract in models/market/market.hpp): two runs that
// differ in one rule draw the same numbers everywhere else, so only the orders the rule touches
// change their path.
#include <map>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "models/experiment/experiment.hpp"
#include "models/market/run.hpp"

namespace {

struct Traces {
  std::map<std::string, std::string> path;           // order id -> its state changes
  std::map<std::string, std::string> first_posting;  // order id -> its first journal line
};

// The column `n` (0-based) of a CSV line.
std::string column(const std::string& line, int n) {
  std::size_t at = 0;
  for (int i = 0; i < n; ++i) at = line.find(',', at) + 1;
  return line.substr(at, line.find(',', at) - at);
}

Traces run_traced(const market::MarketParams& m) {
  market::RunParams run;
#ifdef NDEBUG
  run.horizon = sim::days(40);
#else
  run.horizon = sim::days(10);  // the sanitizers: a quarter of the orders, the same rule
#endif
  run.warmup = 0;
  run.drain = true;
  run.seed = 7;
  market::Collectors collect(market::collector_layout(m, run));
  market::Market market(m, run, collect);
  std::ostringstream trace, journal;
  market.set_trace(&trace);
  market.ledger().set_journal(&journal);
  sim::Simulator s;
  market::run_market(market, s);
  Traces t;
  std::istringstream lines(trace.str());
  for (std::string line; std::getline(lines, line);) t.path[column(line, 0)] += line + "\n";
  std::istringstream postings(journal.str());
  std::string line;
  std::getline(postings, line);  // header
  while (std::getline(postings, line)) t.first_posting.try_emplace(column(line, 6), line);
  return t;
}

}  // namespace

TEST_CASE("a rule that touches few orders leaves the others' paths exactly as they were",
          "[crn]") {
  market::MarketParams a = market::default_market();
  a.buyers.cancel_before_shipment = 0.02;
  market::MarketParams b = a;
  b.buyers.cancel_before_shipment = 0.021;  // the example: one order in a thousand more
  const Traces ta = run_traced(a), tb = run_traced(b);
#ifdef NDEBUG
  REQUIRE(ta.path.size() > 50'000);
#else
  REQUIRE(ta.path.size() > 10'000);
#endif
  REQUIRE(ta.path.size() == tb.path.size());
  std::size_t same = 0, same_first = 0;
  for (const auto& [id, path] : ta.path) {
    const auto it = tb.path.find(id);
    REQUIRE(it != tb.path.end());
    same += it->second == path;
    // Arrival time, channel, amount and fees: the order's first posting.
    const auto pa = ta.first_posting.find(id), pb = tb.first_posting.find(id);
    same_first += (pa == ta.first_posting.end()) == (pb == tb.first_posting.end()) &&
                  (pa == ta.first_posting.end() || pa->second == pb->second);
  }
  const double share = static_cast<double>(same) / static_cast<double>(ta.path.size());
  INFO("orders with the same path: " << same << " of " << ta.path.size());
  // 0.1% more cancellations touch about 0.1% of orders; every other path is kept.
  CHECK(share >= 0.995);
  CHECK(share < 1.0);  // the change did something
  CHECK(same_first == ta.path.size());
}
