// The warm-up diagnostic's verdict: where MSER-5 (sim/mser.hpp) puts the end of the transient
// of the daily escrow and orders-in-flight series, against the warm-up the run used.
#pragma once

#include <string>
#include <vector>

#include "models/experiment/experiment.hpp"
#include "sim/time.hpp"

namespace market {

// One line per point whose suggested warm-up (the mean over replications of the
// warmup_suggested figures, the longer of the two series) exceeds warmups[point]: the point's
// statistics include part of the transient. Nothing for points that did not observe it.
std::vector<std::string> warmup_warnings(const std::vector<PointResult>& points,
                                         const std::vector<sim::Time>& warmups);

}  // namespace market
