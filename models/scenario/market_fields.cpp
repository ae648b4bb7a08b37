#include "models/scenario/market_fields.hpp"

#include <charconv>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "models/scenario/limits.hpp"

namespace market::scenario {

std::string scenario_name(std::string_view model_key) {
  std::string s(model_key);
  for (char& c : s) {
    if (c == '.') c = '_';
  }
  return s;
}

ValueType type_of_unit(std::string_view unit) {
  if (unit == "duration") return ValueType::Duration;
  if (unit == "money") return ValueType::Money;
  if (unit == "rate") return ValueType::Rate;
  if (unit == "probability") return ValueType::Probability;
  if (unit == "ratio" || unit == "fxrate") return ValueType::Number;
  if (unit == "count") return ValueType::Integer;
  if (unit == "bool") return ValueType::Bool;
  if (unit == "text" || unit == "date" || unit == "list(date)") return ValueType::String;
  if (unit == "dist(duration)") return ValueType::DurationDistribution;
  if (unit == "dist(money)") return ValueType::MoneyDistribution;
  if (unit == "dist(ratio)") return ValueType::NumberDistribution;
  if (unit == "shares") return ValueType::Shares;
  if (unit == "shares|none") return ValueType::String;  // "none" or a share list
  if (unit == "list(ratio)") return ValueType::NumberList;
  if (unit == "country") return ValueType::Enum;
  throw std::logic_error(fmt::format("scenario binding: unknown unit \"{}\"", unit));
}

namespace {

constexpr Country kCountries[] = {Country::Russia, Country::Ukraine, Country::Kazakhstan,
                                  Country::Belarus, Country::China,  Country::Other};

std::vector<std::string> country_names() {
  std::vector<std::string> names;
  for (Country c : kCountries) names.emplace_back(country_name(c));
  return names;
}

// The schema admits only country_names(), so a loaded value always names one.
std::optional<Country> country_named(std::string_view name) {
  for (Country c : kCountries)
    if (country_name(c) == name) return c;
  return std::nullopt;
}

}  // namespace

std::vector<std::string> allowed_of_unit(std::string_view unit) {
  return unit == "country" ? country_names() : std::vector<std::string>{};
}

void fail_entry(const Entry& e, std::string_view why) {
  throw ScenarioError(fmt::format("{}: {}: {}", e.origin.describe(), e.key, why));
}

namespace {

// The largest unit that divides the duration: "15d", "24h" would print as "1d".
std::string duration_text(std::int64_t s) {
  if (s != 0 && s % sim::kDay == 0) return fmt::format("{}d", s / sim::kDay);
  if (s != 0 && s % sim::kHour == 0) return fmt::format("{}h", s / sim::kHour);
  if (s != 0 && s % 60 == 0) return fmt::format("{}m", s / 60);
  return fmt::format("{}s", s);
}

std::string number_text(double x, std::string_view unit) {
  if (unit == "dist(duration)") {
    if (x != std::floor(x) || std::fabs(x) > 9e15) {
      throw std::logic_error(fmt::format("scenario binding: duration {} is not whole seconds", x));
    }
    return duration_text(static_cast<std::int64_t>(x));
  }
  return fmt::format("{}", x);
}

template <class T>
const T& value_of(const Entry& e) {
  if (const T* v = std::get_if<T>(&e.value)) return *v;
  fail_entry(e, fmt::format("holds a {}, not the type this field needs", type_name(e.type)));
}

std::optional<CivilDate> parse_date(std::string_view t) {
  t = trim(t);
  int y = 0;
  unsigned mo = 0;
  unsigned d = 0;
  auto num = [&](std::string_view s, auto& out) {
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size() && !s.empty();
  };
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  if (!num(t.substr(0, 4), y) || !num(t.substr(5, 2), mo) || !num(t.substr(8, 2), d)) return std::nullopt;
  const CivilDate date{y, mo, d};
  if (!is_valid(date)) return std::nullopt;
  return date;
}

}  // namespace

std::string to_text(bool v, std::string_view) { return v ? "true" : "false"; }
std::string to_text(int v, std::string_view) { return fmt::format("{}", v); }
std::string to_text(std::int64_t v, std::string_view unit) {
  return unit == "duration" ? duration_text(v) : fmt::format("{}", v);
}
std::string to_text(std::uint64_t v, std::string_view) { return fmt::format("{}", v); }
std::string to_text(double v, std::string_view) { return fmt::format("{}", v); }
std::string to_text(const Money& v, std::string_view) { return format_money(v); }

std::string to_text(const sim::Distribution& v, std::string_view unit) {
  if (unit == "dist(money)") return money_distribution_text(MoneyDistribution{v, Currency::USD});
  return distribution_text(v, [&](double x) { return number_text(x, unit); });
}

std::string to_text(const Shares& v, std::string_view unit) {
  if (v.empty() && unit == "shares|none") return "none";
  std::vector<std::string> items;
  for (const auto& [name, w] : v) items.push_back(fmt::format("{}:{}", name, w));
  return fmt::format("{}", fmt::join(items, ", "));
}

std::string to_text(const std::vector<double>& v, std::string_view) { return fmt::format("{}", fmt::join(v, ", ")); }

std::string to_text(const FxRate& v, std::string_view) {
  std::string s = fmt::format("{}.{:06}", v.micro / 1'000'000, v.micro % 1'000'000);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

std::string to_text(const CivilDate& v, std::string_view) {
  return fmt::format("{:04}-{:02}-{:02}", v.year, v.month, v.day);
}

std::string to_text(const std::vector<CivilDate>& v, std::string_view unit) {
  std::vector<std::string> items;
  for (const CivilDate& d : v) items.push_back(to_text(d, unit));
  return fmt::format("{}", fmt::join(items, ", "));
}

std::string to_text(Country v, std::string_view) { return std::string(country_name(v)); }

void from_entry(bool& v, const Entry& e, std::string_view) { v = value_of<Flag>(e).value; }

void from_entry(int& v, const Entry& e, std::string_view) {
  const std::int64_t x = value_of<Integer>(e).value;
  if (x < 0 || x > 1'000'000'000) fail_entry(e, fmt::format("{} is outside 0..1000000000", x));
  v = static_cast<int>(x);
}

void from_entry(std::int64_t& v, const Entry& e, std::string_view unit) {
  if (unit == "duration") {
    const Duration d = value_of<Duration>(e);
    if (d.working_days) fail_entry(e, "working days are not accepted here; give calendar time (d, h, m, s)");
    v = d.value;
    return;
  }
  v = value_of<Integer>(e).value;
}

void from_entry(std::uint64_t& v, const Entry& e, std::string_view) {
  const std::int64_t x = value_of<Integer>(e).value;
  if (x < 0) fail_entry(e, "must not be negative");
  v = static_cast<std::uint64_t>(x);
}

void from_entry(double& v, const Entry& e, std::string_view unit) {
  v = unit == "probability" ? value_of<Probability>(e).value : value_of<Number>(e).value;
}

void from_entry(Money& v, const Entry& e, std::string_view) { v = value_of<Money>(e); }

void from_entry(sim::Distribution& v, const Entry& e, std::string_view unit) {
  if (unit == "dist(duration)") {
    v = value_of<DurationDistribution>(e).dist;
  } else if (unit == "dist(money)") {
    const MoneyDistribution& m = value_of<MoneyDistribution>(e);
    if (m.currency != Currency::USD) fail_entry(e, "amounts must be in USD (invoices are in dollars, 000:106)");
    v = m.dist;
  } else {
    v = value_of<NumberDistribution>(e).dist;
  }
}

void from_entry(Shares& v, const Entry& e, std::string_view unit) {
  v.clear();
  if (unit == "shares|none") {
    const std::string& s = value_of<std::string>(e);
    if (trim(s) == "none") return;
    try {
      for (const Share& sh : parse_shares(s).shares) v.emplace_back(sh.name, sh.weight);
    } catch (const ScenarioError& err) {
      fail_entry(e, fmt::format("{} (or \"none\")", err.what()));
    }
    return;
  }
  for (const Share& s : value_of<ShareList>(e).shares) v.emplace_back(s.name, s.weight);
}

void from_entry(std::vector<double>& v, const Entry& e, std::string_view) { v = value_of<NumberList>(e).values; }

void from_entry(FxRate& v, const Entry& e, std::string_view) {
  const double x = value_of<Number>(e).value;
  if (!(x > 0) || x > 1e9) fail_entry(e, "an exchange rate must be positive and below 1e9");
  v.micro = std::llround(x * 1e6);
}

void from_entry(CivilDate& v, const Entry& e, std::string_view) {
  const auto d = parse_date(value_of<std::string>(e));
  if (!d) fail_entry(e, fmt::format("invalid date \"{}\" (expected YYYY-MM-DD)", e.text));
  v = *d;
}

void from_entry(std::vector<CivilDate>& v, const Entry& e, std::string_view) {
  v.clear();
  const std::string_view t = trim(value_of<std::string>(e));
  std::size_t start = 0;
  while (!t.empty()) {
    const auto comma = t.find(',', start);
    const std::string_view item = trim(t.substr(start, comma == std::string_view::npos ? comma : comma - start));
    const auto d = parse_date(item);
    if (!d) fail_entry(e, fmt::format("invalid date \"{}\" (expected YYYY-MM-DD, comma-separated)", item));
    v.push_back(*d);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
}

void from_entry(Country& v, const Entry& e, std::string_view) {
  if (const auto c = country_named(value_of<std::string>(e))) v = *c;
}

// ---- channel figures ----

namespace {

template <class T>
struct Tag {};

ChannelKeyType key_type(Tag<bool>) { return {ValueType::Bool, {}}; }
ChannelKeyType key_type(Tag<double>) { return {ValueType::Probability, {}}; }
ChannelKeyType key_type(Tag<Currency>) { return {ValueType::Enum, {"USD", "RUB", "CNY"}}; }
ChannelKeyType key_type(Tag<BasisPoints>) { return {ValueType::Rate, {}}; }
ChannelKeyType key_type(Tag<Money>) { return {ValueType::Money, {}}; }
ChannelKeyType key_type(Tag<std::optional<Money>>) { return {ValueType::String, {}}; }
ChannelKeyType key_type(Tag<std::optional<int>>) { return {ValueType::String, {}}; }
ChannelKeyType key_type(Tag<sim::Time>) { return {ValueType::Duration, {}}; }
ChannelKeyType key_type(Tag<sim::Distribution>) { return {ValueType::DurationDistribution, {}}; }
ChannelKeyType key_type(Tag<FeePayer>) { return {ValueType::Enum, {"buyer", "seller", "platform"}}; }
ChannelKeyType key_type(Tag<RefundRoute>) {
  return {ValueType::Enum, {"original_method", "platform_balance", "phone_balance", "card"}};
}
ChannelKeyType key_type(Tag<CountrySet>) { return {ValueType::String, {}}; }
ChannelKeyType key_type(Tag<std::optional<MoneyDistribution>>) { return {ValueType::MoneyDistributionOrNone, {}}; }

void read(bool& v, const Entry& e) { v = value_of<Flag>(e).value; }
void read(double& v, const Entry& e) { v = value_of<Probability>(e).value; }
void read(BasisPoints& v, const Entry& e) { v = value_of<BasisPoints>(e); }
void read(Money& v, const Entry& e) { v = value_of<Money>(e); }
void read(sim::Time& v, const Entry& e) { from_entry(v, e, "duration"); }
void read(sim::Distribution& v, const Entry& e) { v = value_of<DurationDistribution>(e).dist; }
void read(std::optional<MoneyDistribution>& v, const Entry& e) { v = value_of<MoneyDistributionOrNone>(e).dist; }
void read(Currency& v, const Entry& e) { v = *parse_currency(value_of<std::string>(e)); }
void read(FeePayer& v, const Entry& e) {
  const std::string& s = value_of<std::string>(e);
  for (FeePayer p : {FeePayer::Buyer, FeePayer::Seller, FeePayer::Platform}) {
    if (fee_payer_name(p) == s) v = p;
  }
}
void read(RefundRoute& v, const Entry& e) {
  const std::string& s = value_of<std::string>(e);
  for (RefundRoute r : {RefundRoute::OriginalMethod, RefundRoute::PlatformBalance, RefundRoute::PhoneBalance,
                        RefundRoute::Card}) {
    if (refund_route_name(r) == s) v = r;
  }
}
// "none", or country names separated by commas ("russia, ukraine, kazakhstan, belarus").
void read(CountrySet& v, const Entry& e) {
  const std::string& s = value_of<std::string>(e);
  v = {};
  if (trim(s) == "none") return;
  std::string_view rest = s;
  while (true) {
    const auto comma = rest.find(',');
    const std::string_view name = trim(rest.substr(0, comma));
    const auto c = country_named(name);
    if (!c) fail_entry(e, fmt::format("unknown country \"{}\" (one of {}, comma-separated, or \"none\")", name,
                                      fmt::join(country_names(), ", ")));
    v.bits = static_cast<std::uint8_t>(v.bits | CountrySet{*c}.bits);
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
}
void read(std::optional<Money>& v, const Entry& e) {
  const std::string& s = value_of<std::string>(e);
  if (trim(s) == "none") {
    v.reset();
    return;
  }
  try {
    v = parse_money(s);
  } catch (const ScenarioError& err) {
    fail_entry(e, fmt::format("{} (or \"none\")", err.what()));
  }
  if (v->is_negative()) fail_entry(e, fmt::format("\"{}\" must not be negative", s));
  if (v->minor() > kMaxMoneyMajor * minor_per_major(v->currency()))
    fail_entry(e, fmt::format("{} is above the maximum {} {}", s, kMaxMoneyMajor, currency_code(v->currency())));
}
void read(std::optional<int>& v, const Entry& e) {
  const std::string& s = value_of<std::string>(e);
  if (trim(s) == "none") {
    v.reset();
    return;
  }
  std::int64_t x = 0;
  try {
    x = parse_integer(s);
  } catch (const ScenarioError& err) {
    fail_entry(e, fmt::format("{} (or \"none\")", err.what()));
  }
  if (x < 0 || x > 1'000'000'000) fail_entry(e, fmt::format("{} is outside 0..1000000000", x));
  v = static_cast<int>(x);
}

}  // namespace

ChannelKeyType channel_key_type(const ChannelField& f) {
  return std::visit(
      [](auto m) {
        using S = std::remove_reference_t<decltype(std::declval<ChannelParams>().*m)>;
        return key_type(Tag<decltype(S::value)>{});
      },
      f.member);
}

std::string channel_text(const ChannelParams& p, const ChannelField& f) {
  return std::visit(
      [&](auto m) -> std::string {
        const auto& v = (p.*m).value;
        using T = std::remove_cvref_t<decltype(v)>;
        if constexpr (std::is_same_v<T, sim::Time>) return to_text(v, "duration");
        else if constexpr (std::is_same_v<T, sim::Distribution>) return to_text(v, "dist(duration)");
        else return field_value_text(p, f);
      },
      f.member);
}

void channel_from_entry(ChannelParams& p, const ChannelField& f, const Entry& e) {
  std::visit([&](auto m) { read((p.*m).value, e); }, f.member);
}

void set_channel_source(ChannelParams& p, const ChannelField& f, std::string_view source) {
  std::visit([&](auto m) { (p.*m).source = source; }, f.member);
}

}  // namespace market::scenario
