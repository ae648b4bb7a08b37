// How a sweep's points are laid out in its charts: the swept key on the x axis (the numeric key
// with the most values, in its canonical unit; else the key with the most values, as
// categories; without swept columns the point labels as categories) and the points grouped by
// the values of the other keys (one line, or one panel, per group).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "tools/report/report_data.hpp"

namespace market::report {

struct SweepLayout {
  bool numeric = false;             // x is the axis's number; else a category index
  std::vector<double> x;            // per point
  std::vector<std::string> categories;  // categorical x: the labels
  std::vector<double> ticks;        // numeric x: the swept values (at most 12, else empty)
  std::string x_title;              // "protection.release_after_confirmation (days)"
  std::vector<std::size_t> group;   // per point: its group
  std::vector<std::string> group_names;  // "channel.webmoney.fee_rate = 80 bp"
  std::string group_title;          // the other keys, "" when there are none
  std::vector<std::string> short_label;  // per point: its values, "5 d, 80 bp"
  // Points of each group in ascending x.
  std::vector<std::vector<std::size_t>> members;
};

SweepLayout sweep_layout(const ReportData& data);

// A swept cell with its unit: "5 d", "80 bp", "0.250000".
std::string swept_text(const SweptAxis& axis, const std::string& cell);

}  // namespace market::report
