#include "models/scenario/values.hpp"

#include <catch2/catch.hpp>

using market::Currency;
using namespace market::scenario;

namespace {
std::string message_of(auto&& f) {
  try {
    f();
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "(no error)";
}
}  // namespace

TEST_CASE("money parses major units with the currency's minor digits", "[scenario][values]") {
  CHECK(parse_money("15000 RUB").minor() == 1500000);
  CHECK(parse_money("15000 RUB").currency() == Currency::RUB);
  CHECK(parse_money("5000 USD").minor() == 500000);
  CHECK(parse_money("0.05 USD").minor() == 5);
  CHECK(parse_money("20.00 USD").minor() == 2000);
  CHECK(parse_money("20.5 CNY").minor() == 2050);
  CHECK(parse_money("  -3 USD ").minor() == -300);
  CHECK(parse_money("92233720368547758.07 USD").minor() == INT64_MAX);
}

TEST_CASE("money rejects extra digits, missing or unknown currency, overflow, garbage", "[scenario][values]") {
  CHECK(message_of([] { parse_money("1.005 USD"); }) == R"~(invalid money "1.005 USD" (USD has at most 2 decimal digits))~");
  CHECK(message_of([] { parse_money("15000"); }) ==
        R"~(invalid money "15000" (expected an amount and a currency, e.g. "15000 RUB"))~");
  CHECK(message_of([] { parse_money("15000 EUR"); }) ==
        R"~(invalid money "15000 EUR" (unknown currency "EUR" (use USD, RUB or CNY)))~");
  CHECK(message_of([] { parse_money("92233720368547758.08 USD"); }) ==
        R"~(invalid money "92233720368547758.08 USD" (amount out of range))~");
  CHECK_THROWS_AS(parse_money("1e5 USD"), ScenarioError);
  CHECK_THROWS_AS(parse_money("abc USD"), ScenarioError);
  CHECK_THROWS_AS(parse_money("1. USD"), ScenarioError);
  CHECK_THROWS_AS(parse_money("usd 5"), ScenarioError);
  CHECK_THROWS_AS(parse_money("5 usd"), ScenarioError);
  CHECK_THROWS_AS(parse_money("123456789012345678901234567890123 USD"), ScenarioError);
}

TEST_CASE("durations are seconds, or whole working days", "[scenario][values]") {
  CHECK(parse_duration("90s") == Duration{90, false});
  CHECK(parse_duration("15m") == Duration{900, false});
  CHECK(parse_duration("15min") == Duration{900, false});
  CHECK(parse_duration("24h") == Duration{86400, false});
  CHECK(parse_duration("3d") == Duration{259200, false});
  CHECK(parse_duration("3 d") == Duration{259200, false});
  CHECK(parse_duration("2w") == Duration{1209600, false});
  CHECK(parse_duration("7wd") == Duration{7, true});
  CHECK(parse_duration("1.5h") == Duration{5400, false});
  CHECK(parse_duration("0.5m") == Duration{30, false});
  CHECK(parse_duration("-3d", true) == Duration{-259200, false});
}

TEST_CASE("bad durations name the reason", "[scenario][values]") {
  CHECK(message_of([] { parse_duration("3x"); }) == R"~(invalid duration "3x" (unit must be s, m, h, d, w or wd))~");
  CHECK(message_of([] { parse_duration("0.5s"); }) == R"~(invalid duration "0.5s" (must be a whole number of seconds))~");
  CHECK(message_of([] { parse_duration("-3d"); }) == R"~(invalid duration "-3d" (must not be negative))~");
  CHECK(message_of([] { parse_duration("1.5wd"); }) == R"~(invalid duration "1.5wd" (working days must be whole))~");
  CHECK_THROWS_AS(parse_duration("h"), ScenarioError);
  CHECK_THROWS_AS(parse_duration(""), ScenarioError);
  CHECK_THROWS_AS(parse_duration("5"), ScenarioError);
  CHECK_THROWS_AS(parse_duration("1.2.3h"), ScenarioError);
  CHECK_THROWS_AS(parse_duration("99999999999999999w"), ScenarioError);
}

TEST_CASE("rates are whole basis points", "[scenario][values]") {
  CHECK(parse_rate("1.95%").bp == 195);  // MegaFon card fee
  CHECK(parse_rate("80bp").bp == 80);
  CHECK(parse_rate("0.8%").bp == 80);  // WebMoney
  CHECK(parse_rate("0%").bp == 0);
  CHECK(parse_rate("-1%", true).bp == -100);
  CHECK(message_of([] { parse_rate("1.955%"); }) == R"~(invalid rate "1.955%" (finer than 1 bp))~");
  CHECK(message_of([] { parse_rate("0.5bp"); }) == R"~(invalid rate "0.5bp" (finer than 1 bp))~");
  CHECK(message_of([] { parse_rate("5"); }) == R"~(invalid rate "5" (unit must be % or bp))~");
  CHECK_THROWS_AS(parse_rate("-1%"), ScenarioError);
  CHECK_THROWS_AS(parse_rate("x%"), ScenarioError);
}

TEST_CASE("probabilities are plain or percent, within [0, 1]", "[scenario][values]") {
  CHECK(parse_probability("0.1") == Approx(0.1));
  CHECK(parse_probability("10%") == Approx(0.1));
  CHECK(parse_probability("1") == 1.0);
  CHECK(parse_probability("0") == 0.0);
  CHECK(message_of([] { parse_probability("1.5"); }) == R"~(invalid probability "1.5" (must be between 0 and 1))~");
  CHECK_THROWS_AS(parse_probability("-0.1"), ScenarioError);
  CHECK_THROWS_AS(parse_probability("nan"), ScenarioError);
  CHECK_THROWS_AS(parse_probability("ten"), ScenarioError);
}

TEST_CASE("integers and booleans", "[scenario][values]") {
  CHECK(parse_integer("42") == 42);
  CHECK(parse_integer("-7") == -7);
  CHECK(parse_integer("+7") == 7);
  CHECK_THROWS_AS(parse_integer("4.2"), ScenarioError);
  CHECK_THROWS_AS(parse_integer("99999999999999999999"), ScenarioError);
  CHECK_THROWS_AS(parse_integer(""), ScenarioError);
  CHECK(parse_bool("yes"));
  CHECK_FALSE(parse_bool("off"));
  CHECK(message_of([] { parse_bool("maybe"); }) == R"~(invalid boolean "maybe" (use true or false))~");
}

TEST_CASE("share lists must sum to 1", "[scenario][values]") {
  const ShareList s = parse_shares("card:0.5, qiwi:0.2, cash:0.3");
  REQUIRE(s.shares.size() == 3);
  CHECK(s.shares[0].name == "card");
  CHECK(s.shares[1].weight == Approx(0.2));
  CHECK(parse_shares("a:50%, b:50%").shares[1].weight == 0.5);
  CHECK(message_of([] { parse_shares("card:0.5, qiwi:0.2, cash:0.2"); }) ==
        R"~(invalid share list "card:0.5, qiwi:0.2, cash:0.2" (shares sum to 0.9, not 1))~");
  CHECK(message_of([] { parse_shares("card:0.5, card:0.5"); }) ==
        R"~(invalid share list "card:0.5, card:0.5" ("card" appears twice))~");
  CHECK_THROWS_AS(parse_shares("card 1"), ScenarioError);
  CHECK_THROWS_AS(parse_shares("card:2, qiwi:-1"), ScenarioError);
  CHECK_THROWS_AS(parse_shares(":1"), ScenarioError);
}

TEST_CASE("error messages stay one short line", "[scenario][values]") {
  // A C1 control (NEL, UTF-8 C2 85) ends a line for Unicode readers: escaped like the C0 ones.
  CHECK(std::string(ScenarioError("a\xC2\x85" "b\x01").what()) == "a\\u0085b\\x01");
  // A 10 MB value keeps the message's start and end.
  const std::string huge(10'000'000, 'x');
  const std::string msg = ScenarioError("f.ini:2: buyers.uses_app: invalid probability \"" + huge + "\" (why)").what();
  CHECK(msg.size() < 1000);
  CHECK(msg.starts_with("f.ini:2: buyers.uses_app: invalid probability \"xxx"));
  CHECK(msg.ends_with("xxx\" (why)"));
  CHECK(msg.find("[... 9999") != std::string::npos);
  // Multi-byte characters are not cut in half.
  std::string cyrillic;
  for (int i = 0; i < 2000; ++i) cyrillic += "\xD0\xB6";
  const std::string cut = ScenarioError(cyrillic).what();
  CHECK(cut.substr(0, cut.find(" [")).size() % 2 == 0);
  CHECK(cut.substr(cut.rfind("] ") + 2).size() % 2 == 0);
}
