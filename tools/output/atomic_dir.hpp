// An output folder that appears whole or not at all: files go into a temporary sibling folder,
// each fsync'ed, and commit() renames the folder into place. An existing folder is refused unless
// `force`, which replaces it: the old one is renamed away, the new one renamed in, the old removed.
// A folder never committed (an error, an exception) is removed by the destructor.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string_view>

namespace market {

// Every output failure: a one-line message naming the path.
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class AtomicDir {
 public:
  // Throws OutputError when `target` exists and !force, or the temporary folder cannot be made.
  AtomicDir(std::filesystem::path target, bool force);
  ~AtomicDir();
  AtomicDir(const AtomicDir&) = delete;
  AtomicDir& operator=(const AtomicDir&) = delete;

  // Writes (and fsyncs) one file of the folder.
  void write(std::string_view name, std::string_view content);
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
