// libFuzzer target: a whole scenario file, loaded against the market schema and turned into
// typed parameters (includes and empirical files resolve against an empty folder).
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string_view>

#include "models/scenario/market_scenario.hpp"
#include "tests/fuzz/fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace market::scenario;
  static const std::filesystem::path base = std::filesystem::temp_directory_path();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    Scenario s = load_string(market_schema(), text, "fuzz.ini", base);
    to_market(std::move(s));
  } catch (const ScenarioError& e) {
    market::fuzz::check_message(e);
  }
  return 0;
}
