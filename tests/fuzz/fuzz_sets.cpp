// libFuzzer target: `--set` overrides on the compiled-in default scenario. Each input line is
// one "key=value" argument, as the command line would pass it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "models/scenario/market_scenario.hpp"
#include "tests/fuzz/fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace market::scenario;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> sets;
  while (!text.empty() && sets.size() < 16) {
    const auto nl = text.find('\n');
    sets.emplace_back(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
  }
  try {
    load_market_default(sets);
  } catch (const ScenarioError& e) {
    market::fuzz::check_message(e);
  }
  return 0;
}
