// No inert key: every concrete key of the schema, perturbed on a tiny run that exercises it (its
// channel, seller segment, carrier or route takes every order), must change some output figure
// (metrics_of, orders placed, events, end time). A key that cannot is in kInert with the reason;
// a key there that does change something is stale. Keys whose source says NOT SIMULATED must be
// inert, and each of them is listed.
//
// Keys that cannot change a run are marked NOT SIMULATED in their source (so `marketsim sources`
// counts them and `params` shows the reason) and listed in kInert; a "TEST ONLY" row is inert
// only on this tiny run. About 2 s per hundred keys in Release (a 3-day run of 600 orders each).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "models/experiment/experiment.hpp"
#include "models/metrics/metrics.hpp"
#include "models/scenario/market_scenario.hpp"
#include "models/scenario/values.hpp"

using namespace market::scenario;

namespace {

// Keys that change nothing a run reports, by key pattern ("channel.*.usd_only" matches every
// channel), with the reason.
struct Inert {
  std::string_view pattern;
  std::string_view reason;
};

// clang-format off
constexpr Inert kInert[] = {
  {"rules.seller_sees_paid_status", "the seller ships after payment and is paid at release either way"},
  {"channel.*.usd_only", "the channel's currency decides what the buyer pays in"},
  {"run.check_daily", "a check of the invariants, not a model figure"},
  // The platform balance's own rules, and the full-amount rule where the funds are unlimited.
  {"channel.*.balance_cap_unverified", "only the platform balance holds money to cap"},
  {"channel.*.balance_cap_verified", "only the platform balance holds money to cap"},
  {"channel.*.inactivity_close", "only the platform balance closes unused"},
  {"channel.*.abuse_hold_max", "only the platform balance is blocked (checked there)"},
  {"channel.*.withdrawable", "only the platform balance is blocked (checked there)"},
  {"channel.*.full_amount_only", "funds = none: unlimited funds always hold the whole payment"},
  {"channel.platform_balance.funds", "the platform balance pays from the buyer's balance"},
  {"channel.gift_certificate.funds", "a gift certificate pays from the buyer's certificate balance"},
  {"channel.installments.funds", "full_amount_only = false: the funds are not checked"},
  // Fields that mean nothing for a dollar channel: the invoice is in dollars.
  {"channel.western_union.conversion_spread", "a dollar channel converts nothing"},
  {"channel.bank_transfer.conversion_spread", "a dollar channel converts nothing"},
  {"channel.platform_balance.conversion_spread", "a dollar channel converts nothing"},
  {"channel.gift_certificate.conversion_spread", "a dollar channel converts nothing"},
  {"channel.western_union.amount_fixed_at_checkout", "a dollar amount is the invoice on every day"},
  {"channel.bank_transfer.amount_fixed_at_checkout", "a dollar amount is the invoice on every day"},
  {"channel.platform_balance.amount_fixed_at_checkout", "a dollar amount is the invoice on every day"},
  {"channel.gift_certificate.amount_fixed_at_checkout", "a dollar amount is the invoice on every day"},
  // Inert only in this test, each for its own reason (their sources keep their kind).
  {"run.replications", "TEST ONLY: replication 0 is compared; more replications add runs"},
  {"channel.platform_balance.refund_to_balance_allowed", "TEST ONLY: its refund route is the balance already"},
};
// clang-format on

bool matches(std::string_view pattern, std::string_view key) {
  const auto star = pattern.find('*');
  if (star == std::string_view::npos) return pattern == key;
  const std::string_view head = pattern.substr(0, star), tail = pattern.substr(star + 1);
  return key.size() >= head.size() + tail.size() && key.starts_with(head) && key.ends_with(tail);
}

// Keys a wildcard of kInert covers that the model does read: the platform balance's own rules.
constexpr std::string_view kLive[] = {"channel.platform_balance.balance_cap_unverified",
                                      "channel.platform_balance.balance_cap_verified",
                                      "channel.platform_balance.inactivity_close",
                                      "channel.platform_balance.abuse_hold_max",
                                      "channel.platform_balance.withdrawable",
                                      "channel.phone_megafon.full_amount_only",
                                      "channel.phone_beeline.full_amount_only",
                                      "channel.phone_tele2.full_amount_only",
                                      "channel.phone_mts.full_amount_only",
                                      "channel.card.full_amount_only",
                                      "channel.qiwi.full_amount_only",
                                      "channel.webmoney.full_amount_only",
                                      "channel.yandex_money.full_amount_only"};

const Inert* inert_entry(std::string_view key) {
  if (std::find(std::begin(kLive), std::end(kLive), key) != std::end(kLive)) return nullptr;
  for (const Inert& i : kInert)
    if (matches(i.pattern, key)) return &i;
  return nullptr;
}

std::string num(double x) { return fmt::format("{}", x); }

// A value of the key's type that should change what the model does.
std::string perturbed(const KeySpec& k, const Schema& schema) {
  const std::string d = k.default_text.value_or("");
  const auto ek = split_entity_key(k.key);
  const std::string currency = [&] {
    if (!ek || ek->kind != "channel") return std::string("USD");
    const KeySpec* c = schema.find(fmt::format("channel.{}.currency", ek->entity));
    return c && c->default_text ? *c->default_text : std::string("USD");
  }();
  switch (k.type) {
    case ValueType::Bool: return parse_bool(d) ? "false" : "true";
    case ValueType::Probability: {  // halved (never pushes a group of exclusive outcomes above 1)
      const double p = parse_probability(d);
      return num(p == 0 ? 0.2 : p < 0.05 ? p + 0.1 : p / 2);
    }
    case ValueType::Rate: {
      const auto bp = parse_rate(d).bp;
      const auto n = bp == 0 ? 500 : bp * 2;
      return fmt::format("{}.{:02}%", n / 100, n % 100);
    }
    case ValueType::Money: {
      if (k.key.ends_with(".terminal_note")) return fmt::format("0.50 {}", currency);
      const market::Money m = parse_money(d);
      const std::int64_t minor = m.is_zero() ? 1000 : m.minor() * 2 + 100;
      return market::format_money(market::Money(minor, m.currency()));
    }
    case ValueType::Duration: {
      if (k.key.ends_with("filing_window")) return "10d";  // below the filing delays
      if (k.key.ends_with("abuse_hold_max")) return "1d";   // within the tiny run's drain
      const Duration t = parse_duration(d);
      return t.value == 0 ? "2d" : fmt::format("{}s", t.value / 2);
    }
    case ValueType::DurationDistribution: {
      const double mean = sim::mean(parse_duration_distribution(d, ".").dist);
      return fmt::format("const({}s)", static_cast<std::int64_t>(std::max(86400.0, 2 * mean)));
    }
    case ValueType::MoneyDistribution: return "lognormal(median=60.00 USD, sigma=0.5)";
    // Funds: a draw below nearly any payment, or none (unlimited) for a drawn default.
    case ValueType::MoneyDistributionOrNone: return d == "none" ? fmt::format("const(1.00 {})", currency) : "none";
    case ValueType::NumberDistribution: return "const(0.95)";
    case ValueType::Integer: {
      const std::int64_t n = parse_integer(d);
      if (k.key == "run.seed") return std::to_string(n + 1);
      return std::to_string(n > 1 ? 1 : n + 4);
    }
    case ValueType::Number: {
      const double x = parse_number(d);
      return num(x == 0 ? 1.0 : x * 2);
    }
    case ValueType::NumberList: {
      if (k.key.ends_with("sale_days")) return "0, 1, 2";
      const std::vector<double> v = parse_number_list(d);
      std::vector<std::string> out;
      for (std::size_t i = 0; i < v.size(); ++i) out.push_back(num(static_cast<double>(i + 1)));
      return fmt::format("{}", fmt::join(out, ", "));
    }
    case ValueType::Shares: return d.starts_with("card:1") ? "qiwi:1" : "card:1";
    case ValueType::Enum: {
      if (k.unit == "country") return d == "russia" ? "other" : "russia";
      const auto at = std::find(k.allowed.begin(), k.allowed.end(), d);
      const std::size_t i = at == k.allowed.end() ? 0 : static_cast<std::size_t>(at - k.allowed.begin());
      return k.allowed[(i + 1) % k.allowed.size()];
    }
    case ValueType::String: {
      const std::string name = ek ? ek->name : k.key.substr(k.key.rfind('.') + 1);
      if (k.unit == "date") return "2026-03-04";
      if (k.unit == "list(date)") return "2026-01-06, 2026-01-07, 2026-01-08";
      if (name == "channel_shares") return d.starts_with("card:1") ? "union_pay:1" : "card:1";
      if (name == "only_country") return d == "china" ? "none" : "other";
      if (name.ends_with("_count")) return "0";
      if (name == "min_order") return "1000.00 USD";
      if (name.starts_with("max_order") || name.starts_with("balance_cap")) return "1.00 USD";
      if (name == "terminal_max" || name.find("cap_amount") != std::string::npos) return fmt::format("1.00 {}", currency);
      return d == "none" ? fmt::format("1.00 {}", currency) : std::string("none");
    }
  }
  return d;
}

// The sets that make a key's entity take every order.
std::vector<std::string> context_of(const std::string& key, const Schema& schema) {
  std::vector<std::string> sets;
  // Plain sections: what makes the key bind.
  if (key == "arrivals.sale_factor") return {"arrivals.sale_days=0, 1"};
  if (key == "buyers.balance_verified")
    return {"buyers.channel_shares=platform_balance:1", "buyers.order_value=const(600.00 USD)", "route.ru.share=1",
            "route.br.share=0", "route.other.share=0", "route.cn.share=0"};
  if (key == "buyers.cash_at_terminal")
    return {"buyers.channel_shares=cash:1", "buyers.order_value=const(200.00 USD)", "route.ru.share=1",
            "route.br.share=0", "route.other.share=0", "route.cn.share=0"};
  // Blocked accounts: every buyer blocked at the first dispute, every seller fraudulent.
  if (key == "buyers.block_after_disputes" || key == "channel.platform_balance.abuse_hold_max" ||
      key == "channel.platform_balance.withdrawable") {
    std::vector<std::string> b = {"seller.new.share=0", "seller.established.share=0",
                                  "seller.fraudulent.share=1"};
    if (!key.starts_with("buyers.")) b.push_back("buyers.block_after_disputes=1");
    if (key.ends_with("withdrawable")) b.push_back("channel.platform_balance.abuse_hold_max=1d");
    return b;
  }
  if (key == "buyers.reorders_expired_code")  // codes that run out: half the buyers pay late
    return {"buyers.channel_shares=cash:1", "channel.cash.buyer_action_delay=uniform(1d, 3d)",
            "route.ru.share=1", "route.br.share=0", "route.other.share=0", "route.cn.share=0"};
  if (key == "rules.card_limit_5000")
    return {"buyers.channel_shares=card:1", "buyers.order_value=const(7000.00 USD)"};
  // Disputes run by their rules (protection.nonarrival_always_refunded off: a non-arrival
  // dispute is otherwise always refunded, 000:255, and its ruling odds never bind).
  const std::vector<std::string> disputes_ctx = {"seller.new.share=0", "seller.established.share=0",
                                                 "seller.fraudulent.share=1",
                                                 "protection.nonarrival_always_refunded=false"};
  if (key.starts_with("disputes.")) return disputes_ctx;
  if (key.starts_with("chargebacks.")) {
    sets = disputes_ctx;
    sets.insert(sets.end(), {"buyers.channel_shares=card:1", "route.ru.share=1", "route.br.share=0",
                             "route.other.share=0", "route.cn.share=0"});
    for (const char* f : {"chargebacks.file_after_lost_dispute=1", "chargebacks.file_after_missed_dispute=1"})
      if (!key.starts_with(std::string_view(f).substr(0, std::string_view(f).find('=')))) sets.push_back(f);
    if (key == "chargebacks.visa_share") return sets;
    // Every case reaches arbitration, so its odds and both networks' clocks bind in a tiny run
    // whatever the draws (goes_to_arbitration itself: every case reaches its choice).
    const bool arbitration = key != "chargebacks.goes_to_arbitration" && key.ends_with("_arbitration");
    if (arbitration || key == "chargebacks.goes_to_arbitration")
      sets.insert(sets.end(), {"chargebacks.seller_represents=1", "chargebacks.seller_wins_representment=1"});
    if (arbitration) sets.push_back("chargebacks.goes_to_arbitration=1");
    if (key == "chargebacks.file_after_missed_dispute")  // lost parcels confirmed early: no dispute
      sets.insert(sets.end(), {"buyers.early_confirmation=0.5", "carrier.china_post.loss=0.5",
                               "carrier.aliexpress_standard.loss=0.5", "carrier.express.loss=0.5"});
    // The Visa clocks with every card on Visa, Mastercard's with none.
    if (key.starts_with("chargebacks.visa_")) sets.push_back("chargebacks.visa_share=1");
    if (key.starts_with("chargebacks.mastercard_")) sets.push_back("chargebacks.visa_share=0");
    return sets;
  }
  const auto ek = split_entity_key(key);
  if (!ek) return sets;
  if (ek->name == "share") return sets;  // the mix itself: perturbed by giving the entity every order
  const auto only = [&](const std::string& kind, const std::string& entity) {
    for (const KeySpec& k : schema.keys()) {
      const auto e = split_entity_key(k.key);
      if (e && e->kind == kind && e->name == "share" && !split_template_key(k.key))
        sets.push_back(fmt::format("{}.{}.share={}", kind, e->entity, e->entity == entity ? 1 : 0));
    }
  };
  if (ek->kind == "carrier" && ek->name == "tracked") sets.push_back("protection.delivered_countdown=5d");
  if (ek->kind == "seller" && ek->name == "population")
    for (const char* c : {"china_post", "aliexpress_standard", "express"}) sets.push_back(fmt::format("carrier.{}.loss=0.5", c));
  if (ek->kind == "route" && ek->name == "country") sets.push_back(fmt::format("route.{}.channel_shares=none", ek->entity));
  if (ek->kind == "channel") {
    const KeySpec* oc = schema.find(fmt::format("channel.{}.only_country", ek->entity));
    // A China-only channel's only_country is perturbed to "none" and tried by Russian buyers.
    const bool china = oc && oc->default_text && *oc->default_text == "china" && ek->name != "only_country";
    const std::string ch = fmt::format("channel.{}.", ek->entity);
    // A fee taken out of the payment is a seller's (fee_on_top = false needs fee_payer = seller).
    if (ek->name == "fee_on_top") sets.insert(sets.end(), {ch + "fee_payer=seller", ch + "fee_rate=5.00%"});
    // Another currency: caps, fixed fees and funds are in the channel's currency.
    if (ek->name == "currency")
      sets.insert(sets.end(), {ch + "daily_cap_amount=none", ch + "monthly_cap_amount=none", ch + "funds=none"});
    if (ek->name == "max_order") sets.push_back(ch + "min_order=none");
    if (ek->name == "fee_payer") sets.push_back(ch + "fee_rate=5.00%");
    if (ek->name == "code_validity") sets.push_back(ch + "buyer_action_delay=const(3d)");
    if (ek->name == "amount_fixed_at_checkout") sets.push_back(ch + "buyer_action_delay=const(1d)");
    if (ek->name == "paid_delay_working_days") sets.push_back(ch + "paid_delay=const(5d)");
    if (ek->name == "terminal_note") sets.push_back("buyers.cash_at_terminal=1");
    if (ek->name == "reconciliation_delay") sets.push_back(ch + "p_double_debit=0.5");
    // Binds for an order refunded to a buyer who takes refunds to the balance: make them many.
    if (ek->entity == "gift_certificate" && ek->name == "refund_to_balance_allowed")
      sets.insert(sets.end(), {"buyers.refund_to_balance=1", "buyers.cancel_before_shipment=0.5"});
    // A bound exactly met: its inclusiveness decides.
    if (ek->name == "min_inclusive")
      sets.insert(sets.end(), {ch + "min_order=20.00 USD", "buyers.order_value=const(20.00 USD)"});
    if (ek->name == "max_inclusive")
      sets.insert(sets.end(), {ch + "max_order=20.00 USD", ch + "min_order=none", "buyers.order_value=const(20.00 USD)"});
    only("route", china ? "cn" : "ru");
    if (china) sets.push_back(fmt::format("route.cn.channel_shares={}:1", ek->entity));
    else sets.push_back(fmt::format("buyers.channel_shares={}:1", ek->entity));
  } else if (ek->kind == "seller" || ek->kind == "carrier" || ek->kind == "route") {
    only(ek->kind, ek->entity);
  }
  return sets;
}

struct Outcome {
  std::string journal;  // every posting: money no CSV figure breaks down (terminal change, postage)
  std::vector<market::MetricValue> values;
  std::uint64_t placed = 0, events = 0;
  sim::Time end = 0;
  bool same(const Outcome& o) const {
    if (placed != o.placed || events != o.events || end != o.end || values.size() != o.values.size() ||
        journal != o.journal)
      return false;
    for (std::size_t i = 0; i < values.size(); ++i)
      if (values[i].exact != o.values[i].exact ||
          std::memcmp(&values[i].real, &o.values[i].real, sizeof(double)) != 0)
        return false;
    return true;
  }
};

Outcome run_with(std::vector<std::string> sets) {
  for (const char* s : {"run.horizon=3d", "run.warmup=0s", "arrivals.orders_per_day=200", "run.seed=7"}) {
    const std::string_view key = std::string_view(s).substr(0, std::string_view(s).find('='));
    const bool given = std::any_of(sets.begin(), sets.end(), [&](const std::string& x) { return x.starts_with(key); });
    if (!given) sets.insert(sets.begin(), s);
  }
  const LoadedScenario l = load_market_default(sets);
  std::ostringstream journal;
  const market::TraceSinks sinks{nullptr, &journal};
  const auto r = market::run_replication(l.market, l.run, nullptr, &sinks);
  Outcome o;
  o.journal = journal.str();
  for (const auto& m : market::metrics_of(r.collectors)) o.values.push_back(m.value);
  o.placed = r.orders_placed;
  o.events = r.events_dispatched;
  o.end = r.end_time;
  return o;
}

}  // namespace

TEST_CASE("liveness: every key changes the outputs, or is listed as inert with the reason", "[liveness]") {
  const Schema& schema = market_schema();
  std::map<std::string, Outcome> base;  // by context
  std::set<std::string_view> used;
  std::vector<std::string> live_but_listed, inert_unlisted;
  int keys = 0;
  for (const KeySpec& k : schema.keys()) {
    if (split_template_key(k.key) || !k.default_text) continue;
    if (k.key == "run.horizon" || k.key == "run.warmup") continue;  // set by the tiny run itself
    ++keys;
#ifndef NDEBUG
    // The sanitizer builds check every 16th key (the whole list in release: ctest in CI runs both).
    if (keys % 16 != 0) continue;
#endif
    const std::vector<std::string> ctx = context_of(k.key, schema);
    const std::string ctx_id = fmt::format("{}", fmt::join(ctx, " "));
    if (!base.count(ctx_id)) base.emplace(ctx_id, run_with(ctx));
    std::vector<std::string> sets = ctx;
    const auto ek = split_entity_key(k.key);
    const bool share = ek && ek->name == "share";
    const std::string value = share ? std::string("1") : perturbed(k, schema);
    if (share) {  // this entity takes every order, the others none
      for (const KeySpec& o : schema.keys()) {
        const auto e = split_entity_key(o.key);
        if (e && e->kind == ek->kind && e->name == "share" && !split_template_key(o.key))
          sets.push_back(fmt::format("{}={}", o.key, e->entity == ek->entity ? 1 : 0));
      }
    } else {
      sets.push_back(fmt::format("{}={}", k.key, value));
    }
    bool changed = true;
    try {
      changed = !run_with(sets).same(base.at(ctx_id));
    } catch (const ScenarioError& e) {
      FAIL_CHECK(k.key << "=" << value << " is refused: " << e.what());
      continue;
    }
    const Inert* listed = inert_entry(k.key);
    if (listed) used.insert(listed->pattern);
    if (changed && listed) live_but_listed.push_back(fmt::format("{}={}", k.key, value));
    if (!changed && !listed) inert_unlisted.push_back(fmt::format("{}={}  [{}]", k.key, value, k.source));
    // A listed key says so in `marketsim sources` and `params`, and one that says so is listed.
    if (listed && !listed->reason.starts_with("TEST ONLY")) {
      INFO(k.key << " is inert (" << listed->reason << ") but its source does not begin NOT SIMULATED: " << k.source);
      CHECK(k.source.starts_with(kNotSimulated));
    }
    if (k.source.starts_with(kNotSimulated)) {
      INFO(k.key << " says NOT SIMULATED");
      CHECK(listed != nullptr);
      CHECK_FALSE(changed);
    }
  }
  INFO("keys that changed nothing and are not in kInert:\n" << fmt::format("{}", fmt::join(inert_unlisted, "\n")));
  CHECK(inert_unlisted.empty());
  INFO("keys in kInert that do change the outputs:\n" << fmt::format("{}", fmt::join(live_but_listed, "\n")));
  CHECK(live_but_listed.empty());
#ifdef NDEBUG
  for (const Inert& i : kInert) {
    INFO("kInert pattern " << i.pattern << " matches no key");
    CHECK(used.count(i.pattern) == 1);
  }
#endif
  CHECK(keys > 900);
}
