// Currency conversion at a dated rate. Invoices are in dollars and ruble payments convert at
// the day's rate (000:71, 000:106, 000:112, 000:141); the level and its daily movement are
// scenario parameters (ASSUMPTION). Rates are fixed-point integers: no double touches money.
#pragma once

#include <cstdint>
#include <vector>

#include "models/money.hpp"
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

// One rate per day per currency, drawn at construction as a random walk over `days` days
// (a day past the end keeps the last rate), so a run's rates do not depend on event order.
class FxTable {
 public:
  FxTable(const FxParams& p, int days, sim::Rng& rng);
  FxRate rate(Currency quote, sim::Time at) const;  // quote per USD on the day of `at`
  // Converts with the one rounding rule (nearest minor unit, halves away from zero).
  Money convert(Money amount, Currency to, sim::Time at) const;

 private:
  std::vector<FxRate> per_day_[kCurrencyCount];
};

}  // namespace market
