// The headline figures a sweep report plots against its swept parameter, per point with the 95%
// interval over the replications and, when the folder has compare.csv, the paired difference
// against the base point with its interval. Figures of summary_ci.csv (settlement p50 and p90,
// the escrow float, the dispute rate, refund latency by route) are taken from it and from
// compare.csv as written; refusals by channel and fees by payer are sums the files do not hold,
// summed here per replication from metrics.csv and given the same statistics
// (tools/output/replication_stats.hpp, paired_stats.hpp).
#pragma once

#include <limits>
#include <string>
#include <vector>

#include "tools/report/report_data.hpp"

namespace market::report {

struct Estimate {
  double mean = std::numeric_limits<double>::quiet_NaN();
  double low = std::numeric_limits<double>::quiet_NaN();  // 95% interval, NaN when none
  double high = std::numeric_limits<double>::quiet_NaN();
};

struct FigureLine {
  std::string name;  // the entity ("card", "qiwi → original method"); "" for a single figure
  std::string colour, dash;  // an entity's fixed colour (channel_colour) and dash, or ""
  std::vector<Estimate> value;  // per point, in data.points order
  std::vector<Estimate> diff;   // point - base, per point; empty without a base
};

struct Headline {
  std::string id;       // "settlement_p50", ...: the data-figure attribute of its charts
  std::string title;    // "Settlement time, median"
  std::string unit;     // "d" (converted from hours), "USD", "share", "count"
  std::string y_title;  // with the unit: "days from checkout to seller paid"
  std::string note;     // what the numbers are
  bool entities = false;  // lines are channels, routes or payers (else one line)
  std::vector<FigureLine> lines;
};

// The seven headline figures in a fixed order: settlement_p50, settlement_p90, escrow_float,
// dispute_rate, refund_latency_route (the routes with the most refunds), refusals_channel (the
// channels with the most refusals), fees_payer (each payer's fees as a share of the principal,
// per currency).
std::vector<Headline> headline_figures(const ReportData& data);

// How many routes and channels an entity figure shows at most (the largest first).
inline constexpr std::size_t kMaxEntities = 6;

}  // namespace market::report
