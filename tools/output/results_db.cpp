#include "tools/output/results_db.hpp"

#include <unistd.h>

#include <charconv>
#include <cstdint>

#include <fmt/format.h>
#include <sqlite3.h>

#include "sim/random.hpp"
#include "tools/output/atomic_dir.hpp"
#include "tools/output/csv.hpp"

namespace market {
namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS runs (
  run_id TEXT PRIMARY KEY, date TEXT NOT NULL, version TEXT NOT NULL,
  source_revision TEXT NOT NULL, command_line TEXT NOT NULL, scenario_file TEXT NOT NULL,
  scenario_hash TEXT NOT NULL, seed INTEGER NOT NULL, replications INTEGER NOT NULL,
  points INTEGER NOT NULL, manifest TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS parameters (
  run_id TEXT NOT NULL REFERENCES runs(run_id), key TEXT NOT NULL, value TEXT NOT NULL,
  PRIMARY KEY (run_id, key));
CREATE TABLE IF NOT EXISTS points (
  run_id TEXT NOT NULL REFERENCES runs(run_id), point_index INTEGER NOT NULL,
  point TEXT NOT NULL, PRIMARY KEY (run_id, point_index));
CREATE TABLE IF NOT EXISTS swept (
  run_id TEXT NOT NULL REFERENCES runs(run_id), point_index INTEGER NOT NULL,
  column TEXT NOT NULL, value TEXT NOT NULL, number REAL,
  PRIMARY KEY (run_id, point_index, column));
CREATE TABLE IF NOT EXISTS metrics (
  run_id TEXT NOT NULL REFERENCES runs(run_id), point TEXT NOT NULL,
  replication INTEGER NOT NULL, seed INTEGER NOT NULL, metric TEXT NOT NULL,
  unit TEXT NOT NULL, statistic TEXT NOT NULL, value REAL);
CREATE INDEX IF NOT EXISTS metrics_by_figure ON metrics (metric, statistic, run_id);
CREATE TABLE IF NOT EXISTS summary_ci (
  run_id TEXT NOT NULL REFERENCES runs(run_id), point TEXT NOT NULL, metric TEXT NOT NULL,
  unit TEXT NOT NULL, statistic TEXT NOT NULL, n INTEGER NOT NULL, mean REAL, sd REAL,
  ci_low REAL, ci_high REAL);
CREATE TABLE IF NOT EXISTS compare (
  run_id TEXT NOT NULL REFERENCES runs(run_id), base TEXT NOT NULL, point TEXT NOT NULL,
  metric TEXT NOT NULL, unit TEXT NOT NULL, statistic TEXT NOT NULL, n INTEGER NOT NULL,
  mean_base REAL, ci_low_base REAL, ci_high_base REAL, mean_point REAL, ci_low_point REAL,
  ci_high_point REAL, diff_mean REAL, diff_sd REAL, diff_ci_low REAL, diff_ci_high REAL,
  unpaired_ci_low REAL, unpaired_ci_high REAL, variance_reduction REAL);
)sql";

// compare.csv's number columns, in the compare table's order after n.
constexpr const char* kCompareNumbers[] = {
    "mean_base",  "ci_low_base", "ci_high_base", "mean_point",      "ci_low_point",
    "ci_high_point", "diff_mean", "diff_sd",     "diff_ci_low",     "diff_ci_high",
    "unpaired_ci_low", "unpaired_ci_high", "variance_reduction"};

// A prepared statement, finalized on scope exit.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) stmt_ = nullptr;
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  bool ok() const { return stmt_ != nullptr; }
  void text(int i, const std::string& s) {
    sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
  }
  void integer(int i, std::int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
  // A number cell: REAL, or NULL when empty.
  void number(int i, const std::string& cell) {
    double v = 0;
    const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
    if (cell.empty() || ec != std::errc() || end != cell.data() + cell.size()) {
      sqlite3_bind_null(stmt_, i);
    } else {
      sqlite3_bind_double(stmt_, i, v);
    }
  }
  bool step() {
    const int rc = sqlite3_step(stmt_);
    sqlite3_reset(stmt_);
    return rc == SQLITE_DONE;
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

const std::string* file_named(const std::vector<OutputFile>& files, std::string_view name) {
  for (const auto& f : files)
    if (f.name == name) return &f.content;
  return nullptr;
}

std::int64_t integer_of(const std::string& cell) {
  std::int64_t v = 0;
  std::from_chars(cell.data(), cell.data() + cell.size(), v);
  return v;
}

}  // namespace

std::string fnv1a64_hex(std::string_view text) { return fmt::format("{:016x}", sim::fnv1a64(text)); }

void ResultsDatabase::check(const std::filesystem::path& file) {
  std::error_code ec;
  const auto abs = std::filesystem::absolute(file, ec);
  if (!std::filesystem::exists(abs, ec)) {
    const auto parent = abs.parent_path();
    if (!std::filesystem::is_directory(parent, ec) || ::access(parent.c_str(), W_OK) != 0)
      throw OutputError(fmt::format("--db {}: {} is not a writable folder", file.string(), parent.string()));
    return;
  }
  if (::access(abs.c_str(), R_OK | W_OK) != 0)
    throw OutputError(fmt::format("--db {}: cannot be read and written", file.string()));
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(abs.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  int version = -1, tables = -1;
  if (rc == SQLITE_OK) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, nullptr) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW)
      version = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master", -1, &s, nullptr) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW)
      tables = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
  }
  sqlite3_close(db);
  if (tables < 0)
    throw OutputError(fmt::format("--db {}: not an SQLite database", file.string()));
  if (tables > 0 && version != kSchemaVersion)
    throw OutputError(fmt::format("--db {}: not a marketsim results database (schema version {}, "
                                  "expected {})", file.string(), version, kSchemaVersion));
}

ResultsDatabase::ResultsDatabase(const std::filesystem::path& file) : file_(file) {
  std::error_code ec;
  created_ = !std::filesystem::exists(file, ec);
  if (sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK)
    fail("cannot open");
  sqlite3_busy_timeout(db_, 10'000);  // another run appending: wait for it
}

ResultsDatabase::~ResultsDatabase() {
  if (open_transaction_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(db_);
  if (open_transaction_ && created_) {
    std::error_code ec;
    std::filesystem::remove(file_, ec);
    std::filesystem::remove(file_.string() + "-journal", ec);
  }
}

void ResultsDatabase::fail(const std::string& what) {
  const char* why = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
  throw OutputError(fmt::format("--db {}: {}: {}", file_.string(), what, why));
}

void ResultsDatabase::exec(const char* sql) {
  if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) fail("cannot write");
}

void ResultsDatabase::stage(const std::vector<OutputFile>& files, const RunInfo& info) {
  const std::string* metrics = file_named(files, "metrics.csv");
  const std::string* ci = file_named(files, "summary_ci.csv");
  const std::string* manifest = file_named(files, "manifest.ini");
  if (metrics == nullptr || ci == nullptr || manifest == nullptr)
    throw OutputError(fmt::format("--db {}: the run's files are incomplete", file_.string()));
  exec("BEGIN IMMEDIATE");
  open_transaction_ = true;
  exec(kSchema);
  exec(fmt::format("PRAGMA user_version = {}", kSchemaVersion).c_str());

  std::vector<std::string> labels;
  {
    const auto rows = read_csv(*ci);
    for (std::size_t r = 1; r < rows.size(); ++r)
      if (labels.empty() || labels.back() != rows[r][0]) labels.push_back(rows[r][0]);
  }
  Statement run(db_, "INSERT INTO runs VALUES (?,?,?,?,?,?,?,?,?,?,?)");
  if (!run.ok()) fail("cannot prepare");
  run.text(1, info.run_id);
  run.text(2, info.date);
  run.text(3, info.version);
  run.text(4, info.source_revision);
  run.text(5, info.command_line);
  run.text(6, info.scenario_file);
  run.text(7, fnv1a64_hex(info.effective_scenario));
  run.integer(8, static_cast<std::int64_t>(info.seed));
  run.integer(9, info.replications);
  run.integer(10, static_cast<std::int64_t>(labels.size()));
  run.text(11, *manifest);
  if (!run.step()) fail(fmt::format("cannot record run {}", info.run_id));

  Statement parameter(db_, "INSERT INTO parameters VALUES (?,?,?)");
  for (const auto& [key, value] : info.parameters) {
    parameter.text(1, info.run_id);
    parameter.text(2, key);
    parameter.text(3, value);
    if (!parameter.step()) fail("cannot write parameters");
  }
  Statement point(db_, "INSERT INTO points VALUES (?,?,?)");
  Statement swept(db_, "INSERT INTO swept VALUES (?,?,?,?,?)");
  for (std::size_t i = 0; i < labels.size(); ++i) {
    point.text(1, info.run_id);
    point.integer(2, static_cast<std::int64_t>(i));
    point.text(3, labels[i]);
    if (!point.step()) fail("cannot write points");
    for (std::size_t c = 0; c < info.swept_columns.size(); ++c) {
      swept.text(1, info.run_id);
      swept.integer(2, static_cast<std::int64_t>(i));
      swept.text(3, info.swept_columns[c]);
      swept.text(4, info.swept_values.at(i).at(c));
      swept.number(5, info.swept_values.at(i).at(c));
      if (!swept.step()) fail("cannot write swept values");
    }
  }

  // Columns by name: a sweep's key columns sit between point and replication.
  const auto column = [](const CsvRecord& header, std::string_view name) {
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return i;
    throw OutputError(fmt::format("results database: no column {}", name));
  };
  {
    const auto rows = read_csv(*metrics);
    const CsvRecord& h = rows.front();
    const std::size_t cp = column(h, "point"), cr = column(h, "replication"), cs = column(h, "seed"),
                      cm = column(h, "metric"), cu = column(h, "unit"), ct = column(h, "statistic"),
                      cv = column(h, "value");
    Statement m(db_, "INSERT INTO metrics VALUES (?,?,?,?,?,?,?,?)");
    for (std::size_t r = 1; r < rows.size(); ++r) {
      const CsvRecord& row = rows[r];
      m.text(1, info.run_id);
      m.text(2, row[cp]);
      m.integer(3, integer_of(row[cr]));
      m.integer(4, integer_of(row[cs]));
      m.text(5, row[cm]);
      m.text(6, row[cu]);
      m.text(7, row[ct]);
      m.number(8, row[cv]);
      if (!m.step()) fail(fmt::format("cannot write metrics (row {})", r + 1));
    }
  }
  {
    const auto rows = read_csv(*ci);
    const CsvRecord& h = rows.front();
    const std::size_t cp = column(h, "point"), cm = column(h, "metric"), cu = column(h, "unit"),
                      ct = column(h, "statistic"), cn = column(h, "n"), cmean = column(h, "mean"),
                      csd = column(h, "sd"), clo = column(h, "ci_low"), chi = column(h, "ci_high");
    Statement s(db_, "INSERT INTO summary_ci VALUES (?,?,?,?,?,?,?,?,?,?)");
    for (std::size_t r = 1; r < rows.size(); ++r) {
      const CsvRecord& row = rows[r];
      s.text(1, info.run_id);
      s.text(2, row[cp]);
      s.text(3, row[cm]);
      s.text(4, row[cu]);
      s.text(5, row[ct]);
      s.integer(6, integer_of(row[cn]));
      s.number(7, row[cmean]);
      s.number(8, row[csd]);
      s.number(9, row[clo]);
      s.number(10, row[chi]);
      if (!s.step()) fail(fmt::format("cannot write summary_ci (row {})", r + 1));
    }
  }
  if (const std::string* cmp = file_named(files, "compare.csv")) {
    const auto rows = read_csv(*cmp);
    const CsvRecord& h = rows.front();
    const std::size_t cb = column(h, "base"), cp = column(h, "point"), cm = column(h, "metric"),
                      cu = column(h, "unit"), ct = column(h, "statistic"), cn = column(h, "n");
    std::vector<std::size_t> numbers;
    for (const char* name : kCompareNumbers) numbers.push_back(column(h, name));
    Statement c(db_, "INSERT INTO compare VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    for (std::size_t r = 1; r < rows.size(); ++r) {
      const CsvRecord& row = rows[r];
      c.text(1, info.run_id);
      c.text(2, row[cb]);
      c.text(3, row[cp]);
      c.text(4, row[cm]);
      c.text(5, row[cu]);
      c.text(6, row[ct]);
      c.integer(7, integer_of(row[cn]));
      for (std::size_t k = 0; k < numbers.size(); ++k)
        c.number(8 + static_cast<int>(k), row[numbers[k]]);
      if (!c.step()) fail(fmt::format("cannot write compare (row {})", r + 1));
    }
  }
}

void ResultsDatabase::commit() {
  if (!open_transaction_) return;
  exec("COMMIT");
  open_transaction_ = false;
}

}  // namespace market
