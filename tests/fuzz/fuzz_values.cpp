// libFuzzer target: the value parsers of models/scenario/values.hpp. The first byte picks the
// parser, the rest is the value text. Accepted values are checked against each parser's contract.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string_view>

#include "models/scenario/values.hpp"
#include "tests/fuzz/fuzz_check.hpp"

namespace {

using namespace market::scenario;
using market::fuzz::fail;

bool plain_number(double v) { return std::isfinite(v) && v >= 0; }

void parse_one(std::uint8_t which, std::string_view text, const std::filesystem::path& base) {
  switch (which % 14) {
    case 0: parse_money(text); break;
    case 1:
      if (parse_duration(text).value < 0) fail("negative duration accepted");
      break;
    case 2: parse_duration(text, true); break;
    case 3:
      if (parse_rate(text).bp < 0) fail("negative rate accepted");
      break;
    case 4: parse_rate(text, true); break;
    case 5: {
      const double p = parse_probability(text);
      if (!(p >= 0 && p <= 1)) fail("probability outside [0, 1]");
      break;
    }
    case 6:
      if (!plain_number(parse_number(text))) fail("number not finite and >= 0");
      break;
    case 7:
      for (double v : parse_number_list(text))
        if (!plain_number(v)) fail("list number not finite and >= 0");
      break;
    case 8: parse_integer(text); break;
    case 9: parse_bool(text); break;
    case 10: {
      double sum = 0;
      for (const Share& s : parse_shares(text).shares) {
        if (!(s.weight >= 0 && s.weight <= 1)) fail("share weight outside [0, 1]");
        sum += s.weight;
      }
      if (!(std::fabs(sum - 1) <= 1e-6)) fail("shares do not sum to 1");
      break;
    }
    case 11: parse_duration_distribution(text, base); break;
    case 12: parse_money_distribution(text, base); break;
    default: parse_number_distribution(text, base); break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const std::filesystem::path base = std::filesystem::temp_directory_path();
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    parse_one(data[0], text, base);
  } catch (const ScenarioError& e) {
    market::fuzz::check_message(e);
  }
  return 0;
}
