#include "tools/output/warmup_check.hpp"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "tools/output/key_figures.hpp"
#include "tools/output/replication_stats.hpp"

namespace market {

std::vector<std::string> warmup_warnings(const std::vector<PointResult>& points,
                                         const std::vector<sim::Time>& warmups) {
  if (warmups.size() != points.size())
    throw std::invalid_argument("warmup_warnings: one warm-up per point expected");
  std::vector<std::string> out;
  for (std::size_t p = 0; p < points.size(); ++p) {
    const PointResult& pt = points[p];
    double worst = -1;
    std::string series;
    for (const char* s : {"escrow_held", "orders_in_flight"}) {
      const auto i = find_metric(pt, fmt::format("warmup_suggested.series.{}", s), "mser5");
      if (!i) continue;
      std::vector<std::vector<double>> column;
      for (double v : metric_column(pt, *i)) column.push_back({v});
      const double mean = across_replications(column)[0].mean;
      if (std::isfinite(mean) && mean > worst) worst = mean, series = s;
    }
    const double warmup_h = sim::to_hours(warmups[p]);
    if (worst <= warmup_h) continue;
    out.push_back(fmt::format(
        "warning: point {}: MSER-5 puts the end of the {} transient at day {:.0f} (mean over {} "
        "replication(s)) but the warm-up ends at day {:.0f}: the statistics include part of "
        "the transient (set run.warmup to {:.0f}d or more)",
        pt.label, series == "escrow_held" ? "daily escrow's" : "orders in flight's", worst / 24,
        pt.runs.size(), warmup_h / 24, std::ceil(worst / 24)));
  }
  return out;
}

}  // namespace market
