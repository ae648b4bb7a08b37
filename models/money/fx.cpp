#include "models/money/fx.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "sim/distribution.hpp"

namespace market {

namespace {

__extension__ typedef __int128 Int128;  // GCC/Clang extension; -Wpedantic needs the marker

constexpr std::int64_t kMicro = 1'000'000;

// num / den rounded to the nearest integer, halves away from zero (den > 0).
Int128 divide_rounded(Int128 num, Int128 den) {
  Int128 q = num / den;
  const Int128 r = num % den;
  if (2 * (r < 0 ? -r : r) >= den) q += (num < 0 ? -1 : 1);
  return q;
}

FxRate day0_rate(const FxParams& p, Currency c) {
  switch (c) {
    case Currency::USD: return FxRate{kMicro};
    case Currency::RUB: return p.rub_per_usd;
    case Currency::CNY: return p.cny_per_usd;
  }
  throw std::invalid_argument("fx: unknown currency");
}

}  // namespace

FxTable::FxTable(const FxParams& p, int days) : params_(p) {
  if (days < 1) throw std::invalid_argument("fx: the table needs at least one day");
  if (!(p.daily_volatility >= 0) || !std::isfinite(p.daily_volatility))
    throw std::invalid_argument("fx: daily volatility must be finite and >= 0");
  std::array<FxRate, kCurrencyCount> day0{};
  for (int c = 0; c < kCurrencyCount; ++c) {
    const FxRate r = day0_rate(p, static_cast<Currency>(c));
    if (r.micro <= 0)
      throw std::invalid_argument(
          fmt::format("fx: rate of {} must be positive", currency_code(static_cast<Currency>(c))));
    day0[static_cast<std::size_t>(c)] = r;
  }
  per_day_.reserve(static_cast<std::size_t>(days));
  per_day_.push_back(day0);
}

FxTable::FxTable(const FxParams& p, int days, sim::Rng& rng)
    : FxTable(from_normals(p, days,
                           [&rng, z = sim::normal(0.0, 1.0)] { return sim::sample(z, rng); })) {}

void FxTable::append_day(const double* deviates) {
  std::array<FxRate, kCurrencyCount> row{};
  for (int c = 0; c < kCurrencyCount; ++c) {
    const auto cur = static_cast<Currency>(c);
    if (cur == Currency::USD) {
      row[static_cast<std::size_t>(c)] = FxRate{kMicro};
      continue;
    }
    log_shift_[c] += params_.daily_volatility * deviates[c];
    const double level =
        static_cast<double>(day0_rate(params_, cur).micro) * std::exp(log_shift_[c]);
    if (!(level < 9e18)) throw std::overflow_error("fx: rate walked out of range");
    row[static_cast<std::size_t>(c)] = FxRate{std::max<std::int64_t>(1, std::llround(level))};
  }
  per_day_.push_back(row);
}

FxRate FxTable::rate(Currency quote, sim::Time at) const {
  return day_rates(at)[static_cast<std::size_t>(quote)];
}

Money FxTable::convert(Money amount, Currency to, sim::Time at) const {
  const Currency from = amount.currency();
  if (from == to) return amount;
  // to_minor = from_minor * (to per USD) / (from per USD), each side scaled to minor units.
  // The common case in 64 bits (no 128-bit division call), with the same exact quotient and
  // rounding as below: both products fit, and den <= INT64_MAX / 2 so that 2 * |r| does too.
  const std::array<FxRate, kCurrencyCount>& day = day_rates(at);
  const std::int64_t to_micro = day[static_cast<std::size_t>(to)].micro;
  const std::int64_t from_micro = day[static_cast<std::size_t>(from)].micro;
  if (std::int64_t scaled, num, den;
      !__builtin_mul_overflow(amount.minor(), minor_per_major(to), &scaled) &&
      !__builtin_mul_overflow(scaled, to_micro, &num) &&
      !__builtin_mul_overflow(minor_per_major(from), from_micro, &den) && den <= INT64_MAX / 2) {
    std::int64_t q = num / den;
    const std::int64_t r = num % den;
    if (2 * (r < 0 ? -r : r) >= den) q += (num < 0 ? -1 : 1);
    return Money(q, to);
  }
  const Int128 num = static_cast<Int128>(amount.minor()) * minor_per_major(to) * to_micro;
  const Int128 den = static_cast<Int128>(minor_per_major(from)) * from_micro;
  const Int128 q = divide_rounded(num, den);
  if (q > INT64_MAX || q < INT64_MIN)
    throw std::overflow_error(fmt::format("fx: {} does not fit in {}", format_money(amount),
                                          currency_code(to)));
  return Money(static_cast<std::int64_t>(q), to);
}

void throw_bad_exchange(Account from, Account to, Money paid, Money received) {
  for (const Account a : {from, to})
    if (a == Account::Fx || a == Account::Escrow)
      throw std::invalid_argument(
          fmt::format("fx: an exchange cannot start or end at {}", account_name(a)));
  if (paid.currency() == received.currency())
    throw std::invalid_argument(
        fmt::format("fx: an exchange of {} for {}", currency_code(paid.currency()),
                    currency_code(received.currency())));
  throw std::invalid_argument("fx: an exchange of a negative amount");
}

Money post_usd_charge(Ledger& ledger, const FxTable& fx, sim::Time t, Account from, Account to,
                      Money amount, PostingKind kind, std::uint64_t order) {
  if (amount.currency() == Currency::USD) {
    ledger.post(Posting{t, from, to, amount, kind, order});
    return amount;
  }
  const Money usd = fx.convert(amount, Currency::USD, t);
  post_exchange(ledger, t, from, to, usd, amount, kind, order);
  return usd;
}

}  // namespace market
