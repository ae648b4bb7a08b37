// `marketsim sweep --vary key=v1,v2,...`: axes and the grid of their product.
#pragma once

#include <string>
#include <vector>

namespace marketsim {

struct SweepAxis {
  std::string key;
  std::vector<std::string> values;
};

struct SweepPoint {
  std::string label;              // "key=v1 key2=w2"
  std::vector<std::string> sets;  // "key=v1", "key2=w2"
};

// Splits each "key=v1,v2" at commas outside parentheses, so "uniform(1d, 10d)" stays one value.
// Throws market::scenario::ScenarioError on a missing '=', an empty value, a repeated key, an
// axis over run.seed or run.replications (one seed and one count serve every point), or a grid
// of more than kMaxSweepPoints (market_limits.hpp) points, before any point is built.
std::vector<SweepAxis> parse_vary(const std::vector<std::string>& vary);
// Every combination, the last axis varying fastest.
std::vector<SweepPoint> grid_of(const std::vector<SweepAxis>& axes);

}  // namespace marketsim
