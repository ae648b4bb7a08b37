#include "models/scenario/market_limits.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "models/scenario/limits.hpp"

namespace market::scenario {
namespace {

[[noreturn]] void fail_at(const Entry& e, std::string_view why) {
  throw ScenarioError(fmt::format("{}: {}: {}", e.origin.describe(), e.key, why));
}

// The key of an entity that best locates it: the first one the user wrote, else `fallback`.
const Entry& written_key_of(const Scenario& sc, const std::string& kind, const std::string& name,
                            std::string_view fallback) {
  const std::string prefix = kind + "." + name + ".";
  for (auto it = sc.entries().lower_bound(prefix); it != sc.entries().end() && it->first.starts_with(prefix); ++it)
    if (it->second.origin.kind != Origin::Kind::Default) return it->second;
  return sc.entry(prefix + std::string(fallback));
}

template <class P>
void check_count(const Scenario& sc, const std::string& kind, const std::vector<P>& items, std::string_view what,
                 std::string_view fallback, auto&& name_of) {
  if (static_cast<int>(items.size()) <= kMaxEntities) return;
  const Entry& e = written_key_of(sc, kind, name_of(items[kMaxEntities]), fallback);
  fail_at(e, fmt::format("{} {}, above the limit {} (an order keeps the index in one byte)", items.size(), what,
                         kMaxEntities));
}

double max_of(const std::vector<double>& v) { return v.empty() ? 1.0 : *std::max_element(v.begin(), v.end()); }
double mean_of(const std::vector<double>& v) {
  double sum = 0;
  for (double x : v) sum += x;
  return v.empty() ? 1.0 : sum / static_cast<double>(v.size());
}

double peak_factor(const ArrivalParams& a) {
  return max_of(a.hourly) * max_of(a.weekly) * (a.sale_days.empty() ? 1.0 : std::max(1.0, a.sale_factor));
}

void check_transit(const Scenario& sc, const MarketParams& m) {
  const double limit = static_cast<double>(kMaxDurationDays) * sim::kDay;
  for (const RouteParams& r : m.routes)
    for (const CarrierParams& c : m.carriers) {
      const double hi = sim::likely_range(c.transit).hi * r.transit_factor;
      if (hi > limit)
        fail_at(sc.entry("route." + r.name + ".transit_factor"),
                fmt::format("{} times carrier {}'s transit (up to {:.6g}d) is {:.6g}d, above the maximum {}d",
                            r.transit_factor, c.name, sim::likely_range(c.transit).hi / sim::kDay, hi / sim::kDay,
                            kMaxDurationDays));
    }
}

// The walk's likely range: day-0 rate times exp(+-8.76 sd of the log after the horizon's days).
double walk_spread(const FxParams& fx, const RunParams& run) {
  const double days = static_cast<double>(run.horizon / sim::kDay + 1);
  return std::exp(sim::kLikelyZ * fx.daily_volatility * std::sqrt(days));
}

void check_fx(const Scenario& sc, const MarketParams& m, const RunParams& run) {
  const double spread = walk_spread(m.fx, run);
  const struct {
    const char* key;
    const char* code;
    FxRate rate;
  } rates[] = {{"fx.rub_per_usd", "RUB", m.fx.rub_per_usd}, {"fx.cny_per_usd", "CNY", m.fx.cny_per_usd}};
  for (const auto& r : rates) {
    const double day0 = static_cast<double>(r.rate.micro) / 1e6;
    if (day0 * spread > 1e9 || day0 / spread < 1e-4) {
      const Entry& vol = sc.entry("fx.daily_volatility");
      const Entry& e = vol.origin.kind != Origin::Kind::Default ? vol : sc.entry(r.key);
      fail_at(e, fmt::format("over {} days the rate walk can take {} per USD from {} to {:.3g} .. {:.3g} "
                             "(8.76 sd), outside 0.0001 .. 1e9",
                             run.horizon / sim::kDay + 1, r.code, day0, day0 / spread, day0 * spread));
    }
  }
}

void check_work(const LoadedScenario& l) {
  const Scenario& sc = l.effective;
  const MarketParams& m = l.market;
  const double candidates = arrival_candidates(m, l.run);
  const auto where = [&]() -> const Entry& {
    for (const char* k : {"arrivals.orders_per_day", "run.horizon", "arrivals.sale_factor"})
      if (sc.entry(k).origin.kind != Origin::Kind::Default) return sc.entry(k);
    return sc.entry("arrivals.orders_per_day");
  };
  if (candidates > kMaxCandidatesPerReplication)
    fail_at(where(), fmt::format("a replication would draw {:.3g} arrival candidates (orders a day x the peak "
                                 "hourly, weekly and sale-day factor x {} days), above the limit {:.0e}",
                                 candidates, l.run.horizon / sim::kDay, kMaxCandidatesPerReplication));
  const double job = candidates * l.replications;
  if (job > kMaxCandidatesPerJob)
    fail_at(sc.entry("run.replications"),
            fmt::format("{} replications of {:.3g} arrival candidates each are {:.3g}, above the limit {:.0e}",
                        l.replications, candidates, job, kMaxCandidatesPerJob));
  // Money: every order's value passes through the ledger's accounts, in the dearest currency.
  const double rate = std::max({1.0, static_cast<double>(m.fx.rub_per_usd.micro) / 1e6,
                                static_cast<double>(m.fx.cny_per_usd.micro) / 1e6}) *
                      walk_spread(m.fx, l.run);
  const double orders = l.run.max_orders > 0 ? std::min(candidates, static_cast<double>(l.run.max_orders)) : candidates;
  const double flow = 4.0 * orders * sim::mean(m.buyers.order_value) * rate;
  if (flow > static_cast<double>(std::numeric_limits<std::int64_t>::max()))
    fail_at(sc.entry("buyers.order_value"),
            fmt::format("{:.3g} orders of {:.2f} USD on average at up to {:.3g} per USD would move {:.3g} minor units, "
                        "beyond the ledger's 9.2e18",
                        orders, sim::mean(m.buyers.order_value) / 100, rate, flow));
}

// Day-0 value in USD millionths of a minor unit: comparable across currencies.
double usd_value(const Money& money, const FxParams& fx) {
  const double per_usd = money.currency() == Currency::RUB   ? static_cast<double>(fx.rub_per_usd.micro)
                         : money.currency() == Currency::CNY ? static_cast<double>(fx.cny_per_usd.micro)
                                                             : 1e6;
  return static_cast<double>(money.minor()) / per_usd;
}

void check_channel_limits(const Scenario& sc, const MarketParams& m) {
  for (const ChannelParams& c : m.channels) {
    const auto& lo = c.min_order.value;
    const auto& hi = c.max_order.value;
    if (!lo || !hi) continue;
    const Entry& e = sc.entry(fmt::format("channel.{}.min_order", c.key));
    if (lo->currency() != hi->currency() && usd_value(*lo, m.fx) > usd_value(*hi, m.fx))
      fail_at(e, fmt::format("{} is above max_order {} at the day-0 rates", format_money(*lo), format_money(*hi)));
    if (lo->currency() == hi->currency() && *lo == *hi && !(c.min_inclusive.value && c.max_inclusive.value))
      fail_at(e, fmt::format("min_order = max_order = {} with an exclusive bound admits no order", format_money(*lo)));
  }
}

}  // namespace

double arrival_candidates(const MarketParams& market, const RunParams& run) {
  const double days = static_cast<double>(run.horizon) / sim::kDay;
  const double at_peak = market.arrivals.orders_per_day * peak_factor(market.arrivals) * days;
  if (run.max_orders == 0) return at_peak;
  // Arrivals stop at max_orders: the candidates it takes to reach them.
  const double mean = mean_of(market.arrivals.hourly) * mean_of(market.arrivals.weekly);
  if (!(mean > 0)) return at_peak;
  return std::min(at_peak, static_cast<double>(run.max_orders) * peak_factor(market.arrivals) / mean);
}

void check_market_limits(const LoadedScenario& l) {
  const Scenario& sc = l.effective;
  const MarketParams& m = l.market;
  const auto by_key = [](const ChannelParams& c) { return c.key; };
  const auto by_name = [](const auto& p) { return p.name; };
  check_count(sc, "channel", m.channels, "channels", "enabled", by_key);
  check_count(sc, "seller", m.sellers, "seller segments", "share", by_name);
  check_count(sc, "carrier", m.carriers, "carriers", "share", by_name);
  check_count(sc, "route", m.routes, "routes", "share", by_name);
  double sellers = 0;
  for (const SellerSegmentParams& s : m.sellers) sellers += s.population;
  if (sellers > kMaxSellers)
    fail_at(written_key_of(sc, "seller", m.sellers.back().name, "population"),
            fmt::format("{:.0f} sellers in all, above the limit {:.0e}", sellers, kMaxSellers));
  check_transit(sc, m);
  check_fx(sc, m, l.run);
  check_work(l);
  check_channel_limits(sc, m);
}

}  // namespace market::scenario
