// Channel parameters and engine against the article figures (payment-facts.md; seeds file:line).
#include "models/channels/channel.hpp"
#include "models/channels/channel_catalog.hpp"
#include "models/channels/channel_engine.hpp"

#include <regex>
#include <set>
#include <vector>
#include <string>

#include <catch2/catch.hpp>

#include "sim/random.hpp"

using namespace market;

namespace {

Money usd(std::int64_t minor) { return Money(minor, Currency::USD); }
Money rub(std::int64_t minor) { return Money(minor, Currency::RUB); }

// Flat rates: `rub_per_usd_micro` RUB per USD every day.
FxTable flat_fx(std::int64_t rub_per_usd_micro = 92'500'000) {
  FxParams p;
  p.rub_per_usd = {rub_per_usd_micro};
  p.daily_volatility = 0;
  return FxTable::from_normals(p, 60, [] { return 0.0; });
}

struct World {
  FxTable fx = flat_fx();
  Calendar cal{};  // day 0 = Thursday 2026-01-01
  sim::Rng rng{42};
  std::array<ChannelParams, kChannelCount> cat = channel_catalog();
  Ledger ledger;
  const ChannelParams& ch(ChannelId id) const { return channel(cat, id); }
  ChannelParams& mut(ChannelId id) { return cat[static_cast<std::size_t>(id)]; }
};

PaymentRequest request(Money invoice, Money funds, sim::Time at = sim::hours(10)) {
  PaymentRequest r;
  r.invoice = invoice;
  r.at = at;
  r.buyer.funds = funds;
  return r;
}

PaymentRequest rub_request(Money invoice, sim::Time at = sim::hours(10)) {
  return request(invoice, rub(100'000'000), at);
}
PaymentRequest usd_request(Money invoice, sim::Time at = sim::hours(10)) {
  return request(invoice, usd(100'000'000), at);
}

}  // namespace

// ---------------------------------------------------------------- catalog figures

TEST_CASE("catalog: fees as the articles state them", "[channel]") {
  const auto c = channel_catalog();
  CHECK(channel(c, ChannelId::Card).fee_rate.value.bp == 0);             // 000:248
  CHECK(channel(c, ChannelId::Qiwi).fee_rate.value.bp == 0);             // 000:124
  CHECK(channel(c, ChannelId::WebMoney).fee_rate.value.bp == 80);        // 000:248 (0.8%)
  CHECK(channel(c, ChannelId::YandexMoney).fee_rate.value.bp == 0);      // 000:149
  CHECK(channel(c, ChannelId::PhoneMegafon).fee_rate.value.bp == 195);   // 000:179 (1.95%)
  CHECK(channel(c, ChannelId::PhoneBeeline).fee_rate.value.bp == 390);   // 000:180 (3.9%)
  CHECK(channel(c, ChannelId::PhoneTele2).fee_rate.value.bp == 245);     // 000:181 (2.45%)
  CHECK(channel(c, ChannelId::PhoneMts).fee_rate.value.bp == 0);         // 000:177 (three charge)
  CHECK(channel(c, ChannelId::Cash).fee_rate.value.bp == 0);             // 001:44
  CHECK(channel(c, ChannelId::PhoneMegafon).fee_payer.value == FeePayer::Buyer);  // 000:183
  CHECK(channel(c, ChannelId::PhoneMegafon).fee_rate.source == "000:179");
}

TEST_CASE("catalog: limits as the articles state them", "[channel]") {
  const auto c = channel_catalog();
  const auto& card = channel(c, ChannelId::Card);
  CHECK(*card.max_order.value == usd(1'000'000));  // 000:207: $10,000
  const auto& qiwi = channel(c, ChannelId::Qiwi);
  CHECK(*qiwi.max_order.value == usd(500'000));  // 000:232 read as QIWI (note 1)
  CHECK_FALSE(qiwi.max_inclusive.value);
  CHECK_FALSE(qiwi.daily_cap_amount.value.has_value());  // 000:125: no daily limit
  const auto& wu = channel(c, ChannelId::WesternUnion);
  CHECK(*wu.min_order.value == usd(2000));  // 000:155: more than $20
  CHECK(*wu.max_order.value == usd(500'000));  // less than $5,000
  CHECK(wu.usd_only.value);  // 000:157
  const auto& bt = channel(c, ChannelId::BankTransfer);
  CHECK(*bt.min_order.value == usd(2000));  // 000:163: $20 to $50,000
  CHECK(*bt.max_order.value == usd(5'000'000));
  const auto& cash = channel(c, ChannelId::Cash);
  CHECK(*cash.terminal_max.value == rub(1'500'000));  // 001:51: 15,000 RUB
  CHECK(cash.code_validity.value == sim::hours(48));  // 001:16
  CHECK(cash.only_country.value == CountrySet{Country::Russia});  // 001:52
  CHECK_FALSE(cash.in_app.value);  // 001:10 (note 3 default)
  const auto& bal = channel(c, ChannelId::PlatformBalance);
  CHECK(*bal.max_order_unverified.value == usd(50'000));  // 003:232: $500
  CHECK(*bal.max_order.value == usd(500'000));            // 003:232: verified $5,000
  CHECK(*bal.balance_cap_unverified.value == usd(50'000));
  CHECK(*bal.balance_cap_verified.value == usd(500'000));
  CHECK(bal.inactivity_close.value == sim::days(365));  // 003:247: 12 months
  CHECK(bal.abuse_hold_max.value == sim::days(180));    // 003:244
  CHECK(bal.withdrawable.value);  // note 4: a blocked balance goes to the bank (003:245)
  CHECK(bal.full_amount_only.value);                    // 003:236
  const auto& mts = channel(c, ChannelId::PhoneMts);
  CHECK(*mts.daily_cap_amount.value == rub(3'000'000));  // public-rules: 30,000 RUB/day
  CHECK(*mts.daily_cap_count.value == 5);
}

TEST_CASE("catalog: switches for notes 1-5 change the figures", "[channel]") {
  ChannelRules r;
  r.card_limit_5000 = true;
  r.decline_social_salary_cards = false;
  r.cash_in_app = true;
  r.platform_balance_available = false;
  const auto c = channel_catalog(r);
  CHECK(*channel(c, ChannelId::Card).max_order.value == usd(500'000));  // 000:232
  CHECK_FALSE(channel(c, ChannelId::Card).max_inclusive.value);
  CHECK_FALSE(channel(c, ChannelId::Qiwi).max_order.value.has_value());
  CHECK_FALSE(channel(c, ChannelId::Card).decline_social_salary_cards.value);  // 000:96
  CHECK(channel(c, ChannelId::Cash).in_app.value);                            // 002:236
  CHECK_FALSE(channel(c, ChannelId::PlatformBalance).enabled.value);          // 003:150
  CHECK(channel(c, ChannelId::PlatformBalance).enabled.source == "003:150 (note 4)");
}

// That each cited line exists and states the figure: tests/scenario/citation_test.cpp.
TEST_CASE("catalog: every figure carries a source", "[channel]") {
  const std::regex cite(R"((\d{3}):(\d+)(?:-(\d+))?)");
  int citations = 0;
  for (const auto& ch : channel_catalog()) {
    CHECK_NOTHROW(validate(ch));
    for (const auto& f : channel_fields()) {
      const std::string src(field_source(ch, f));
      INFO(ch.key << "." << f.key << " = " << field_value_text(ch, f) << " [" << src << "]");
      REQUIRE_FALSE(src.empty());
      const bool assumed = src.rfind("ASSUMPTION", 0) == 0 || src.rfind("public-rules", 0) == 0 ||
                           src.rfind("NOT SIMULATED", 0) == 0;  // says why the key changes nothing
      std::smatch m;
      const bool cited = std::regex_search(src, m, cite);
      CHECK((assumed || cited));
      for (auto it = std::sregex_iterator(src.begin(), src.end(), cite); it != std::sregex_iterator(); ++it)
        ++citations;
    }
  }
  CHECK(citations > 50);
  // Keys are unique and snake_case.
  std::set<std::string_view> keys;
  for (const auto& f : channel_fields()) CHECK(keys.insert(f.key).second);
}

TEST_CASE("validate rejects inconsistent parameters", "[channel]") {
  ChannelParams p = channel_catalog()[0];
  p.p_double_debit.value = 1.5;
  CHECK_THROWS_AS(validate(p), std::invalid_argument);
  p = channel_catalog()[0];
  p.fee_on_top.value = false;  // a buyer-paid fee must be on top
  CHECK_THROWS_AS(validate(p), std::invalid_argument);
  p = channel_catalog()[0];
  p.min_order.value = usd(2'000'000);  // above the $10,000 max
  CHECK_THROWS_AS(validate(p), std::invalid_argument);
}

// ---------------------------------------------------------------- fees

TEST_CASE("engine: MegaFon 1.95% charged on top by the operator (000:179, 000:183)", "[channel]") {
  World w;
  // $10.00 at 92.5 RUB/USD = 925.00 RUB; 1.95% = 18.0375 -> 18.04 RUB.
  const auto o = attempt_payment(w.ch(ChannelId::PhoneMegafon), rub_request(usd(1000)), w.rng, w.fx, w.cal);
  REQUIRE(o.accepted());
  CHECK(o.principal == rub(92'500));
  CHECK(o.channel_fee == rub(1804));
  CHECK(o.debited == rub(94'304));
  CHECK(o.credited == usd(1000));
  CHECK(o.paid_at == o.debited_at);  // 000:183: "Payment is checked" at once
  // Beeline 3.9% of 925.00 = 36.075 -> 36.08; Tele2 2.45% = 22.6625 -> 22.66; MTS none.
  CHECK(attempt_payment(w.ch(ChannelId::PhoneBeeline), rub_request(usd(1000)), w.rng, w.fx, w.cal).channel_fee == rub(3608));
  CHECK(attempt_payment(w.ch(ChannelId::PhoneTele2), rub_request(usd(1000)), w.rng, w.fx, w.cal).channel_fee == rub(2266));
  CHECK(attempt_payment(w.ch(ChannelId::PhoneMts), rub_request(usd(1000)), w.rng, w.fx, w.cal).channel_fee == rub(0));
}

TEST_CASE("engine: WebMoney 0.8% (000:248) plus the purse conversion; ledger exact", "[channel]") {
  World w;
  const auto& wm = w.ch(ChannelId::WebMoney);
  const auto o = attempt_payment(wm, rub_request(usd(10'000)), w.rng, w.fx, w.cal);
  REQUIRE(o.accepted());
  CHECK(o.principal == rub(925'000));  // $100 at 92.5
  CHECK(o.channel_fee == rub(7400));   // 0.8%
  CHECK(o.spread == rub(4625));        // 0.5% ASSUMPTION (002:312)
  CHECK(o.debited == rub(925'000 + 7400 + 4625));
  CHECK(o.paid_at == o.debited_at);    // 000:234: instant
  const HoldId h = post_payment(w.ledger, wm, o, 7);
  w.ledger.check_conservation();
  CHECK(w.ledger.balance(Account::BuyerFunds, Currency::RUB) == -o.debited);
  CHECK(w.ledger.balance(Account::BuyerFunds, Currency::USD) == usd(0));
  CHECK(w.ledger.balance(Account::ChannelFeeIncome, Currency::RUB) == rub(7400));
  CHECK(w.ledger.balance(Account::Fx, Currency::RUB) == rub(925'000 + 4625));
  CHECK(w.ledger.balance(Account::Fx, Currency::USD) == usd(-10'000));
  CHECK(w.ledger.held(h) == usd(10'000));
}

TEST_CASE("engine: bank transfer charges the buyer's bank commission (000:169)", "[channel]") {
  World w;
  const auto o = attempt_payment(w.ch(ChannelId::BankTransfer), usd_request(usd(100'000)), w.rng, w.fx, w.cal);
  REQUIRE(o.accepted());
  CHECK(o.bank_fee == usd(1000));  // 1% ASSUMPTION of $1,000
  CHECK(o.debited == usd(101'000));
  post_payment(w.ledger, w.ch(ChannelId::BankTransfer), o, 1);
  CHECK(w.ledger.balance(Account::BankCommission, Currency::USD) == usd(1000));
  w.ledger.check_conservation();
}

// ---------------------------------------------------------------- limits and boundaries

TEST_CASE("Western Union: more than $20 and less than $5,000 (000:155)", "[channel]") {
  World w;
  const auto& wu = w.ch(ChannelId::WesternUnion);
  auto go = [&](std::int64_t cents) { return attempt_payment(wu, usd_request(usd(cents)), w.rng, w.fx, w.cal).refusal; };
  CHECK(go(2000) == Refusal::BelowMinimum);
  CHECK(go(2001) == Refusal::None);
  CHECK(go(499'999) == Refusal::None);
  CHECK(go(500'000) == Refusal::AboveMaximum);
  // Dollars only (000:157): a buyer holding rubles is turned away.
  CHECK(attempt_payment(wu, rub_request(usd(5000)), w.rng, w.fx, w.cal).refusal == Refusal::CurrencyNotAccepted);
}

TEST_CASE("bank transfer: $20 to $50,000 inclusive (000:163)", "[channel]") {
  World w;
  const auto& bt = w.ch(ChannelId::BankTransfer);
  auto go = [&](std::int64_t cents) { return attempt_payment(bt, usd_request(usd(cents)), w.rng, w.fx, w.cal).refusal; };
  CHECK(go(1999) == Refusal::BelowMinimum);
  CHECK(go(2000) == Refusal::None);
  CHECK(go(5'000'000) == Refusal::None);
  CHECK(go(5'000'001) == Refusal::AboveMaximum);
}

TEST_CASE("card: $10,000 limit (000:207), or < $5,000 under note 1's other reading (000:232)", "[channel]") {
  World w;
  CHECK(attempt_payment(w.ch(ChannelId::Card), rub_request(usd(1'000'000)), w.rng, w.fx, w.cal).refusal != Refusal::AboveMaximum);
  CHECK(attempt_payment(w.ch(ChannelId::Card), rub_request(usd(1'000'001)), w.rng, w.fx, w.cal).refusal == Refusal::AboveMaximum);
  ChannelRules r;
  r.card_limit_5000 = true;
  const auto c = channel_catalog(r);
  CHECK(attempt_payment(channel(c, ChannelId::Card), rub_request(usd(500'000)), w.rng, w.fx, w.cal).refusal == Refusal::AboveMaximum);
}

TEST_CASE("cash terminal: at most 15,000 RUB, a cashier takes more (001:51)", "[channel]") {
  World w;
  w.fx = flat_fx(1'000'000);  // 1 RUB per USD, so the ruble amount is exact
  auto& cash = w.mut(ChannelId::Cash);
  cash.buyer_action_delay.value = sim::constant(3600);
  cash.terminal_note.value = Money(1000, Currency::RUB);  // 10-rouble notes, no change
  auto go = [&](std::int64_t cents, bool terminal) {
    auto req = rub_request(usd(cents));
    req.buyer.pays_at_terminal = terminal;
    return attempt_payment(cash, req, w.rng, w.fx, w.cal);
  };
  // 14,995.01 RUB at a terminal: 15,000 inserted, 4.99 to the phone (001:24, 001:46).
  const PaymentOutcome below = go(1'499'501, true);
  REQUIRE(below.accepted());
  CHECK_FALSE(below.to_cashier);
  CHECK(below.change_to_phone == Money(499, Currency::RUB));
  CHECK(below.debited == Money(1'500'000, Currency::RUB));
  // 15,000.01 RUB: above the terminal's maximum the buyer pays a cashier: accepted, exact, no
  // change lost, and counted as moved to a cashier.
  const PaymentOutcome above = go(1'500'001, true);
  REQUIRE(above.accepted());
  CHECK(above.to_cashier);
  CHECK(above.change_to_phone.is_zero());
  CHECK(above.debited == Money(1'500'001, Currency::RUB));
  const PaymentOutcome cashier = go(1'500'001, false);
  REQUIRE(cashier.accepted());
  CHECK_FALSE(cashier.to_cashier);
}

TEST_CASE("platform balance: unverified $500, verified $5,000, no partial payment (003:232, 003:236)", "[channel]") {
  World w;
  const auto& bal = w.ch(ChannelId::PlatformBalance);
  auto go = [&](std::int64_t cents, bool verified, std::int64_t balance) {
    PaymentRequest r = usd_request(usd(cents));
    r.buyer.platform_balance = usd(balance);
    r.buyer.balance_verified = verified;
    return attempt_payment(bal, r, w.rng, w.fx, w.cal).refusal;
  };
  CHECK(go(50'000, false, 50'000) == Refusal::None);
  CHECK(go(50'001, false, 60'000) == Refusal::UnverifiedLimit);
  CHECK(go(50'001, true, 60'000) == Refusal::None);
  CHECK(go(500'000, true, 500'000) == Refusal::None);
  CHECK(go(500'001, true, 600'000) == Refusal::AboveMaximum);
  CHECK(go(50'000, false, 49'999) == Refusal::BalanceTooSmall);
  // Paying from the balance moves it into escrow at once (003:300).
  PaymentRequest r = usd_request(usd(622));
  r.buyer.platform_balance = usd(622);
  const auto o = attempt_payment(bal, r, w.rng, w.fx, w.cal);
  REQUIRE(o.accepted());
  CHECK(o.paid_at == o.debited_at);
  post_payment(w.ledger, bal, o, 3);
  CHECK(w.ledger.balance(Account::BuyerPlatformBalance, Currency::USD) == usd(-622));
  w.ledger.check_conservation();
}

TEST_CASE("availability: country, app vs PC, disabled balance (001:52, 001:10, 003:150)", "[channel]") {
  World w;
  auto req = rub_request(usd(1000));
  req.buyer.country = Country::Ukraine;
  CHECK(attempt_payment(w.ch(ChannelId::Cash), req, w.rng, w.fx, w.cal).refusal == Refusal::CountryNotServed);
  req.buyer.country = Country::Russia;
  req.buyer.in_app = true;
  CHECK(attempt_payment(w.ch(ChannelId::Cash), req, w.rng, w.fx, w.cal).refusal == Refusal::NotOnThisPlatform);
  CHECK(attempt_payment(w.ch(ChannelId::Card), req, w.rng, w.fx, w.cal).refusal != Refusal::NotOnThisPlatform);
  ChannelRules r;
  r.platform_balance_available = false;
  const auto c = channel_catalog(r);
  auto breq = usd_request(usd(1000));
  breq.buyer.platform_balance = usd(1000);
  CHECK(attempt_payment(channel(c, ChannelId::PlatformBalance), breq, w.rng, w.fx, w.cal).refusal == Refusal::ChannelDisabled);
  auto cny = request(usd(1000), Money(100'000, Currency::CNY));
  CHECK(attempt_payment(w.ch(ChannelId::WeChatPay), cny, w.rng, w.fx, w.cal).refusal == Refusal::CountryNotServed);
  cny.buyer.country = Country::China;
  CHECK(attempt_payment(w.ch(ChannelId::WeChatPay), cny, w.rng, w.fx, w.cal).accepted());
}

TEST_CASE("MTS caps: 5 payments and 30,000 RUB a day, 40,000 RUB a month (public-rules)", "[channel]") {
  World w;
  const auto& mts = w.ch(ChannelId::PhoneMts);
  UsageCounters u;
  for (int i = 0; i < 5; ++i) {
    auto req = rub_request(usd(1000));
    req.usage = u;
    const auto o = attempt_payment(mts, req, w.rng, w.fx, w.cal);
    REQUIRE(o.accepted());
    record_usage(u, o, mts, w.cal, w.fx);
  }
  auto req = rub_request(usd(1000));
  req.usage = u;
  CHECK(attempt_payment(mts, req, w.rng, w.fx, w.cal).refusal == Refusal::DailyCountCap);
  req.at += sim::kDay;  // next day: the day counters restart
  CHECK(attempt_payment(mts, req, w.rng, w.fx, w.cal).accepted());
  // 30,000 RUB a day: $324.32 = 29,999.60 RUB fits, $324.33 = 30,000.53 RUB does not.
  CHECK(attempt_payment(mts, rub_request(usd(32'432)), w.rng, w.fx, w.cal).accepted());
  CHECK(attempt_payment(mts, rub_request(usd(32'433)), w.rng, w.fx, w.cal).refusal == Refusal::DailyAmountCap);
  // Month: 29,600 RUB spent on day 0; another 11,100 RUB on day 1 passes 40,000.
  UsageCounters m;
  auto a = rub_request(usd(32'000));
  const auto o1 = attempt_payment(mts, a, w.rng, w.fx, w.cal);
  REQUIRE(o1.accepted());
  record_usage(m, o1, mts, w.cal, w.fx);
  auto b = rub_request(usd(12'000), sim::kDay + sim::hours(10));
  b.usage = m;
  CHECK(attempt_payment(mts, b, w.rng, w.fx, w.cal).refusal == Refusal::MonthlyAmountCap);
  b.at = sim::days(31) + sim::hours(10);  // February: a new month
  CHECK(attempt_payment(mts, b, w.rng, w.fx, w.cal).accepted());
}

// ---------------------------------------------------------------- delays

TEST_CASE("bank transfer: 7 working days from a Friday lands on the second Tuesday (000:169)", "[channel]") {
  World w;
  auto& bt = w.mut(ChannelId::BankTransfer);
  bt.buyer_action_delay.value = sim::constant(0);
  bt.paid_delay.value = sim::constant(static_cast<double>(sim::days(7)));
  const sim::Time friday_10am = sim::days(1) + sim::hours(10);  // 2026-01-02 is a Friday
  REQUIRE(w.cal.date_at(friday_10am) == CivilDate{2026, 1, 2});
  auto req = usd_request(usd(10'000), friday_10am);
  const auto p = attempt_payment(bt, req, w.rng, w.fx, w.cal);
  REQUIRE(p.accepted());
  CHECK(w.cal.date_at(p.paid_at) == CivilDate{2026, 1, 13});
  CHECK(p.paid_at % sim::kDay == sim::hours(10));
  // Default distribution: whole working days 1..7, never more (000:169).
  const auto catalog = channel_catalog();
  const auto& def = channel(catalog, ChannelId::BankTransfer);
  int seen[8] = {};
  for (int i = 0; i < 2000; ++i) {
    auto r = usd_request(usd(10'000), friday_10am);
    auto x = def;
    x.buyer_action_delay.value = sim::constant(0);
    x.p_security_refusal.value = 0;
    const auto q = attempt_payment(x, r, w.rng, w.fx, w.cal);
    REQUIRE(q.accepted());
    int n = 0;
    while (w.cal.add_working_days(friday_10am, n) < q.paid_at) ++n;
    REQUIRE(w.cal.add_working_days(friday_10am, n) == q.paid_at);
    REQUIRE((n >= 1 && n <= 7));
    ++seen[n];
  }
  for (int n = 1; n <= 7; ++n) CHECK(seen[n] > 200);
}

TEST_CASE("card: debited at once, paid after the ~24 h check (000:205)", "[channel]") {
  World w;
  auto& card = w.mut(ChannelId::Card);
  card.p_card_not_enabled.value = 0;
  card.p_security_refusal.value = 0;
  const auto o = attempt_payment(card, rub_request(usd(5000)), w.rng, w.fx, w.cal);
  REQUIRE(o.accepted());
  CHECK(o.debited_at == sim::hours(10));
  CHECK(o.paid_at - o.debited_at == sim::hours(24));
}

TEST_CASE("Western Union: paid within 3 days of paying (000:159)", "[channel]") {
  World w;
  w.mut(ChannelId::WesternUnion).p_security_refusal.value = 0;
  for (int i = 0; i < 500; ++i) {
    const auto o = attempt_payment(w.ch(ChannelId::WesternUnion), usd_request(usd(10'000)), w.rng, w.fx, w.cal);
    REQUIRE(o.accepted());
    CHECK(o.debited_at >= sim::hours(10));
    CHECK(o.paid_at - o.debited_at <= sim::days(3));
  }
}

TEST_CASE("cash: processing up to 7 days (001:45)", "[channel]") {
  World w;
  for (int i = 0; i < 500; ++i) {
    const auto o = attempt_payment(w.ch(ChannelId::Cash), rub_request(usd(1000)), w.rng, w.fx, w.cal);
    if (!o.accepted()) {
      CHECK((o.refusal == Refusal::CodeExpired || o.refusal == Refusal::SecurityRefusal));
      continue;
    }
    CHECK(o.paid_at - o.debited_at <= sim::days(7));
    CHECK(o.debited_at - sim::hours(10) <= sim::hours(48));
  }
}

// ---------------------------------------------------------------- cash specifics

TEST_CASE("cash code: valid 48 h, paying later voids the order (001:16, 001:41)", "[channel]") {
  World w;
  auto& cash = w.mut(ChannelId::Cash);
  cash.buyer_action_delay.value = sim::constant(static_cast<double>(sim::hours(48)));
  auto cp = code_payment(cash, 100, w.rng);
  CHECK(cp.paid);
  CHECK(cp.at == 100 + sim::hours(48));
  CHECK(attempt_payment(cash, rub_request(usd(1000)), w.rng, w.fx, w.cal).accepted());
  cash.buyer_action_delay.value = sim::constant(static_cast<double>(sim::hours(48) + 1));
  cp = code_payment(cash, 100, w.rng);
  CHECK_FALSE(cp.paid);
  CHECK(cp.at == 100 + sim::hours(48));
  const auto o = attempt_payment(cash, rub_request(usd(1000)), w.rng, w.fx, w.cal);
  CHECK(o.refusal == Refusal::CodeExpired);
  CHECK(o.void_at == sim::hours(10) + sim::hours(48));
}

TEST_CASE("cash: rubles fixed at the code, dollars on payment day: a rise leaves it partially paid (001:43)", "[channel]") {
  World w;
  FxParams fp;
  fp.daily_volatility = 0.01;
  int day = 0;
  // Day 1: the ruble weakens (more RUB per USD); day 2: it strengthens.
  w.fx = FxTable::from_normals(fp, 5, [&day] { return (day++ % 2 == 0) ? (day <= 2 ? 1.0 : -3.0) : 0.0; });
  REQUIRE(w.fx.rate(Currency::RUB, sim::days(1)).micro > w.fx.rate(Currency::RUB, 0).micro);
  REQUIRE(w.fx.rate(Currency::RUB, sim::days(2)).micro < w.fx.rate(Currency::RUB, 0).micro);
  auto& cash = w.mut(ChannelId::Cash);
  cash.buyer_action_delay.value = sim::constant(static_cast<double>(sim::hours(20)));
  const auto o = attempt_payment(cash, rub_request(usd(100'000)), w.rng, w.fx, w.cal);  // paid on day 1
  REQUIRE(o.accepted());
  CHECK(o.principal == w.fx.convert(usd(100'000), Currency::RUB, sim::hours(10)));
  CHECK(o.credited == w.fx.convert(o.principal, Currency::USD, o.debited_at));
  CHECK(o.credited < usd(100'000));
  CHECK(o.partially_paid);
  const HoldId h = post_payment(w.ledger, cash, o, 9);
  CHECK(w.ledger.held(h) == o.credited);
  w.ledger.check_conservation();
  cash.buyer_action_delay.value = sim::constant(static_cast<double>(sim::hours(40)));  // day 2
  const auto p = attempt_payment(cash, rub_request(usd(100'000)), w.rng, w.fx, w.cal);
  REQUIRE(p.accepted());
  CHECK_FALSE(p.partially_paid);
}

TEST_CASE("cash terminal gives no change: the excess goes to the phone balance (001:24)", "[channel]") {
  World w;
  auto& cash = w.mut(ChannelId::Cash);
  cash.buyer_action_delay.value = sim::constant(60);
  auto req = rub_request(usd(1000));  // 925.00 RUB -> 930 RUB inserted (10 RUB notes, ASSUMPTION)
  req.buyer.pays_at_terminal = true;
  const auto o = attempt_payment(cash, req, w.rng, w.fx, w.cal);
  REQUIRE(o.accepted());
  CHECK(o.change_to_phone == rub(500));
  CHECK(o.debited == rub(93'000));
  post_payment(w.ledger, cash, o, 4);
  CHECK(w.ledger.balance(Account::BuyerPhoneBalance, Currency::RUB) == rub(500));
  CHECK(w.ledger.balance(Account::BuyerFunds, Currency::RUB) == rub(-93'000));
  w.ledger.check_conservation();
}

// ---------------------------------------------------------------- faults

TEST_CASE("fault: double debit goes to suspense and is reconciled to zero (000:135)", "[channel]") {
  World w;
  auto& qiwi = w.mut(ChannelId::Qiwi);
  qiwi.p_double_debit.value = 1.0;
  qiwi.p_wallet_refused.value = 0;
  qiwi.p_insufficient_funds.value = 0;
  qiwi.p_security_refusal.value = 0;
  const auto o = attempt_payment(qiwi, rub_request(usd(2500)), w.rng, w.fx, w.cal);
  REQUIRE(o.accepted());
  REQUIRE(o.double_debit);
  CHECK(o.reconciled_at >= o.debited_at + sim::days(3));
  CHECK(o.reconciled_at <= o.debited_at + sim::days(30));
  w.ledger.post({0, Account::External, Account::BuyerFunds, rub(1'000'000), PostingKind::TopUp, 0});
  const HoldId h = post_payment(w.ledger, qiwi, o, 11);
  w.ledger.check_conservation();
  CHECK(w.ledger.balance(Account::Suspense, Currency::RUB) == o.debited);
  CHECK(w.ledger.balance(Account::BuyerFunds, Currency::RUB) == rub(1'000'000) - o.debited - o.debited);
  post_reconciliation(w.ledger, qiwi, o, 11);
  w.ledger.check_conservation();
  CHECK(w.ledger.balance(Account::Suspense, Currency::RUB) == rub(0));
  CHECK(w.ledger.balance(Account::BuyerFunds, Currency::RUB) == rub(1'000'000) - o.debited);
  CHECK(w.ledger.held(h) == usd(2500));
}

TEST_CASE("fault: error shown but money debited: the payment still went through (000:134)", "[channel]") {
  World w;
  auto& qiwi = w.mut(ChannelId::Qiwi);
  qiwi.p_error_but_debited.value = 1.0;
  qiwi.p_wallet_refused.value = 0;
  qiwi.p_insufficient_funds.value = 0;
  qiwi.p_double_debit.value = 0;
  const auto o = attempt_payment(qiwi, rub_request(usd(2500)), w.rng, w.fx, w.cal);
  REQUIRE(o.accepted());
  CHECK(o.error_but_debited);
  const HoldId h = post_payment(w.ledger, qiwi, o, 12);
  w.ledger.check_conservation();
  CHECK(w.ledger.held(h) == usd(2500));
  CHECK(w.ledger.balance(Account::BuyerFunds, Currency::RUB) == -o.debited);
}

TEST_CASE("fault: refusals move no money and the buyer can retry another channel", "[channel]") {
  World w;
  struct Case {
    ChannelId id;
    Sourced<double> ChannelParams::*p;
    Refusal expect;
  };
  const Case cases[] = {
      {ChannelId::Card, &ChannelParams::p_security_refusal, Refusal::SecurityRefusal},  // 002:33
      {ChannelId::Card, &ChannelParams::p_card_not_enabled, Refusal::CardNotEnabled},   // 000:96
      {ChannelId::Qiwi, &ChannelParams::p_wallet_refused, Refusal::WalletRefused},      // 000:132
      {ChannelId::Qiwi, &ChannelParams::p_insufficient_funds, Refusal::InsufficientFunds},  // 000:131
  };
  for (const auto& c : cases) {
    auto ch = w.ch(c.id);
    ch.p_security_refusal.value = 0;
    ch.p_card_not_enabled.value = 0;
    ch.p_wallet_refused.value = 0;
    ch.p_insufficient_funds.value = 0;
    (ch.*c.p).value = 1.0;
    UsageCounters u;
    auto req = rub_request(usd(3000));
    const auto o = attempt_payment(ch, req, w.rng, w.fx, w.cal);
    CHECK(o.refusal == c.expect);
    CHECK_THROWS_AS(post_payment(w.ledger, ch, o, 1), std::logic_error);
    record_usage(u, o, ch, w.cal, w.fx);
    CHECK(u.day_count == 0);
    // Retry with Yandex.Money (no faults by default besides a small double-debit chance).
    auto ym = w.ch(ChannelId::YandexMoney);
    ym.p_security_refusal.value = 0;
    CHECK(attempt_payment(ym, req, w.rng, w.fx, w.cal).accepted());
  }
  CHECK(w.ledger.posting_count() == 0);
  w.ledger.check_conservation();
}

TEST_CASE("fault: Sberbank social/salary card declined by default, accepted under note 2's other reading", "[channel]") {
  World w;
  auto req = rub_request(usd(3000));
  req.buyer.social_or_salary_card = true;
  CHECK(attempt_payment(w.ch(ChannelId::Card), req, w.rng, w.fx, w.cal).refusal == Refusal::CardTypeNotAccepted);  // 000:201
  ChannelRules r;
  r.decline_social_salary_cards = false;
  const auto catalog = channel_catalog(r);
  auto card = channel(catalog, ChannelId::Card);
  card.p_card_not_enabled.value = 0;
  card.p_security_refusal.value = 0;
  CHECK(attempt_payment(card, req, w.rng, w.fx, w.cal).accepted());  // 000:96
}

TEST_CASE("insufficient funds: the card must hold the whole amount (000:98)", "[channel]") {
  World w;
  // $10 = 925.00 RUB + 1.5% conversion spread 13.88 = 938.88 RUB.
  CHECK(attempt_payment(w.ch(ChannelId::Card), request(usd(1000), rub(93'887)), w.rng, w.fx, w.cal).refusal == Refusal::InsufficientFunds);
  auto card = w.ch(ChannelId::Card);
  card.p_card_not_enabled.value = 0;
  card.p_security_refusal.value = 0;
  CHECK(attempt_payment(card, request(usd(1000), rub(93'888)), w.rng, w.fx, w.cal).accepted());
}

TEST_CASE("random faults and postings over many attempts keep every cent", "[channel]") {
  World w;
  auto cat = channel_catalog();
  for (auto& ch : cat) {
    ch.p_double_debit.value = 0.2;
    ch.p_error_but_debited.value = 0.1;
  }
  w.ledger.post({0, Account::External, Account::BuyerFunds, rub(10'000'000'000), PostingKind::TopUp, 0});
  w.ledger.post({0, Account::External, Account::BuyerFunds, usd(10'000'000'000), PostingKind::TopUp, 0});
  std::int64_t suspense[kCurrencyCount] = {};
  std::vector<PaymentOutcome> doubles;
  std::vector<const ChannelParams*> double_ch;
  int accepted = 0;
  for (int i = 0; i < 3000; ++i) {
    const auto& ch = cat[static_cast<std::size_t>(i % kChannelCount)];
    PaymentRequest req = ch.currency.value == Currency::USD ? usd_request(usd(2500 + i)) : rub_request(usd(2500 + i));
    if (ch.currency.value == Currency::CNY) {
      req.buyer.funds = Money(1'000'000'000, Currency::CNY);
      req.buyer.country = Country::China;
    }
    req.buyer.platform_balance = usd(100'000);
    req.buyer.pays_at_terminal = (i % 3 == 0);
    const auto o = attempt_payment(ch, req, w.rng, w.fx, w.cal);
    if (!o.accepted()) continue;
    ++accepted;
    post_payment(w.ledger, ch, o, static_cast<std::uint64_t>(i));
    if (o.double_debit) {
      suspense[static_cast<int>(o.debited.currency())] += o.debited.minor();
      doubles.push_back(o);
      double_ch.push_back(&ch);
    }
    w.ledger.check_conservation();
  }
  CHECK(accepted > 1500);
  for (int c = 0; c < kCurrencyCount; ++c)
    CHECK(w.ledger.balance(Account::Suspense, static_cast<Currency>(c)).minor() == suspense[c]);
  CHECK(doubles.size() > 200);
  for (std::size_t k = 0; k < doubles.size(); ++k) post_reconciliation(w.ledger, *double_ch[k], doubles[k], 0);
  w.ledger.check_conservation();
  for (int c = 0; c < kCurrencyCount; ++c)
    CHECK(w.ledger.balance(Account::Suspense, static_cast<Currency>(c)).is_zero());
}

// ---------------------------------------------------------------- refunds and the balance

TEST_CASE("refund routes: card never to the balance (003:251), cash to the phone (001:46)", "[channel]") {
  World w;
  const auto& bal = w.ch(ChannelId::PlatformBalance);
  auto d = resolve_refund(w.ch(ChannelId::Card), bal, RefundRoute::PlatformBalance, w.rng);
  CHECK(d.route == RefundRoute::Card);
  CHECK(d.account == Account::BuyerFunds);
  d = resolve_refund(w.ch(ChannelId::Cash), bal, RefundRoute::PlatformBalance, w.rng);
  CHECK(d.route == RefundRoute::PhoneBalance);
  CHECK(d.account == Account::BuyerPhoneBalance);
  for (int i = 0; i < 200; ++i) {
    d = resolve_refund(w.ch(ChannelId::WebMoney), bal, RefundRoute::PlatformBalance, w.rng);
    CHECK(d.route == RefundRoute::PlatformBalance);  // 003:251: non-card refunds to the balance
    CHECK(d.account == Account::BuyerPlatformBalance);
    CHECK(d.latency >= sim::days(1));  // 003:280: 1-3 days
    CHECK(d.latency <= sim::days(3));
  }
  d = resolve_refund(w.ch(ChannelId::WebMoney), bal, RefundRoute::OriginalMethod, w.rng);
  CHECK(d.route == RefundRoute::OriginalMethod);
  d = resolve_refund(w.ch(ChannelId::WesternUnion), bal, RefundRoute::PlatformBalance, w.rng);
  CHECK(d.route == RefundRoute::PlatformBalance);  // 003:290
  d = resolve_refund(bal, bal, RefundRoute::OriginalMethod, w.rng);
  CHECK(d.route == RefundRoute::PlatformBalance);
}

TEST_CASE("balance top-up via WebMoney pays its 0.8%, capped at $500 unverified (003:290, 003:232)", "[channel]") {
  World w;
  const auto& bal = w.ch(ChannelId::PlatformBalance);
  const auto& wm = w.ch(ChannelId::WebMoney);
  auto req = rub_request(usd(10'000));
  req.buyer.platform_balance = usd(0);
  const auto o = attempt_top_up(bal, wm, true, req, w.rng, w.fx, w.cal);
  REQUIRE(o.accepted());
  CHECK(o.channel_fee == rub(7400));
  post_top_up(w.ledger, wm, o);
  CHECK(w.ledger.balance(Account::BuyerPlatformBalance, Currency::USD) == usd(10'000));
  CHECK(w.ledger.balance(Account::ChannelFeeIncome, Currency::RUB) == rub(7400));
  w.ledger.check_conservation();
  req.buyer.platform_balance = usd(45'000);
  CHECK(attempt_top_up(bal, wm, true, req, w.rng, w.fx, w.cal).refusal == Refusal::UnverifiedLimit);
  req.buyer.balance_verified = true;
  CHECK(attempt_top_up(bal, wm, true, req, w.rng, w.fx, w.cal).accepted());
  // Only WebMoney under 003:348: the Western Union route is switched off.
  CHECK(attempt_top_up(bal, w.ch(ChannelId::WesternUnion), false, usd_request(usd(10'000)), w.rng, w.fx, w.cal).refusal == Refusal::ChannelDisabled);
}

TEST_CASE("balance closes after 12 months unused (003:247)", "[channel]") {
  const auto catalog = channel_catalog();
  const auto& bal = channel(catalog, ChannelId::PlatformBalance);
  CHECK_FALSE(balance_closed(bal, 0, sim::days(365) - 1));
  CHECK(balance_closed(bal, 0, sim::days(365)));
}

TEST_CASE("engine is deterministic for a given stream", "[channel]") {
  World a, b;
  for (int i = 0; i < 100; ++i) {
    const auto x = attempt_payment(a.ch(ChannelId::Cash), rub_request(usd(1000 + i)), a.rng, a.fx, a.cal);
    const auto y = attempt_payment(b.ch(ChannelId::Cash), rub_request(usd(1000 + i)), b.rng, b.fx, b.cal);
    CHECK(x.refusal == y.refusal);
    CHECK(x.paid_at == y.paid_at);
  }
}

// ---------------------------------------------------------------- funds and payment currency

namespace {

// The card without its fault draws: only the funds, the currency and the caps decide.
ChannelParams quiet_card(const World& w) {
  ChannelParams card = w.ch(ChannelId::Card);
  card.p_security_refusal.value = card.p_card_not_enabled.value = card.p_double_debit.value = 0;
  card.p_error_but_debited.value = 0;
  return card;
}

PaymentRequest card_request(Money invoice, Money funds, Currency card, bool pays_in_card_currency) {
  PaymentRequest r = request(invoice, funds);
  r.buyer.card_currency = card;
  r.buyer.pays_in_card_currency = pays_in_card_currency;
  return r;
}

}  // namespace

TEST_CASE("000:201: a ruble card paid in rubles has no bank spread; paid in dollars the bank's 1.50% "
          "of the principal", "[channel][funds]") {
  World w;
  const ChannelParams card = quiet_card(w);
  // $100.00 at 92.5 RUB/USD = 9,250.00 RUB; 1.50% of it = 138.75 RUB.
  const auto in_rubles = attempt_payment(card, card_request(usd(10'000), rub(100'000'000), Currency::RUB, true),
                                         w.rng, w.fx, w.cal);
  REQUIRE(in_rubles.accepted());
  CHECK(in_rubles.by_card);
  CHECK_FALSE(in_rubles.bank_converted);
  CHECK(in_rubles.principal == rub(925'000));
  CHECK(in_rubles.spread == rub(0));
  CHECK(in_rubles.debited == rub(925'000));
  const auto in_dollars = attempt_payment(card, card_request(usd(10'000), rub(100'000'000), Currency::RUB, false),
                                          w.rng, w.fx, w.cal);
  REQUIRE(in_dollars.accepted());
  CHECK(in_dollars.bank_converted);
  CHECK(in_dollars.principal == rub(925'000));
  CHECK(in_dollars.spread == rub(13'875));
  CHECK(in_dollars.debited == rub(938'875));
  // Posted: the rubles in the FX account are the principal (plus the spread), the dollars out the
  // invoice; both payments' rubles and dollars balance to the kopeck.
  post_payment(w.ledger, card, in_rubles, 1);
  CHECK(w.ledger.balance(Account::Fx, Currency::RUB) == rub(925'000));
  CHECK(w.ledger.balance(Account::Fx, Currency::USD) == usd(-10'000));
  post_payment(w.ledger, card, in_dollars, 2);
  CHECK(w.ledger.balance(Account::Fx, Currency::RUB) == rub(925'000 + 938'875));
  CHECK(w.ledger.balance(Account::Fx, Currency::USD) == usd(-20'000));
  CHECK(w.ledger.balance(Account::Escrow, Currency::USD) == usd(20'000));
  w.ledger.check_conservation();
}

TEST_CASE("000:201: a dollar card paid in dollars converts nothing and posts nothing to FX; paid in "
          "rubles the issuing bank's 1.50% is in dollars", "[channel][funds]") {
  World w;
  const ChannelParams card = quiet_card(w);
  const auto same = attempt_payment(card, card_request(usd(10'000), usd(100'000'000), Currency::USD, true),
                                    w.rng, w.fx, w.cal);
  REQUIRE(same.accepted());
  CHECK_FALSE(same.bank_converted);
  CHECK(same.principal == usd(10'000));
  CHECK(same.spread == usd(0));
  CHECK(same.debited == usd(10'000));
  post_payment(w.ledger, card, same, 1);
  for (int c = 0; c < kCurrencyCount; ++c)
    CHECK(w.ledger.balance(Account::Fx, static_cast<Currency>(c)).is_zero());
  CHECK(w.ledger.posting_count() == 1);  // no exchange: the hold alone, the dollars into escrow
  const auto other = attempt_payment(card, card_request(usd(10'000), usd(100'000'000), Currency::USD, false),
                                     w.rng, w.fx, w.cal);
  REQUIRE(other.accepted());
  CHECK(other.bank_converted);
  CHECK(other.spread == usd(150));
  CHECK(other.debited == usd(10'150));
  post_payment(w.ledger, card, other, 2);
  CHECK(w.ledger.balance(Account::Fx, Currency::USD) == usd(150));
  CHECK(w.ledger.balance(Account::Fx, Currency::RUB).is_zero());
  CHECK(w.ledger.balance(Account::BuyerFunds, Currency::USD) == usd(-20'150));
  w.ledger.check_conservation();
}

TEST_CASE("000:98: the card's funds must hold the whole debit, the bank's spread included", "[channel][funds]") {
  World w;
  const ChannelParams card = quiet_card(w);
  const Money funds = rub(500'000);  // RUB 5,000
  auto refusal = [&](std::int64_t cents, bool in_rubles) {
    return attempt_payment(card, card_request(usd(cents), funds, Currency::RUB, in_rubles), w.rng, w.fx, w.cal)
        .refusal;
  };
  // $54.05 = 4,999.63 RUB (4,999.625 rounded half away) fits; $54.06 = 5,000.55 RUB does not.
  CHECK(refusal(5405, true) == Refusal::None);
  CHECK(refusal(5406, true) == Refusal::InsufficientFunds);
  // Paid in dollars, the bank adds 1.50%: 4,999.63 + 74.99 = 5,074.62 RUB, above the 5,000.
  CHECK(refusal(5405, false) == Refusal::InsufficientFunds);
  // Without the full-amount rule the funds are not checked.
  ChannelParams lax = card;
  lax.full_amount_only.value = false;
  CHECK(attempt_payment(lax, card_request(usd(5406), funds, Currency::RUB, true), w.rng, w.fx, w.cal).accepted());
  // Funds in another currency than the card's cannot pay.
  CHECK(attempt_payment(card, card_request(usd(100), funds, Currency::USD, true), w.rng, w.fx, w.cal).refusal ==
        Refusal::CurrencyNotAccepted);
}

TEST_CASE("a dollar card counts toward the channel's ruble caps at the day's rate", "[channel][funds]") {
  World w;
  ChannelParams card = quiet_card(w);
  card.daily_cap_amount.value = rub(1'000'000);  // RUB 10,000 a day
  UsageCounters u;
  auto req = card_request(usd(10'000), usd(100'000'000), Currency::USD, true);  // $100.00 = 9,250.00 RUB
  const auto first = attempt_payment(card, req, w.rng, w.fx, w.cal);
  REQUIRE(first.accepted());
  CHECK(cap_amount(card, first, w.fx) == rub(925'000));
  record_usage(u, first, card, w.cal, w.fx);
  CHECK(u.day_minor == 925'000);
  req.usage = u;
  req.invoice = usd(1000);  // $10.00 = 925.00 RUB: 10,175 in the day
  CHECK(attempt_payment(card, req, w.rng, w.fx, w.cal).refusal == Refusal::DailyAmountCap);
  req.invoice = usd(810);  // $8.10 = 749.25 RUB: 9,999.25 in the day
  CHECK(attempt_payment(card, req, w.rng, w.fx, w.cal).accepted());
}

TEST_CASE("catalog: funds drawn for the card, the wallets and the phones; none elsewhere", "[channel][funds]") {
  const auto c = channel_catalog();
  for (ChannelId id : {ChannelId::PhoneMegafon, ChannelId::PhoneBeeline, ChannelId::PhoneTele2, ChannelId::PhoneMts}) {
    // 000:40: "500-600 rubles".
    const auto& f = channel(c, id).funds.value;
    REQUIRE(f);
    CHECK(f->currency == Currency::RUB);
    CHECK(f->dist.kind == sim::DistKind::Uniform);
    CHECK(f->dist.a == 50'000);
    CHECK(f->dist.b == 60'000);
    CHECK(channel(c, id).funds.source == "000:40");
  }
  for (ChannelId id : {ChannelId::Card, ChannelId::Qiwi, ChannelId::WebMoney, ChannelId::YandexMoney}) {
    REQUIRE(channel(c, id).funds.value);
    CHECK(channel(c, id).funds.value->currency == Currency::RUB);
    CHECK(channel(c, id).funds.source.starts_with("ASSUMPTION ("));
  }
  // The QIWI shortfall of 000:131 is its funds draw, not a probability besides.
  CHECK(channel(c, ChannelId::Qiwi).p_insufficient_funds.value == 0);
  for (ChannelId id : {ChannelId::Cash, ChannelId::WesternUnion, ChannelId::BankTransfer, ChannelId::PlatformBalance,
                       ChannelId::GiftCertificate, ChannelId::UnionPay})
    CHECK_FALSE(channel(c, id).funds.value);
}

TEST_CASE("validate: funds in a currency the channel's buyers cannot hold", "[channel][funds]") {
  auto c = channel_catalog();
  ChannelParams mts = channel(c, ChannelId::PhoneMts);
  mts.funds.value = MoneyDistribution{sim::constant(100), Currency::USD};
  CHECK_THROWS_WITH(validate(mts), "channel phone_mts: funds: USD funds: the channel's buyers hold RUB; set funds in RUB or to none");
  ChannelParams card = channel(c, ChannelId::Card);
  card.funds.value = MoneyDistribution{sim::constant(100), Currency::USD};  // cards issued in dollars
  CHECK_NOTHROW(validate(card));
  card.funds.value = MoneyDistribution{sim::constant(100), Currency::CNY};
  CHECK_THROWS_WITH(validate(card), "channel card: funds: CNY funds: the channel's buyers hold RUB (or USD: cards issued in dollars); set funds in RUB or to none");
}
