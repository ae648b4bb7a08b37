// The section of compare.csv (`marketsim compare`, `sweep --base`): the paired differences of
// the headline figures from the base point as shares of the base's mean, with their 95%
// intervals, in one forest plot, and every whole-run figure's difference in a table.
#pragma once

#include <string>

#include "tools/report/report_data.hpp"
#include "tools/report/sweep_layout.hpp"

namespace market::report {

// "" when the folder has no compare.csv.
std::string compare_section(const ReportData& data, const SweepLayout& layout);

}  // namespace market::report
