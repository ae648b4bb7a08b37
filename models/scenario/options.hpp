// The Boost.Program_options side of the schema (private to models/scenario: only .cpp files
// include this header, so Boost stays out of the headers models and tools include).
#pragma once

#include <filesystem>
#include <string>
#include <unordered_map>

#include <boost/program_options/options_description.hpp>

#include "models/scenario/schema.hpp"
#include "models/scenario/values.hpp"

namespace market::scenario {

// One typed option per schema key (template keys keep their '*'), each parsed by the
// validate() overloads in options.cpp, and found by key through an index:
// options_description::find_nothrow scans every option and builds strings per comparison,
// which made loading a whole scenario quadratic (89% of `marketsim validate`, callgrind).
class OptionTable {
 public:
  explicit OptionTable(const Schema& schema);

  // Parses `text` as the value of `key` through its Boost semantic. Empirical files are
  // resolved against base_dir. Throws ScenarioError with the parser's message.
  Value parse(const std::string& key, ValueType type, const std::string& text,
              const std::filesystem::path& base_dir) const;

 private:
  boost::program_options::options_description desc_;
  std::unordered_map<std::string, const boost::program_options::option_description*> by_key_;
};

}  // namespace market::scenario
