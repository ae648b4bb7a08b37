// How the report names and shows things: readable figure names, channel and route labels, the
// fee kinds, and time shown in days everywhere (the files hold hours).
#pragma once

#include <map>
#include <string>

namespace market::report {

// Readable names for whole-run figures ("settlement/p50" -> "settlement time, p50").
const std::map<std::string, std::string>& figure_names();
// The name of (metric, statistic): figure_names()'s, or the metric with spaces.
std::string figure_name(const std::string& metric, const std::string& statistic);

// "phone_mts" -> "phone mts"
std::string pretty(std::string name);
// "qiwi/original_method" -> "qiwi → original method"
std::string route_label(const std::string& key);
// A refund destination's dash: original_method solid, the balances dashed, card dotted.
std::string destination_dash(const std::string& destination);

struct FeePart {
  const char* metric;  // fees.csv's column, metrics.csv's `<metric>.channel.<c>`
  const char* label;
};
inline constexpr FeePart kFeeParts[] = {{"fees_buyer", "paid by the buyer"},
                                        {"fees_seller", "paid by the seller"},
                                        {"fees_platform", "paid by the platform"},
                                        {"bank_commission", "bank commission"},
                                        {"fx_spread", "FX conversion spread"}};

// The unit a figure of `unit` is shown in: "d" for hours (the value divided by 24), else unit.
std::string shown_unit(const std::string& unit);
// A value of `unit` in its shown unit.
double shown_value(double v, const std::string& unit);
// The unit's column label: "days", "%", "USD", "" for counts.
std::string unit_heading(const std::string& unit);

}  // namespace market::report
