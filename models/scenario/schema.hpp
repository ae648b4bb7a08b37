// The scenario schema: every key a model reads, with its type, unit, default, source and meaning.
// Models register their keys here; the loader checks files against it (through the
// Boost.Program_options description built in options.cpp) and `marketsim params` prints it.
//
// Named sections: a key written "channel.*.fee" belongs to the section template "channel.*".
// Any section [channel.NAME] in a scenario then creates the entity NAME of kind "channel",
// with every template key (set in the file, or its default; a template key without default
// must be set for every entity).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace market::scenario {

enum class ValueType {
  Money,
  Duration,
  Rate,
  Probability,
  DurationDistribution,
  MoneyDistribution,
  NumberDistribution,
  Integer,
  Bool,
  String,
  Shares,
  Enum,
  Number,      // a plain real number >= 0
  NumberList,  // comma-separated plain numbers
  MoneyDistributionOrNone,  // a money distribution, or "none" (no limit)
};

std::string_view type_name(ValueType t);  // "money", "duration distribution", ...

inline constexpr std::string_view kAssumption = "ASSUMPTION";

struct KeySpec {
  std::string key;  // "section.name", or "kind.*.name" for a section template key
  ValueType type = ValueType::String;
  std::string unit;                          // for display: "USD", "seconds", "working days"
  std::optional<std::string> default_text;   // parsed like a file value; none = must be set
  std::string source;                        // "000:255", a public reference, or ASSUMPTION
  std::string description;
  std::vector<std::string> allowed;          // Enum: the allowed values
  // Inclusive range, as value texts of the unit (a distribution's draws, a list's items):
  // checked by limits.hpp's bound_violation. min_exclusive: values must lie above min.
  std::optional<std::string> min;
  std::optional<std::string> max;
  bool min_exclusive = false;
  bool allow_negative = false;               // Money, Duration, Rate
};

// A pair of keys whose values must satisfy min <= max, e.g. "channel.*.min_amount" and
// "channel.*.max_amount" (checked for every entity of the template).
struct MinMaxPair {
  std::string min_key;
  std::string max_key;
};

class Schema {
 public:
  // Throws std::logic_error on a duplicate key, a malformed key, an Enum with no allowed
  // values, or a min/max pair naming unregistered keys: these are programming errors.
  void add(KeySpec spec);
  void add_min_max(std::string min_key, std::string max_key);
  void describe_template(std::string kind, std::string description);  // kind = "channel"

  const std::vector<KeySpec>& keys() const { return keys_; }
  const std::vector<MinMaxPair>& min_max_pairs() const { return pairs_; }
  const std::vector<std::pair<std::string, std::string>>& template_descriptions() const {
    return template_descriptions_;
  }
  // The spec of a registered key (exact: "channel.*.fee" finds the template key).
  const KeySpec* find(std::string_view key) const;
  // Template kinds ("channel", "carrier", ...) in registration order.
  std::vector<std::string> template_kinds() const;

 private:
  std::vector<KeySpec> keys_;
  std::vector<MinMaxPair> pairs_;
  std::vector<std::pair<std::string, std::string>> template_descriptions_;
};

// "channel.*.fee" -> {"channel", "fee"}; nullopt for a plain key.
std::optional<std::pair<std::string, std::string>> split_template_key(std::string_view key);

// A concrete key in a named section: "channel.card.fee" -> {kind "channel", entity "card",
// name "fee"}; nullopt when the key has fewer than three parts.
struct EntityKey {
  std::string kind;
  std::string entity;
  std::string name;
  std::string template_key() const { return kind + ".*." + name; }
};
std::optional<EntityKey> split_entity_key(std::string_view key);

}  // namespace market::scenario
