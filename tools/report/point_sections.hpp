// The sections of one point: key figures, settlement by channel, escrow over time, the dispute
// funnel, refusals by channel, fees by channel and refund latency by route. The whole report of
// a single run; in a sweep report each point's details, on axes shared by every point.
#pragma once

#include <string>
#include <vector>

#include "tools/report/report_data.hpp"

namespace market::report {

// Axis ranges every point's charts share (0 where a chart may pick its own).
struct SharedAxes {
  double settlement_days = 0;  // the settlement CDF's x axis reaches this far
  double refund_days = 0;      // the refund latency charts' x axis
  double escrow_usd = 0;       // the escrow chart's y axis
};
SharedAxes shared_axes(const ReportData& data);

struct PointSection {
  const char* id;
  const char* heading;
};
// The sections in page order.
const std::vector<PointSection>& point_sections();
// The body of section `id` for point p.
std::string point_section(const char* id, const PointData& p, const SharedAxes& axes);

// A table cell showing a figure of `unit` (hours shown in days); data-value keeps the file's
// exact text.
std::string figure_cell(const std::string& cell, double v, const std::string& unit);
// An HTML legend: a line (or a block) of each colour, dashed as given.
struct LegendEntry {
  std::string name, colour, dash;
};
std::string legend(const std::vector<LegendEntry>& entries, bool lines = true,
                   const std::string& title = "");

}  // namespace market::report
