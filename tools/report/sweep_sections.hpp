// The sections of a report of several points (a sweep, a compare): each headline figure against
// the swept parameter with its 95% intervals, beside its paired difference from the base point;
// the distributions of every point overlaid on one axis; every whole-run figure per point.
#pragma once

#include <string>
#include <vector>

#include "tools/report/figures.hpp"
#include "tools/report/report_data.hpp"
#include "tools/report/sweep_layout.hpp"

namespace market::report {

std::string figures_vs_parameter(const ReportData& data, const SweepLayout& layout,
                                 const std::vector<Headline>& figures);
std::string overlaid_distributions(const ReportData& data, const SweepLayout& layout);
std::string figures_per_point(const ReportData& data);

// Point i's colour and dash in every overlay: the ramp by its x value, dashed by its group.
struct PointStyle {
  std::string colour, dash;
};
std::vector<PointStyle> point_styles(const SweepLayout& layout);

}  // namespace market::report
