// The shipped scenarios load and run; the effective scenario round-trips; bad input gets one
// line naming file:line and key.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "models/metrics/collectors.hpp"
#include "models/market/run.hpp"
#include "models/scenario/market_scenario.hpp"
#include "sim/simulator.hpp"
#include "tests/scenario/temp_dir.hpp"

using namespace market::scenario;
using market::scenario::testing::TempDir;

namespace {

const std::filesystem::path kScenarios = std::filesystem::path(MARKETSIM_SOURCE_DIR) / "scenarios";

// Every field of `m` as schema defaults: equal texts mean equal parameters.
std::map<std::string, std::string> fields_of(const LoadedScenario& l) {
  std::map<std::string, std::string> out;
  const Schema schema = build_market_schema(l.market, l.run, l.replications);
  for (const KeySpec& k : schema.keys()) {
    out[k.key] = k.default_text.value_or("");
  }
  return out;
}

void run_short(const LoadedScenario& l) {
  market::RunParams run = l.run;
  run.horizon = sim::days(10);
  run.warmup = 0;
  run.drain = true;
  run.check_daily = true;
  market::CollectorLayout layout;
  for (const auto& c : l.market.channels) layout.channels.push_back(c.key);
  for (const auto& s : l.market.sellers) layout.segments.push_back(s.name);
  for (const auto& c : l.market.carriers) layout.carriers.push_back(c.name);
  market::Collectors collect(layout);
  market::Market m(l.market, run, collect);
  sim::Simulator s;
  market::run_market(m, s);
  CHECK(m.orders_placed() > 0);
  CHECK(m.orders().live() == 0);
  CHECK_NOTHROW(m.check_invariants());
}

std::string error_of(const std::filesystem::path& file, const std::vector<std::string>& sets = {}) {
  try {
    load_market_file(file, sets);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("every shipped scenario loads, converts and runs ten days with invariants") {
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kScenarios)) {
    if (entry.path().extension() != ".ini") continue;
    ++files;
    INFO(entry.path().string());
    // A tenth of the default volume keeps the test short.
    const LoadedScenario l = load_market_file(entry.path(), {"arrivals.orders_per_day=200"});
    run_short(l);
  }
  CHECK(files >= 5);
}

TEST_CASE("the shipped profiles change what they say") {
  const LoadedScenario pr = load_market_file(kScenarios / "public-rules.ini");
  CHECK(pr.market.protection.delivered_countdown == sim::days(5));
  CHECK(pr.market.routes[0].name == "ru");
  CHECK(pr.market.routes[0].delivery_timer_cap == sim::days(90));
  CHECK(pr.market.routes[1].delivery_timer_cap == sim::days(120));
  CHECK(pr.effective.entry("route.br.delivery_timer_cap").origin.describe().ends_with("public-rules.ini:28"));

  const LoadedScenario storm = load_market_file(kScenarios / "fault-storm.ini");
  for (const auto& c : storm.market.channels) {
    INFO(c.key);
    CHECK(c.p_double_debit.value == 0.1);
    CHECK(c.p_security_refusal.value == 0.2);
    CHECK(c.p_security_refusal.source == std::string_view("scenario (user-set)"));
  }
  const LoadedScenario cash = load_market_file(kScenarios / "cash-heavy.ini");
  CHECK(cash.market.channel_rules.cash_in_app);
}

TEST_CASE("a route's buyers' country is a scenario key: ru is Russia, cn China, the rest and added routes other") {
  const LoadedScenario d = load_market_default();
  REQUIRE(d.market.routes.size() == 4);
  CHECK(d.market.routes[0].name == "ru");
  CHECK(d.market.routes[0].country == market::Country::Russia);
  CHECK(d.market.routes[1].country == market::Country::Other);
  CHECK(d.market.routes[2].country == market::Country::Other);
  CHECK(d.market.routes[3].name == "cn");
  CHECK(d.market.routes[3].country == market::Country::China);
  CHECK(d.effective.entry("route.ru.country").text == "russia");
  CHECK(d.effective.entry("route.ru.channel_shares").text == "none");
  CHECK(d.market.routes[0].channel_shares.empty());

  const LoadedScenario set = load_market_default({"route.br.country=china", "route.kz.transit_factor=1.1"});
  CHECK(set.market.routes[1].country == market::Country::China);
  const auto kz = std::find_if(set.market.routes.begin(), set.market.routes.end(),
                               [](const market::RouteParams& r) { return r.name == "kz"; });
  REQUIRE(kz != set.market.routes.end());
  CHECK(kz->country == market::Country::Other);

  CHECK_THROWS_WITH(load_market_default({"route.ru.country=mars"}),
                    R"~(--set: route.ru.country: "mars" is not one of russia, ukraine, kazakhstan, belarus, china, other)~");
}

TEST_CASE("a rule switch changes the catalog defaults of channels the file does not mention") {
  const LoadedScenario l = load_market_default({"rules.card_limit_5000=true"});
  const auto& card = l.market.channels[0];
  REQUIRE(card.key == "card");
  REQUIRE(card.max_order.value);
  CHECK(*card.max_order.value == market::Money::major(5000, market::Currency::USD));  // 000:232
  CHECK_FALSE(card.max_inclusive.value);
  CHECK(l.effective.entry("channel.card.max_order").text == "5000.00 USD");
  CHECK_FALSE(l.market.channels[2].max_order.value);  // QIWI unlimited under the switch
}

TEST_CASE("the effective scenario round-trips through dump_ini to identical parameters") {
  TempDir dir;
  for (const char* name : {"default.ini", "public-rules.ini", "fault-storm.ini", "cash-heavy.ini"}) {
    INFO(name);
    const LoadedScenario first = load_market_file(kScenarios / name, {"rules.cash_in_app=true"});
    const auto dumped = dir.write("effective.ini", dump_ini(first.effective));
    const LoadedScenario again = load_market_file(dumped);
    CHECK(fields_of(first) == fields_of(again));
    CHECK(dump_ini(first.effective) == dump_ini(again.effective));
  }
}

TEST_CASE("a scenario adds its own channel, seller segment, carrier and route") {
  TempDir dir;
  const auto file = dir.write("mine.ini", R"(include = )" + (kScenarios / "default.ini").string() + R"(
[buyers]
channel_shares = card:0.5, mypay:0.4, platform_balance:0.1

[channel.mypay]
currency = RUB
fee_rate = 2.5%
fee_payer = seller
fee_on_top = false
max_order = 300.00 USD
paid_delay = uniform(1h, 2d)

[seller.vip]
share = 0.1
[seller.new]
share = 0.2
)");
  const LoadedScenario l = load_market_file(file);
  const auto& mine = l.market.channels.back();
  CHECK(mine.key == "mypay");
  CHECK(mine.id == market::kCustomChannel);
  CHECK(mine.fee_rate.value.bp == 250);
  CHECK(mine.currency.value == market::Currency::RUB);
  CHECK(*mine.max_order.value == market::Money::major(300, market::Currency::USD));
  CHECK(mine.paid_delay.value.kind == sim::DistKind::Uniform);
  CHECK(mine.paid_delay.value.b == sim::days(2));
  CHECK(l.market.sellers.back().name == "vip");
  CHECK(l.market.sellers.size() == 4);
  run_short(l);
  CHECK(sources_table(l.effective).find("channel.mypay.fee_rate") != std::string::npos);
}

TEST_CASE("bad scenario input: one line naming file:line and key") {
  TempDir dir;
  auto check_error = [&](const std::string& text, const std::vector<std::string>& parts) {
    const auto file = dir.write("bad.ini", text);
    const std::string msg = error_of(file);
    INFO(msg);
    CHECK(msg.find('\n') == std::string::npos);
    for (const auto& p : parts) CHECK(msg.find(p) != std::string::npos);
  };
  SECTION("unknown key, with the nearest known one") {
    check_error("[protection]\nrelease_after_confirmaton = 3d\n",
                {"bad.ini:2", "protection.release_after_confirmaton", "did you mean \"protection.release_after_confirmation\""});
  }
  SECTION("bad unit") {
    check_error("\n[disputes]\nseller_response_window = 5x\n", {"bad.ini:3", "disputes.seller_response_window", "5x"});
  }
  SECTION("out of range") {
    check_error("[seller.new]\nstock_out = 1.5\n", {"bad.ini:2", "seller.new.stock_out", "between 0 and 1"});
    check_error("[run]\nreplications = 0\n", {"bad.ini:2", "run.replications", "below the minimum 1"});
  }
  SECTION("a minimum above a maximum") {
    check_error("[channel.card]\nmin_order = 20000.00 USD\n", {"bad.ini:2", "channel.card.min_order", "above max"});
  }
  SECTION("shares that do not sum to 1") {
    check_error("[carrier.express]\nshare = 0.5\n", {"bad.ini:2", "carrier.*.share", "sum to 1.42"});
    check_error("[buyers]\nchannel_shares = card:0.5, qiwi:0.4\n", {"bad.ini:2", "buyers.channel_shares"});
    check_error("[buyers]\nchannel_shares = card:0.5, nopay:0.5\n", {"bad.ini:2", "unknown channel \"nopay\""});
  }
  SECTION("cross-key checks") {
    check_error("[seller.established]\naccepts = 0.9\n", {"bad.ini:2", "seller.established.", "above 1"});
    check_error("[arrivals]\nhourly = 1, 1, 1\n", {"bad.ini:2", "arrivals.hourly", "24 values"});
    check_error("[arrivals]\nweekly = 1, 1, x\n", {"bad.ini:2", "arrivals.weekly"});
    check_error("[buyers]\nbasket_sizes = 1, 1, 1, 1, 1, 1, 1, 1, 1\n", {"bad.ini:2", "buyers.basket_sizes", "1 to 8 shares"});
    check_error("[buyers]\nbasket_sizes = 0, 0\n", {"bad.ini:2", "buyers.basket_sizes", "all zero"});
    check_error("[buyers]\nbasket_sizes = 0.5, -0.5\n", {"bad.ini:2", "buyers.basket_sizes"});
    check_error("[calendar]\nholidays = 2026-02-30\n", {"bad.ini:2", "calendar.holidays", "2026-02-30"});
  }
  SECTION("include cycle") {
    dir.write("a.ini", "include = b.ini\n");
    dir.write("b.ini", "include = a.ini\n");
    const std::string msg = error_of(dir.path() / "a.ini");
    INFO(msg);
    CHECK(msg.find("include cycle") != std::string::npos);
    CHECK(msg.find("b.ini:1") != std::string::npos);
  }
  SECTION("missing file") {
    const std::string msg = error_of(dir.path() / "nowhere.ini");
    CHECK(msg.find("cannot open scenario file") != std::string::npos);
    CHECK(msg.find("nowhere.ini") != std::string::npos);
  }
  SECTION("--set names itself") {
    const std::string msg = error_of(kScenarios / "default.ini", {"disputes.buyer_withdraws=2"});
    INFO(msg);
    CHECK(msg.find("--set") != std::string::npos);
    CHECK(msg.find("disputes.buyer_withdraws") != std::string::npos);
  }
}

TEST_CASE("sources: citations, assumptions and user-set values with file:line") {
  const LoadedScenario l = load_market_file(kScenarios / "public-rules.ini");
  const Schema& schema = market_schema();
  CHECK(source_kind(schema, l.effective.entry("protection.release_after_confirmation")) == SourceKind::Documented);
  CHECK(source_kind(schema, l.effective.entry("disputes.ruling_delay")) == SourceKind::Assumption);
  CHECK(source_kind(schema, l.effective.entry("protection.delivered_countdown")) == SourceKind::UserSet);
  const std::string table = sources_table(l.effective);
  CHECK(table.find("public-rules.ini:8") != std::string::npos);
  CHECK(table.find("000:187") != std::string::npos);
  const std::string params = schema_table(true);
  CHECK(params.find("| `protection.release_after_confirmation` | duration | duration | `15d` | 0 .. 36500d | 000:187 |") !=
        std::string::npos);
  CHECK(params.find("`channel.*.fee_rate`") != std::string::npos);
  CHECK(params.find("| `buyers.order_value` | money distribution | dist(money) | `lognormal(median=15.00 USD, sigma=1)` | "
                    "above 0 USD .. 10000000 USD |") != std::string::npos);
}

// Found by fuzz_sets and fuzz_scenario: a byte that is not UTF-8 made Boost.Program_options
// throw std::logic_error ("character conversion failed") past the loader.
TEST_CASE("a value with bytes that are not UTF-8 is a one-line scenario error") {
  using market::scenario::ScenarioError;
  CHECK_THROWS_AS(market::scenario::load_market_default({"channel.card.fee_rate=\xC0%"}),
                  ScenarioError);
  try {
    market::scenario::load_market_default({"protection.extension=\xff\xfe"});
    FAIL("accepted");
  } catch (const ScenarioError& e) {
    const std::string what = e.what();
    CHECK(what.find("protection.extension") != std::string::npos);
    CHECK(what.find('\n') == std::string::npos);
  }
}

TEST_CASE("who may use a channel: e-wallets Russia and CIS (000:110), operators and cash Russia, domestic China") {
  using market::Country;
  const LoadedScenario d = load_market_default();
  const auto channel = [&](std::string_view key) -> const market::ChannelParams& {
    for (const auto& c : d.market.channels)
      if (c.key == key) return c;
    FAIL("no channel " << key);
    throw;
  };
  for (const char* wallet : {"qiwi", "webmoney", "yandex_money"}) {
    INFO(wallet);
    const market::CountrySet s = channel(wallet).only_country.value;
    for (Country c : {Country::Russia, Country::Ukraine, Country::Kazakhstan, Country::Belarus}) CHECK(s.admits(c));
    CHECK_FALSE(s.admits(Country::Other));
    CHECK_FALSE(s.admits(Country::China));
  }
  for (const char* ch : {"phone_megafon", "phone_beeline", "phone_tele2", "phone_mts", "cash"}) {
    INFO(ch);
    CHECK(channel(ch).only_country.value == market::CountrySet{Country::Russia});
  }
  for (const char* ch : {"union_pay", "wechat_pay", "domestic_alipay", "installments"}) {
    INFO(ch);
    CHECK(channel(ch).only_country.value == market::CountrySet{Country::China});
  }
  for (const char* ch : {"card", "western_union", "bank_transfer", "platform_balance", "gift_certificate"}) {
    INFO(ch);
    CHECK(channel(ch).only_country.value.empty());
  }
  CHECK(d.effective.entry("channel.qiwi.only_country").text == "russia, ukraine, kazakhstan, belarus");
  // Every route's own shares name only channels open to its buyers.
  for (const auto& r : d.market.routes)
    for (const auto& [name, share] : r.channel_shares) {
      INFO(r.name << ": " << name);
      CHECK(channel(name).only_country.value.admits(r.country));
    }
  // A list reads back; a route that names a channel closed to its buyers is refused.
  const LoadedScenario kz = load_market_default({"channel.cash.only_country=russia, kazakhstan"});
  CHECK(kz.market.channels[9].only_country.value == (market::CountrySet{Country::Russia, Country::Kazakhstan}));
  CHECK_THROWS_WITH(load_market_default({"route.br.channel_shares=card:0.5, qiwi:0.5"}),
                    "--set: route.br.channel_shares: channel qiwi is only for residents of russia, ukraine, "
                    "kazakhstan, belarus, and the route's buyers are in other");
  CHECK_THROWS_WITH(load_market_default({"channel.cash.only_country=russia, mars"}),
                    Catch::Contains("unknown country \"mars\""));
}

TEST_CASE("card refund speed is a switch: the articles' fastest by default, public rules' 7-15 business days") {
  const LoadedScenario d = load_market_default();
  REQUIRE(d.market.channel_rules.card_refunds_fastest);
  const market::ChannelParams& card = d.market.channels[0];
  REQUIRE(card.key == "card");
  // 002:129: "faster than when paying by any other method": below every other route's mean, and
  // never slower than the fastest other route (the balance's 1-3 days, 003:280) at its quickest.
  const double card_mean = sim::mean(card.refund_latency.value);
  for (const auto& c : d.market.channels) {
    if (c.key == "card") continue;
    INFO(c.key);
    CHECK(card_mean < sim::mean(c.refund_latency.value));
  }
  CHECK(card.refund_latency.value.b <= static_cast<double>(sim::days(1)));
  CHECK(d.effective.entry("channel.card.refund_latency").text == "uniform(12h, 1d)");

  const LoadedScenario pr = load_market_default({"rules.card_refunds_fastest=false"});
  const market::ChannelParams& slow = pr.market.channels[0];
  CHECK(slow.refund_latency.value.kind == sim::DistKind::Uniform);
  CHECK(slow.refund_latency.value.a == static_cast<double>(sim::days(9)));   // 7 business days
  CHECK(slow.refund_latency.value.b == static_cast<double>(sim::days(21)));  // 15 business days
  CHECK(slow.refund_latency.source.starts_with("public-rules.md"));
}

TEST_CASE("exclusive outcomes of one draw must not sum above 1: validate refuses what the model would cut") {
  // new: ships_nothing 0 + not_as_described 0.99 + defective 0.03 = 1.02; the model would
  // silently make defective 0.01.
  CHECK_THROWS_WITH(load_market_default({"seller.new.not_as_described=0.99"}),
                    "--set: seller.new.ships_nothing + not_as_described + defective = 1.02 is above 1 "
                    "(exclusive outcomes of one draw)");
  CHECK_THROWS_WITH(load_market_default({"seller.new.accepts=0.9"}),
                    Catch::Contains("seller.new.accepts + rejects + counters"));
  CHECK_NOTHROW(load_market_default({"seller.new.not_as_described=0.97"}));  // exactly 1
  CHECK_THROWS_WITH(load_market_default({"arrivals.hourly=0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0"}),
                    Catch::Contains("arrivals.hourly: all zero"));
}

TEST_CASE("arrival shapes are scaled to mean 1 at load, so orders_per_day is the mean daily rate") {
  const LoadedScenario d = load_market_default();
  CHECK(market::profile_mean(d.market.arrivals.hourly) == Approx(1.0).epsilon(1e-12));
  CHECK(market::profile_mean(d.market.arrivals.weekly) == Approx(1.0).epsilon(1e-12));
  // A shape of mean 0.5 (all ones halved) reads as flat, mean 1: the same orders a day.
  const LoadedScenario half = load_market_default(
      {"arrivals.hourly=0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,1.5",
       "arrivals.weekly=2,2,2,2,2,2,2"});
  CHECK(half.market.arrivals.hourly[0] == Approx(0.5 / (13.0 / 24)));
  CHECK(half.market.arrivals.hourly[23] == Approx(1.5 / (13.0 / 24)));
  CHECK(market::profile_mean(half.market.arrivals.hourly) == Approx(1.0));
  for (double w : half.market.arrivals.weekly) CHECK(w == Approx(1.0));
}

TEST_CASE("marketsim sources: documented, public rule, ASSUMPTION, not simulated, each counted") {
  const LoadedScenario d = load_market_default();
  const std::string t = sources_table(d.effective);
  const auto row = [&](const std::string& key) {
    const auto at = t.find("\n" + key + " ");
    REQUIRE(at != std::string::npos);
    return t.substr(at + 1, t.find('\n', at + 1) - at - 1);
  };
  CHECK_THAT(row("rules.seller_sees_paid_status"), Catch::Contains("not simulated"));
  CHECK_THAT(row("protection.release_after_confirmation"), Catch::Contains("documented") && Catch::Contains("000:187"));
  CHECK_THAT(row("disputes.seller_response_window"), Catch::Contains("public rule"));
  CHECK_THAT(row("disputes.ruling_delay"), Catch::Contains("ASSUMPTION"));
  int counts[5] = {};
  for (const auto& [key, e] : d.effective.entries()) ++counts[static_cast<int>(source_kind(market_schema(), e))];
  CHECK(counts[static_cast<int>(SourceKind::NotSimulated)] >= 1);
  CHECK(counts[static_cast<int>(SourceKind::PublicRule)] >= 20);
  CHECK_THAT(t, Catch::Contains(fmt::format("{} documented, {} public rule, {} ASSUMPTION, {} not simulated, 0 user-set",
                                            counts[0], counts[3], counts[1], counts[4])));
}
