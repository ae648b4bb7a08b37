// Currency conversion at a dated rate. Invoices are in dollars and ruble payments convert at
// the day's rate (000:71, 000:106, 000:112, 000:141); the level and its daily movement are
// scenario parameters (ASSUMPTION). Rates are fixed-point integers: no double touches money.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "models/money/ledger.hpp"
#include "models/money/money.hpp"
#include "models/common/param_meta.hpp"
#include "sim/time.hpp"

namespace sim { class Rng; }

namespace market {

// Units of `quote` per one unit of `base`, times 1e6 (RUB per USD 92.5 -> 92'500'000).
struct FxRate {
  std::int64_t micro = 0;
};

struct FxParams {
  FxRate rub_per_usd{92'500'000};   // ASSUMPTION: level of the day-0 rate
  FxRate cny_per_usd{7'100'000};    // ASSUMPTION
  double daily_volatility = 0.005;  // ASSUMPTION: sd of the daily log-change of each rate
};

// unit "fxrate": the rate as a plain decimal number ("92.5"), stored in micro units.
template <ParamsOf<FxParams> P, class V>
void visit_params(P& p, V&& v) {
  v("rub_per_usd", p.rub_per_usd, ParamMeta{"fxrate", "ASSUMPTION", "RUB per USD on day 0", "0.0001", "1000000"});
  v("cny_per_usd", p.cny_per_usd, ParamMeta{"fxrate", "ASSUMPTION", "CNY per USD on day 0", "0.0001", "1000000"});
  v("daily_volatility", p.daily_volatility,
    ParamMeta{"ratio", "ASSUMPTION", "sd of the daily log-change of each rate", "", "0.2"});
}

// One rate per day per currency, drawn at construction as a random walk over `days` days
// (a day past the end keeps the last rate), so a run's rates do not depend on event order.
// The walk is in log space without drift: rate(day d) = rate(day 0) * exp(volatility * sum of d
// standard normal deviates), rounded to the nearest micro unit; USD is 1 by definition.
class FxTable {
 public:
  FxTable(const FxParams& p, int days, sim::Rng& rng);
  // The same walk from any callable returning standard normal deviates: for each day after day
  // 0, one deviate per non-USD currency in enum order (RUB, then CNY). `days` >= 1.
  template <class NextNormal>
  static FxTable from_normals(const FxParams& p, int days, NextNormal&& next_normal);

  FxRate rate(Currency quote, sim::Time at) const;  // quote per USD on the day of `at`
  int days() const { return static_cast<int>(per_day_.size()); }
  // Converts at the day's cross rate through USD, rounded once with the one rounding rule
  // (nearest minor unit, halves away from zero): 1000 RUB at 92.5 RUB/USD -> 10.81 USD.
  // Throws std::overflow_error if the result does not fit in int64 minor units.
  Money convert(Money amount, Currency to, sim::Time at) const;

 private:
  FxTable(const FxParams& p, int days);  // day 0 only
  void append_day(const double* deviates);  // one standard normal per currency
  // The row of `at`: day 0 up to its end (and before it), the last day after the table's end.
  const std::array<FxRate, kCurrencyCount>& day_rates(sim::Time at) const {
    if (at <= 0) return per_day_.front();
    const auto day = static_cast<std::uint64_t>(at / sim::kDay);
    return day < per_day_.size() ? per_day_[day] : per_day_.back();
  }

  FxParams params_;
  double log_shift_[kCurrencyCount] = {};  // cumulative volatility * deviates so far
  // One row a day, every currency's rate in it (a conversion reads both of its rates at once).
  std::vector<std::array<FxRate, kCurrencyCount>> per_day_;
};

template <class NextNormal>
FxTable FxTable::from_normals(const FxParams& p, int days, NextNormal&& next_normal) {
  FxTable table(p, days);
  for (int d = 1; d < days; ++d) {
    double deviates[kCurrencyCount] = {};
    for (int c = 0; c < kCurrencyCount; ++c)
      if (static_cast<Currency>(c) != Currency::USD) deviates[c] = next_normal();
    table.append_day(deviates);
  }
  return table;
}

// Posts an exchange of currencies through Account::Fx, the one way money changes currency:
// `paid` goes from `from` to Fx and `received` (another currency) from Fx to `to`. Every
// currency stays balanced; Fx holds +paid in one currency and -received in the other, so its
// position is the exchange's gain or loss (with `received` = fx.convert(paid, ...), exactly the
// rounding, under half a minor unit). `from` may equal `to` (buyer funds in rubles become buyer
// funds in dollars, then held in escrow). Throws std::invalid_argument, before posting anything,
// if `from` or `to` is Fx or Escrow, if both amounts are in one currency, or on what
// Ledger::post rejects.
// Inline: most payments post one. The checks are one test; throw_bad_exchange makes them again
// in the documented order, for the message.
[[gnu::cold, gnu::noinline, noreturn]] void throw_bad_exchange(Account from, Account to, Money paid,
                                                              Money received);
inline void post_exchange(Ledger& ledger, sim::Time t, Account from, Account to, Money paid,
                          Money received, PostingKind kind, std::uint64_t order) {
  const auto fx_or_escrow = [](Account a) { return a == Account::Fx || a == Account::Escrow; };
  if (fx_or_escrow(from) || fx_or_escrow(to) || paid.currency() == received.currency() ||
      (paid.minor() | received.minor()) < 0)
    throw_bad_exchange(from, to, paid, received);
  ledger.post(Posting{t, from, Account::Fx, paid, kind, order});
  ledger.post(Posting{t, Account::Fx, to, received, kind, order});
}

// Charges `amount`, stated in any currency (a fine, a chargeback fee), to the dollars of `from`:
// in USD one posting; otherwise `amount` converted at the day's rate of `t` leaves `from` in USD
// and `amount` itself reaches `to`, through post_exchange. Returns the dollars charged, which is
// what a USD total of such charges must add (never the figure in its own currency).
Money post_usd_charge(Ledger& ledger, const FxTable& fx, sim::Time t, Account from, Account to,
                      Money amount, PostingKind kind, std::uint64_t order);

}  // namespace market
