// Reading a file a scenario names (the scenario, an include, a manifest, an empirical table):
// a regular file of at most 64 MiB. A folder, a FIFO or a device (which would read as an empty
// file, block, or never end) is refused with the reason.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace market::scenario {

inline constexpr std::uintmax_t kMaxInputFileBytes = 64u << 20;

// The whole file. Throws ScenarioError `cannot open WHAT "DISPLAY"`, followed by ": it is a
// folder", ": it is not a regular file" or ": it is larger than 64 MiB" when it exists.
std::string read_input_file(const std::filesystem::path& file, std::string_view what, const std::string& display);

}  // namespace market::scenario
