// A sweep's axes and the grid of their product. Axes come from the scenario's [sweep] section
// ("key = values", one line per key) and from --vary key=values (which replaces the file's line
// for the same key). Values: a comma-separated list (commas inside parentheses belong to the
// value, so "uniform(1d, 10d)" stays one), where an item may be a range "LOW..HIGH step STEP"
// whose three parts share one unit: "0d..30d step 5d", "1%..3% step 0.5%", "5 USD..20 USD step 5 USD".
#pragma once

#include <string>
#include <vector>

#include "models/scenario/ini_reader.hpp"

namespace marketsim {

struct SweepAxis {
  std::string key;
  std::vector<std::string> values;
  std::string where;  // "FILE:LINE" or "--vary", for messages
};

struct SweepPoint {
  std::string label;              // "key=v1 key2=w2"
  std::vector<std::string> sets;  // "key=v1", "key2=w2"
};

// The values of one axis, ranges expanded. Throws ScenarioError "WHERE: sweep key "KEY": ..."
// on an empty item, unbalanced parentheses or a malformed range (units differ, step not
// positive, LOW above HIGH, more than 10000 values), and on an axis over run.seed or
// run.replications (one seed and one count serve every point).
std::vector<std::string> expand_values(const std::string& text, const std::string& key,
                                       const std::string& where);
// "key=v1,v2" each. Throws ScenarioError on a missing '=', a bad value list, a repeated key, or
// a grid of more than kMaxSweepPoints (market_limits.hpp) points, before any point is built.
std::vector<SweepAxis> parse_vary(const std::vector<std::string>& vary);
// The [sweep] section's lines (ini_reader's sweep_entries), in file order.
std::vector<SweepAxis> axes_of_section(const std::vector<market::scenario::RawEntry>& entries);
// The file's axes with --vary's replacing those of the same key (in place) and the rest after.
std::vector<SweepAxis> merge_axes(std::vector<SweepAxis> file, const std::vector<SweepAxis>& vary);
// Every combination, the last axis varying fastest.
std::vector<SweepPoint> grid_of(const std::vector<SweepAxis>& axes);
// The [sweep] section that reproduces the axes: "[sweep]\nkey = v1, v2\n...".
std::string sweep_section(const std::vector<SweepAxis>& axes);

}  // namespace marketsim
