// The key figures every terminal summary and summary.csv show, how they are found among a
// point's metrics, and how the terminal prints a number.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/experiment/experiment.hpp"

namespace market {

struct KeyFigure {
  const char* column;  // summary.csv
  const char* label;   // terminal table
  const char* metric;
  const char* statistic;
};

inline constexpr KeyFigure kKeyFigures[] = {
    {"orders_placed", "orders placed (after warm-up)", "orders_placed", "total"},
    {"settlement_mean_h", "settlement, mean (h)", "settlement", "mean"},
    {"settlement_p50_h", "settlement, p50 (h)", "settlement", "p50"},
    {"settlement_p90_h", "settlement, p90 (h)", "settlement", "p90"},
    {"settlement_p99_h", "settlement, p99 (h)", "settlement", "p99"},
    {"disputes_opened", "disputes opened", "disputes_opened", "total"},
    {"dispute_rate", "dispute rate", "dispute_rate", "value"},
    {"disputes_escalated_share", "escalated share", "disputes_escalated", "share"},
    {"dispute_duration_mean_h", "dispute duration, mean (h)", "dispute_duration", "mean"},
    {"dispute_refunded_usd", "refunded in disputes (USD)", "dispute_refunded", "total"},
    {"nondelivery_refund_mean_h", "non-delivery refund, mean (h)",
     "refund_latency.kind.nondelivery", "mean"},
    {"dispute_refund_mean_h", "dispute refund, mean (h)", "refund_latency.kind.dispute", "mean"},
    {"escrow_float_mean_usd", "escrow float, time-weighted mean (USD)", "escrow_float", "mean"},
    {"abandoned", "orders abandoned after a refusal", "abandoned", "total"},
    {"double_debits", "double debits", "double_debits", "total"},
    {"chargebacks_filed", "chargebacks filed", "chargebacks_filed", "total"},
    {"chargeback_losses_usd", "chargeback losses (USD)", "chargeback_losses", "total"},
    {"warmup_mser5_escrow_h", "warm-up MSER-5 suggests, escrow (h)",
     "warmup_suggested.series.escrow_held", "mser5"},
    {"warmup_mser5_in_flight_h", "warm-up MSER-5 suggests, in flight (h)",
     "warmup_suggested.series.orders_in_flight", "mser5"},
};

// The index of (metric name, statistic) among the point's keys.
std::optional<std::size_t> find_metric(const PointResult& p, std::string_view metric,
                                       std::string_view statistic);

// Metric i of every replication, as doubles (NaN where not observed), in replication order.
std::vector<double> metric_column(const PointResult& p, std::size_t i);

// For the terminal: about four significant digits, never an exponent for everyday magnitudes.
std::string readable(double x);

}  // namespace market
