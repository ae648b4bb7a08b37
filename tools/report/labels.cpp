#include "tools/report/labels.hpp"

#include <algorithm>
#include <utility>

#include <fmt/core.h>

#include "models/metrics/metrics.hpp"

namespace market::report {

const std::map<std::string, std::string>& figure_names() {
  static const std::map<std::string, std::string> names = [] {
    std::map<std::string, std::string> n{
        {"orders_placed/total", "orders placed (after warm-up)"},
        {"settlement/count", "orders settled"},
        {"settlement/mean", "settlement time, mean"},
        {"settlement/max", "settlement time, max"},
        {"disputes_opened/total", "disputes opened"},
        {"disputes_escalated/total", "disputes escalated"},
        {"disputes_escalated/share", "escalated share of disputes"},
        {"dispute_rate/value", "dispute rate (disputes / orders)"},
        {"dispute_refunded/total", "refunded by dispute outcomes"},
        {"dispute_duration/count", "disputes closed"},
        {"dispute_duration/mean", "dispute duration, mean"},
        {"dispute_duration/max", "dispute duration, max"},
        {"refund_latency.kind.nondelivery/mean", "non-delivery auto-refund latency, mean"},
        {"refund_latency.kind.dispute/mean", "dispute refund latency, mean"},
        {"abandoned/total", "orders abandoned after a refusal"},
        {"double_debits/total", "double debits"},
        {"errors_with_debit/total", "errors shown with money debited"},
        {"partially_paid/total", "orders partially paid"},
        {"reconcile_time/count", "double debits reconciled"},
        {"reconcile_time/mean", "time to reconcile a double debit, mean"},
        {"reconcile_time/max", "time to reconcile, max"},
        {"escrow_float/mean", "escrow float, time-weighted mean"},
        {"chargebacks_filed/total", "chargebacks filed"},
        {"chargebacks_won/total", "chargebacks won by the seller"},
        {"chargebacks_lost/total", "chargebacks lost by the seller"},
        {"chargeback_losses/total", "chargeback losses"},
    };
    const std::pair<const char*, const char*> latencies[] = {
        {"settlement", "settlement time"},
        {"dispute_duration", "dispute duration"},
        {"reconcile_time", "time to reconcile"}};
    for (const auto& [metric, label] : latencies)
      for (const auto& q : kLatencyQuantiles)
        n[fmt::format("{}/{}", metric, q.statistic)] = fmt::format("{}, {}", label, q.statistic);
    return n;
  }();
  return names;
}

std::string figure_name(const std::string& metric, const std::string& statistic) {
  const auto it = figure_names().find(metric + "/" + statistic);
  return it != figure_names().end() ? it->second : pretty(metric);
}

std::string pretty(std::string name) {
  std::replace(name.begin(), name.end(), '_', ' ');
  return name;
}

std::string route_label(const std::string& key) {
  const auto slash = key.find('/');
  if (slash == std::string::npos) return pretty(key);
  return pretty(key.substr(0, slash)) + " \u2192 " + pretty(key.substr(slash + 1));
}

std::string destination_dash(const std::string& destination) {
  if (destination == "platform_balance") return "7 4";
  if (destination == "phone_balance") return "10 3 2 3";
  if (destination == "card") return "2 3";
  return "";
}

std::string shown_unit(const std::string& unit) { return unit == "h" ? "d" : unit; }

double shown_value(double v, const std::string& unit) { return unit == "h" ? v / 24 : v; }

std::string unit_heading(const std::string& unit) {
  if (unit == "h" || unit == "d") return "days";
  if (unit == "share") return "%";
  if (unit == "count") return "";
  return unit;
}

}  // namespace market::report
