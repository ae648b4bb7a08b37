// The marketplace's scenario: loading one against the market schema (market_schema.hpp), and
// the mapping from a loaded Scenario to the typed MarketParams and RunParams a run needs.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "models/world/market_params.hpp"
#include "models/scenario/loader.hpp"
#include "models/scenario/market_schema.hpp"
#include "models/scenario/schema.hpp"

namespace market::scenario {

struct LoadedScenario {
  Scenario effective;   // every key after defaults, includes and --set
  MarketParams market;  // typed, checked
  RunParams run;        // from the [run] section
  int replications = 1; // run.replications
};

// The [rules] section of a scenario.
ChannelRules rules_of(const Scenario& scenario);

// `marketsim sources`: every key, its status, value and citation or origin, and the counts.
std::string sources_table(const Scenario& scenario);

// The text of scenarios/default.ini, compiled into the binary.
std::string_view default_scenario_text();

// Each throws ScenarioError with one line naming file:line and key.
LoadedScenario load_market_file(const std::filesystem::path& file,
                                const std::vector<std::string>& sets = {});
LoadedScenario load_market_default(const std::vector<std::string>& sets = {});
// Converts an effective scenario (e.g. one point of a sweep) to typed parameters.
LoadedScenario to_market(Scenario effective);

}  // namespace market::scenario
