#include "tools/output/atomic_dir.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
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

}  // namespace

fs::path output_target(std::string_view out) {
  if (out.empty()) throw OutputPathError("output folder: empty path");
  std::error_code ec;
  fs::path target = fs::absolute(fs::path(out), ec).lexically_normal();
  if (ec) throw OutputPathError(fmt::format("output folder {}: {}", out, ec.message()));
  if (!target.has_filename()) target = target.parent_path();  // "out/" and "out/." -> "out"
  if (!target.has_filename() || target == target.root_path())
    throw OutputPathError(fmt::format("output folder {}: the root folder cannot be replaced", out));
  const fs::path here = fs::weakly_canonical(fs::current_path(), ec);
  const fs::path real = fs::weakly_canonical(target, ec);
  if (std::mismatch(real.begin(), real.end(), here.begin(), here.end()).first == real.end())
    throw OutputPathError(fmt::format("output folder {}: it holds the current folder {}", out, here.string()));
  return target;
}

// A run killed (SIGKILL, power loss) leaves its ".<name>.partial-<pid>" or ".<name>.old-<pid>"
// behind; a run for the same target removes those whose process is gone.
std::vector<fs::path> remove_stale_siblings(const fs::path& target) {
  std::vector<fs::path> removed;
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
      std::error_code failed;
      fs::remove_all(entry.path(), failed);
      if (!failed) removed.push_back(entry.path());
    }
  }
  return removed;
}

void probe_writable(const fs::path& target) {
  const fs::path probe = sibling(target, "partial");
  std::error_code ec;
  fs::remove_all(probe, ec);
  if (::mkdir(probe.c_str(), 0755) != 0) fail("cannot write", target, errno);
  ::rmdir(probe.c_str());
}

AtomicDir::AtomicDir(fs::path target, bool force) : force_(force) {
  target_ = output_target(target.string());
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

void AtomicDir::sync(std::string_view name) const { fsync_path(staging_ / name, O_RDONLY); }

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
