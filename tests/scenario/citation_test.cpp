// Every documented value of the schema against the article it cites. A key whose source begins
// with an article line ("000:187", "003:232-300 (note 4)") claims that the line says its value:
// the cited line(s) of the seeds must contain the figure (15 days, 1.95%, $5,000, 48 hours = 2d,
// "within three days"), or, where the article words it without a figure (a flag, a currency, a
// zero fee, a shape), the row is in kParaphrased below with the words the line must contain and
// the reason. Every citation anywhere (ASSUMPTION hints too) must name a line that exists.
//
// The articles live outside the project (../shared/seeds, or $MARKETSIM_SHARED_DIR/seeds). On a
// fresh clone they are absent: the test then says so and does nothing, and CTest reports it as
// skipped (tests/CMakeLists.txt registers it as `scenario/citations` with SKIP_RETURN_CODE).
// Tagged [.seeds]: hidden from the per-test-case discovery, run only through that entry.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "models/scenario/market_scenario.hpp"
#include "models/scenario/values.hpp"

using namespace market::scenario;
namespace fs = std::filesystem;

namespace {

fs::path shared_dir() {
  if (const char* env = std::getenv("MARKETSIM_SHARED_DIR"); env != nullptr && *env != '\0') return env;
  return MARKETSIM_SHARED_DIR;
}

// Seeds file number ("000") -> its lines, 1-based (index 0 unused). Empty if the folder is absent.
std::map<std::string, std::vector<std::string>> read_seeds(const fs::path& dir) {
  std::map<std::string, std::vector<std::string>> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name.size() < 5 || name[3] != '_' || e.path().extension() != ".txt") continue;
    std::ifstream in(e.path());
    std::vector<std::string> lines{""};
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    out[name.substr(0, 3)] = std::move(lines);
  }
  return out;
}

// A row whose article words the value without its figure: `key` (exact) cited at `cite` (the
// source's first citation) is right when the cited text contains `words` (lower case).
struct Paraphrase {
  std::string_view key;
  std::string_view cite;
  std::string_view words;
  std::string_view reason;
};

// clang-format off
constexpr Paraphrase kParaphrased[] = {
  // Zero fees: the article says "no commission".
  {"channel.card.fee_rate", "000:248", "commission is not withdrawn", "0%: no commission from a card"},
  {"channel.qiwi.fee_rate", "000:124", "not charged commission", "0%: no QIWI fee"},
  {"channel.yandex_money.fee_rate", "000:149", "without commission", "0%: no Yandex.Money fee"},
  {"channel.phone_mts.fee_rate", "000:177", "only three operators charge", "0%: MTS is not among the three"},
  {"channel.cash.fee_rate", "001:44", "should not pay any commissions", "0%: no cash fee"},
  // The phone balance: "500-600 rubles", a uniform draw between them; it must hold the payment.
  {"channel.phone_megafon.funds", "000:40", "500-600 rubles", "uniform(500.00 RUB, 600.00 RUB): the balance the article gives"},
  {"channel.phone_beeline.funds", "000:40", "500-600 rubles", "as MegaFon"},
  {"channel.phone_tele2.funds", "000:40", "500-600 rubles", "as MegaFon"},
  {"channel.phone_mts.funds", "000:40", "500-600 rubles", "as MegaFon"},
  // The card and the wallets must hold the payment (their funds are ASSUMPTION draws).
  {"channel.card.full_amount_only", "000:98", "it should have money", "true: the card must hold the price"},
  {"channel.qiwi.full_amount_only", "000:32", "enough to have the necessary amount of money on the account", "true"},
  {"channel.yandex_money.full_amount_only", "002:283", "first you need to top up your yandex account", "true"},
  {"channel.phone_megafon.full_amount_only", "000:40", "always have 500-600 rubles", "true: the phone balance must hold the payment"},
  {"channel.phone_beeline.full_amount_only", "000:40", "always have 500-600 rubles", "true: the phone balance must hold the payment"},
  {"channel.phone_tele2.full_amount_only", "000:40", "always have 500-600 rubles", "true: the phone balance must hold the payment"},
  {"channel.phone_mts.full_amount_only", "000:40", "always have 500-600 rubles", "true: the phone balance must hold the payment"},
  // Baskets: "several orders ... can be paid and processed from the basket" (000:221), except by bank transfer (000:167).
  {"channel.card.combines_orders", "000:221", "paid and processed from the basket", "true: a basket is one payment"},
  {"channel.union_pay.combines_orders", "000:221", "paid and processed from the basket", "true: a basket is one payment"},
  {"channel.qiwi.combines_orders", "000:221", "paid and processed from the basket", "true: a basket is one payment"},
  {"channel.webmoney.combines_orders", "000:221", "paid and processed from the basket", "true: a basket is one payment"},
  {"channel.yandex_money.combines_orders", "000:221", "paid and processed from the basket", "true: a basket is one payment"},
  {"channel.phone_megafon.combines_orders", "000:221", "paid and processed from the basket", "true: a basket is one payment"},
  {"channel.phone_beeline.combines_orders", "000:221", "paid and processed from the basket", "true: a basket is one payment"},
  {"channel.phone_tele2.combines_orders", "000:221", "paid and processed from the basket", "true: a basket is one payment"},
  {"channel.phone_mts.combines_orders", "000:221", "paid and processed from the basket", "true: a basket is one payment"},
  {"channel.cash.combines_orders", "000:221", "paid and processed from the basket", "true: a basket is one payment"},
  {"channel.western_union.combines_orders", "000:221", "paid and processed from the basket", "true: a basket is one payment"},
  {"channel.platform_balance.combines_orders", "000:221", "paid and processed from the basket", "true: a basket is one payment"},
  {"channel.gift_certificate.combines_orders", "000:221", "paid and processed from the basket", "true: a basket is one payment"},
  {"channel.wechat_pay.combines_orders", "000:221", "paid and processed from the basket", "true: a basket is one payment"},
  {"channel.domestic_alipay.combines_orders", "000:221", "paid and processed from the basket", "true: a basket is one payment"},
  {"channel.installments.combines_orders", "000:221", "paid and processed from the basket", "true: a basket is one payment"},
  {"channel.bank_transfer.combines_orders", "000:167", "can not combine them into one payment", "false: one payment per order"},
  // The escrow release: held 15 days after confirmation, not paid at confirmation.
  {"protection.release_at_confirmation", "000:187", "15 days after pressing", "false: escrow is kept 15 days after confirming"},
  // Non-delivery: what the buyer is promised (two readings: switches whose default is the literal one).
  {"protection.nondelivery_refund_lands", "000:255", "will definitely be refunded within three days", "true: the money is back within the three days"},
  {"protection.nonarrival_always_refunded", "000:255", "will definitely be refunded", "true: a parcel that never comes is refunded"},
  // Gift certificates: a balance bought ahead ("a balance of $ 200 ... at least a year").
  {"buyers.gift_certificate_balance", "000:18-24", "balance of $ 200", "const(200 USD): the article's example balance"},
  // Refund routes.
  {"channel.card.refund_route", "003:251", "except for payments by bank cards", "card: card refunds never go to the balance"},
  {"channel.card.refund_to_balance_allowed", "003:251", "except for payments by bank cards", "false: as above"},
  {"channel.phone_megafon.refund_to_balance_allowed", "003:251", "all refunds", "true: every non-card refund may go to the balance"},
  {"channel.phone_beeline.refund_to_balance_allowed", "003:251", "all refunds", "true: as MegaFon"},
  {"channel.phone_tele2.refund_to_balance_allowed", "003:251", "all refunds", "true: as MegaFon"},
  {"channel.phone_mts.refund_to_balance_allowed", "003:251", "all refunds", "true: as MegaFon"},
  {"channel.western_union.refund_to_balance_allowed", "003:280", "western union", "true: WU refunds may go to the balance"},
  {"channel.platform_balance.refund_route", "003:251", "to an alipay account", "platform_balance"},
  {"channel.cash.refund_route", "001:46", "returned to the mobile phone number", "phone_balance"},
  {"channel.cash.refund_to_balance_allowed", "001:46", "returned to the mobile phone number", "false: cash refunds go to the phone"},
  // Note 2 and the card's other flags.
  {"channel.card.decline_social_salary_cards", "000:201", "social cards of sberbank and salary cards are not suitable", "true (note 2)"},
  {"channel.card.decline_social_salary_cards", "000:96", "debit cards (personal, salary, social)", "false (note 2, other side)"},
  {"channel.card.max_inclusive", "000:232", "less than", "false: \"less than $5,000\" (note 1, other side)"},
  // App and PC site.
  {"channel.card.in_app", "002:236", "in the mobile application", "true"},
  {"channel.card.on_pc", "002:236", "in the web version", "true"},
  {"channel.qiwi.in_app", "002:236", "in the mobile application", "true"},
  {"channel.qiwi.on_pc", "002:236", "in the web version", "true"},
  {"channel.webmoney.in_app", "002:236", "in the mobile application", "true"},
  {"channel.webmoney.on_pc", "002:236", "in the web version", "true"},
  {"channel.yandex_money.in_app", "002:236", "in the mobile application", "true"},
  {"channel.yandex_money.on_pc", "002:236", "in the web version", "true"},
  {"channel.phone_megafon.in_app", "002:236", "in the mobile application", "true"},
  {"channel.phone_megafon.on_pc", "002:236", "in the web version", "true"},
  {"channel.phone_beeline.in_app", "002:236", "in the mobile application", "true"},
  {"channel.phone_beeline.on_pc", "002:236", "in the web version", "true"},
  {"channel.phone_tele2.in_app", "002:236", "in the mobile application", "true"},
  {"channel.phone_tele2.on_pc", "002:236", "in the web version", "true"},
  {"channel.phone_mts.in_app", "002:236", "in the mobile application", "true"},
  {"channel.phone_mts.on_pc", "002:236", "in the web version", "true"},
  {"channel.union_pay.in_app", "004:6", "mobile app", "true"},
  {"channel.union_pay.on_pc", "004:6", "computer web version", "true"},
  {"channel.wechat_pay.in_app", "004:6", "mobile app", "true"},
  {"channel.wechat_pay.on_pc", "004:6", "computer web version", "true"},
  {"channel.domestic_alipay.in_app", "004:6", "mobile app", "true"},
  {"channel.domestic_alipay.on_pc", "004:6", "computer web version", "true"},
  {"channel.installments.in_app", "004:6", "mobile app", "true"},
  {"channel.installments.on_pc", "004:6", "computer web version", "true"},
  {"channel.cash.in_app", "001:10", "the application does not support", "false (note 3)"},
  {"channel.cash.in_app", "002:236", "in the mobile application", "true (note 3, other side)"},
  {"channel.cash.on_pc", "001:10", "pc version", "true"},
  // Who may pay.
  {"channel.qiwi.only_country", "000:110", "russian users and cis countries", "russia and the CIS (ukraine, kazakhstan, belarus)"},
  {"channel.webmoney.only_country", "000:110", "russian users and cis countries", "as QIWI"},
  {"channel.yandex_money.only_country", "000:110", "russian users and cis countries", "as QIWI"},
  {"channel.cash.only_country", "001:52", "only to residents of the russian federation", "russia"},
  {"channel.union_pay.only_country", "004:7", "domestic users", "china: 004 is the guide for domestic (Chinese) users"},
  {"channel.domestic_alipay.only_country", "004:7", "domestic users", "china: as UnionPay"},
  {"channel.wechat_pay.only_country", "004:8", "in china", "china"},
  {"channel.installments.only_country", "004:7-10", "domestic users", "china: the installments of the domestic guide"},
  // Currencies.
  {"channel.qiwi.currency", "000:133", "ruble transactions", "RUB"},
  {"channel.webmoney.currency", "002:210", "ruble wallet", "RUB"},
  {"channel.phone_megafon.currency", "000:40", "rubles", "RUB: phone balances hold rubles"},
  {"channel.phone_beeline.currency", "000:40", "rubles", "RUB"},
  {"channel.phone_tele2.currency", "000:40", "rubles", "RUB"},
  {"channel.phone_mts.currency", "000:40", "rubles", "RUB"},
  {"channel.cash.currency", "000:71", "in rubles", "RUB"},
  {"channel.western_union.currency", "000:159", "in dollars", "USD"},
  {"channel.bank_transfer.currency", "000:167", "only in dollar equivalent", "USD"},
  {"channel.platform_balance.currency", "003:232", "$500", "USD: the balance's limits are in dollars"},
  {"channel.gift_certificate.currency", "000:24", "$ 200", "USD: a certificate balance in dollars"},
  // Strict and open bounds.
  {"channel.qiwi.max_inclusive", "000:232", "less than", "false"},
  {"channel.western_union.min_inclusive", "000:155", "more than", "false"},
  {"channel.western_union.max_inclusive", "000:155", "less than", "false"},
  {"channel.qiwi.daily_cap_amount", "000:125", "does not have a restriction on performing daily transfers", "none"},
  {"channel.qiwi.daily_cap_count", "000:125", "does not have a restriction on performing daily transfers", "none"},
  // Instant payments and fees on top.
  {"channel.webmoney.paid_delay", "000:234", "transferred instantly", "const(0s)"},
  {"channel.phone_megafon.paid_delay", "000:183", "immediately after making a payment", "const(0s)"},
  {"channel.phone_beeline.paid_delay", "000:183", "immediately after making a payment", "const(0s)"},
  {"channel.phone_tele2.paid_delay", "000:183", "immediately after making a payment", "const(0s)"},
  {"channel.phone_mts.paid_delay", "000:183", "immediately after making a payment", "const(0s)"},
  {"channel.platform_balance.paid_delay", "003:300", "zero again", "const(0s): the worked example pays at once"},
  {"channel.phone_megafon.fee_payer", "000:183", "charged by the operator himself", "buyer: the operator charges its subscriber"},
  {"channel.phone_beeline.fee_payer", "000:183", "charged by the operator himself", "buyer"},
  {"channel.phone_tele2.fee_payer", "000:183", "charged by the operator himself", "buyer"},
  {"channel.phone_mts.fee_payer", "000:183", "charged by the operator himself", "buyer"},
  {"channel.phone_megafon.fee_on_top", "000:183", "additional commission", "true"},
  {"channel.phone_beeline.fee_on_top", "000:183", "additional commission", "true"},
  {"channel.phone_tele2.fee_on_top", "000:183", "additional commission", "true"},
  {"channel.phone_mts.fee_on_top", "000:183", "additional commission", "true"},
  // Cash and bank transfer.
  {"channel.cash.amount_fixed_at_checkout", "001:43", "partially paid", "true: a rise leaves the fixed amount short"},
  {"channel.bank_transfer.paid_delay", "000:169", "within 7 working days", "uniform(12h, 180h) rounds to 1..7 whole working days"},
  {"channel.bank_transfer.paid_delay_working_days", "000:169", "working days", "true"},
  // The platform balance (note 4).
  {"channel.platform_balance.enabled", "003:232-300", "top up your alipay account", "true (note 4)"},
  {"channel.platform_balance.enabled", "003:150", "stopped working", "false (note 4, other side)"},
  // 0 = the protection default, whose 60 days 000:255 states.
  {"route.ru.delivery_timer_cap", "000:255", "60 days", "0s: the protection default max_delivery_timer"},
  {"route.br.delivery_timer_cap", "000:255", "60 days", "0s: as ru"},
  {"route.other.delivery_timer_cap", "000:255", "60 days", "0s: as ru"},
  {"route.cn.delivery_timer_cap", "000:255", "60 days", "0s: as ru"},
};
// clang-format on

const std::regex kCite(R"((\d{3}):(\d+)(?:-(\d+))?)");

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Lower case; "10 000" and "5,000" as 10000 and 5000; number words as digits.
std::string normalise(std::string s) {
  s = lower(std::move(s));
  const std::regex grouped(R"((\d)[ ,](\d{3})(?!\d))");
  for (std::string prev; prev != s;) {
    prev = s;
    s = std::regex_replace(s, grouped, "$1$2");
  }
  static const char* words[] = {"zero", "one", "two", "three", "four", "five", "six",
                                "seven", "eight", "nine", "ten", "eleven", "twelve"};
  for (int i = 0; i < 13; ++i) s = std::regex_replace(s, std::regex("\\b" + std::string(words[i]) + "\\b"), std::to_string(i));
  return s;
}

bool near(double a, double b) { return std::fabs(a - b) <= 1e-9 + 0.005 * std::fabs(b); }

// Every plain number of the text.
std::vector<double> numbers_in(const std::string& text) {
  std::vector<double> out;
  const std::regex num(R"(\d+(?:\.\d+)?)");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), num); it != std::sregex_iterator(); ++it)
    out.push_back(std::stod(it->str()));
  return out;
}

// Every duration the text states, in seconds: "48 hours", "15 days", "1-3 days", "12 months",
// "7 working days", "two weeks".
std::vector<double> durations_in(const std::string& text) {
  std::vector<double> out;
  const std::regex dur(R"((\d+(?:\.\d+)?)(?:\s*(?:-|to)\s*(\d+(?:\.\d+)?))?\s*(?:working\s+|business\s+)?(minute|hour|day|week|month|year)s?\b)");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), dur); it != std::sregex_iterator(); ++it) {
    const std::string unit = (*it)[3];
    const double s = unit == "minute" ? 60.0 : unit == "hour" ? 3600.0 : unit == "day" ? 86400.0
                   : unit == "week" ? 7 * 86400.0 : unit == "month" ? 365.0 / 12 * 86400.0 : 365 * 86400.0;
    out.push_back(std::stod((*it)[1]) * s);
    if ((*it)[2].matched) out.push_back(std::stod((*it)[2]) * s);
  }
  return out;
}

// The figures a value claims, as plain numbers or as seconds; empty when it has none (a flag,
// a name, a zero, none).
struct Figures {
  std::vector<double> values;
  bool durations = false;
};

Figures figures_of(const KeySpec& k) {
  Figures f;
  const std::string text = k.default_text.value_or("");
  switch (k.type) {
    case ValueType::Money: {
      const market::Money m = parse_money(text);
      if (!m.is_zero()) f.values.push_back(static_cast<double>(m.minor()) / static_cast<double>(market::minor_per_major(m.currency())));
      break;
    }
    case ValueType::Rate: {
      const market::BasisPoints bp = parse_rate(text);
      if (bp.bp != 0) f.values.push_back(static_cast<double>(bp.bp) / 100.0);
      break;
    }
    case ValueType::Duration: {
      f.durations = true;
      const Duration d = parse_duration(text);
      if (d.value != 0) f.values.push_back(d.working_days ? static_cast<double>(d.value) * 86400.0 : static_cast<double>(d.value));
      break;
    }
    case ValueType::DurationDistribution: {
      // const(x): x; uniform(a, b): both ends; an empirical table: its largest value ("up to").
      f.durations = true;
      const std::regex dur(R"(\d+(?:\.\d+)?(?:wd|min|s|m|h|d|w)\b)");
      std::vector<double> all;
      for (auto it = std::sregex_iterator(text.begin(), text.end(), dur); it != std::sregex_iterator(); ++it)
        all.push_back(static_cast<double>(parse_duration(it->str()).value));
      if (text.rfind("empirical(", 0) == 0 && !all.empty()) all = {*std::max_element(all.begin(), all.end())};
      for (double v : all)
        if (v != 0) f.values.push_back(v);
      break;
    }
    case ValueType::Integer:
    case ValueType::Number:
    case ValueType::Probability: {
      const std::vector<double> n = numbers_in(text);
      if (n.size() == 1 && n[0] != 0) f.values.push_back(n[0]);
      break;
    }
    default: {
      // An optional amount ("15000.00 RUB" or "none") is a string key.
      static const std::regex money(R"(^-?\d+(?:\.\d+)? [A-Z]{3}$)");
      if (std::regex_match(text, money)) {
        const market::Money m = parse_money(text);
        if (!m.is_zero()) f.values.push_back(static_cast<double>(m.minor()) / static_cast<double>(market::minor_per_major(m.currency())));
      }
      break;
    }
  }
  return f;
}

struct Row {
  std::string key, value, source;
};

// Every concrete key of the default schema and of each [rules] switch flipped alone.
std::vector<std::pair<Row, const KeySpec*>> all_rows() {
  std::vector<const Schema*> schemas{&market_schema()};
  int flags = 0;
  const market::ChannelRules defaults;
  visit_params(defaults, [&](std::string_view, bool, const market::ParamMeta&) { ++flags; });
  for (int flip = 0; flip < flags; ++flip) {
    market::ChannelRules r;
    int i = 0;
    visit_params(r, [&](std::string_view, bool& v, const market::ParamMeta&) { v = (i++ == flip) ? !v : v; });
    schemas.push_back(&market_schema(r));
  }
  std::set<std::string> seen;
  std::vector<std::pair<Row, const KeySpec*>> rows;
  for (const Schema* s : schemas) {
    for (const KeySpec& k : s->keys()) {
      if (split_template_key(k.key)) continue;
      Row row{k.key, k.default_text.value_or(""), k.source};
      if (seen.insert(row.key + "\n" + row.value + "\n" + row.source).second) rows.emplace_back(row, &k);
    }
  }
  return rows;
}

}  // namespace

TEST_CASE("citations: every documented value is in the line it cites", "[.seeds]") {
  const fs::path dir = shared_dir() / "seeds";
  const auto seeds = read_seeds(dir);
  if (seeds.empty()) {
    WARN("SKIPPED: no articles at " << dir.string()
         << " (a fresh clone has no ../shared; set MARKETSIM_SHARED_DIR to check the citations)");
    return;
  }
  std::set<std::size_t> used;
  int documented = 0, by_figure = 0, by_words = 0, citations = 0;
  for (const auto& [row, spec] : all_rows()) {
    INFO(row.key << " = " << row.value << "  [" << row.source << "]");
    // Every citation names a line that exists.
    std::string cited_text;
    std::string first_cite;
    for (auto it = std::sregex_iterator(row.source.begin(), row.source.end(), kCite); it != std::sregex_iterator(); ++it) {
      ++citations;
      const auto file = seeds.find((*it)[1]);
      REQUIRE(file != seeds.end());
      const int from = std::stoi((*it)[2]);
      const int to = (*it)[3].matched ? std::stoi((*it)[3]) : from;
      REQUIRE(from >= 1);
      REQUIRE(to >= from);
      REQUIRE(static_cast<std::size_t>(to) < file->second.size());
      if (first_cite.empty()) first_cite = it->str();
      for (int l = from; l <= to; ++l) cited_text += file->second[static_cast<std::size_t>(l)] + "\n";
    }
    // A documented value: the source begins with a citation.
    std::smatch m;
    if (!std::regex_search(row.source, m, kCite) || m.position(0) != 0) continue;
    ++documented;
    const std::string text = normalise(cited_text);
    const Figures f = figures_of(*spec);
    if (!f.values.empty()) {
      const std::vector<double> stated = f.durations ? durations_in(text) : numbers_in(text);
      bool all_found = true;
      for (double v : f.values)
        all_found = all_found && std::any_of(stated.begin(), stated.end(), [&](double s) { return near(s, v); });
      if (all_found) {
        ++by_figure;
        continue;
      }
    }
    // No figure, or not in the line: it must be a listed paraphrase whose words are there.
    const auto p = std::find_if(std::begin(kParaphrased), std::end(kParaphrased), [&](const Paraphrase& q) {
      return q.key == row.key && q.cite == first_cite;
    });
    INFO("cited text: " << cited_text.substr(0, 600));
    if (p == std::end(kParaphrased)) {
      FAIL_CHECK("the cited line does not state the figure, and the row is not in kParaphrased");
      continue;
    }
    used.insert(static_cast<std::size_t>(p - std::begin(kParaphrased)));
    CHECK(text.find(normalise(std::string(p->words))) != std::string::npos);
    ++by_words;
  }
  // A paraphrase no row needs any more is stale.
  for (std::size_t i = 0; i < std::size(kParaphrased); ++i) {
    INFO("kParaphrased row " << kParaphrased[i].key << " [" << kParaphrased[i].cite << "] is not needed");
    CHECK(used.count(i) == 1);
  }
  CHECK(documented == by_figure + by_words);
  CHECK(by_figure >= 20);
  CHECK(citations > 100);
}

namespace {

// Does `text` (an article line) state the figure of a key of `type` whose value is `value`?
bool states(ValueType type, const std::string& value, const std::string& text) {
  KeySpec k;
  k.type = type;
  k.default_text = value;
  const Figures f = figures_of(k);
  const std::string t = normalise(text);
  const std::vector<double> stated = f.durations ? durations_in(t) : numbers_in(t);
  if (f.values.empty()) return false;
  for (double v : f.values)
    if (std::none_of(stated.begin(), stated.end(), [&](double s) { return near(s, v); })) return false;
  return true;
}

}  // namespace

// The matcher itself, without the articles: it finds a figure however the article writes it,
// and only that figure.
TEST_CASE("citations: the figure matcher reads amounts, rates and durations as written") {
  CHECK(states(ValueType::String, "5000.00 USD", "more than $ 20, but less than $ 5,000."));
  CHECK(states(ValueType::String, "10000.00 USD", "limits — 10 000 units in dollar equivalent"));
  CHECK_FALSE(states(ValueType::String, "5000.00 USD", "more than $ 20"));
  CHECK_FALSE(states(ValueType::String, "500.00 USD", "the limit is raised to $5,000"));
  CHECK(states(ValueType::Rate, "1.95%", "megafon — 1.95%;"));
  CHECK(states(ValueType::Rate, "0.80%", "a standard commission of 0.8% of the payment"));
  CHECK_FALSE(states(ValueType::Rate, "1.95%", "tele 2 has 2.45%."));
  CHECK_FALSE(states(ValueType::Rate, "0.00%", "no commission"));  // a zero has no figure
  CHECK(states(ValueType::Duration, "2d", "you have 48 hours to pay"));
  CHECK(states(ValueType::Duration, "365d", "not used for 12 months"));
  CHECK(states(ValueType::Duration, "15d", "15 days after pressing"));
  CHECK_FALSE(states(ValueType::Duration, "15d", "two weeks are given"));
  CHECK_FALSE(states(ValueType::Duration, "3d", "within 30 days"));
  CHECK(states(ValueType::DurationDistribution, "uniform(0s, 3d)", "refunded within three days"));
  CHECK(states(ValueType::DurationDistribution, "uniform(1d, 3d)", "literally within 1-3 days"));
  CHECK_FALSE(states(ValueType::DurationDistribution, "uniform(1d, 5d)", "literally within 1-3 days"));
  CHECK(states(ValueType::DurationDistribution, "empirical(1h, 1d, 7d)", "in rare cases takes up to 7 days"));
  CHECK(states(ValueType::DurationDistribution, "const(1d)", "a payment check about 24 hours"));
}
