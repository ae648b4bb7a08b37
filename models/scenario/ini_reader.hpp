// A line-tracking INI reader: Boost.Program_options' own config parser does not report line
// numbers, and every scenario error must name FILE:LINE. Values are handed to the Boost
// semantics of the schema afterwards (see options.hpp).
//
// Syntax: "[section]" lines, "name = value" lines (the key is "section.name"), full-line
// comments starting with '#' or ';', and comments after a value that start with whitespace
// and '#' or ';'. "include = other.ini" before the first section reads another file (relative
// to this one) at that point, so later lines override it. A key given twice in one file is an
// error (in two files it is an override). In the [sweep] section key names are whole scenario
// keys with dots ("protection.release_after_confirmation = 0d..30d step 5d"): the loader leaves
// them out of the scenario, and `marketsim sweep` reads its axes from them.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace market::scenario {

inline constexpr std::string_view kSweepSection = "sweep";

struct RawEntry {
  std::string key;
  std::string value;
  std::string file;           // as displayed in messages
  int line = 0;
  std::filesystem::path dir;  // directory that relative file names in the value are resolved against
};

// Includes nest at most this deep (the file that includes counts): a chain of 64 files.
inline constexpr std::size_t kMaxIncludeDepth = 64;

// In reading order, included files at the place of their include line. Throws ScenarioError
// on a missing file or one that is not a regular file (input_file.hpp), a syntax error, a key
// given twice in one file, an include cycle or includes nested deeper than kMaxIncludeDepth.
std::vector<RawEntry> read_ini_file(const std::filesystem::path& file);
std::vector<RawEntry> read_ini_text(std::string_view text, const std::string& display_name,
                                    const std::filesystem::path& base_dir);

// The [sweep] section's entries of a file (its includes followed), keys without "sweep.".
std::vector<RawEntry> sweep_entries(const std::vector<RawEntry>& entries);

// The line without a trailing comment (whitespace followed by '#' or ';').
std::string_view strip_comment(std::string_view line);

}  // namespace market::scenario
