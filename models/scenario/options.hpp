// The Boost.Program_options side of the schema (private to models/scenario: only .cpp files
// include this header, so Boost stays out of the headers models and tools include).
#pragma once

#include <filesystem>
#include <string>

#include <boost/program_options/options_description.hpp>

#include "models/scenario/schema.hpp"
#include "models/scenario/values.hpp"

namespace market::scenario {

// One typed option per schema key (template keys keep their '*'), each parsed by the
// validate() overloads in options.cpp.
boost::program_options::options_description build_options(const Schema& schema);

// Parses `text` as the value of `option` (a key of `desc`) through its Boost semantic.
// Empirical files are resolved against base_dir. Throws ScenarioError with the parser's message.
Value parse_option_value(const boost::program_options::options_description& desc,
                         const std::string& option, ValueType type, const std::string& text,
                         const std::filesystem::path& base_dir);

}  // namespace market::scenario
