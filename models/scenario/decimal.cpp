#include "models/scenario/decimal.hpp"

#include <charconv>
#include <cmath>

namespace market::scenario {

std::optional<Decimal> parse_decimal(std::string_view text) {
  Decimal d;
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
    d.negative = text[i] == '-';
    ++i;
  }
  int digits = 0;
  int significant = 0;
  bool point = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.' && !point) {
      point = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    ++digits;
    if (d.mantissa != 0 || c != '0') ++significant;
    if (significant > 30) return std::nullopt;
    d.mantissa = d.mantissa * 10 + (c - '0');
    if (point) ++d.fraction_digits;
  }
  if (digits == 0 || (point && d.fraction_digits == 0) || d.fraction_digits > 30) return std::nullopt;
  return d;
}

Int128 pow10(int n) {
  Int128 p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

std::optional<double> parse_real(std::string_view text) {
  if (text.starts_with('+')) text.remove_prefix(1);
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

}  // namespace market::scenario
