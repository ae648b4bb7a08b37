#include "models/money/money.hpp"

#include <cstdlib>

#include <fmt/format.h>

namespace market {

std::string_view currency_code(Currency c) {
  switch (c) {
    case Currency::USD: return "USD";
    case Currency::RUB: return "RUB";
    case Currency::CNY: return "CNY";
  }
  return "???";
}

std::optional<Currency> parse_currency(std::string_view code) {
  for (int i = 0; i < kCurrencyCount; ++i) {
    const auto c = static_cast<Currency>(i);
    if (currency_code(c) == code) return c;
  }
  return std::nullopt;
}

CurrencyMismatch::CurrencyMismatch(Currency a, Currency b)
    : std::logic_error(fmt::format("currency mismatch: {} combined with {}", currency_code(a),
                                   currency_code(b))) {}

std::string format_amount(Money m) {
  const std::int64_t per = minor_per_major(m.currency());
  const std::int64_t v = m.minor();
  const std::uint64_t mag = v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
  const auto uper = static_cast<std::uint64_t>(per);
  return fmt::format("{}{}.{:02}", v < 0 ? "-" : "", mag / uper, mag % uper);
}

std::string format_money(Money m) {
  return fmt::format("{} {}", format_amount(m), currency_code(m.currency()));
}

namespace {
__extension__ typedef __int128 Int128;  // GCC/Clang extension; -Wpedantic needs the marker
}  // namespace

Money apply_rate_wide(Money amount, BasisPoints rate) {
  // 128-bit intermediate: amount * bp cannot overflow for any int64 amount and sane rate.
  const Int128 num = static_cast<Int128>(amount.minor()) * rate.bp;
  const Int128 den = 10000;
  Int128 q = num / den;
  const Int128 r = num % den;
  if (2 * (r < 0 ? -r : r) >= den) q += (num < 0 ? -1 : 1);
  return Money(static_cast<std::int64_t>(q), amount.currency());
}

}  // namespace market
