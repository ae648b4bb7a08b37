#include "models/scenario/loader.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "models/scenario/ini_reader.hpp"
#include "models/scenario/limits.hpp"
#include "models/scenario/options.hpp"
#include "models/scenario/suggest.hpp"

namespace market::scenario {

std::string Origin::describe() const {
  switch (kind) {
    case Kind::File: return fmt::format("{}:{}", file, line);
    case Kind::Set: return "--set";
    case Kind::Default: break;
  }
  return "default";
}

const Entry& Scenario::entry(std::string_view key) const {
  const auto it = entries_.find(key);
  if (it == entries_.end()) throw ScenarioError(fmt::format("scenario {} has no key \"{}\"", name_, key));
  return it->second;
}

void Scenario::throw_wrong_type(const Entry& e) const {
  throw ScenarioError(fmt::format("key \"{}\" holds a {}, read as another type", e.key, type_name(e.type)));
}

std::vector<std::string> Scenario::entities(std::string_view kind) const {
  const auto it = entities_.find(kind);
  return it == entities_.end() ? std::vector<std::string>{} : it->second;
}

namespace {

struct Written {
  RawEntry raw;
  Origin origin;
};

// -1, 0 or 1; throws ScenarioError when the two values cannot be ordered.
int compare(const Value& a, const Value& b) {
  auto sign = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
  if (const auto* x = std::get_if<Money>(&a)) {
    const auto& y = std::get<Money>(b);
    if (x->currency() != y.currency()) {
      throw ScenarioError(fmt::format("{} and {} are in different currencies", format_money(*x), format_money(y)));
    }
    return sign(x->minor(), y.minor());
  }
  if (const auto* x = std::get_if<Duration>(&a)) {
    const auto& y = std::get<Duration>(b);
    if (x->working_days != y.working_days) throw ScenarioError("working days and calendar time cannot be compared");
    return sign(x->value, y.value);
  }
  if (const auto* x = std::get_if<BasisPoints>(&a)) return sign(x->bp, std::get<BasisPoints>(b).bp);
  if (const auto* x = std::get_if<Probability>(&a)) return sign(x->value, std::get<Probability>(b).value);
  if (const auto* x = std::get_if<Integer>(&a)) return sign(x->value, std::get<Integer>(b).value);
  if (const auto* x = std::get_if<Number>(&a)) return sign(x->value, std::get<Number>(b).value);
  throw ScenarioError("values of this type have no order");
}

bool is_negative(const Value& v) {
  if (const auto* m = std::get_if<Money>(&v)) return m->is_negative();
  if (const auto* d = std::get_if<Duration>(&v)) return d->value < 0;
  if (const auto* r = std::get_if<BasisPoints>(&v)) return r->bp < 0;
  return false;
}

std::string canonical_text(const Entry& e) {
  const sim::Distribution* d = nullptr;
  if (const auto* x = std::get_if<DurationDistribution>(&e.value)) d = &x->dist;
  if (const auto* x = std::get_if<MoneyDistribution>(&e.value)) d = &x->dist;
  if (const auto* x = std::get_if<NumberDistribution>(&e.value)) d = &x->dist;
  if (const auto* x = std::get_if<MoneyDistributionOrNone>(&e.value); x && x->dist) d = &x->dist->dist;
  if (d != nullptr && d->kind == sim::DistKind::Empirical) return fmt::format("empirical({})", d->table->origin);
  return e.text;
}

}  // namespace

class ScenarioBuilder {
 public:
  ScenarioBuilder(const Schema& schema, std::string name)
      : schema_(schema), options_(schema) {
    scenario_.name_ = std::move(name);
  }

  Scenario build(const std::vector<RawEntry>& file_entries, const std::vector<std::string>& sets) {
    std::map<std::string, Written, std::less<>> written;  // later wins
    for (const RawEntry& r : file_entries) {
      if (r.key.starts_with(kSweepSection) && r.key.size() > kSweepSection.size() &&
          r.key[kSweepSection.size()] == '.')
        continue;  // a sweep's axis (sweep_entries), not a scenario key
      written.insert_or_assign(r.key, Written{r, Origin{Origin::Kind::File, r.file, r.line}});
    }
    std::set<std::string, std::less<>> set_keys;
    for (const std::string& s : sets) {
      const auto eq = s.find('=');
      const std::string key(eq == std::string::npos ? std::string_view{} : trim(std::string_view(s).substr(0, eq)));
      if (key.empty() || s.find('\n') != std::string::npos) {
        throw ScenarioError(fmt::format("--set \"{}\": expected key=value", s));
      }
      if (strip_comment(s).size() != s.size()) {
        // The effective dump is INI, where this would start a comment.
        throw ScenarioError(fmt::format("--set \"{}\": a value cannot contain \" #\" or \" ;\"", s));
      }
      if (!set_keys.insert(key).second) throw ScenarioError(fmt::format("--set: key \"{}\" given twice", key));
      RawEntry r{key, std::string(trim(std::string_view(s).substr(eq + 1))), "--set", 0,
                 std::filesystem::current_path()};
      written.insert_or_assign(key, Written{std::move(r), Origin{Origin::Kind::Set, {}, 0}});
    }
    // Every value written is checked, also one that a later line or --set overrides: `validate`
    // must not pass a file that is wrong wherever it is used without the override.
    for (const RawEntry& r : file_entries) {
      const auto it = written.find(r.key);
      if (it == written.end()) continue;  // a sweep's axis, checked as each point loads
      const Written& w = it->second;
      if (w.origin.kind != Origin::Kind::File || w.raw.file != r.file || w.raw.line != r.line)
        check_written(Written{r, Origin{Origin::Kind::File, r.file, r.line}});
    }
    for (const auto& [key, w] : written) add_written(w);
    add_defaults();
    check_min_max();
    for (auto& [kind, names] : scenario_.entities_) {
      std::sort(names.begin(), names.end());
      names.erase(std::unique(names.begin(), names.end()), names.end());
    }
    return std::move(scenario_);
  }

  // Every default and range bound parsed as a file value would be, and every min/max pair whose
  // two keys have defaults checked in order.
  void check_schema() {
    const std::filesystem::path here = std::filesystem::current_path();
    for (const KeySpec& spec : schema_.keys()) {
      try {
        check_bound_texts(spec);
      } catch (const ScenarioError& e) {
        throw ScenarioError(fmt::format("bounds of {}: {}", spec.key, e.what()));
      }
      if (spec.default_text) add_entry(spec.key, spec, *spec.default_text, Origin{}, here);
    }
    for (const MinMaxPair& p : schema_.min_max_pairs()) {
      if (scenario_.has(p.min_key) && scenario_.has(p.max_key)) check_pair(p.min_key, p.max_key);
    }
  }

 private:
  const KeySpec& spec_of(const Written& w) const {
    const KeySpec* spec = w.raw.key.find('*') == std::string::npos ? schema_.find(w.raw.key) : nullptr;
    if (spec == nullptr) {
      const auto ek = split_entity_key(w.raw.key);
      if (ek && w.raw.key.find('*') == std::string::npos) spec = schema_.find(ek->template_key());
      if (spec == nullptr) throw unknown_key(w.origin.describe(), w.raw.key);
    }
    return *spec;
  }

  // A value that another overrides: checked as if it won, then dropped.
  void check_written(const Written& w) const {
    checked_value(w.raw.key, spec_of(w), w.raw.value, w.origin, w.raw.dir);
  }

  void add_written(const Written& w) {
    const KeySpec& spec = spec_of(w);
    if (&spec != schema_.find(w.raw.key)) {
      const auto ek = split_entity_key(w.raw.key);
      scenario_.entities_[ek->kind].push_back(ek->entity);
      first_seen_.try_emplace(ek->kind + "." + ek->entity, w.origin.describe());
    }
    add_entry(w.raw.key, spec, w.raw.value, w.origin, w.raw.dir);
  }

  ScenarioError unknown_key(const std::string& where, const std::string& key) const {
    if (const auto t = split_template_key(key); t && schema_.find(key) != nullptr) {
      return ScenarioError(fmt::format("{}: unknown key \"{}\" (a template: name the entity, {}.NAME.{})", where,
                                       key, t->first, t->second));
    }
    const auto ek = split_entity_key(key);
    std::vector<std::string> candidates;
    for (const KeySpec& k : schema_.keys()) {
      const auto t = split_template_key(k.key);
      candidates.push_back(t && ek ? fmt::format("{}.{}.{}", t->first, ek->entity, t->second) : k.key);
    }
    const auto suggestion = nearest(key, candidates);
    return ScenarioError(suggestion ? fmt::format("{}: unknown key \"{}\" (did you mean \"{}\"?)", where, key, *suggestion)
                                    : fmt::format("{}: unknown key \"{}\"", where, key));
  }

  Value parse(const std::string& where, const std::string& key, const KeySpec& spec, const std::string& text,
              const std::filesystem::path& dir) const {
    try {
      // A file named without a folder ("a.ini") has an empty parent: the current folder.
      const auto base = dir.empty() ? std::filesystem::current_path() : std::filesystem::absolute(dir);
      return options_.parse(spec.key, spec.type, text, base);
    } catch (const ScenarioError& e) {
      throw ScenarioError(fmt::format("{}: {}: {}", where, key, e.what()));
    }
  }

  // The value of `text` for `key`, after every check of its own (sign, enum, bounds).
  Value checked_value(const std::string& key, const KeySpec& spec, const std::string& text, const Origin& origin,
                      const std::filesystem::path& dir) const {
    const std::string where = origin.kind == Origin::Kind::Default ? fmt::format("default of {}", spec.key)
                                                                   : origin.describe();
    Value value = parse(where, key, spec, text, dir);
    if (is_negative(value) && !spec.allow_negative) {
      throw ScenarioError(fmt::format("{}: {}: \"{}\" must not be negative", where, key, text));
    }
    if (spec.type == ValueType::Enum &&
        std::find(spec.allowed.begin(), spec.allowed.end(), std::get<std::string>(value)) == spec.allowed.end()) {
      throw ScenarioError(fmt::format("{}: {}: \"{}\" is not one of {}", where, key, text, fmt::join(spec.allowed, ", ")));
    }
    if (const auto why = bound_violation(spec, value)) {
      throw ScenarioError(fmt::format("{}: {}: {} {}", where, key, text, *why));
    }
    return value;
  }

  void add_entry(const std::string& key, const KeySpec& spec, const std::string& text, const Origin& origin,
                 const std::filesystem::path& dir) {
    Value value = checked_value(key, spec, text, origin, dir);
    Entry entry{key, text, origin, spec.type, std::move(value)};
    entry.text = canonical_text(entry);
    scenario_.entries_.insert_or_assign(key, std::move(entry));
  }

  void add_defaults() {
    const std::filesystem::path here = std::filesystem::current_path();
    for (const KeySpec& spec : schema_.keys()) {
      if (const auto t = split_template_key(spec.key)) {
        for (const std::string& entity : scenario_.entities(t->first)) {
          add_default(fmt::format("{}.{}.{}", t->first, entity, t->second), spec,
                      first_seen_.at(t->first + "." + entity), here);
        }
      } else {
        add_default(spec.key, spec, scenario_.name_, here);
      }
    }
  }

  void add_default(const std::string& key, const KeySpec& spec, const std::string& where,
                   const std::filesystem::path& dir) {
    if (scenario_.has(key)) return;
    if (!spec.default_text) throw ScenarioError(fmt::format("{}: missing key \"{}\" (it has no default)", where, key));
    add_entry(key, spec, *spec.default_text, Origin{}, dir);
  }

  void check_pair(const std::string& lo_key, const std::string& hi_key) const {
    const Entry& lo = scenario_.entry(lo_key);
    const Entry& hi = scenario_.entry(hi_key);
    const std::string where = lo.origin.describe();
    int order = 0;
    try {
      order = compare(lo.value, hi.value);
    } catch (const ScenarioError& e) {
      throw ScenarioError(fmt::format("{}: {}: cannot compare with {}: {}", where, lo_key, hi_key, e.what()));
    }
    if (order > 0) {
      throw ScenarioError(fmt::format("{}: {} = {} is above {} = {} ({})", where, lo_key, lo.text, hi_key, hi.text,
                                      hi.origin.describe()));
    }
  }

  void check_min_max() const {
    for (const MinMaxPair& p : schema_.min_max_pairs()) {
      const auto lo = split_template_key(p.min_key);
      const auto hi = split_template_key(p.max_key);
      if (!lo) {
        check_pair(p.min_key, p.max_key);
        continue;
      }
      for (const std::string& entity : scenario_.entities(lo->first)) {
        check_pair(fmt::format("{}.{}.{}", lo->first, entity, lo->second),
                   fmt::format("{}.{}.{}", hi->first, entity, hi->second));
      }
    }
  }

  const Schema& schema_;
  OptionTable options_;
  Scenario scenario_;
  std::map<std::string, std::string> first_seen_;  // "channel.card" -> where it first appeared
};

Scenario load_file(const Schema& schema, const std::filesystem::path& file, const std::vector<std::string>& sets) {
  return ScenarioBuilder(schema, file.string()).build(read_ini_file(file), sets);
}

Scenario load_string(const Schema& schema, std::string_view text, const std::string& display_name,
                     const std::filesystem::path& base_dir, const std::vector<std::string>& sets) {
  return ScenarioBuilder(schema, display_name).build(read_ini_text(text, display_name, base_dir), sets);
}

void check_schema(const Schema& schema) { ScenarioBuilder(schema, "schema").check_schema(); }

std::string dump_ini(const Scenario& scenario) {
  std::vector<std::pair<std::string_view, std::string_view>> keys;  // (section, name)
  for (const auto& [key, e] : scenario.entries()) {
    const auto dot = key.rfind('.');
    keys.emplace_back(dot == std::string::npos ? std::string_view{} : std::string_view(key).substr(0, dot),
                      dot == std::string::npos ? std::string_view(key) : std::string_view(key).substr(dot + 1));
  }
  std::sort(keys.begin(), keys.end());
  std::string out = "# effective scenario\n";
  std::optional<std::string_view> section;
  for (const auto& [sec, name] : keys) {
    if (section != sec) {
      if (!sec.empty()) out += fmt::format("\n[{}]\n", sec);
      section = sec;
    }
    const std::string key = sec.empty() ? std::string(name) : fmt::format("{}.{}", sec, name);
    out += fmt::format("{} = {}\n", name, scenario.entry(key).text);
  }
  return out;
}

}  // namespace market::scenario
