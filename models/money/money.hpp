// Money: integer minor units with a currency. Arithmetic on amounts is integer (fees in basis
// points and FX at fixed-point rates, 128-bit intermediates, one rounding rule: nearest minor
// unit, halves away from zero). Floating point makes an amount in exactly two places, each
// rounded once to a whole cent: a sampled order value (models/market/arrivals.cpp) and a
// dispute's partial fraction of an amount (models/market/dispute.cpp, fraction_of).
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace market {

enum class Currency : std::uint8_t { USD, RUB, CNY };
inline constexpr int kCurrencyCount = 3;

std::string_view currency_code(Currency c);                      // "USD"
std::optional<Currency> parse_currency(std::string_view code);   // exact, upper case
// Minor units per major unit (100 for all three: cents, kopecks, fen).
constexpr std::int64_t minor_per_major(Currency) { return 100; }

// Thrown when arithmetic or comparison mixes two currencies.
class CurrencyMismatch : public std::logic_error {
 public:
  CurrencyMismatch(Currency a, Currency b);
};

// An amount in minor units of one currency. The class guards one invariant: two amounts of
// different currencies never combine; converting is the FX module's job, at a dated rate.
class Money {
 public:
  constexpr Money(std::int64_t minor, Currency c) : minor_(minor), currency_(c) {}
  static constexpr Money zero(Currency c) { return Money(0, c); }
  static constexpr Money major(std::int64_t units, Currency c) {
    return Money(units * minor_per_major(c), c);
  }

  constexpr std::int64_t minor() const { return minor_; }
  constexpr Currency currency() const { return currency_; }
  constexpr bool is_zero() const { return minor_ == 0; }
  constexpr bool is_negative() const { return minor_ < 0; }

  Money operator-() const { return Money(-minor_, currency_); }
  Money& operator+=(Money o) { return *this = *this + o; }
  Money& operator-=(Money o) { return *this = *this - o; }
  friend Money operator+(Money a, Money b) {
    a.require_same(b);
    return Money(a.minor_ + b.minor_, a.currency_);
  }
  friend Money operator-(Money a, Money b) {
    a.require_same(b);
    return Money(a.minor_ - b.minor_, a.currency_);
  }
  friend Money operator*(Money a, std::int64_t n) { return Money(a.minor_ * n, a.currency_); }
  friend bool operator==(Money a, Money b) {
    a.require_same(b);
    return a.minor_ == b.minor_;
  }
  friend bool operator<(Money a, Money b) {
    a.require_same(b);
    return a.minor_ < b.minor_;
  }
  friend bool operator>(Money a, Money b) { return b < a; }
  friend bool operator<=(Money a, Money b) { return !(b < a); }
  friend bool operator>=(Money a, Money b) { return !(a < b); }

 private:
  void require_same(Money o) const {
    if (o.currency_ != currency_) throw CurrencyMismatch(currency_, o.currency_);
  }
  std::int64_t minor_;
  Currency currency_;
};

// "1234.50 USD": major units with exactly the currency's minor digits, '.' as the point.
std::string format_money(Money m);
// The amount alone, "1234.50" / "-0.05": the CSV cell form.
std::string format_amount(Money m);

// A rate in basis points (1 bp = 0.01%): 1.95% is 195 bp, WebMoney's 0.8% is 80 bp.
struct BasisPoints {
  std::int64_t bp = 0;
  friend constexpr bool operator==(BasisPoints, BasisPoints) = default;
};

// The one rounding rule for fees and every other proportional amount in the project:
// amount * bp / 10000, rounded to the nearest minor unit, halves away from zero.
// Example: 1.95% of 100.01 RUB = 195.0195 kopecks -> 1.95 RUB; 1% of 0.50 USD = 0.5 cent -> 0.01 USD.
// Inline: fees are priced several times a payment. The common case in 64 bits (a division by
// a constant); apply_rate_wide (128-bit intermediate) when amount * bp does not fit, with the
// same truncation and rounding.
Money apply_rate_wide(Money amount, BasisPoints rate);
inline Money apply_rate(Money amount, BasisPoints rate) {
  if (rate.bp == 0) return Money::zero(amount.currency());  // most fees: no arithmetic at all
  std::int64_t num = 0;
  if (__builtin_mul_overflow(amount.minor(), rate.bp, &num)) return apply_rate_wide(amount, rate);
  std::int64_t q = num / 10000;
  const std::int64_t r = num % 10000;
  if (2 * (r < 0 ? -r : r) >= 10000) q += (num < 0 ? -1 : 1);
  return Money(q, amount.currency());
}

}  // namespace market
