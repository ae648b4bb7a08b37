#include "models/scenario/schema.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

namespace market::scenario {

std::string_view type_name(ValueType t) {
  switch (t) {
    case ValueType::Money: return "money";
    case ValueType::Duration: return "duration";
    case ValueType::Rate: return "rate";
    case ValueType::Probability: return "probability";
    case ValueType::DurationDistribution: return "duration distribution";
    case ValueType::MoneyDistribution: return "money distribution";
    case ValueType::MoneyDistributionOrNone: return "money distribution or none";
    case ValueType::NumberDistribution: return "number distribution";
    case ValueType::Integer: return "integer";
    case ValueType::Bool: return "bool";
    case ValueType::String: return "string";
    case ValueType::Shares: return "shares";
    case ValueType::Enum: return "enum";
    case ValueType::Number: return "number";
    case ValueType::NumberList: return "number list";
  }
  return "?";
}

namespace {

bool valid_segment(std::string_view s) {
  return !s.empty() && s.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string_view::npos;
}

// Dot-separated segments of [a-z0-9_]; '*' allowed only as the second-to-last segment.
bool valid_key(std::string_view key) {
  std::size_t start = 0;
  int segments = 0;
  int star_at = -1;
  while (true) {
    const auto dot = key.find('.', start);
    const std::string_view seg = key.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (seg == "*") {
      if (star_at >= 0) return false;
      star_at = segments;
    } else if (!valid_segment(seg)) {
      return false;
    }
    ++segments;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return star_at < 0 || (star_at >= 1 && star_at == segments - 2);
}

}  // namespace

std::optional<std::pair<std::string, std::string>> split_template_key(std::string_view key) {
  const auto star = key.find(".*.");
  if (star == std::string_view::npos) return std::nullopt;
  return std::pair{std::string(key.substr(0, star)), std::string(key.substr(star + 3))};
}

std::optional<EntityKey> split_entity_key(std::string_view key) {
  const auto last = key.rfind('.');
  if (last == std::string_view::npos || last == 0) return std::nullopt;
  const auto middle = key.rfind('.', last - 1);
  if (middle == std::string_view::npos) return std::nullopt;
  return EntityKey{std::string(key.substr(0, middle)), std::string(key.substr(middle + 1, last - middle - 1)),
                   std::string(key.substr(last + 1))};
}

void Schema::add(KeySpec spec) {
  if (!valid_key(spec.key)) throw std::logic_error(fmt::format("schema: malformed key \"{}\"", spec.key));
  if (find(spec.key) != nullptr) throw std::logic_error(fmt::format("schema: duplicate key \"{}\"", spec.key));
  if (spec.type == ValueType::Enum && spec.allowed.empty()) {
    throw std::logic_error(fmt::format("schema: enum key \"{}\" has no allowed values", spec.key));
  }
  const bool ordered = spec.type == ValueType::Money || spec.type == ValueType::Duration ||
                       spec.type == ValueType::Rate || spec.type == ValueType::Probability ||
                       spec.type == ValueType::Integer || spec.type == ValueType::Number ||
                       spec.type == ValueType::NumberList || spec.type == ValueType::DurationDistribution ||
                       spec.type == ValueType::MoneyDistribution || spec.type == ValueType::NumberDistribution ||
                       spec.type == ValueType::MoneyDistributionOrNone;
  if ((spec.min || spec.max) && !ordered) {
    throw std::logic_error(fmt::format("schema: key \"{}\" of type {} cannot have a range", spec.key,
                                       type_name(spec.type)));
  }
  keys_.push_back(std::move(spec));
}

void Schema::add_min_max(std::string min_key, std::string max_key) {
  const KeySpec* lo = find(min_key);
  const KeySpec* hi = find(max_key);
  if (lo == nullptr || hi == nullptr || lo->type != hi->type) {
    throw std::logic_error(fmt::format("schema: min/max pair \"{}\", \"{}\" needs two registered keys of one type",
                                       min_key, max_key));
  }
  if (split_template_key(min_key).has_value() != split_template_key(max_key).has_value() ||
      (split_template_key(min_key) && split_template_key(min_key)->first != split_template_key(max_key)->first)) {
    throw std::logic_error(fmt::format("schema: min/max pair \"{}\", \"{}\" spans two sections", min_key, max_key));
  }
  pairs_.push_back(MinMaxPair{std::move(min_key), std::move(max_key)});
}

void Schema::describe_template(std::string kind, std::string description) {
  template_descriptions_.emplace_back(std::move(kind), std::move(description));
}

const KeySpec* Schema::find(std::string_view key) const {
  const auto it = std::find_if(keys_.begin(), keys_.end(), [&](const KeySpec& k) { return k.key == key; });
  return it == keys_.end() ? nullptr : &*it;
}

std::vector<std::string> Schema::template_kinds() const {
  std::vector<std::string> kinds;
  for (const KeySpec& k : keys_) {
    if (const auto t = split_template_key(k.key)) {
      if (std::find(kinds.begin(), kinds.end(), t->first) == kinds.end()) kinds.push_back(t->first);
    }
  }
  return kinds;
}

}  // namespace market::scenario
