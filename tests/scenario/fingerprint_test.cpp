// Regression fingerprints: each shipped scenario, run once at a fixed seed and a short horizon,
// hashed (FNV-1a 64) over its event trajectory -- every order state change as --trace writes it,
// every ledger posting as the journal writes it -- and its final statistics (every metric's
// name, statistic and CSV value, then the orders placed, events dispatched and end time).
// tests/fingerprints/fingerprints.txt holds the expected values. A deliberate change in
// behaviour regenerates them (docs/validation.md, "Regression fingerprints"):
//   MARKETSIM_UPDATE_FINGERPRINTS=1 build/release/tests/tests_scenario '[fingerprint]'
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>
#include <sstream>
#include <streambuf>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "models/experiment/experiment.hpp"
#include "models/metrics/metrics.hpp"
#include "models/scenario/market_scenario.hpp"

namespace {

namespace fs = std::filesystem;

constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
constexpr std::uint64_t kFnvPrime = 0x100000001b3ULL;
const std::vector<std::string> kRunSets = {"run.seed=20261123", "run.horizon=20d",
                                           "run.warmup=5d"};

// An output stream that keeps only the FNV-1a 64 hash of what is written to it.
class HashBuf : public std::streambuf {
 public:
  std::uint64_t hash() const { return hash_; }
  void add(std::string_view bytes) {
    for (unsigned char c : bytes) hash_ = (hash_ ^ c) * kFnvPrime;
  }

 protected:
  int_type overflow(int_type c) override {
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      const char ch = traits_type::to_char_type(c);
      add(std::string_view(&ch, 1));
    }
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    add(std::string_view(s, static_cast<std::size_t>(n)));
    return n;
  }

 private:
  std::uint64_t hash_ = kFnvOffset;
};

struct Fingerprint {
  std::uint64_t orders = 0;   // the trace of order state changes
  std::uint64_t journal = 0;  // the ledger's postings
  std::uint64_t stats = 0;    // the final statistics
  std::uint64_t events = 0;   // events dispatched (for the reader of a failure)
  // One hash of the three, as the file's first column.
  std::uint64_t combined() const {
    HashBuf h;
    h.add(fmt::format("{:016x}{:016x}{:016x}", orders, journal, stats));
    return h.hash();
  }
};

Fingerprint fingerprint_of(const fs::path& scenario, const std::string& extra_set = {}) {
  std::vector<std::string> sets = kRunSets;
  if (!extra_set.empty()) {
    // It replaces the base setting of its key: a key given in two --set arguments is an error.
    const std::string key = extra_set.substr(0, extra_set.find('=') + 1);
    std::erase_if(sets, [&](const std::string& s) { return s.starts_with(key); });
    sets.push_back(extra_set);
  }
  const auto s = market::scenario::load_market_file(scenario, sets);
  HashBuf orders_buf, journal_buf;
  std::ostream orders(&orders_buf), journal(&journal_buf);
  const market::TraceSinks sinks{&orders, &journal};
  market::RunParams run = s.run;
  run.replication = 0;
  const market::ReplicationResult r = market::run_replication(s.market, run, nullptr, &sinks);
  orders.flush();
  journal.flush();
  HashBuf stats;
  for (const market::Metric& m : market::metrics_of(r.collectors))
    stats.add(fmt::format("{},{},{},{}\n", market::metric_name(m.key), m.key.statistic, m.key.unit,
                          market::format_value(m.key, m.value)));
  stats.add(fmt::format("{},{},{}\n", r.orders_placed, r.events_dispatched, r.end_time));
  return {orders_buf.hash(), journal_buf.hash(), stats.hash(), r.events_dispatched};
}

std::string line_of(const std::string& name, const Fingerprint& f) {
  return fmt::format("{} {:016x} orders={:016x} journal={:016x} stats={:016x} events={}", name,
                     f.combined(), f.orders, f.journal, f.stats, f.events);
}

const fs::path kSource = MARKETSIM_SOURCE_DIR;
const fs::path kFile = kSource / "tests/fingerprints/fingerprints.txt";

std::vector<fs::path> shipped_scenarios() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(kSource / "scenarios"))
    if (e.path().extension() == ".ini") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::map<std::string, std::string> stored_lines() {
  std::map<std::string, std::string> lines;
  std::ifstream in(kFile);
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line[0] != '#') lines[line.substr(0, line.find(' '))] = line;
  return lines;
}

}  // namespace

TEST_CASE("the shipped scenarios keep their fingerprints", "[fingerprint]") {
  const std::vector<fs::path> scenarios = shipped_scenarios();
  REQUIRE(scenarios.size() >= 5);
  std::vector<std::string> computed;
  for (const fs::path& f : scenarios) computed.push_back(line_of(f.filename().string(), fingerprint_of(f)));

  if (const char* update = std::getenv("MARKETSIM_UPDATE_FINGERPRINTS"); update && *update == '1') {
    std::ofstream out(kFile);
    out << "# Regression fingerprints (tests/scenario/fingerprint_test.cpp): FNV-1a 64 over the order\n"
           "# trace, the ledger journal and the final statistics of replication 0 at --set "
        << fmt::format("{}", fmt::join(kRunSets, " ")) << ".\n"
           "# Regenerate only with a statistical comparison over many seeds (docs/validation.md).\n";
    for (const std::string& line : computed) out << line << '\n';
    WARN("fingerprints written to " << kFile.string());
    return;
  }

  const auto stored = stored_lines();
  for (const std::string& line : computed) {
    const std::string name = line.substr(0, line.find(' '));
    INFO("scenario " << name << "\n  computed: " << line << "\n  stored:   "
         << (stored.count(name) ? stored.at(name) : std::string("(none)"))
         << "\nBehaviour changed. If unintended, find the change; if deliberate, compare over many "
            "seeds (tools/compare-seeds.sh, docs/validation.md), put the table in the commit "
            "message and regenerate:\n  MARKETSIM_UPDATE_FINGERPRINTS=1 build/release/tests/"
            "tests_scenario '[fingerprint]'");
    CHECK(stored.count(name) == 1);
    if (stored.count(name)) CHECK(stored.at(name) == line);
  }
  CHECK(stored.size() == computed.size());
}

TEST_CASE("FNV-1a 64 matches its published test vectors", "[fingerprint]") {
  // Fowler/Noll/Vo reference values: "" and "a", "foobar".
  const auto fnv = [](std::string_view s) {
    HashBuf h;
    h.add(s);
    return h.hash();
  };
  CHECK(fnv("") == 0xcbf29ce484222325ULL);
  CHECK(fnv("a") == 0xaf63dc4c8601ec8cULL);
  CHECK(fnv("foobar") == 0x85944171f73967e8ULL);
}

TEST_CASE("a fingerprint is repeatable and sees a changed parameter or seed", "[fingerprint]") {
  const fs::path file = kSource / "scenarios/default.ini";
  const Fingerprint a = fingerprint_of(file);
  CHECK(fingerprint_of(file).combined() == a.combined());
  CHECK(a.orders != kFnvOffset);
  CHECK(a.journal != kFnvOffset);
  CHECK(a.events > 1000);
  const Fingerprint fee = fingerprint_of(file, "channel.card.fee_rate=2.5%");
  CHECK(fee.journal != a.journal);
  CHECK(fingerprint_of(file, "run.seed=7").orders != a.orders);
}
