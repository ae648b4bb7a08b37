// The market schema, generated from the models' own field lists: visit_params for the plain
// sections and the seller/carrier/route entities, channel_fields() for the channels.
#include "models/scenario/market_schema.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>

#include <fmt/format.h>

#include "models/scenario/limits.hpp"
#include "models/scenario/market_fields.hpp"

namespace market::scenario {
namespace {

constexpr std::string_view kNewEntitySource = "ASSUMPTION (default for an entity the scenario adds)";

// The unit's bounds (limits.hpp), or the field's own.
void set_bounds(KeySpec& k, std::string_view min, std::string_view max) {
  const Bounds b = unit_bounds(k.type);
  k.min = min.empty() ? b.min : std::string(min);
  k.max = max.empty() ? b.max : std::string(max);
  k.min_exclusive = min.empty() && b.min_exclusive;
}

class SpecWriter {
 public:
  explicit SpecWriter(Schema& schema) : schema_(schema) {}
  void section(std::string name) { prefix_ = std::move(name) + "."; }
  void source_override(std::string_view source) { source_override_ = source; }

  template <class T>
  void operator()(std::string_view key, const T& value, const ParamMeta& meta) {
    KeySpec k;
    k.key = prefix_ + scenario_name(key);
    k.type = type_of_unit(meta.unit);
    k.allowed = allowed_of_unit(meta.unit);
    k.unit = std::string(meta.unit);
    k.default_text = to_text(value, meta.unit);
    k.source = std::string(source_override_.empty() ? meta.source : source_override_);
    k.description = std::string(meta.description);
    set_bounds(k, meta.min, meta.max);
    schema_.add(std::move(k));
  }

 private:
  Schema& schema_;
  std::string prefix_;
  std::string_view source_override_;
};

template <class P>
void add_entities(SpecWriter& w, const std::string& kind, const std::vector<P>& entities) {
  for (const P& e : entities) {
    w.section(kind + "." + e.name);
    visit_params(e, w);
  }
  w.section(kind + ".*");
  w.source_override(kNewEntitySource);
  const P added{};
  visit_params(added, w);
  w.source_override({});
}

void add_channel(Schema& schema, const ChannelParams& c, const std::string& section, std::string_view source) {
  for (const ChannelField& f : channel_fields()) {
    const ChannelKeyType t = channel_key_type(f);
    KeySpec k;
    k.key = fmt::format("{}.{}", section, f.key);
    k.type = t.type;
    k.allowed = t.allowed;
    k.unit = f.unit == "s" ? "duration" : std::string(f.unit);
    k.default_text = channel_text(c, f);
    k.source = std::string(source.empty() ? field_source(c, f) : source);
    k.description = std::string(f.description);
    set_bounds(k, {}, {});
    schema.add(std::move(k));
  }
}

unsigned rules_bits(const ChannelRules& r) {
  unsigned bits = 0;
  int i = 0;
  visit_params(r, [&](std::string_view, bool v, const ParamMeta&) { bits |= (v ? 1u : 0u) << i++; });
  return bits;
}

}  // namespace

Schema build_market_schema(const MarketParams& world, const RunParams& run, int replications) {
  Schema schema;
  SpecWriter w(schema);
  RunSettings settings{run, replications};
  visit_plain_sections(world, settings, w);
  for (const ChannelParams& c : world.channels) add_channel(schema, c, "channel." + c.key, {});
  ChannelParams added;
  added.id = kCustomChannel;
  add_channel(schema, added, "channel.*", kNewEntitySource);
  add_entities(w, "seller", world.sellers);
  add_entities(w, "carrier", world.carriers);
  add_entities(w, "route", world.routes);
  schema.describe_template("channel", "a payment channel the scenario adds: [channel.NAME] with its own fee, limits and delays");
  schema.describe_template("seller", "a seller segment the scenario adds (002:72-80 describes the built-in ones)");
  schema.describe_template("carrier", "a carrier the scenario adds");
  schema.describe_template("route", "a destination route the scenario adds");
  return schema;
}

MarketParams default_world(const ChannelRules& rules) {
  MarketParams m = default_market();
  m.channel_rules = rules;
  const auto catalog = channel_catalog(rules);
  m.channels.assign(catalog.begin(), catalog.end());
  return m;
}

const Schema& market_schema(const ChannelRules& rules) {
  static std::mutex mutex;
  static std::map<unsigned, std::unique_ptr<const Schema>> cache;
  const std::lock_guard lock(mutex);
  auto& slot = cache[rules_bits(rules)];
  if (!slot) slot = std::make_unique<const Schema>(build_market_schema(default_world(rules), RunParams{}, 1));
  return *slot;
}

const Schema& market_schema() { return market_schema(ChannelRules{}); }

std::vector<std::string> rule_dependent_keys() {
  const Schema& base = market_schema();
  std::vector<std::string> keys;
  const int flags = [] {
    int n = 0;
    const ChannelRules defaults;
    visit_params(defaults, [&](std::string_view, bool, const ParamMeta&) { ++n; });
    return n;
  }();
  for (int flip = 0; flip < flags; ++flip) {
    ChannelRules rules;
    int i = 0;
    visit_params(rules, [&](std::string_view, bool& v, const ParamMeta&) { v = (i++ == flip) ? !v : v; });
    const Schema& other = market_schema(rules);
    for (const KeySpec& k : base.keys()) {
      const KeySpec* o = other.find(k.key);
      if (k.key.starts_with("channel.") && o != nullptr && o->default_text != k.default_text &&
          std::find(keys.begin(), keys.end(), k.key) == keys.end()) {
        keys.push_back(k.key);
      }
    }
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

namespace {

// "0s .. 36500d", "above 0 USD .. 10000000 USD" (money in each currency): the key's bounds.
std::string range_text(const KeySpec& k) {
  if (!k.min && !k.max) return {};
  const std::string lo = k.min ? *k.min : (k.allow_negative ? "any" : "0");
  return fmt::format("{}{} .. {}", k.min_exclusive ? "above " : "", lo, k.max.value_or("any"));
}

}  // namespace

std::string schema_table(bool markdown) {
  const Schema& schema = market_schema();
  std::string out;
  if (markdown) {
    out += "| key | type | unit | default | range | source | description |\n|---|---|---|---|---|---|---|\n";
    for (const KeySpec& k : schema.keys()) {
      out += fmt::format("| `{}` | {} | {} | `{}` | {} | {} | {} |\n", k.key, type_name(k.type), k.unit,
                         k.default_text.value_or(""), range_text(k), k.source, k.description);
    }
    return out;
  }
  std::size_t key_w = 3;
  std::size_t type_w = 4;
  for (const KeySpec& k : schema.keys()) {
    key_w = std::max(key_w, k.key.size());
    type_w = std::max(type_w, type_name(k.type).size());
  }
  out += fmt::format("{:<{}}  {:<{}}  {}\n", "key", key_w, "type", type_w, "default  [source]  description");
  for (const KeySpec& k : schema.keys()) {
    const std::string range = range_text(k);
    out += fmt::format("{:<{}}  {:<{}}  {}  [{}]  {}{}{}\n", k.key, key_w, type_name(k.type), type_w,
                       k.default_text.value_or("(required)"), k.source, k.description,
                       k.unit.empty() ? "" : fmt::format(" ({})", k.unit),
                       range.empty() ? "" : fmt::format(" {}", range));
  }
  return out;
}

const KeySpec* find_spec(const Schema& schema, std::string_view key) {
  if (const KeySpec* s = schema.find(key)) return s;
  if (const auto ek = split_entity_key(key)) return schema.find(ek->template_key());
  return nullptr;
}

SourceKind source_kind(const Schema& schema, const Entry& e) {
  const KeySpec* spec = find_spec(schema, e.key);
  // default.ini repeats the documented values: those keep their citation.
  const bool as_documented = spec != nullptr && spec->default_text && *spec->default_text == e.text;
  if (e.origin.kind != Origin::Kind::Default && !as_documented) return SourceKind::UserSet;
  if (spec == nullptr || spec->source.empty() || spec->source.starts_with(kAssumption)) return SourceKind::Assumption;
  if (spec->source.starts_with(kNotSimulated)) return SourceKind::NotSimulated;
  if (spec->source.starts_with("public-rules")) return SourceKind::PublicRule;
  return SourceKind::Documented;
}

std::string_view source_kind_name(SourceKind k) {
  switch (k) {
    case SourceKind::Documented: return "documented";
    case SourceKind::Assumption: return "ASSUMPTION";
    case SourceKind::UserSet: return "user-set";
    case SourceKind::PublicRule: return "public rule";
    case SourceKind::NotSimulated: return "not simulated";
  }
  return "?";
}

std::string annotated_ini(const Schema& schema) {
  std::string out;
  std::string section;
  const std::vector<std::string> by_rules = rule_dependent_keys();
  for (const KeySpec& k : schema.keys()) {
    if (split_template_key(k.key)) continue;
    const auto dot = k.key.rfind('.');
    const std::string sec = k.key.substr(0, dot);
    if (sec != section) {
      out += fmt::format("\n[{}]\n", sec);
      section = sec;
    }
    const bool follows_rules = std::binary_search(by_rules.begin(), by_rules.end(), k.key);
    out += fmt::format("# {} ({}) [{}]\n{}{} = {}\n", k.description, k.unit, k.source,
                       follows_rules ? "# follows [rules]: " : "", k.key.substr(dot + 1), k.default_text.value_or(""));
  }
  return out;
}

}  // namespace market::scenario
