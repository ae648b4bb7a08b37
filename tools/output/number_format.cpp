#include "tools/output/number_format.hpp"

#include <cmath>

#include <fmt/format.h>

#include "models/money/money.hpp"

namespace market {
namespace {

int minor_digits(Currency c) {
  int d = 0;
  for (std::int64_t per = minor_per_major(c); per > 1; per /= 10) ++d;
  return d;
}

std::string fixed(double x, int decimals) {
  if (!std::isfinite(x)) return {};
  std::string s = fmt::format("{:.{}f}", x, decimals);
  if (s.front() == '-' && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
  return s;
}

}  // namespace

int decimals_of(std::string_view unit) {
  if (unit == "h") return 4;
  if (unit == "share") return 6;
  if (const auto c = parse_currency(unit)) return minor_digits(*c);
  return 4;
}

std::string format_real(double x, std::string_view unit) { return fixed(x, decimals_of(unit)); }

std::string format_cell(const MetricKey& k, const MetricValue& v) {
  switch (k.kind) {
    case MetricKind::Count: return fmt::format("{}", v.exact);
    case MetricKind::Money: return format_amount(Money(v.exact, k.currency));
    case MetricKind::Real: break;
  }
  // A histogram quantile carries the digits of its resolution (models/metrics/metrics.hpp).
  if (k.resolution > 0) return format_significant(v.real, significant_digits(k.resolution));
  return format_real(v.real, k.unit);
}

std::string format_plain(double x) {
  if (!std::isfinite(x)) return {};
  if (x == std::trunc(x) && std::fabs(x) < 1e15) return fmt::format("{:.0f}", x);
  return fixed(x, 6);
}

}  // namespace market
