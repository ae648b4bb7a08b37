// An output folder that appears whole or not at all: files go into a temporary sibling folder,
// each fsync'ed, and commit() renames the folder into place. An existing folder is refused unless
// `force`, which replaces it: the old one is renamed away, the new one renamed in, the old removed.
// A folder never committed (an error, an exception) is removed by the destructor.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace market {

// Every output failure: a one-line message naming the path.
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A folder name that cannot be an output folder: empty, the root, or the current folder or one
// that holds it (replacing it would pull the floor away). The message names the path.
class OutputPathError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The output folder `out` names: absolute, normalised, without a trailing separator
// ("out/" -> "/abs/out"). Throws OutputPathError.
std::filesystem::path output_target(std::string_view out);

// Removes the ".<name>.partial-<pid>" and ".<name>.old-<pid>" folders that runs for `target`
// left behind when they were killed (their process is gone); returns what it removed.
std::vector<std::filesystem::path> remove_stale_siblings(const std::filesystem::path& target);

// Creates and removes the folder the run will stage into, next to `target`: proof, before any
// work, that the output can be written. Throws OutputError with the system's reason.
void probe_writable(const std::filesystem::path& target);

class AtomicDir {
 public:
  // Throws OutputError when `target` exists and !force, or the temporary folder cannot be made;
  // OutputPathError when `target` cannot be an output folder (output_target).
  AtomicDir(std::filesystem::path target, bool force);
  ~AtomicDir();
  AtomicDir(const AtomicDir&) = delete;
  AtomicDir& operator=(const AtomicDir&) = delete;

  // Writes (and fsyncs) one file of the folder.
  void write(std::string_view name, std::string_view content);
  // Fsyncs a file written into staging() by other means (a stream); throws OutputError.
  void sync(std::string_view name) const;
  void commit();

  const std::filesystem::path& target() const { return target_; }
  const std::filesystem::path& staging() const { return staging_; }

 private:
  std::filesystem::path target_;
  std::filesystem::path staging_;
  bool force_;
  bool committed_ = false;
};

}  // namespace market
