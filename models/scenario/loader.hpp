// Loading a scenario: INI files (with includes) and --set overrides, checked against the schema,
// into the effective scenario: every key with its value text, its origin and its typed value.
//
// Order of precedence, later wins: schema defaults, the file (an included file's lines sit at
// the include line, so the including file's later lines override them), --set overrides. A key
// given twice in one file, or in two --set arguments, is an error.
// Every error is a ScenarioError with one line naming FILE:LINE (or --set) and the key.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "models/scenario/schema.hpp"
#include "models/scenario/values.hpp"

namespace market::scenario {

struct Origin {
  enum class Kind { Default, File, Set };
  Kind kind = Kind::Default;
  std::string file;  // Kind::File only
  int line = 0;      // Kind::File only
  std::string describe() const;  // "default.ini:12", "--set", "default"
};

struct Entry {
  std::string key;
  std::string text;  // the value as written (empirical file names made absolute)
  Origin origin;
  ValueType type = ValueType::String;
  Value value;
};

class Scenario {
 public:
  const std::string& name() const { return name_; }
  const std::map<std::string, Entry, std::less<>>& entries() const { return entries_; }
  bool has(std::string_view key) const { return entries_.find(key) != entries_.end(); }
  // Throws ScenarioError for a key the scenario does not have.
  const Entry& entry(std::string_view key) const;

  // Typed access; throws ScenarioError when the key is missing or holds another type.
  template <class T>
  const T& get(std::string_view key) const {
    const Entry& e = entry(key);
    if (const T* v = std::get_if<T>(&e.value)) return *v;
    throw_wrong_type(e);
  }
  Money money(std::string_view key) const { return get<Money>(key); }
  Duration duration(std::string_view key) const { return get<Duration>(key); }
  BasisPoints rate(std::string_view key) const { return get<BasisPoints>(key); }
  double probability(std::string_view key) const { return get<Probability>(key).value; }
  std::int64_t integer(std::string_view key) const { return get<Integer>(key).value; }
  bool flag(std::string_view key) const { return get<Flag>(key).value; }
  const std::string& text(std::string_view key) const { return get<std::string>(key); }

  // Names of the entities of a section template, sorted: entities("channel") -> {"card", ...}.
  std::vector<std::string> entities(std::string_view kind) const;

 private:
  friend class ScenarioBuilder;
  [[noreturn]] void throw_wrong_type(const Entry& e) const;
  std::string name_;
  std::map<std::string, Entry, std::less<>> entries_;
  std::map<std::string, std::vector<std::string>, std::less<>> entities_;
};

// --set arguments: "key=value" each.
Scenario load_file(const Schema& schema, const std::filesystem::path& file,
                   const std::vector<std::string>& sets = {});
// An in-memory scenario (the compiled-in default); includes and empirical files are resolved
// against base_dir, and messages name display_name.
Scenario load_string(const Schema& schema, std::string_view text, const std::string& display_name,
                     const std::filesystem::path& base_dir, const std::vector<std::string>& sets = {});

// Parses every default and range bound of the schema as a file value would be, and checks
// min/max pairs whose keys both have defaults; throws ScenarioError naming the key at fault.
void check_schema(const Schema& schema);

// The canonical INI text of every key in sorted order ("[section]" groups, "name = value").
// Loading it reproduces the same effective scenario.
std::string dump_ini(const Scenario& scenario);

}  // namespace market::scenario
