#include "models/scenario/loader.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "tests/scenario/temp_dir.hpp"

using market::Currency;
using namespace market::scenario;
using market::scenario::testing::TempDir;

namespace {

std::string message_of(auto&& f) {
  try {
    f();
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "(no error)";
}

KeySpec key(std::string name, ValueType type, std::optional<std::string> def, std::string description = "toy") {
  KeySpec k;
  k.key = std::move(name);
  k.type = type;
  k.default_text = std::move(def);
  k.source = std::string(kAssumption);
  k.description = std::move(description);
  return k;
}

// A toy schema shaped like the real one: plain keys, a channel template, ranges, min/max pairs.
Schema toy_schema() {
  Schema s;
  s.add(key("run.horizon", ValueType::Duration, "30d"));
  s.add(key("run.seed", ValueType::Integer, "1"));
  s.add(key("run.trace", ValueType::Bool, "false"));
  KeySpec mode = key("run.mode", ValueType::Enum, "fast");
  mode.allowed = {"fast", "full"};
  s.add(mode);
  s.add(key("buyer.dispute_rate", ValueType::Probability, "2%"));
  s.add(key("order.value", ValueType::MoneyDistribution, "lognormal(median=25 USD, sigma=1.0)"));
  s.add(key("market.channel_mix", ValueType::Shares, "card:0.5, qiwi:0.2, cash:0.3"));
  KeySpec spread = key("fx.spread", ValueType::Rate, "1%");
  spread.min = "0bp";
  spread.max = "10%";
  s.add(spread);
  s.add(key("settle.min_delay", ValueType::Duration, "1d"));
  s.add(key("settle.max_delay", ValueType::Duration, "10d"));
  s.add_min_max("settle.min_delay", "settle.max_delay");
  s.add(key("channel.*.fee", ValueType::Rate, "0%"));
  s.add(key("channel.*.min_amount", ValueType::Money, "0.01 USD"));
  s.add(key("channel.*.max_amount", ValueType::Money, "15000 USD"));
  s.add(key("channel.*.delay", ValueType::DurationDistribution, std::nullopt));
  s.add_min_max("channel.*.min_amount", "channel.*.max_amount");
  return s;
}

const char* const kCard = "[channel.card]\nfee = 1.95%\ndelay = const(24h)\n";

}  // namespace

TEST_CASE("schema refuses malformed and duplicate keys", "[scenario][schema]") {
  Schema s = toy_schema();
  CHECK_THROWS_AS(s.add(key("run.horizon", ValueType::Duration, "1d")), std::logic_error);
  CHECK_THROWS_AS(s.add(key("Run.Horizon", ValueType::Duration, "1d")), std::logic_error);
  CHECK_THROWS_AS(s.add(key("a.*.*.b", ValueType::Duration, "1d")), std::logic_error);
  CHECK_THROWS_AS(s.add(key("a.*", ValueType::Duration, "1d")), std::logic_error);
  CHECK_THROWS_AS(s.add(key("run.kind", ValueType::Enum, "x")), std::logic_error);
  CHECK_THROWS_AS(s.add_min_max("run.seed", "run.horizon"), std::logic_error);
  CHECK(s.template_kinds() == std::vector<std::string>{"channel"});
}

TEST_CASE("defaults fill every key, typed", "[scenario][loader]") {
  const Scenario sc = load_string(toy_schema(), "", "builtin", ".");
  CHECK(sc.duration("run.horizon") == Duration{30 * 86400, false});
  CHECK(sc.entry("run.horizon").origin.describe() == "default");
  CHECK(sc.integer("run.seed") == 1);
  CHECK_FALSE(sc.flag("run.trace"));
  CHECK(sc.text("run.mode") == "fast");
  CHECK(sc.probability("buyer.dispute_rate") == Approx(0.02));
  CHECK(sc.get<MoneyDistribution>("order.value").dist.a == 2500);
  CHECK(sc.get<ShareList>("market.channel_mix").shares.size() == 3);
  CHECK(sc.rate("fx.spread").bp == 100);
  CHECK(sc.entities("channel").empty());
  CHECK(message_of([&] { (void)sc.money("run.horizon"); }) == R"~(key "run.horizon" holds a duration, read as another type)~");
  CHECK(message_of([&] { (void)sc.entry("run.nothing"); }) == R"~(scenario builtin has no key "run.nothing")~");
}

TEST_CASE("an included base is overridden by the including file", "[scenario][loader]") {
  TempDir dir;
  dir.write("base.ini", "[run]\nhorizon = 10d\n[buyer]\ndispute_rate = 5%\n");
  const auto top = dir.write("top.ini", "include = base.ini\n\n[run]\nhorizon = 20d\n");
  const Scenario sc = load_file(toy_schema(), top);
  CHECK(sc.duration("run.horizon").value == 20 * 86400);
  CHECK(sc.entry("run.horizon").origin.describe() == top.string() + ":4");
  CHECK(sc.probability("buyer.dispute_rate") == Approx(0.05));
  CHECK(sc.entry("buyer.dispute_rate").origin.describe() == (dir.path() / "base.ini").string() + ":4");
}

TEST_CASE("an include cycle is an error naming the cycle", "[scenario][loader]") {
  TempDir dir;
  const auto a = dir.write("a.ini", "include = b.ini\n");
  const auto b = dir.write("b.ini", "# b\ninclude = a.ini\n");
  CHECK(message_of([&] { load_file(toy_schema(), a); }) ==
        b.string() + ":2: include cycle: " + a.string() + " -> " + b.string() + " -> " + a.string());
  const auto self = dir.write("self.ini", "include = self.ini\n");
  CHECK_THROWS_WITH(load_file(toy_schema(), self), Catch::Matchers::Contains("include cycle"));
}

TEST_CASE("missing files are named", "[scenario][loader]") {
  TempDir dir;
  const auto none = dir.path() / "none.ini";
  CHECK(message_of([&] { load_file(toy_schema(), none); }) == "cannot open scenario file \"" + none.string() + "\"");
  const auto top = dir.write("top.ini", "include = gone.ini\n");
  CHECK(message_of([&] { load_file(toy_schema(), top); }) ==
        top.string() + ":1: cannot open scenario file \"" + (dir.path() / "gone.ini").string() + "\"");
}

TEST_CASE("unknown keys suggest the nearest known key", "[scenario][loader]") {
  TempDir dir;
  const auto f = dir.write("default.ini", "[run]\nseed = 3\n\n[chanel.card]\nfee = 1%\n");
  CHECK(message_of([&] { load_file(toy_schema(), f); }) ==
        f.string() + R"~(:5: unknown key "chanel.card.fee" (did you mean "channel.card.fee"?))~");
  const auto g = dir.write("g.ini", "[run]\nhorizn = 3d\n");
  CHECK(message_of([&] { load_file(toy_schema(), g); }) ==
        g.string() + R"~(:2: unknown key "run.horizn" (did you mean "run.horizon"?))~");
  const auto h = dir.write("h.ini", "[weather]\nrain = 3d\n");
  CHECK(message_of([&] { load_file(toy_schema(), h); }) == h.string() + R"~(:2: unknown key "weather.rain")~");
}

TEST_CASE("bad values name file, line and key", "[scenario][loader]") {
  const Schema schema = toy_schema();
  CHECK(message_of([&] { load_string(schema, "[run]\n\nhorizon = 3x\n", "s.ini", "."); }) ==
        R"~(s.ini:3: run.horizon: invalid duration "3x" (unit must be s, m, h, d, w or wd))~");
  CHECK(message_of([&] { load_string(schema, "[market]\nchannel_mix = card:0.5, cash:0.4  # typo\n", "s.ini", "."); }) ==
        R"~(s.ini:2: market.channel_mix: invalid share list "card:0.5, cash:0.4" (shares sum to 0.9, not 1))~");
  CHECK(message_of([&] { load_string(schema, "[run]\nmode = slow\n", "s.ini", "."); }) ==
        R"~(s.ini:2: run.mode: "slow" is not one of fast, full)~");
  CHECK(message_of([&] { load_string(schema, "[fx]\nspread = 20%\n", "s.ini", "."); }) ==
        R"~(s.ini:2: fx.spread: 20% is above the maximum 10%)~");
  CHECK(message_of([&] { load_string(schema, "[channel.card]\nfee = -1%\ndelay = const(1h)\n", "s.ini", "."); }) ==
        R"~(s.ini:2: channel.card.fee: "-1%" must not be negative)~");
  CHECK(message_of([&] { load_string(schema, "[run]\nseed 3\n", "s.ini", "."); }) ==
        R"~(s.ini:2: expected "name = value" or "[section]", got "seed 3")~");
  CHECK(message_of([&] { load_string(schema, "[Run]\n", "s.ini", "."); }) ==
        R"~(s.ini:1: bad section name "Run" (lower case letters, digits, _ and .))~");
  CHECK(message_of([&] { load_string(schema, "[run]\ninclude = x.ini\n", "s.ini", "."); }) ==
        "s.ini:2: include must come before the first [section]");
}

TEST_CASE("a minimum above its maximum is an error", "[scenario][loader]") {
  const Schema schema = toy_schema();
  CHECK(message_of([&] { load_string(schema, "[settle]\nmin_delay = 12d\n", "s.ini", "."); }) ==
        R"~(s.ini:2: settle.min_delay = 12d is above settle.max_delay = 10d (default))~");
  const std::string text = std::string(kCard) + "min_amount = 100 USD\nmax_amount = 50 USD\n";
  CHECK(message_of([&] { load_string(schema, text, "s.ini", "."); }) ==
        R"~(s.ini:4: channel.card.min_amount = 100 USD is above channel.card.max_amount = 50 USD (s.ini:5))~");
  const std::string mixed = std::string(kCard) + "min_amount = 100 RUB\n";
  CHECK_THROWS_WITH(load_string(schema, mixed, "s.ini", "."), Catch::Matchers::Contains("different currencies"));
}

TEST_CASE("a user-added named section creates a new entity", "[scenario][loader]") {
  const Schema schema = toy_schema();
  const std::string text = std::string(kCard) + "\n[channel.mychannel]\nfee = 2.5%\ndelay = exp(mean=2h)\nmax_amount = 500 USD\n";
  const Scenario sc = load_string(schema, text, "s.ini", ".");
  CHECK(sc.entities("channel") == std::vector<std::string>{"card", "mychannel"});
  CHECK(sc.rate("channel.mychannel.fee").bp == 250);
  CHECK(sc.money("channel.mychannel.max_amount") == market::Money(50000, Currency::USD));
  CHECK(sc.money("channel.mychannel.min_amount").minor() == 1);
  CHECK(sc.entry("channel.mychannel.min_amount").origin.describe() == "default");
  CHECK(sc.get<DurationDistribution>("channel.mychannel.delay").dist.a == 7200);
  CHECK(message_of([&] { load_string(schema, "[channel.new]\nfee = 1%\n", "s.ini", "."); }) ==
        R"~(s.ini:2: missing key "channel.new.delay" (it has no default))~");
}

TEST_CASE("overrides given with --set beat the file", "[scenario][loader]") {
  const Schema schema = toy_schema();
  const Scenario sc = load_string(schema, std::string("[run]\nseed = 3\n") + kCard, "s.ini", ".",
                                  {"run.seed=7", "channel.card.fee = 80bp", "channel.cash.delay=const(1h)"});
  CHECK(sc.integer("run.seed") == 7);
  CHECK(sc.entry("run.seed").origin.describe() == "--set");
  CHECK(sc.rate("channel.card.fee").bp == 80);
  CHECK(sc.entities("channel") == std::vector<std::string>{"card", "cash"});
  CHECK(message_of([&] { load_string(schema, "", "s.ini", ".", {"run.seed"}); }) == R"~(--set "run.seed": expected key=value)~");
  CHECK(message_of([&] { load_string(schema, "", "s.ini", ".", {"run.sed=1"}); }) ==
        R"~(--set: unknown key "run.sed" (did you mean "run.seed"?))~");
  CHECK(message_of([&] { load_string(schema, "", "s.ini", ".", {"run.seed=x"}); }) ==
        R"~(--set: run.seed: invalid integer "x" (expected a whole number))~");
}

TEST_CASE("a key given twice in one file is an error naming both lines", "[scenario][loader]") {
  const Schema schema = toy_schema();
  CHECK(message_of([&] { load_string(schema, "[run]\nseed = 3\n\nseed = 4\n", "s.ini", "."); }) ==
        R"~(s.ini:4: key "run.seed" given twice (first at line 2))~");
  // The same section opened twice is still one key.
  CHECK(message_of([&] { load_string(schema, "[run]\nseed = 3\n[fx]\nspread = 1%\n[run]\nseed = 4\n", "s.ini", "."); }) ==
        R"~(s.ini:6: key "run.seed" given twice (first at line 2))~");
  // In an included file the message names that file.
  TempDir dir;
  dir.write("base.ini", "[run]\nhorizon = 10d\nhorizon = 20d\n");
  const auto top = dir.write("top.ini", "include = base.ini\n");
  CHECK(message_of([&] { load_file(schema, top); }) ==
        (dir.path() / "base.ini").string() + R"~(:3: key "run.horizon" given twice (first at line 2))~");
  // Across an include it is an override, not a repetition.
  const auto over = dir.write("over.ini", "include = base2.ini\n[run]\nhorizon = 30d\n");
  dir.write("base2.ini", "[run]\nhorizon = 10d\n");
  CHECK(load_file(schema, over).duration("run.horizon").value == 30 * 86400);
}

TEST_CASE("a key given in two --set arguments is an error; --set over the file is not", "[scenario][loader]") {
  const Schema schema = toy_schema();
  CHECK(message_of([&] { load_string(schema, "", "s.ini", ".", {"run.seed=1", "fx.spread=2%", "run.seed = 2"}); }) ==
        R"~(--set: key "run.seed" given twice)~");
  const Scenario sc = load_string(schema, "[run]\nseed = 3\n", "s.ini", ".", {"run.seed=7"});
  CHECK(sc.integer("run.seed") == 7);
  CHECK(sc.entry("run.seed").origin.describe() == "--set");
}

TEST_CASE("the effective dump reloads to the same scenario", "[scenario][loader]") {
  TempDir dir;
  dir.write("delays.csv", "hours\n1h\n3h\n");
  dir.write("base.ini", "[run]\nhorizon = 90d\n");
  const auto top = dir.write("top.ini",
                             std::string("include = base.ini\n") + kCard +
                                 "[channel.qiwi]\nfee = 0.8%\ndelay = empirical(delays.csv)\n");
  const Schema schema = toy_schema();
  const Scenario first = load_file(schema, top, {"run.trace=true"});
  const std::string dump = dump_ini(first);
  CHECK(dump.find("[channel.card]\ndelay = const(24h)\nfee = 1.95%\nmax_amount = 15000 USD\nmin_amount = 0.01 USD\n") !=
        std::string::npos);
  CHECK(dump.find("delay = empirical(" + (dir.path() / "delays.csv").string() + ")\n") != std::string::npos);

  TempDir elsewhere;  // the dump names empirical files absolutely, so it reloads from anywhere
  const auto manifest = elsewhere.write("manifest.ini", dump);
  const Scenario second = load_file(schema, manifest);
  REQUIRE(second.entries().size() == first.entries().size());
  for (const auto& [k, e] : first.entries()) {
    INFO(k);
    REQUIRE(second.has(k));
    CHECK(second.entry(k).text == e.text);
    CHECK(second.entry(k).type == e.type);
  }
  CHECK(second.entities("channel") == first.entities("channel"));
  CHECK(second.flag("run.trace"));
  CHECK(second.get<DurationDistribution>("channel.qiwi.delay").dist.table->values == std::vector<double>{3600, 10800});
  CHECK(dump_ini(second) == dump);
}

TEST_CASE("check_schema parses every default and range bound", "[scenario][schema]") {
  CHECK_NOTHROW(check_schema(toy_schema()));
  Schema bad = toy_schema();
  bad.add(key("run.warmup", ValueType::Duration, "1 day"));
  CHECK(message_of([&] { check_schema(bad); }) ==
        R"~(default of run.warmup: run.warmup: invalid duration "1 day" (unit must be s, m, h, d, w or wd))~");
  Schema inverted = toy_schema();
  inverted.add(key("channel.*.min_hold", ValueType::Duration, "5d"));
  inverted.add(key("channel.*.max_hold", ValueType::Duration, "2d"));
  inverted.add_min_max("channel.*.min_hold", "channel.*.max_hold");
  CHECK(message_of([&] { check_schema(inverted); }) ==
        "default: channel.*.min_hold = 5d is above channel.*.max_hold = 2d (default)");
  Schema ranged;
  KeySpec shares = key("market.mix", ValueType::Shares, "a:1");
  shares.max = "a:1";
  CHECK_THROWS_AS(ranged.add(shares), std::logic_error);
}

TEST_CASE("files may start with a byte order mark and use CRLF line ends", "[scenario][loader]") {
  TempDir dir;
  const auto f = dir.write("win.ini", "\xEF\xBB\xBF[run]\r\nseed = 9 ; nine\r\n");
  CHECK(load_file(toy_schema(), f).integer("run.seed") == 9);
}

TEST_CASE("a --set value cannot hide a comment", "[scenario][loader]") {
  CHECK(message_of([] { load_string(toy_schema(), "", "s.ini", ".", {"run.mode=fast #x"}); }) ==
        R"~(--set "run.mode=fast #x": a value cannot contain " #" or " ;")~");
}

TEST_CASE("a folder, a device or a FIFO is not a scenario file", "[scenario][loader]") {
  TempDir dir;
  std::filesystem::create_directory(dir.path() / "d");
  CHECK(message_of([&] { load_file(toy_schema(), dir.path() / "d"); }) ==
        "cannot open scenario file \"" + (dir.path() / "d").string() + "\": it is a folder");
  const auto top = dir.write("top.ini", "include = d\n");
  CHECK(message_of([&] { load_file(toy_schema(), top); }) ==
        top.string() + ":1: cannot open scenario file \"" + (dir.path() / "d").string() + "\": it is a folder");
  const auto zero = dir.write("zero.ini", "include = /dev/zero\n");
  CHECK(message_of([&] { load_file(toy_schema(), zero); }) ==
        zero.string() + ":1: cannot open scenario file \"/dev/zero\": it is not a regular file");
}

TEST_CASE("includes nest at most 64 files deep", "[scenario][loader]") {
  TempDir dir;
  // c0 includes c1 ... includes cN: a chain of N + 1 files.
  const auto chain = [&](int n) {
    for (int i = 0; i < n; ++i) dir.write(fmt::format("c{}.ini", i), fmt::format("include = c{}.ini\n", i + 1));
    dir.write(fmt::format("c{}.ini", n), "[run]\nseed = 4\n");
    return dir.path() / "c0.ini";
  };
  CHECK(load_file(toy_schema(), chain(63)).integer("run.seed") == 4);  // 64 files
  CHECK(message_of([&] { load_file(toy_schema(), chain(4000)); }) ==
        (dir.path() / "c63.ini").string() + ":1: include depth: \"" + (dir.path() / "c64.ini").string() +
            "\" would be the 65th file of one chain, above the limit 64");
}
