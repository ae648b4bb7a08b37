// compare.csv and the terminal comparison: every point against a base point, replication r of
// each paired with replication r of the base (the same seed and replication number: common
// random numbers). Columns are documented in docs/output.md.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "models/experiment/experiment.hpp"

namespace market {

// One row per (point other than the base) x figure the base also has (matched by metric name
// and statistic), in the point's figure order; a sweep's swept columns (RunInfo) follow `point`
// with the point's values. Quantiles print to the digits they carry, other reals at their
// unit's decimals (number_format.hpp). Throws std::invalid_argument when `base` is out of range,
// the swept values do not match the points, or a point's replications do not line up with the
// base's.
std::string compare_csv(const std::vector<PointResult>& points, std::size_t base,
                        const std::vector<std::string>& swept_columns = {},
                        const std::vector<std::vector<std::string>>& swept_values = {});

// The key figures of every point against the base: both means, the paired difference with its
// 95% interval, the unpaired interval and the variance-reduction factor.
std::string compare_table(const std::vector<PointResult>& points, std::size_t base);

}  // namespace market
