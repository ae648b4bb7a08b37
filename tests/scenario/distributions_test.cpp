#include <catch2/catch.hpp>

#include "models/scenario/values.hpp"
#include "tests/scenario/temp_dir.hpp"

using market::Currency;
using namespace market::scenario;
using market::scenario::testing::TempDir;
using sim::DistKind;

namespace {
std::string message_of(auto&& f) {
  try {
    f();
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "(no error)";
}
const std::filesystem::path kHere = ".";
}  // namespace

TEST_CASE("duration distributions are in seconds", "[scenario][distribution]") {
  const auto c = parse_duration_distribution("const(24h)", kHere).dist;
  CHECK(c.kind == DistKind::Constant);
  CHECK(c.a == 86400);
  const auto u = parse_duration_distribution("uniform(1d, 10d)", kHere).dist;
  CHECK(u.kind == DistKind::Uniform);
  CHECK(u.a == 86400);
  CHECK(u.b == 864000);
  const auto named = parse_duration_distribution("uniform(max=10d, min=1d)", kHere).dist;
  CHECK(named.a == 86400);
  CHECK(named.b == 864000);
  const auto e = parse_duration_distribution("exp(mean=2h)", kHere).dist;
  CHECK(e.kind == DistKind::Exponential);
  CHECK(e.a == 7200);
  CHECK(parse_duration_distribution("exp(2h)", kHere).dist.a == 7200);
  const auto ln = parse_duration_distribution("lognormal(median=15d, sigma=0.5)", kHere).dist;
  CHECK(ln.kind == DistKind::Lognormal);
  CHECK(ln.a == 15 * 86400);
  CHECK(ln.b == 0.5);
  const auto n = parse_duration_distribution(" normal(mean=3d, sd=1d) ", kHere).dist;
  CHECK(n.kind == DistKind::Normal);
  CHECK(n.a == 3 * 86400);
  CHECK(n.b == 86400);
}

TEST_CASE("money distributions are in minor units of one currency", "[scenario][distribution]") {
  const auto m = parse_money_distribution("lognormal(median=25 USD, sigma=1.0)", kHere);
  CHECK(m.currency == Currency::USD);
  CHECK(m.dist.a == 2500);
  CHECK(m.dist.b == 1.0);
  const auto u = parse_money_distribution("uniform(100 RUB, 15000 RUB)", kHere);
  CHECK(u.currency == Currency::RUB);
  CHECK(u.dist.b == 1500000);
  CHECK(message_of([] { parse_money_distribution("uniform(1 USD, 5 RUB)", kHere); }) ==
        R"~(invalid distribution "uniform(1 USD, 5 RUB)" (max: "5 RUB" is not in USD))~");
}

TEST_CASE("bad distributions say what is wrong", "[scenario][distribution]") {
  CHECK(message_of([] { parse_duration_distribution("gamma(1d)", kHere); }) ==
        R"~(invalid distribution "gamma(1d)" (unknown kind "gamma" (use const, uniform, exp, normal, lognormal or empirical)))~");
  CHECK(message_of([] { parse_duration_distribution("uniform(2d, 1d)", kHere); }) ==
        R"~(invalid distribution "uniform(2d, 1d)" (min must be below max))~");
  CHECK(message_of([] { parse_duration_distribution("exp(mean=2x)", kHere); }) ==
        R"~(invalid distribution "exp(mean=2x)" (mean: invalid duration "2x" (unit must be s, m, h, d, w or wd)))~");
  CHECK(message_of([] { parse_duration_distribution("lognormal(median=15d)", kHere); }) ==
        R"~(invalid distribution "lognormal(median=15d)" (lognormal takes arguments: median, sigma))~");
  CHECK(message_of([] { parse_duration_distribution("exp(scale=1h)", kHere); }) ==
        R"~(invalid distribution "exp(scale=1h)" (exp has no parameter "scale" (it takes mean)))~");
  CHECK_THROWS_AS(parse_duration_distribution("const(7wd)", kHere), ScenarioError);
  CHECK_THROWS_AS(parse_duration_distribution("24h", kHere), ScenarioError);
  CHECK_THROWS_AS(parse_duration_distribution("const()", kHere), ScenarioError);
  CHECK_THROWS_AS(parse_duration_distribution("exp(mean=0s)", kHere), ScenarioError);
  CHECK_THROWS_AS(parse_duration_distribution("normal(mean=1d, sd=-1d)", kHere), ScenarioError);
  CHECK_THROWS_AS(parse_duration_distribution("lognormal(median=1d, sigma=x)", kHere), ScenarioError);
  CHECK_THROWS_AS(parse_duration_distribution("uniform(min=1d, min=2d)", kHere), ScenarioError);
  CHECK_THROWS_AS(parse_number_distribution("uniform(1, x)", kHere), ScenarioError);
  CHECK(parse_number_distribution("uniform(1, 5)", kHere).dist.b == 5);
}

TEST_CASE("empirical files: one value a line, optional header, relative to the scenario", "[scenario][distribution]") {
  TempDir dir;
  dir.write("hours.csv", "delay\n1h\n2h\n# a comment\n\n30m\n45\n");
  const auto d = parse_duration_distribution("empirical(hours.csv)", dir.path()).dist;
  REQUIRE(d.kind == DistKind::Empirical);
  REQUIRE(d.table);
  CHECK(d.table->values == std::vector<double>{45, 1800, 3600, 7200});
  CHECK(d.table->origin == (dir.path() / "hours.csv").string());

  dir.write("values.csv", "12.50 USD\n3 USD\n");
  const auto m = parse_money_distribution("empirical(values.csv)", dir.path());
  CHECK(m.currency == Currency::USD);
  CHECK(m.dist.table->values == std::vector<double>{300, 1250});
}

TEST_CASE("empirical file errors name the file and line", "[scenario][distribution]") {
  TempDir dir;
  const auto bad = dir.write("bad.csv", "delay\n1h\nsoon\n");
  CHECK(message_of([&] { parse_duration_distribution("empirical(bad.csv)", dir.path()); }) ==
        bad.string() + R"~(:3: invalid duration "soon" (expected a number and a unit: s, m, h, d, w or wd))~");
  const auto empty = dir.write("empty.csv", "delay\n\n");
  CHECK(message_of([&] { parse_duration_distribution("empirical(empty.csv)", dir.path()); }) ==
        empty.string() + ": no values");
  CHECK(message_of([&] { parse_duration_distribution("empirical(none.csv)", dir.path()); }) ==
        "cannot open empirical file \"" + (dir.path() / "none.csv").string() + "\"");
  dir.write("mixed.csv", "1 USD\n2 RUB\n");
  CHECK_THROWS_WITH(parse_money_distribution("empirical(mixed.csv)", dir.path()),
                    Catch::Matchers::EndsWith(R"~(mixed.csv:2: "2 RUB" is not in USD)~"));
}

TEST_CASE("an empirical file's bad first value is an error, not a header", "[scenario][distribution]") {
  TempDir dir;
  const auto neg = dir.write("neg.csv", "-5d\n2d\n");
  CHECK(message_of([&] { parse_duration_distribution("empirical(neg.csv)", dir.path()); }) ==
        neg.string() + R"~(:1: invalid duration "-5d" (must not be negative))~");
  const auto typo = dir.write("typo.csv", "# delays\n2x\n3d\n");
  CHECK(message_of([&] { parse_duration_distribution("empirical(typo.csv)", dir.path()); }) ==
        typo.string() + R"~(:2: invalid duration "2x" (unit must be s, m, h, d, w or wd))~");
  // A folder or a device is not a table.
  CHECK(message_of([&] { parse_duration_distribution("empirical(.)", dir.path()); }) ==
        "cannot open empirical file \"" + (dir.path() / ".").lexically_normal().string() + "\": it is a folder");
  CHECK(message_of([&] { parse_duration_distribution("empirical(/dev/zero)", dir.path()); }) ==
        "cannot open empirical file \"/dev/zero\": it is not a regular file");
}
