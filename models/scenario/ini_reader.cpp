#include "models/scenario/ini_reader.hpp"

#include <map>

#include <fmt/format.h>

#include "models/scenario/input_file.hpp"
#include "models/scenario/values.hpp"

namespace market::scenario {
namespace {

struct Frame {
  std::string display;
  std::filesystem::path canonical;  // empty for in-memory text
};

bool valid_name(std::string_view s, std::string_view extra) {
  if (s.empty() || s.front() == '.' || s.back() == '.' || s.find("..") != std::string_view::npos) return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
                    extra.find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::string_view strip_comment(std::string_view line) {
  for (std::size_t i = 1; i < line.size(); ++i) {
    if ((line[i] == '#' || line[i] == ';') && (line[i - 1] == ' ' || line[i - 1] == '\t')) {
      return line.substr(0, i);
    }
  }
  return line;
}

namespace {

void read_file_into(const std::filesystem::path& file, const std::string& display, std::vector<Frame>& stack,
                    std::vector<RawEntry>& out);

void read_text_into(std::string_view text, std::vector<Frame>& stack, const std::filesystem::path& dir,
                    std::vector<RawEntry>& out) {
  const std::string display = stack.back().display;
  std::string section;
  std::map<std::string, int, std::less<>> first_line;  // key -> its line in this file
  int line_no = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const auto nl = text.find('\n', pos);
    const std::string_view raw = text.substr(pos, nl == std::string_view::npos ? nl : nl - pos);
    pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
    ++line_no;
    const std::string_view line = trim(raw);
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    const auto where = [&] { return fmt::format("{}:{}", display, line_no); };
    const std::string_view content = trim(strip_comment(line));
    if (content.front() == '[') {
      if (content.back() != ']') throw ScenarioError(fmt::format("{}: section header must end with ']'", where()));
      const std::string_view name = trim(content.substr(1, content.size() - 2));
      if (!valid_name(name, ".")) {
        throw ScenarioError(fmt::format("{}: bad section name \"{}\" (lower case letters, digits, _ and .)", where(), name));
      }
      section = name;
      continue;
    }
    const auto eq = content.find('=');
    if (eq == std::string_view::npos) {
      throw ScenarioError(fmt::format("{}: expected \"name = value\" or \"[section]\", got \"{}\"", where(), content));
    }
    const std::string_view name = trim(content.substr(0, eq));
    const std::string_view value = trim(content.substr(eq + 1));
    // A [sweep] section names whole scenario keys: "protection.release_after_confirmation = ...".
    const bool sweep = section == kSweepSection;
    if (!valid_name(name, sweep ? "." : "")) {
      throw ScenarioError(fmt::format("{}: bad key name \"{}\" (lower case letters, digits{} and _)", where(), name,
                                      sweep ? ", ." : ""));
    }
    if (name == "include") {
      if (!section.empty()) throw ScenarioError(fmt::format("{}: include must come before the first [section]", where()));
      const std::filesystem::path target = (dir / std::string(value)).lexically_normal();
      try {
        read_file_into(target, target.string(), stack, out);
      } catch (const ScenarioError& e) {
        const std::string_view msg = e.what();
        // Errors inside the included file already name their own file and line.
        if (msg.starts_with("cannot open") || msg.starts_with("include cycle") || msg.starts_with("include depth"))
          throw ScenarioError(fmt::format("{}: {}", where(), msg));
        throw;
      }
      continue;
    }
    std::string key = section.empty() ? std::string(name) : fmt::format("{}.{}", section, name);
    if (const auto [it, fresh] = first_line.try_emplace(key, line_no); !fresh) {
      throw ScenarioError(fmt::format("{}: key \"{}\" given twice (first at line {})", where(), key, it->second));
    }
    out.push_back(RawEntry{std::move(key), std::string(value), display, line_no, dir});
  }
}

void read_file_into(const std::filesystem::path& file, const std::string& display, std::vector<Frame>& stack,
                    std::vector<RawEntry>& out) {
  if (stack.size() >= kMaxIncludeDepth) {
    throw ScenarioError(fmt::format("include depth: \"{}\" would be the {}th file of one chain, above the limit {}",
                                    display, stack.size() + 1, kMaxIncludeDepth));
  }
  const std::string text_buffer = read_input_file(file, "scenario file", display);
  std::error_code ec;
  const std::filesystem::path canonical = std::filesystem::weakly_canonical(file, ec);
  for (const Frame& f : stack) {
    if (!f.canonical.empty() && f.canonical == canonical) {
      std::string cycle;
      bool in_cycle = false;
      for (const Frame& g : stack) {
        in_cycle = in_cycle || g.canonical == canonical;
        if (in_cycle) cycle += g.display + " -> ";
      }
      throw ScenarioError(fmt::format("include cycle: {}{}", cycle, display));
    }
  }
  std::string_view text = text_buffer;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // UTF-8 byte order mark
  stack.push_back(Frame{display, canonical});
  read_text_into(text, stack, file.parent_path(), out);
  stack.pop_back();
}

}  // namespace

std::vector<RawEntry> read_ini_file(const std::filesystem::path& file) {
  std::vector<Frame> stack;
  std::vector<RawEntry> out;
  read_file_into(file, file.string(), stack, out);
  return out;
}

std::vector<RawEntry> read_ini_text(std::string_view text, const std::string& display_name,
                                    const std::filesystem::path& base_dir) {
  std::vector<Frame> stack{Frame{display_name, {}}};
  std::vector<RawEntry> out;
  read_text_into(text, stack, base_dir, out);
  return out;
}

std::vector<RawEntry> sweep_entries(const std::vector<RawEntry>& entries) {
  std::vector<RawEntry> out;
  const std::string prefix = fmt::format("{}.", kSweepSection);
  for (const RawEntry& e : entries)
    if (e.key.starts_with(prefix)) {
      out.push_back(e);
      out.back().key.erase(0, prefix.size());
    }
  return out;
}

}  // namespace market::scenario
