// A sweep's keys as output columns in canonical units (docs/output.md, "Sweeps"): durations in
// days ("KEY_d", working days "KEY_wd"), money in major units of its currency ("KEY_usd"),
// rates in basis points ("KEY_bp"), probabilities and numbers plain, flags 0/1; any other type
// (distributions, share lists, names) the value text under "KEY".
#pragma once

#include <string>
#include <vector>

#include "models/scenario/loader.hpp"

namespace marketsim {

struct SweptColumns {
  std::vector<std::string> names;
  std::vector<std::vector<std::string>> values;  // [point][column]
};

// keys: the swept keys; points[i]: point i's effective scenario.
SweptColumns swept_columns(const std::vector<std::string>& keys,
                           const std::vector<const market::scenario::Scenario*>& points);

}  // namespace marketsim
