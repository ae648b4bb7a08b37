// The output folder's name and the checks before a run: output_target, remove_stale_siblings,
// probe_writable (tools/output/atomic_dir.hpp).
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <catch2/catch.hpp>

#include "tests/scenario/temp_dir.hpp"
#include "tools/output/atomic_dir.hpp"

namespace fs = std::filesystem;
using TempDir = market::scenario::testing::TempDir;

namespace {

// Runs `f` with the current folder set to `dir`, and restores it.
template <class F>
void in_folder(const fs::path& dir, F&& f) {
  const fs::path before = fs::current_path();
  fs::current_path(dir);
  try {
    f();
  } catch (...) {
    fs::current_path(before);
    throw;
  }
  fs::current_path(before);
}

std::string path_error(std::string_view out) {
  try {
    market::output_target(out);
  } catch (const market::OutputPathError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("output_target: absolute, no trailing separator; the root and the current folder refused", "[output]") {
  TempDir tmp;
  const fs::path here = fs::weakly_canonical(tmp.path());
  in_folder(tmp.path(), [&] {
    CHECK(market::output_target("newdir/") == fs::current_path() / "newdir");
    CHECK(market::output_target("a/./b/../c") == fs::current_path() / "a" / "c");
    CHECK(path_error("") == "output folder: empty path");
    CHECK(path_error("/") == "output folder /: the root folder cannot be replaced");
    CHECK(path_error(".") == "output folder .: it holds the current folder " + here.string());
    CHECK(path_error("..") == "output folder ..: it holds the current folder " + here.string());
    CHECK(path_error(here.string() + "/") == "output folder " + here.string() + "/: it holds the current folder " +
                                                here.string());
    CHECK(path_error("sub") == "(no error)");
  });
}

TEST_CASE("stale staging folders of dead runs are removed, a live run's kept", "[output]") {
  TempDir tmp;
  const fs::path target = tmp.path() / "out";
  // A PID no process holds: checked, not assumed.
  REQUIRE(::kill(999999, 0) != 0);
  fs::create_directories(tmp.path() / ".out.partial-999999" / "inner");
  fs::create_directories(tmp.path() / ".out.old-999999");
  const fs::path live = tmp.path() / (".out.partial-" + std::to_string(::getpid()));
  fs::create_directories(live);
  fs::create_directories(tmp.path() / ".other.partial-999999");
  const auto removed = market::remove_stale_siblings(target);
  CHECK(removed.size() == 2);
  CHECK_FALSE(fs::exists(tmp.path() / ".out.partial-999999"));
  CHECK_FALSE(fs::exists(tmp.path() / ".out.old-999999"));
  CHECK(fs::exists(live));
  CHECK(fs::exists(tmp.path() / ".other.partial-999999"));  // another folder's: not ours to judge
}

TEST_CASE("probe_writable finds an unwritable output before any work", "[output]") {
  TempDir tmp;
  CHECK_NOTHROW(market::probe_writable(tmp.path() / "out"));
  CHECK(fs::is_empty(tmp.path()));  // the probe leaves nothing
  const fs::path missing = tmp.path() / "missing" / "out";
  CHECK_THROWS_WITH(market::probe_writable(missing), "cannot write " + missing.string() + ": No such file or directory");
}

TEST_CASE("AtomicDir::sync fsyncs a file written by a stream", "[output]") {
  TempDir tmp;
  market::AtomicDir d(tmp.path() / "out", false);
  std::ofstream(d.staging() / "trace.csv") << "a,b\n";
  CHECK_NOTHROW(d.sync("trace.csv"));
  CHECK_THROWS_AS(d.sync("missing.csv"), market::OutputError);
  d.commit();
  CHECK(fs::exists(tmp.path() / "out" / "trace.csv"));
}
