#include "tools/output/atomic_dir.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

#include <fmt/format.h>

namespace market {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void fail(std::string_view what, const fs::path& path, int err) {
  throw OutputError(fmt::format("{} {}: {}", what, path.string(), std::strerror(err)));
}

void fsync_path(const fs::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags);
  if (fd < 0) fail("cannot open", path, errno);
  const bool ok = ::fsync(fd) == 0;
  const int err = errno;
  ::close(fd);
  if (!ok) fail("cannot sync", path, err);
}

fs::path sibling(const fs::path& target, std::string_view tag) {
  return target.parent_path() /
         fmt::format(".{}.{}-{}", target.filename().string(), tag, static_cast<long>(::getpid()));
}

fs::path parent_or_dot(const fs::path& p) {
  return p.parent_path().empty() ? fs::path(".") : p.parent_path();
}

// A run killed (SIGKILL, power loss) leaves its ".<name>.partial-<pid>" or ".<name>.old-<pid>"
// behind; the next run for the same target removes those whose process is gone.
void remove_stale_siblings(const fs::path& target) {
  const std::string name = target.filename().string();
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(parent_or_dot(target), ec)) {
    const std::string file = entry.path().filename().string();
    for (std::string_view tag : {"partial", "old"}) {
      const std::string prefix = fmt::format(".{}.{}-", name, tag);
      if (!file.starts_with(prefix)) continue;
      const std::string pid = file.substr(prefix.size());
      if (pid.empty() || pid.size() > 9 || pid.find_first_not_of("0123456789") != std::string::npos)
        continue;
      if (::kill(static_cast<pid_t>(std::stol(pid)), 0) == 0 || errno != ESRCH) continue;
      std::error_code ignored;
      fs::remove_all(entry.path(), ignored);
    }
  }
}

}  // namespace

AtomicDir::AtomicDir(fs::path target, bool force) : force_(force) {
  while (!target.empty() && !target.has_filename()) target = target.parent_path();  // "out/"
  target_ = std::move(target);
  if (target_.empty()) throw OutputError("output folder: empty path");
  std::error_code ec;
  if (fs::exists(target_, ec) && !force_)
    throw OutputError(fmt::format("output folder {} exists (use --force to replace it)",
                                  target_.string()));
  remove_stale_siblings(target_);
  staging_ = sibling(target_, "partial");
  fs::remove_all(staging_, ec);
  if (!fs::create_directory(staging_, ec) || ec)
    throw OutputError(fmt::format("cannot create output folder {}: {}", staging_.string(),
                                  ec ? ec.message() : "already exists"));
}

AtomicDir::~AtomicDir() {
  if (committed_) return;
  std::error_code ec;
  fs::remove_all(staging_, ec);
}

void AtomicDir::write(std::string_view name, std::string_view content) {
  const fs::path path = staging_ / name;
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail("cannot write", path, errno);
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      ::close(fd);
      fail("cannot write", path, err);
    }
    done += static_cast<std::size_t>(n);
  }
  const bool synced = ::fsync(fd) == 0;
  const int err = errno;
  if (::close(fd) != 0 || !synced) fail("cannot write", path, synced ? errno : err);
}

void AtomicDir::commit() {
  fsync_path(staging_, O_RDONLY | O_DIRECTORY);
  std::error_code ec;
  fs::path old;
  if (fs::exists(target_, ec)) {
    if (!force_)
      throw OutputError(fmt::format("output folder {} exists (use --force to replace it)",
                                    target_.string()));
    old = sibling(target_, "old");
    fs::remove_all(old, ec);
    fs::rename(target_, old, ec);
    if (ec) throw OutputError(fmt::format("cannot move {} away: {}", target_.string(), ec.message()));
  }
  fs::rename(staging_, target_, ec);
  if (ec) {
    std::error_code ignored;
    if (!old.empty()) fs::rename(old, target_, ignored);
    throw OutputError(fmt::format("cannot rename {} to {}: {}", staging_.string(),
                                  target_.string(), ec.message()));
  }
  committed_ = true;
  fsync_path(parent_or_dot(target_), O_RDONLY | O_DIRECTORY);
  if (!old.empty()) fs::remove_all(old, ec);
}

}  // namespace market
