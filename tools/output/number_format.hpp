// How a number is written in the output files: at the precision it carries, never in
// shortest-round-trip form (17 digits of a 1%-accurate sketch claim what it does not have).
//   counts and exact money: as they are ("42", "1234.50"); hours: 4 decimals (0.36 s, below
//   the clock's 1 s); shares: 6 decimals; a real amount of money (a time-weighted mean, a mean
//   over replications): the currency's minor digits; anything else: 4 decimals.
// Fixed decimals per unit, never exactly three: a comma-decimal spreadsheet import (de-DE) that
// takes '.' for a thousands separator then reads text, never a number 1000 times too large.
// The exception: a histogram quantile (resolution > 0) prints to the significant digits it
// carries (format_significant, 4 at 1%), so one between 1 and 10 has three decimals; such an
// import should read results.xlsx instead (docs/output.md).
#pragma once

#include <string>
#include <string_view>

#include "models/metrics/metrics.hpp"

namespace market {

// Decimals a real value of `unit` is written with ("h" 4, "share" 6, "USD" 2, ...).
int decimals_of(std::string_view unit);

// A real value of `unit` with decimals_of(unit) decimals; "" for NaN or infinity; no "-0.0000".
std::string format_real(double x, std::string_view unit);

// One figure's cell: counts and money exact, a quantile of resolution > 0 to the significant
// digits it carries (format_significant), other reals as format_real of the key's unit.
std::string format_cell(const MetricKey& k, const MetricValue& v);

// A plain number as written for a swept parameter: an integer when whole, else 6 decimals.
std::string format_plain(double x);

}  // namespace market
