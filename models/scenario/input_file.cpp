#include "models/scenario/input_file.hpp"

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "models/scenario/values.hpp"

namespace market::scenario {

std::string read_input_file(const std::filesystem::path& file, std::string_view what, const std::string& display) {
  const auto fail = [&](std::string_view why) -> ScenarioError {
    return ScenarioError(fmt::format("cannot open {} \"{}\"{}", what, display, why));
  };
  std::error_code ec;
  const auto status = std::filesystem::status(file, ec);
  if (ec || !std::filesystem::exists(status)) throw fail("");
  if (std::filesystem::is_directory(status)) throw fail(": it is a folder");
  if (!std::filesystem::is_regular_file(status)) throw fail(": it is not a regular file");
  const auto size = std::filesystem::file_size(file, ec);
  if (!ec && size > kMaxInputFileBytes) throw fail(fmt::format(": it is larger than {} MiB", kMaxInputFileBytes >> 20));
  std::ifstream in(file, std::ios::binary);
  if (!in) throw fail("");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw fail(": read error");
  return std::move(buffer).str();
}

}  // namespace market::scenario
