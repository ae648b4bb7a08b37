// A distribution of amounts in one currency: what a buyer's card or wallet holds (channel.*.funds)
// and the scenario's dist(money) values. Samples are minor units of `currency`.
#pragma once

#include <functional>
#include <string>

#include "models/money/money.hpp"
#include "sim/distribution.hpp"

namespace sim { class Rng; }

namespace market {

struct MoneyDistribution {
  sim::Distribution dist;
  Currency currency = Currency::USD;
};

// One draw as an amount: rounded to the nearest minor unit (halves away from zero), never below
// zero (a normal's tail), and at most INT64_MAX / 4 minor units.
Money draw_money(const MoneyDistribution& d, sim::Rng& rng);

// The canonical text the scenario parser reads back: "uniform(500.00 RUB, 600.00 RUB)",
// "lognormal(median=120.00 USD, sigma=1.2)", inline empirical values. Throws std::logic_error for
// a figure that is not whole minor units (a distribution built in code that no file can write).
std::string money_distribution_text(const MoneyDistribution& d);
// The value language's text of any distribution ("lognormal(median=..., sigma=1)"), each of its
// figures written by `number` (a money, duration or plain number).
std::string distribution_text(const sim::Distribution& v, const std::function<std::string(double)>& number);

}  // namespace market
