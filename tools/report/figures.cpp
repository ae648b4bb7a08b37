#include "tools/report/figures.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include <fmt/core.h>

#include "tools/output/paired_stats.hpp"
#include "tools/output/replication_stats.hpp"
#include "tools/report/labels.hpp"
#include "tools/report/palette.hpp"

namespace market::report {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Estimate scaled(double mean, double low, double high, double scale) {
  return Estimate{mean * scale, low * scale, high * scale};
}

// A figure of summary_ci.csv (and compare.csv): `scale` converts its unit (1/24: hours to days).
FigureLine direct_line(const ReportData& data, const std::string& metric,
                       const std::string& statistic, double scale) {
  FigureLine line;
  for (const auto& p : data.points) {
    const CiRow* r = p.find(metric, statistic);
    line.value.push_back(r ? scaled(r->mean, r->ci_low, r->ci_high, scale) : Estimate{});
    if (data.base.empty()) continue;
    if (p.label == data.base) {
      line.diff.push_back(Estimate{r && std::isfinite(r->mean) ? 0.0 : kNaN, kNaN, kNaN});
      continue;
    }
    const CompareRow* d = data.difference(p.label, metric, statistic);
    line.diff.push_back(d ? scaled(d->diff_mean, d->diff_low, d->diff_high, scale) : Estimate{});
  }
  return line;
}

// A figure summed by the report: `of(point)` gives its value per replication (NaN: not
// observed); the interval is Student's t over the replications, the difference paired with the
// base's replication of the same number.
template <class Of>
FigureLine summed_line(const ReportData& data, Of of) {
  FigureLine line;
  const auto n = static_cast<std::size_t>(data.replications);
  auto values = [&](const PointData& p) {
    std::vector<double> v = of(p);
    v.resize(n, kNaN);
    return v;
  };
  const PointData* base = data.base.empty() ? nullptr : data.point(data.base);
  const std::vector<double> base_values = base ? values(*base) : std::vector<double>{};
  for (const auto& p : data.points) {
    const std::vector<double> v = values(p);
    std::vector<std::vector<double>> table;
    for (double x : v) table.push_back({x});
    const MetricStats s = across_replications(table).front();
    line.value.push_back(Estimate{s.mean, s.ci_low, s.ci_high});
    if (!base) continue;
    if (&p == base) {
      line.diff.push_back(Estimate{std::isfinite(s.mean) ? 0.0 : kNaN, kNaN, kNaN});
      continue;
    }
    const PairedStats d = paired_difference(base_values, v);
    line.diff.push_back(Estimate{d.n > 0 ? d.diff.mean : kNaN, d.diff.ci_low, d.diff.ci_high});
  }
  return line;
}

// Sum over replications of the totals whose metric starts with `prefix` and passes `keep`.
template <class Keep>
std::vector<double> sum_totals(const PointData& p, const std::string& prefix, Keep keep) {
  std::vector<double> sum;
  for (const auto& [metric, values] : p.totals) {
    if (metric.rfind(prefix, 0) != 0 || !keep(metric.substr(prefix.size()))) continue;
    if (sum.size() < values.size()) sum.resize(values.size(), 0);
    for (std::size_t r = 0; r < values.size(); ++r) sum[r] += values[r];  // NaN stays NaN
  }
  return sum;
}

double total_mean(const FigureLine& line) {
  double t = 0;
  for (const auto& e : line.value)
    if (std::isfinite(e.mean)) t += e.mean;
  return t;
}

bool any_nonzero(const FigureLine& line) {
  return std::any_of(line.value.begin(), line.value.end(),
                     [](const Estimate& e) { return std::isfinite(e.mean) && e.mean != 0; });
}

// The largest `kMaxEntities` lines by their total over the points, the rest left out.
void keep_largest(std::vector<FigureLine>& lines) {
  std::stable_sort(lines.begin(), lines.end(), [](const FigureLine& a, const FigureLine& b) {
    return total_mean(a) > total_mean(b);
  });
  if (lines.size() > kMaxEntities) lines.resize(kMaxEntities);
}

Headline direct(const ReportData& data, std::string id, std::string title, std::string metric,
                std::string statistic, const std::string& file_unit, std::string y_title) {
  const bool hours = file_unit == "h";
  Headline h{std::move(id), std::move(title), hours ? "d" : file_unit, std::move(y_title),
             fmt::format("{} {} of summary_ci.csv{}", metric, statistic,
                         hours ? " (hours), in days" : ""),
             false, {}};
  h.lines.push_back(direct_line(data, metric, statistic, hours ? 1.0 / 24 : 1.0));
  return h;
}

Headline refund_routes(const ReportData& data) {
  Headline h{"refund_latency_route", "Refund latency by route, median", "d",
             "days to money back, median",
             fmt::format("refund_latency.route.* p50 of summary_ci.csv, in days; the {} routes "
                         "with the most refunds",
                         kMaxEntities),
             true, {}};
  std::map<std::string, double> counts;  // route -> refunds over every point
  std::vector<std::string> order;
  const std::string prefix = "refund_latency.route.";
  for (const auto& p : data.points)
    for (const auto& r : p.rows)
      if (r.statistic == "count" && r.metric.rfind(prefix, 0) == 0) {
        const std::string key = r.metric.substr(prefix.size());
        if (!counts.count(key)) order.push_back(key);
        if (std::isfinite(r.mean)) counts[key] += r.mean;
      }
  std::stable_sort(order.begin(), order.end(),
                   [&](const std::string& a, const std::string& b) { return counts[a] > counts[b]; });
  for (const auto& key : order) {
    if (!(counts[key] > 0) || h.lines.size() == kMaxEntities) break;
    FigureLine line = direct_line(data, prefix + key, "p50", 1.0 / 24);
    line.name = route_label(key);
    line.colour = channel_colour(key.substr(0, key.find('/')));
    line.dash = destination_dash(key.substr(key.find('/') == std::string::npos ? key.size()
                                                                              : key.find('/') + 1));
    h.lines.push_back(std::move(line));
  }
  return h;
}

Headline refusals(const ReportData& data) {
  Headline h{"refusals_channel", "Refusals by channel", "count",
             "refusals per replication",
             fmt::format("refused.channel_reason.<channel>/* of metrics.csv summed over the "
                         "reasons per replication; the {} channels with the most refusals",
                         kMaxEntities),
             true, {}};
  const std::string prefix = "refused.channel_reason.";
  std::vector<std::string> channels;
  for (const auto& p : data.points)
    for (const auto& [metric, values] : p.totals)
      if (metric.rfind(prefix, 0) == 0) {
        const std::string rest = metric.substr(prefix.size());
        const std::string channel = rest.substr(0, rest.find('/'));
        if (std::find(channels.begin(), channels.end(), channel) == channels.end())
          channels.push_back(channel);
      }
  std::vector<FigureLine> lines;
  for (const auto& channel : channels) {
    FigureLine line = summed_line(data, [&](const PointData& p) {
      return sum_totals(p, prefix, [&](const std::string& rest) {
        return rest.rfind(channel + "/", 0) == 0;
      });
    });
    line.name = pretty(channel);
    line.colour = channel_colour(channel);
    if (any_nonzero(line)) lines.push_back(std::move(line));
  }
  keep_largest(lines);
  h.lines = std::move(lines);
  return h;
}

Headline fees(const ReportData& data) {
  Headline h{"fees_payer", "Fees by payer, share of the principal", "share",
             "fees as a share of the principal",
             "per currency, the sum over its channels of each kind of fee divided by the sum of "
             "their principal (metrics.csv, per replication)",
             true, {}};
  // The channels of each currency (principal.channel.<c>'s unit in summary_ci.csv).
  std::map<std::string, std::vector<std::string>> by_currency;
  const std::string principal = "principal.channel.";
  for (const auto& p : data.points)
    for (const auto& r : p.rows)
      if (r.statistic == "total" && r.metric.rfind(principal, 0) == 0) {
        auto& list = by_currency[r.unit];
        const std::string channel = r.metric.substr(principal.size());
        if (std::find(list.begin(), list.end(), channel) == list.end()) list.push_back(channel);
      }
  std::size_t currency_index = 0;
  for (const auto& [currency, channels] : by_currency) {
    auto in_currency = [&](const std::string& channel) {
      return std::find(channels.begin(), channels.end(), channel) != channels.end();
    };
    for (std::size_t k = 0; k < std::size(kFeeParts); ++k) {
      const std::string part = kFeeParts[k].metric;
      FigureLine line = summed_line(data, [&](const PointData& p) {
        const auto fee = sum_totals(p, part + ".channel.", in_currency);
        const auto base = sum_totals(p, principal, in_currency);
        std::vector<double> rate(base.size(), kNaN);
        for (std::size_t r = 0; r < base.size() && r < fee.size(); ++r)
          if (base[r] > 0) rate[r] = fee[r] / base[r];
        return rate;
      });
      line.name = fmt::format("{}, {}", kFeeParts[k].label, currency);
      line.colour = series_colour(k);
      line.dash = dash_pattern(currency_index);
      if (any_nonzero(line)) h.lines.push_back(std::move(line));
    }
    ++currency_index;
  }
  return h;
}

}  // namespace

std::vector<Headline> headline_figures(const ReportData& data) {
  std::vector<Headline> out;
  out.push_back(direct(data, "settlement_p50", "Settlement time, median", "settlement", "p50",
                       "h", "days from checkout to seller paid"));
  out.push_back(direct(data, "settlement_p90", "Settlement time, 90th percentile", "settlement",
                       "p90", "h", "days from checkout to seller paid"));
  out.push_back(direct(data, "escrow_float", "Escrow float, time-weighted mean", "escrow_float",
                       "mean", "USD", "money held in escrow (USD)"));
  out.push_back(direct(data, "dispute_rate", "Dispute rate", "dispute_rate", "value", "share",
                       "disputes opened per order placed"));
  out.push_back(refund_routes(data));
  out.push_back(refusals(data));
  out.push_back(fees(data));
  return out;
}

}  // namespace market::report
