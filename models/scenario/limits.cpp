#include "models/scenario/limits.hpp"

#include <cmath>

#include <fmt/format.h>

namespace market::scenario {
namespace {

// What a value of the type counts in: a distribution's draws, a list's items.
enum class Drawn { Duration, Money, Rate, Probability, Integer, Number, None };

Drawn drawn_of(ValueType t) {
  switch (t) {
    case ValueType::Duration:
    case ValueType::DurationDistribution: return Drawn::Duration;
    case ValueType::Money:
    case ValueType::MoneyDistribution:
    case ValueType::MoneyDistributionOrNone: return Drawn::Money;
    case ValueType::Rate: return Drawn::Rate;
    case ValueType::Probability: return Drawn::Probability;
    case ValueType::Integer: return Drawn::Integer;
    case ValueType::Number:
    case ValueType::NumberList:
    case ValueType::NumberDistribution: return Drawn::Number;
    default: return Drawn::None;
  }
}

// A bound text as a number in the value's own terms: seconds, minor units (of `currency`),
// basis points, the probability, the integer, the number.
double bound_number(Drawn d, const std::string& text, Currency currency) {
  switch (d) {
    case Drawn::Duration: return static_cast<double>(parse_duration(text, true).value);
    case Drawn::Money: {
      const Money m = parse_money(text);
      return static_cast<double>(m.minor()) / static_cast<double>(minor_per_major(m.currency())) *
             static_cast<double>(minor_per_major(currency));
    }
    case Drawn::Rate: return static_cast<double>(parse_rate(text, true).bp);
    case Drawn::Probability: return parse_probability(text);
    case Drawn::Integer: return static_cast<double>(parse_integer(text));
    case Drawn::Number: return parse_number(text);
    case Drawn::None: break;
  }
  return 0;
}

// A bound as the message shows it: money bounds in the value's currency.
std::string bound_text(Drawn d, const std::string& text, Currency currency) {
  if (d != Drawn::Money) return text;
  const Money m = parse_money(text);
  return fmt::format("{} {}", m.minor() / minor_per_major(m.currency()), currency_code(currency));
}

// A drawn figure for a message: "2210.5d", "0.003 USD", "1.5".
std::string figure(Drawn d, double x, Currency currency) {
  if (d == Drawn::Duration) {
    if (std::fabs(x) >= 86400) return fmt::format("{:.6g}d", x / 86400);
    return fmt::format("{:.6g}s", x);
  }
  if (d == Drawn::Money) {
    return fmt::format("{:.6g} {}", x / static_cast<double>(minor_per_major(currency)), currency_code(currency));
  }
  return fmt::format("{:.6g}", x);
}

const sim::Distribution* distribution_of(const Value& v) {
  if (const auto* x = std::get_if<DurationDistribution>(&v)) return &x->dist;
  if (const auto* x = std::get_if<MoneyDistribution>(&v)) return &x->dist;
  if (const auto* x = std::get_if<NumberDistribution>(&v)) return &x->dist;
  if (const auto* x = std::get_if<MoneyDistributionOrNone>(&v)) return x->dist ? &x->dist->dist : nullptr;
  return nullptr;
}

// A scalar value as a number in its own terms, and its currency (money).
std::optional<double> scalar_number(const Value& v, Currency& currency) {
  if (const auto* x = std::get_if<Money>(&v)) {
    currency = x->currency();
    return static_cast<double>(x->minor());
  }
  // A working day spans at least one calendar day; a week of five spans seven.
  if (const auto* x = std::get_if<Duration>(&v))
    return x->working_days ? static_cast<double>(x->value) * 86400.0 * 7.0 / 5.0 : static_cast<double>(x->value);
  if (const auto* x = std::get_if<BasisPoints>(&v)) return static_cast<double>(x->bp);
  if (const auto* x = std::get_if<Probability>(&v)) return x->value;
  if (const auto* x = std::get_if<Integer>(&v)) return static_cast<double>(x->value);
  if (const auto* x = std::get_if<Number>(&v)) return x->value;
  return std::nullopt;
}

// Normal, lognormal and exponential draws have tails; the other kinds draw inside their support.
bool has_tails(const sim::Distribution& d) {
  return d.kind == sim::DistKind::Normal || d.kind == sim::DistKind::Lognormal ||
         d.kind == sim::DistKind::Exponential;
}

std::string drawn_figure(Drawn d, const sim::Distribution& dist, double x, Currency currency, bool above) {
  if (!std::isfinite(x)) return "an infinite value";
  if (!has_tails(dist)) return figure(d, x, currency);
  return fmt::format("{} or {} once in 1e18 draws", figure(d, x, currency), above ? "more" : "less");
}

std::optional<std::string> distribution_violation(const KeySpec& spec, Drawn d, const sim::Distribution& dist,
                                                  Currency currency) {
  const sim::Range likely = sim::likely_range(dist);
  if (spec.max && likely.hi > bound_number(d, *spec.max, currency)) {
    return fmt::format("draws {}, above the maximum {}", drawn_figure(d, dist, likely.hi, currency, true),
                       bound_text(d, *spec.max, currency));
  }
  if (spec.min) {
    const double lo = bound_number(d, *spec.min, currency);
    if (spec.min_exclusive ? !(likely.lo > lo) : likely.lo < lo) {
      return fmt::format("draws {}, {} {}", drawn_figure(d, dist, likely.lo, currency, false),
                         spec.min_exclusive ? "not above the minimum" : "below the minimum",
                         bound_text(d, *spec.min, currency));
    }
  }
  // Inside the bounds but for 1e-18 of the draws: the rest must still stay far from overflow.
  const sim::Range reach = sim::reachable_range(dist);
  if (!(reach.hi <= kMaxReachable) || !(reach.lo >= -kMaxReachable)) {
    const double x = reach.hi <= kMaxReachable ? reach.lo : reach.hi;
    return fmt::format("can draw {} at the farthest, beyond any value a run can hold",
                       std::isfinite(x) ? figure(d, x, currency) : "an infinite value");
  }
  return std::nullopt;
}

}  // namespace

Bounds unit_bounds(ValueType type) {
  const std::string count = fmt::format("{}", kMaxCount);
  const std::string ratio = fmt::format("{}", kMaxRatio);
  const std::string days = fmt::format("{}d", kMaxDurationDays);
  const std::string money = fmt::format("{} USD", kMaxMoneyMajor);
  switch (type) {
    case ValueType::Duration: return {std::nullopt, days, false};
    case ValueType::DurationDistribution: return {"0s", days, false};
    case ValueType::Money: return {std::nullopt, money, false};
    case ValueType::MoneyDistribution:
    case ValueType::MoneyDistributionOrNone: return {"0 USD", money, true};
    case ValueType::Rate: return {std::nullopt, "100%", false};
    case ValueType::Integer: return {"0", count, false};
    case ValueType::Number:
    case ValueType::NumberList: return {std::nullopt, ratio, false};
    case ValueType::NumberDistribution: return {"0", ratio, false};
    default: return {};
  }
}

std::optional<std::string> bound_violation(const KeySpec& spec, const Value& value) {
  const Drawn d = drawn_of(spec.type);
  if (d == Drawn::None || (!spec.min && !spec.max)) return std::nullopt;
  if (const sim::Distribution* dist = distribution_of(value)) {
    const auto* m = std::get_if<MoneyDistribution>(&value);
    const auto* o = std::get_if<MoneyDistributionOrNone>(&value);
    const Currency currency = m != nullptr ? m->currency : o != nullptr ? o->dist->currency : Currency::USD;
    return distribution_violation(spec, d, *dist, currency);
  }
  if (const auto* list = std::get_if<NumberList>(&value)) {
    for (const double x : list->values) {
      if (spec.max && x > bound_number(d, *spec.max, Currency::USD))
        return fmt::format("holds {}, above the maximum {}", x, *spec.max);
      if (spec.min && x < bound_number(d, *spec.min, Currency::USD))
        return fmt::format("holds {}, below the minimum {}", x, *spec.min);
    }
    return std::nullopt;
  }
  Currency currency = Currency::USD;
  const auto x = scalar_number(value, currency);
  if (!x) return std::nullopt;
  if (spec.max && *x > bound_number(d, *spec.max, currency))
    return fmt::format("is above the maximum {}", bound_text(d, *spec.max, currency));
  if (spec.min) {
    const double lo = bound_number(d, *spec.min, currency);
    if (spec.min_exclusive ? !(*x > lo) : *x < lo)
      return fmt::format("is {} the minimum {}", spec.min_exclusive ? "not above" : "below",
                         bound_text(d, *spec.min, currency));
  }
  return std::nullopt;
}

void check_bound_texts(const KeySpec& spec) {
  const Drawn d = drawn_of(spec.type);
  for (const auto& text : {spec.min, spec.max})
    if (text) bound_number(d, *text, Currency::USD);
}

}  // namespace market::scenario
