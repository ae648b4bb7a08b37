#include "models/scenario/values.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "models/scenario/decimal.hpp"

namespace market::scenario {

namespace {

constexpr std::size_t kMessageHead = 600;
constexpr std::size_t kMessageTail = 300;

bool continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

std::string one_line(std::string_view message) {
  std::string out;
  out.reserve(std::min<std::size_t>(message.size(), kMessageHead + kMessageTail + 64));
  for (std::size_t i = 0; i < message.size(); ++i) {
    const char c = message[i];
    const auto u = static_cast<unsigned char>(c);
    if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (u < 0x20 || u == 0x7f) out += fmt::format("\\x{:02x}", u);
    // C1 controls (U+0080..U+009F, UTF-8 C2 80..C2 9F): NEL ends a line for Unicode readers.
    else if (u == 0xC2 && i + 1 < message.size() && static_cast<unsigned char>(message[i + 1]) <= 0x9F &&
             continuation(message[i + 1])) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned char>(message[++i]));
    } else {
      out += c;
    }
  }
  if (out.size() <= kMessageHead + kMessageTail + 64) return out;
  // A very long message (a 10 MB value quoted) keeps its start (file, line, key) and its end
  // (the reason), cut at character boundaries.
  std::size_t head = kMessageHead;
  while (head > 0 && continuation(out[head])) --head;
  std::size_t tail = out.size() - kMessageTail;
  while (tail < out.size() && continuation(out[tail])) ++tail;
  return fmt::format("{} [... {} bytes cut ...] {}", out.substr(0, head), tail - head, out.substr(tail));
}

}  // namespace

ScenarioError::ScenarioError(std::string_view message) : std::runtime_error(one_line(message)) {}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

namespace {

[[noreturn]] void fail(std::string_view what, std::string_view text, std::string_view why) {
  throw ScenarioError(fmt::format("invalid {} \"{}\" ({})", what, text, why));
}

constexpr Int128 kInt64Max = std::numeric_limits<std::int64_t>::max();

struct Unit {
  std::string_view name;
  std::int64_t seconds;  // 0 for working days
};
constexpr Unit kDurationUnits[] = {{"s", 1},       {"m", 60},      {"min", 60},      {"h", 3600},
                                   {"d", 86400},   {"w", 604800},  {"wd", 0}};

}  // namespace

Money parse_money(std::string_view text) {
  const std::string_view t = trim(text);
  const auto space = t.find_first_of(" \t");
  if (space == std::string_view::npos) {
    fail("money", t, "expected an amount and a currency, e.g. \"15000 RUB\"");
  }
  const std::string_view amount = t.substr(0, space);
  const std::string_view code = trim(t.substr(space));
  const auto currency = parse_currency(code);
  if (!currency) fail("money", t, fmt::format("unknown currency \"{}\" (use USD, RUB or CNY)", code));
  const auto d = parse_decimal(amount);
  if (!d) fail("money", t, "amount must be a decimal number");
  const std::int64_t per = minor_per_major(*currency);
  int minor_digits = 0;
  for (std::int64_t p = per; p > 1; p /= 10) ++minor_digits;
  if (d->fraction_digits > minor_digits) {
    fail("money", t, fmt::format("{} has at most {} decimal digits", code, minor_digits));
  }
  Int128 minor = d->mantissa;
  for (int i = d->fraction_digits; i < minor_digits; ++i) {
    minor *= 10;
    if (minor > kInt64Max) break;
  }
  if (minor > kInt64Max) fail("money", t, "amount out of range");
  return Money(static_cast<std::int64_t>(d->negative ? -minor : minor), *currency);
}

Duration parse_duration(std::string_view text, bool allow_negative) {
  const std::string_view t = trim(text);
  const auto unit_pos = t.find_first_not_of("+-0123456789.");
  if (unit_pos == std::string_view::npos || unit_pos == 0) {
    fail("duration", t, "expected a number and a unit: s, m, h, d, w or wd");
  }
  const std::string_view number = trim(t.substr(0, unit_pos));
  const std::string_view unit_name = trim(t.substr(unit_pos));
  const Unit* unit = nullptr;
  for (const Unit& u : kDurationUnits) {
    if (u.name == unit_name) unit = &u;
  }
  if (unit == nullptr) fail("duration", t, "unit must be s, m, h, d, w or wd");
  const auto d = parse_decimal(number);
  if (!d) fail("duration", t, "expected a number before the unit");
  if (d->negative && !allow_negative) fail("duration", t, "must not be negative");
  if (unit->seconds == 0) {
    if (d->fraction_digits > 0 && d->mantissa % pow10(d->fraction_digits) != 0) {
      fail("duration", t, "working days must be whole");
    }
    const Int128 days = d->mantissa / pow10(d->fraction_digits);
    if (days > kInt64Max) fail("duration", t, "out of range");
    return Duration{static_cast<std::int64_t>(d->negative ? -days : days), true};
  }
  const Int128 scaled = d->mantissa * unit->seconds;
  const Int128 den = pow10(d->fraction_digits);
  if (scaled % den != 0) fail("duration", t, "must be a whole number of seconds");
  const Int128 secs = scaled / den;
  if (secs > kInt64Max) fail("duration", t, "out of range");
  return Duration{static_cast<std::int64_t>(d->negative ? -secs : secs), false};
}

BasisPoints parse_rate(std::string_view text, bool allow_negative) {
  const std::string_view t = trim(text);
  std::string_view number;
  Int128 bp_per_unit = 0;  // bp per unit of the written number
  if (t.ends_with("bp")) {
    number = trim(t.substr(0, t.size() - 2));
    bp_per_unit = 1;
  } else if (t.ends_with("%")) {
    number = trim(t.substr(0, t.size() - 1));
    bp_per_unit = 100;
  } else {
    fail("rate", t, "unit must be % or bp");
  }
  const auto d = parse_decimal(number);
  if (!d) fail("rate", t, "expected a number before the unit");
  if (d->negative && !allow_negative) fail("rate", t, "must not be negative");
  const Int128 scaled = d->mantissa * bp_per_unit;
  const Int128 den = pow10(d->fraction_digits);
  if (scaled % den != 0) fail("rate", t, "finer than 1 bp");
  const Int128 bp = scaled / den;
  if (bp > kInt64Max) fail("rate", t, "out of range");
  return BasisPoints{static_cast<std::int64_t>(d->negative ? -bp : bp)};
}

double parse_probability(std::string_view text) {
  const std::string_view t = trim(text);
  const bool percent = t.ends_with("%");
  const std::string_view number = percent ? trim(t.substr(0, t.size() - 1)) : t;
  const auto value = parse_real(number);
  if (!value) fail("probability", t, "expected a number such as 0.1 or 10%");
  const double p = percent ? *value / 100.0 : *value;
  if (!(p >= 0.0 && p <= 1.0)) fail("probability", t, "must be between 0 and 1");
  return p;
}

double parse_number(std::string_view text) {
  const std::string_view t = trim(text);
  const auto value = parse_real(t);
  if (!value) fail("number", t, "expected a plain number such as 2000 or 1.5");
  if (*value < 0) fail("number", t, "must not be negative");
  return *value;
}

std::vector<double> parse_number_list(std::string_view text) {
  std::vector<double> out;
  const std::string_view t = trim(text);
  if (t.empty()) return out;
  std::size_t start = 0;
  while (true) {
    const auto comma = t.find(',', start);
    const std::string_view item = trim(t.substr(start, comma == std::string_view::npos ? comma : comma - start));
    if (item.empty()) fail("number list", t, "empty item");
    out.push_back(parse_number(item));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

std::int64_t parse_integer(std::string_view text) {
  const std::string_view t = trim(text);
  std::string_view digits = t;
  if (digits.starts_with('+')) digits.remove_prefix(1);
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || ec == std::errc::result_out_of_range) {
    fail("integer", t, digits.empty() ? "empty" : "out of range");
  }
  if (ec != std::errc() || end != digits.data() + digits.size()) {
    fail("integer", t, "expected a whole number");
  }
  return value;
}

bool parse_bool(std::string_view text) {
  const std::string_view t = trim(text);
  for (std::string_view yes : {"true", "yes", "on", "1"}) {
    if (t == yes) return true;
  }
  for (std::string_view no : {"false", "no", "off", "0"}) {
    if (t == no) return false;
  }
  fail("boolean", t, "use true or false");
}

ShareList parse_shares(std::string_view text) {
  const std::string_view t = trim(text);
  ShareList out;
  std::set<std::string, std::less<>> seen;
  double sum = 0;
  std::string_view rest = t;
  while (true) {
    const auto comma = rest.find(',');
    const std::string_view item = trim(rest.substr(0, comma));
    const auto colon = item.find(':');
    if (colon == std::string_view::npos) {
      fail("share list", t, fmt::format("expected name:weight, got \"{}\"", item));
    }
    const std::string name(trim(item.substr(0, colon)));
    if (name.empty() || name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-") !=
                            std::string::npos) {
      fail("share list", t, fmt::format("bad name \"{}\" (lower case letters, digits, _ and -)", name));
    }
    if (!seen.insert(name).second) fail("share list", t, fmt::format("\"{}\" appears twice", name));
    double weight = 0;
    try {
      weight = parse_probability(item.substr(colon + 1));
    } catch (const ScenarioError& e) {
      fail("share list", t, fmt::format("weight of \"{}\": {}", name, e.what()));
    }
    sum += weight;
    out.shares.push_back(Share{name, weight});
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  if (std::abs(sum - 1.0) > 1e-9) fail("share list", t, fmt::format("shares sum to {:.10g}, not 1", sum));
  return out;
}

}  // namespace market::scenario
