// A results database for users who collect many runs: `--db FILE.sqlite` appends the run (its
// id, scenario hash, version, command line, parameters, points, every metric row and any comparison) to an
// SQLite database, in one transaction, so a run that fails or is killed leaves the database as
// it was. The schema is in docs/output.md; kSchemaVersion is stored in PRAGMA user_version.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "tools/output/results.hpp"

struct sqlite3;

namespace market {

inline constexpr int kSchemaVersion = 1;

class ResultsDatabase {
 public:
  // Before any work: the folder can be written, and an existing file is an SQLite database
  // with no tables or this schema (PRAGMA user_version). Throws OutputError naming the file.
  static void check(const std::filesystem::path& file);

  // Opens (creates) the database. Throws OutputError naming the file.
  explicit ResultsDatabase(const std::filesystem::path& file);
  // An uncommitted run is rolled back (a database this object created is removed).
  ~ResultsDatabase();
  ResultsDatabase(const ResultsDatabase&) = delete;
  ResultsDatabase& operator=(const ResultsDatabase&) = delete;

  // Begins the transaction and inserts the run from the rendered files (metrics.csv,
  // summary_ci.csv, manifest.ini, and compare.csv when there is one) and `info`. Throws
  // OutputError on any failure.
  void stage(const std::vector<OutputFile>& files, const RunInfo& info);
  void commit();

 private:
  void exec(const char* sql);
  [[noreturn]] void fail(const std::string& what);

  std::filesystem::path file_;
  sqlite3* db_ = nullptr;
  bool created_ = false;
  bool open_transaction_ = false;
};

// sim::fnv1a64 as 16 hex digits: the scenario hash of the runs table.
std::string fnv1a64_hex(std::string_view text);

}  // namespace market
