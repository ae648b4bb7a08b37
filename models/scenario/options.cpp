#include "models/scenario/options.hpp"

#include <vector>

#include <boost/any.hpp>
#include <boost/program_options/errors.hpp>
#include <boost/program_options/value_semantic.hpp>
#include <fmt/format.h>

namespace po = boost::program_options;

namespace market::scenario {
namespace {

// Boost's validate() takes no context, yet an empirical file is named relative to the scenario
// file that mentions it; OptionTable::parse sets this for the duration of one parse.
thread_local const std::filesystem::path* g_base_dir = nullptr;

const std::string& single_token(const std::vector<std::string>& tokens) {
  if (tokens.size() != 1) throw ScenarioError("expected exactly one value");
  return tokens.front();
}

std::filesystem::path base_dir() { return g_base_dir != nullptr ? *g_base_dir : std::filesystem::path("."); }

}  // namespace

// Boost.Program_options finds these by argument-dependent lookup, so each sits in the
// namespace of its type.
void validate(boost::any& out, const std::vector<std::string>& tokens, Duration*, int) {
  out = parse_duration(single_token(tokens), true);
}
void validate(boost::any& out, const std::vector<std::string>& tokens, Probability*, int) {
  out = Probability{parse_probability(single_token(tokens))};
}
void validate(boost::any& out, const std::vector<std::string>& tokens, Integer*, int) {
  out = Integer{parse_integer(single_token(tokens))};
}
void validate(boost::any& out, const std::vector<std::string>& tokens, Number*, int) {
  out = Number{parse_number(single_token(tokens))};
}
void validate(boost::any& out, const std::vector<std::string>& tokens, NumberList*, int) {
  out = NumberList{parse_number_list(single_token(tokens))};
}
void validate(boost::any& out, const std::vector<std::string>& tokens, Flag*, int) {
  out = Flag{parse_bool(single_token(tokens))};
}
void validate(boost::any& out, const std::vector<std::string>& tokens, ShareList*, int) {
  out = parse_shares(single_token(tokens));
}
void validate(boost::any& out, const std::vector<std::string>& tokens, DurationDistribution*, int) {
  out = parse_duration_distribution(single_token(tokens), base_dir());
}
void validate(boost::any& out, const std::vector<std::string>& tokens, MoneyDistributionOrNone*, int) {
  out = parse_money_distribution_or_none(single_token(tokens), base_dir());
}
void validate(boost::any& out, const std::vector<std::string>& tokens, NumberDistribution*, int) {
  out = parse_number_distribution(single_token(tokens), base_dir());
}

}  // namespace market::scenario

namespace market {

void validate(boost::any& out, const std::vector<std::string>& tokens, Money*, int) {
  out = scenario::parse_money(scenario::single_token(tokens));
}
void validate(boost::any& out, const std::vector<std::string>& tokens, BasisPoints*, int) {
  out = scenario::parse_rate(scenario::single_token(tokens), true);
}
void validate(boost::any& out, const std::vector<std::string>& tokens, MoneyDistribution*, int) {
  out = scenario::parse_money_distribution(scenario::single_token(tokens), scenario::base_dir());
}

}  // namespace market

namespace market::scenario {
namespace {

const po::value_semantic* semantic_for(ValueType type) {
  switch (type) {
    case ValueType::Money: return po::value<Money>();
    case ValueType::Duration: return po::value<Duration>();
    case ValueType::Rate: return po::value<BasisPoints>();
    case ValueType::Probability: return po::value<Probability>();
    case ValueType::DurationDistribution: return po::value<DurationDistribution>();
    case ValueType::MoneyDistribution: return po::value<MoneyDistribution>();
    case ValueType::NumberDistribution: return po::value<NumberDistribution>();
    case ValueType::Integer: return po::value<Integer>();
    case ValueType::Bool: return po::value<Flag>();
    case ValueType::String:
    case ValueType::Enum: return po::value<std::string>();
    case ValueType::Shares: return po::value<ShareList>();
    case ValueType::Number: return po::value<Number>();
    case ValueType::NumberList: return po::value<NumberList>();
    case ValueType::MoneyDistributionOrNone: return po::value<MoneyDistributionOrNone>();
  }
  return po::value<std::string>();
}

template <class T>
Value take(const boost::any& a) {
  return Value(boost::any_cast<const T&>(a));
}

Value to_value(ValueType type, const boost::any& a) {
  switch (type) {
    case ValueType::Money: return take<Money>(a);
    case ValueType::Duration: return take<Duration>(a);
    case ValueType::Rate: return take<BasisPoints>(a);
    case ValueType::Probability: return take<Probability>(a);
    case ValueType::DurationDistribution: return take<DurationDistribution>(a);
    case ValueType::MoneyDistribution: return take<MoneyDistribution>(a);
    case ValueType::NumberDistribution: return take<NumberDistribution>(a);
    case ValueType::Integer: return take<Integer>(a);
    case ValueType::Bool: return take<Flag>(a);
    case ValueType::String:
    case ValueType::Enum: return take<std::string>(a);
    case ValueType::Shares: return take<ShareList>(a);
    case ValueType::Number: return take<Number>(a);
    case ValueType::NumberList: return take<NumberList>(a);
    case ValueType::MoneyDistributionOrNone: return take<MoneyDistributionOrNone>(a);
  }
  return take<std::string>(a);
}

}  // namespace

OptionTable::OptionTable(const Schema& schema) : desc_("scenario keys") {
  for (const KeySpec& k : schema.keys()) {
    desc_.add_options()(k.key.c_str(), semantic_for(k.type), k.description.c_str());
  }
  by_key_.reserve(desc_.options().size());
  for (const auto& od : desc_.options()) by_key_.emplace(od->long_name(), od.get());
}

Value OptionTable::parse(const std::string& key, ValueType type, const std::string& text,
                         const std::filesystem::path& base_dir) const {
  const auto it = by_key_.find(key);
  if (it == by_key_.end()) throw ScenarioError(fmt::format("no option \"{}\" in the schema", key));
  const po::option_description* od = it->second;
  struct BaseDirScope {
    explicit BaseDirScope(const std::filesystem::path* p) { g_base_dir = p; }
    ~BaseDirScope() { g_base_dir = nullptr; }
    BaseDirScope(const BaseDirScope&) = delete;
    BaseDirScope& operator=(const BaseDirScope&) = delete;
  } scope(&base_dir);
  boost::any store;
  try {
    // utf8 = false: values pass through as bytes (a conversion would throw on invalid UTF-8).
    od->semantic()->parse(store, {std::string(trim(text))}, false);
  } catch (const po::error& e) {
    throw ScenarioError(e.what());
  }
  return to_value(type, store);
}

}  // namespace market::scenario
