// scenarios/default.ini against the code: the compiled-in text is the file, and loading it gives
// exactly the documented world of the models (default_market()).
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "models/scenario/market_scenario.hpp"

using namespace market::scenario;

namespace {

const std::string kDefaultIni = std::string(MARKETSIM_SOURCE_DIR) + "/scenarios/default.ini";

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every key's default text of the schema whose defaults are `m` and `run`.
std::map<std::string, std::string> defaults_of(const Schema& schema) {
  std::map<std::string, std::string> out;
  for (const KeySpec& k : schema.keys()) out[k.key] = k.default_text.value_or("") + "  [" + k.source + "]";
  return out;
}

void same_defaults(const std::map<std::string, std::string>& a, const std::map<std::string, std::string>& b) {
  REQUIRE(a.size() == b.size());
  for (const auto& [key, text] : a) {
    INFO(key);
    REQUIRE(b.count(key) == 1);
    CHECK(text == b.at(key));
  }
}

}  // namespace

// Regenerates the file from the schema: `tests_scenario "[.generate]"`, then hand-check the diff.
TEST_CASE("write scenarios/default.ini from the schema", "[.generate]") {
  std::ofstream out(kDefaultIni, std::ios::binary);
  out << "# The documented world: every key of every model with its default. Each value's comment\n"
         "# gives what it is, its unit and its source: seeds article file:line (000:187 = file 000,\n"
         "# line 187), public-rules.md, payment-facts.md, or ASSUMPTION. Compiled into marketsim, so\n"
         "# `marketsim run` needs no file; a scenario may `include = default.ini` and override keys.\n"
         "# A new entity is a new section: [channel.NAME], [seller.NAME], [carrier.NAME], [route.NAME].\n";
  out << annotated_ini(market_schema());
}

TEST_CASE("the compiled-in default is scenarios/default.ini byte for byte") {
  const std::string file = read_text(kDefaultIni);
  REQUIRE(file.size() > 1000);
  CHECK(default_scenario_text() == file);
}

TEST_CASE("the schema's defaults are checked: every default parses as a file value would") {
  CHECK_NOTHROW(check_schema(market_schema()));
}

TEST_CASE("loading default.ini gives default_market(): every field, value and source") {
  const LoadedScenario l = load_market_default();
  // The schema generated from the loaded parameters equals the one generated from the models'
  // defaults: every field of every entity, as value text and source.
  const Schema loaded = build_market_schema(l.market, l.run, l.replications);
  const Schema code = build_market_schema(market::default_market(), market::RunParams{}, 1);
  same_defaults(defaults_of(loaded), defaults_of(code));
  same_defaults(defaults_of(code), defaults_of(market_schema()));
  CHECK(l.market.channels.size() == static_cast<std::size_t>(market::kChannelCount));
  CHECK(l.replications == 1);
  CHECK(l.run.horizon == market::RunParams{}.horizon);
  CHECK(l.run.seed == 1);
}

TEST_CASE("every key of default.ini is set in the file, and its effective scenario is the schema's") {
  const LoadedScenario from_file = load_market_default();
  const std::vector<std::string> by_rules = rule_dependent_keys();
  // Note 1 moves four figures (card and QIWI limits), notes 2-4 one each at least.
  CHECK(by_rules.size() >= 7);
  for (const auto& [key, e] : from_file.effective.entries()) {
    INFO(key);
    const bool follows_rules = std::binary_search(by_rules.begin(), by_rules.end(), key);
    CHECK(e.origin.kind == (follows_rules ? Origin::Kind::Default : Origin::Kind::File));
  }
  const LoadedScenario empty = to_market(load_string(market_schema(), "", "empty.ini", "."));
  CHECK(dump_ini(from_file.effective) == dump_ini(empty.effective));
}

TEST_CASE("default.ini documents every key with a comment naming its source") {
  const std::string text(default_scenario_text());
  std::istringstream lines(text);
  std::string line;
  std::string previous;
  int keys = 0;
  while (std::getline(lines, line)) {
    if (!line.empty() && line[0] != '#' && line[0] != '[') {
      ++keys;
      INFO(line);
      CHECK(previous.rfind("# ", 0) == 0);
      CHECK(previous.back() == ']');  // "... [000:187]" or "[ASSUMPTION ...]"
    }
    previous = line;
  }
  std::size_t concrete = 0;
  for (const KeySpec& k : market_schema().keys()) concrete += split_template_key(k.key) ? 0 : 1;
  CHECK(keys == static_cast<int>(concrete - rule_dependent_keys().size()));
}
