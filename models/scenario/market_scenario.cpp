// From a loaded scenario to typed MarketParams and RunParams, and the checks that span keys.
#include "models/scenario/market_scenario.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include <fmt/format.h>

#include "models/scenario/market_fields.hpp"
#include "models/scenario/market_limits.hpp"

namespace market::scenario {
namespace {

constexpr std::string_view kUserSet = "scenario (user-set)";

class FieldReader {
 public:
  explicit FieldReader(const Scenario& scenario) : scenario_(scenario) {}
  void section(std::string name) { prefix_ = std::move(name) + "."; }
  template <class T>
  void operator()(std::string_view key, T& value, const ParamMeta& meta) {
    from_entry(value, scenario_.entry(prefix_ + scenario_name(key)), meta.unit);
  }

 private:
  const Scenario& scenario_;
  std::string prefix_;
};

// Built-in entities first (in the order of the documented world), then those the scenario adds.
template <class P>
std::vector<P> read_entities(const Scenario& scenario, const std::string& kind, const std::vector<P>& builtin) {
  std::vector<P> out;
  FieldReader reader(scenario);
  std::vector<std::string> names;
  for (const P& b : builtin) names.push_back(b.name);
  for (const std::string& n : scenario.entities(kind)) names.push_back(n);
  for (const std::string& name : names) {
    P p;
    p.name = name;
    reader.section(kind + "." + name);
    visit_params(p, reader);
    out.push_back(std::move(p));
  }
  return out;
}

// A value the user set keeps no citation; one equal to the documented default keeps its own.
ChannelParams read_channel(const Scenario& scenario, const Schema& schema, ChannelParams c) {
  const bool builtin = c.id != kCustomChannel;
  for (const ChannelField& f : channel_fields()) {
    const Entry& e = scenario.entry(fmt::format("channel.{}.{}", c.key, f.key));
    channel_from_entry(c, f, e);
    if (source_kind(schema, e) == SourceKind::UserSet) {
      set_channel_source(c, f, kUserSet);
    } else if (!builtin) {
      set_channel_source(c, f, kAssumption);
    }
  }
  return c;
}

// The origin that best locates a problem with several keys: the last one the user set to a value
// other than the documented default (a --set, a scenario's line); else the last one written
// anywhere (default.ini itself).
std::string where_of(const Scenario& scenario, const std::vector<std::string>& keys) {
  const Schema& schema = market_schema(rules_of(scenario));
  std::string where = "default";
  std::string user;
  for (const std::string& k : keys) {
    const Entry& e = scenario.entry(k);
    if (e.origin.kind != Origin::Kind::Default) where = e.origin.describe();
    if (source_kind(schema, e) == SourceKind::UserSet) user = e.origin.describe();
  }
  return user.empty() ? where : user;
}

template <class P>
void check_shares_sum(const Scenario& scenario, const std::string& kind, const std::vector<P>& entities) {
  double sum = 0;
  std::vector<std::string> keys;
  std::vector<std::string> parts;
  for (const P& p : entities) {
    sum += p.share;
    keys.push_back(fmt::format("{}.{}.share", kind, p.name));
    parts.push_back(fmt::format("{} {}", p.name, p.share));
  }
  if (std::fabs(sum - 1.0) > 1e-9) {
    throw ScenarioError(fmt::format("{}: {}.*.share: the shares sum to {}, not 1 ({})", where_of(scenario, keys),
                                    kind, sum, fmt::join(parts, ", ")));
  }
}

void check(const LoadedScenario& l) {
  const Scenario& sc = l.effective;
  const MarketParams& m = l.market;
  const auto fail = [&](const std::string& key, std::string_view why) {
    throw ScenarioError(fmt::format("{}: {}: {}", sc.entry(key).origin.describe(), key, why));
  };
  if (m.arrivals.hourly.size() != 24) {
    fail("arrivals.hourly", fmt::format("needs 24 values (one per hour), got {}", m.arrivals.hourly.size()));
  }
  if (m.arrivals.weekly.size() != 7) {
    fail("arrivals.weekly", fmt::format("needs 7 values (Monday first), got {}", m.arrivals.weekly.size()));
  }
  // The shapes are scaled to mean 1 (normalise_profiles); an all-zero one has no shape.
  if (profile_mean(m.arrivals.hourly) <= 0) fail("arrivals.hourly", "all zero (set arrivals.orders_per_day = 0 for no orders)");
  if (profile_mean(m.arrivals.weekly) <= 0) fail("arrivals.weekly", "all zero (set arrivals.orders_per_day = 0 for no orders)");
  for (double d : m.arrivals.sale_days) {
    if (d != std::floor(d)) fail("arrivals.sale_days", fmt::format("{} is not a whole day number", d));
  }
  const auto& baskets = m.buyers.basket_sizes;
  if (baskets.empty() || baskets.size() > static_cast<std::size_t>(kMaxBasket))
    fail("buyers.basket_sizes", fmt::format("needs 1 to {} shares (checkouts of 1, 2, ... orders), got {}", kMaxBasket, baskets.size()));
  if (std::accumulate(baskets.begin(), baskets.end(), 0.0) <= 0) fail("buyers.basket_sizes", "all zero");
  for (const auto& [name, share] : m.buyers.channel_shares) {
    const bool known = std::any_of(m.channels.begin(), m.channels.end(), [&key = name](const auto& c) { return c.key == key; });
    if (!known) fail("buyers.channel_shares", fmt::format("unknown channel \"{}\"", name));
  }
  // A route's own shares name known channels that admit the route's buyers.
  for (const RouteParams& r : m.routes) {
    const std::string key = "route." + r.name + ".channel_shares";
    for (const auto& [name, share] : r.channel_shares) {
      const auto ch = std::find_if(m.channels.begin(), m.channels.end(), [&n = name](const auto& c) { return c.key == n; });
      if (ch == m.channels.end()) fail(key, fmt::format("unknown channel \"{}\"", name));
      if (share > 0 && !ch->only_country.value.admits(r.country))
        fail(key, fmt::format("channel {} is only for residents of {}, and the route's buyers are in {}", name,
                              country_set_text(ch->only_country.value), country_name(r.country)));
    }
  }
  check_shares_sum(sc, "seller", m.sellers);
  check_shares_sum(sc, "carrier", m.carriers);
  check_shares_sum(sc, "route", m.routes);
  // Probabilities of exclusive outcomes drawn from one number: the model would silently cut
  // the last ones if they summed above 1 (models/market/fulfilment.cpp, dispute.cpp).
  const auto at_most_one = [&](const std::string& prefix, std::initializer_list<std::pair<const char*, double>> parts) {
    double sum = 0;
    std::vector<std::string> keys, names;
    for (const auto& [name, p] : parts) {
      sum += p;
      keys.push_back(prefix + name);
      names.push_back(name);
    }
    if (sum > 1.0 + 1e-9)
      throw ScenarioError(fmt::format("{}: {}{} = {} is above 1 (exclusive outcomes of one draw)", where_of(sc, keys),
                                      prefix, fmt::join(names, " + "), sum));
  };
  for (const SellerSegmentParams& s : m.sellers) {
    const std::string prefix = "seller." + s.name + ".";
    at_most_one(prefix, {{"accepts", s.accepts}, {"rejects", s.rejects}, {"counters", s.counters}});
    at_most_one(prefix, {{"ships_nothing", s.ships_nothing}, {"not_as_described", s.not_as_described},
                         {"defective", s.defective}});
  }
  const DisputeParams& d = m.disputes;
  if (d.ruling_buyer_full_not_as_described + d.ruling_buyer_partial_not_as_described > 1.0 + 1e-9) {
    fail("disputes.ruling_buyer_partial_not_as_described", "full + partial rulings for not_as_described exceed 1");
  }
  if (d.ruling_buyer_full_defective + d.ruling_buyer_partial_defective > 1.0 + 1e-9) {
    fail("disputes.ruling_buyer_partial_defective", "full + partial rulings for defective exceed 1");
  }
  for (const ChannelParams& c : m.channels) {
    try {
      validate(c);
    } catch (const std::invalid_argument& e) {
      // "channel card: min_order: above max": the field names the key when it is one.
      const std::string_view msg = e.what();
      const auto colon = msg.find(": ");
      const auto end = colon == std::string_view::npos ? colon : msg.find(':', colon + 2);
      const std::string field(end == std::string_view::npos ? std::string_view{} : msg.substr(colon + 2, end - colon - 2));
      std::vector<std::string> keys;
      for (const ChannelField& f : channel_fields()) keys.push_back(fmt::format("channel.{}.{}", c.key, f.key));
      const std::string key = fmt::format("channel.{}.{}", c.key, field);
      const std::string where = sc.has(key) ? sc.entry(key).origin.describe() : where_of(sc, keys);
      throw ScenarioError(fmt::format("{}: {}: {}", where, sc.has(key) ? key : "channel." + c.key,
                                      msg.substr(end == std::string_view::npos ? 0 : end + 2)));
    }
  }
  if (l.replications < 1) fail("run.replications", "must be at least 1");
  if (l.run.horizon <= 0) fail("run.horizon", "must be positive");
  check_market_limits(l);
}

// Loads with the default schema, then again with the schema of the scenario's [rules] when they
// differ, so built-in channels not mentioned take the defaults those rules give.
template <class Load>
LoadedScenario load_with_rules(Load&& load) {
  Scenario first = load(market_schema());
  const ChannelRules rules = rules_of(first);
  const Schema& schema = market_schema(rules);
  if (&schema == &market_schema()) return to_market(std::move(first));
  return to_market(load(schema));
}

}  // namespace

ChannelRules rules_of(const Scenario& scenario) {
  ChannelRules r;
  FieldReader reader(scenario);
  reader.section("rules");
  visit_params(r, reader);
  return r;
}

LoadedScenario to_market(Scenario effective) {
  LoadedScenario out;
  out.effective = std::move(effective);
  const Scenario& sc = out.effective;
  MarketParams& m = out.market;
  const ChannelRules rules = rules_of(sc);
  m = default_world(rules);
  const Schema& schema = market_schema(rules);
  RunSettings run;
  FieldReader reader(sc);
  visit_plain_sections(m, run, reader);
  out.run = run.run;
  out.replications = run.replications;

  std::vector<ChannelParams> channels;
  for (const ChannelParams& c : m.channels) channels.push_back(read_channel(sc, schema, c));
  for (const std::string& name : sc.entities("channel")) {
    ChannelParams added;
    added.id = kCustomChannel;
    added.key = name;
    channels.push_back(read_channel(sc, schema, std::move(added)));
  }
  m.channels = std::move(channels);
  m.sellers = read_entities(sc, "seller", m.sellers);
  m.carriers = read_entities(sc, "carrier", m.carriers);
  m.routes = read_entities(sc, "route", m.routes);
  check(out);
  normalise_profiles(m.arrivals);
  return out;
}

LoadedScenario load_market_file(const std::filesystem::path& file, const std::vector<std::string>& sets) {
  return load_with_rules([&](const Schema& schema) { return load_file(schema, file, sets); });
}

LoadedScenario load_market_default(const std::vector<std::string>& sets) {
  return load_with_rules([&](const Schema& schema) {
    return load_string(schema, default_scenario_text(), "default.ini", std::filesystem::current_path(), sets);
  });
}

std::string sources_table(const Scenario& scenario) {
  const Schema& schema = market_schema(rules_of(scenario));
  std::size_t key_w = 3;
  for (const auto& [key, e] : scenario.entries()) key_w = std::max(key_w, key.size());
  std::string out = fmt::format("{:<{}}  {:<13}  {}\n", "key", key_w, "status", "value  [source]");
  int counts[5] = {};
  for (const auto& [key, e] : scenario.entries()) {
    const SourceKind kind = source_kind(schema, e);
    ++counts[static_cast<int>(kind)];
    const KeySpec* spec = find_spec(schema, key);
    const std::string source = kind == SourceKind::UserSet ? e.origin.describe() : (spec ? spec->source : "");
    out += fmt::format("{:<{}}  {:<13}  {}  [{}]\n", key, key_w, source_kind_name(kind), e.text, source);
  }
  out += fmt::format("\n{} documented, {} public rule, {} ASSUMPTION, {} not simulated, {} user-set\n",
                     counts[static_cast<int>(SourceKind::Documented)], counts[static_cast<int>(SourceKind::PublicRule)],
                     counts[static_cast<int>(SourceKind::Assumption)], counts[static_cast<int>(SourceKind::NotSimulated)],
                     counts[static_cast<int>(SourceKind::UserSet)]);
  return out;
}

}  // namespace market::scenario
