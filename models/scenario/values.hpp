// Parsers for scenario values that carry units: money, durations, rates, probabilities,
// distributions and share lists. Each returns the value or throws ScenarioError with a one-line
// message that quotes the offending text, e.g.
//   invalid duration "3x" (unit must be s, m, h, d, w or wd)
// Each parser stands alone (no schema, no file context) so tests and fuzzers can call it directly.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "models/money/money.hpp"
#include "models/money/money_distribution.hpp"
#include "sim/distribution.hpp"

namespace market::scenario {

class ScenarioError : public std::runtime_error {
 public:
  // Control characters of the message (a quoted value may hold a line break) are written as
  // escapes ("\n", "\x01", C1 controls such as NEL as "\u0085"), so the message stays one line;
  // a message longer than about 1,000 bytes keeps its first 600 and last 300 ("[... N bytes
  // cut ...]" between), so a 10 MB value is not echoed whole.
  explicit ScenarioError(std::string_view message);
};

// Calendar durations are seconds; working-day durations ("7wd") are whole working days, turned
// into time only by a calendar.
struct Duration {
  std::int64_t value = 0;
  bool working_days = false;
  friend bool operator==(const Duration&, const Duration&) = default;
};

struct Probability {
  double value = 0;  // in [0, 1]
};

struct Integer {
  std::int64_t value = 0;
};

// A plain non-negative real number (rates of arrival, multipliers).
struct Number {
  double value = 0;
};

// Plain non-negative real numbers, in the order written: "0.3, 0.2, 1.5"; "" is the empty list.
struct NumberList {
  std::vector<double> values;
};

struct Flag {
  bool value = false;
};

// A distribution of durations: sampled values are seconds.
struct DurationDistribution {
  sim::Distribution dist;
};

// A distribution of amounts: sampled values are minor units of `currency` (models/money).
using market::MoneyDistribution;

// A money distribution, or "none" (no limit: a channel's funds, channel.*.funds).
struct MoneyDistributionOrNone {
  std::optional<MoneyDistribution> dist;
};

// A distribution of plain numbers (counts, multipliers).
struct NumberDistribution {
  sim::Distribution dist;
};

struct Share {
  std::string name;
  double weight = 0;
};

struct ShareList {
  std::vector<Share> shares;  // in the order written; weights sum to 1 within 1e-9
};

// A typed scenario value; String and Enum keys both hold std::string.
using Value = std::variant<Money, Duration, BasisPoints, Probability, DurationDistribution,
                           MoneyDistribution, NumberDistribution, Integer, Flag, std::string,
                           ShareList, Number, NumberList, MoneyDistributionOrNone>;

// "15000 RUB", "0.05 USD": amount, one space or more, currency code. At most the currency's
// minor digits ("1.005 USD" is rejected). A leading '-' is accepted; keys decide on sign.
Money parse_money(std::string_view text);

// "90s", "15m", "15min", "24h", "3d", "2w", "7wd". Decimals only where the result is a whole
// number of seconds ("1.5h"); working days are whole. Negative only when allowed.
Duration parse_duration(std::string_view text, bool allow_negative = false);

// "1.95%", "80bp" -> basis points; nothing finer than 1 bp. Negative only when allowed.
BasisPoints parse_rate(std::string_view text, bool allow_negative = false);

// "0.1" or "10%" -> a probability in [0, 1].
double parse_probability(std::string_view text);

// A finite real number >= 0 in plain or scientific notation, no unit: "2000", "1.3", "5e3".
double parse_number(std::string_view text);

// Comma-separated numbers as parse_number reads them; blank text is the empty list.
std::vector<double> parse_number_list(std::string_view text);

// Decimal integer, optional sign, no unit.
std::int64_t parse_integer(std::string_view text);

// true/false, yes/no, on/off, 1/0.
bool parse_bool(std::string_view text);

// "card:0.5, qiwi:0.2, cash:30%": names with weights (a probability each) summing to 1.
ShareList parse_shares(std::string_view text);

// Distributions: "const(24h)", "uniform(1d, 10d)", "exp(mean=2h)", "exp(2h)",
// "lognormal(median=15d, sigma=0.5)", "normal(mean=3d, sd=1d)", "empirical(file.csv)".
// Arguments may be positional or named (const: value; uniform: min, max; exp: mean;
// lognormal: median, sigma; normal: mean, sd). sigma is a plain number. Two or more values,
// "empirical(1h, 6h, 1d)", are an inline empirical table. An empirical file name
// is resolved against base_dir (a regular file of at most 64 MiB); its lines hold one value
// each (blank lines and '#' comments are skipped; a first line that starts with a letter and
// is not a value is a header, any other line that is not a value an error).
//
// Duration distributions: arguments are calendar durations, file lines durations or plain
// seconds; samples are seconds.
DurationDistribution parse_duration_distribution(std::string_view text,
                                                 const std::filesystem::path& base_dir);
// Money distributions: "lognormal(median=25 USD, sigma=1.0)"; every amount in one currency;
// file lines are amounts with their currency ("12.50 USD"); samples are minor units.
MoneyDistribution parse_money_distribution(std::string_view text,
                                           const std::filesystem::path& base_dir);
// "none", or a money distribution as parse_money_distribution reads it.
MoneyDistributionOrNone parse_money_distribution_or_none(std::string_view text,
                                                         const std::filesystem::path& base_dir);
// Plain number distributions: "uniform(1, 5)", file lines plain numbers.
NumberDistribution parse_number_distribution(std::string_view text,
                                             const std::filesystem::path& base_dir);

// The text with leading and trailing whitespace removed.
std::string_view trim(std::string_view text);

}  // namespace market::scenario
