// Every money figure a run reports is money the ledger moved: a run's journal (the stream
// --trace writes as journal.csv) summed per posting kind, account and currency equals the
// metrics' totals (the CSV figures). The world has seller-paid fees on top and out of the
// payment, a platform-paid fee, ruble fines and a ruble chargeback fee, so every path posts.
#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <catch2/catch.hpp>

#include "models/experiment/experiment.hpp"
#include "models/metrics/metrics.hpp"
#include "tests/models/one_order_world.hpp"

namespace {

using market::Currency;
using market::testing::channel_named;

struct Row {
  std::string from, to, currency, kind;
  std::int64_t minor = 0;
};

// "12.34" (format_amount) in minor units of `c`.
std::int64_t minor_of(const std::string& text, Currency c) {
  const auto dot = text.find('.');
  std::int64_t units = std::stoll(text.substr(0, dot));
  const std::int64_t scale = market::minor_per_major(c);
  std::int64_t frac = 0;
  if (dot != std::string::npos) frac = std::stoll(text.substr(dot + 1));
  return units * scale + (text[0] == '-' ? -frac : frac);
}

Currency currency_named(const std::string& code) {
  for (int i = 0; i < market::kCurrencyCount; ++i)
    if (market::currency_code(static_cast<Currency>(i)) == code) return static_cast<Currency>(i);
  FAIL("unknown currency " << code);
  throw;
}

std::vector<Row> parse_journal(const std::string& text) {
  std::vector<Row> rows;
  std::istringstream in(text);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> cells;
    std::stringstream cs(line);
    for (std::string cell; std::getline(cs, cell, ',');) cells.push_back(cell);
    REQUIRE(cells.size() == 7);  // time, from, to, amount, currency, kind, order
    rows.push_back({cells[1], cells[2], cells[4], cells[5], minor_of(cells[3], currency_named(cells[4]))});
  }
  return rows;
}

// The journal summed over the rows that match (empty strings match anything).
std::int64_t sum(const std::vector<Row>& rows, const std::string& kind, const std::string& from,
                 const std::string& to, const std::string& currency) {
  std::int64_t s = 0;
  for (const Row& r : rows)
    if ((kind.empty() || r.kind == kind) && (from.empty() || r.from == from) && (to.empty() || r.to == to) &&
        r.currency == currency)
      s += r.minor;
  return s;
}

// The metrics' money figures summed over rows of `measure` in `currency` (every channel, segment...).
std::int64_t figure(const std::vector<market::Metric>& metrics, const std::string& measure,
                    const std::string& by, Currency currency) {
  std::int64_t s = 0;
  for (const auto& m : metrics)
    if (m.key.kind == market::MetricKind::Money && m.key.measure == measure && m.key.by == by &&
        m.key.currency == currency)
      s += m.value.exact;
  return s;
}

market::MarketParams busy_world() {
  market::MarketParams m = market::default_market();
  auto& qiwi = channel_named(m, "qiwi");  // seller pays 1% besides the price
  qiwi.fee_payer.value = market::FeePayer::Seller;
  qiwi.fee_rate.value = market::BasisPoints{100};
  auto& yandex = channel_named(m, "yandex_money");  // seller's 2% out of the payment
  yandex.fee_payer.value = market::FeePayer::Seller;
  yandex.fee_rate.value = market::BasisPoints{200};
  yandex.fee_on_top.value = false;
  auto& gift = channel_named(m, "gift_certificate");  // a dollar channel, seller pays on top
  gift.fee_payer.value = market::FeePayer::Seller;
  gift.fee_rate.value = market::BasisPoints{150};
  auto& wu = channel_named(m, "western_union");  // the platform pays
  wu.fee_payer.value = market::FeePayer::Platform;
  wu.fee_rate.value = market::BasisPoints{100};
  for (auto& s : m.sellers) s.nondelivery_fine = market::Money::major(185, Currency::RUB);
  m.chargebacks.chargeback_fee = market::Money::major(500, Currency::RUB);
  m.chargebacks.file_after_lost_dispute = m.chargebacks.file_after_missed_dispute = 1;
  m.sellers[2].share = 0.4;  // many fraudulent sellers: disputes, fines, chargebacks
  m.sellers[1].share = 0.3;
  m.sellers[0].share = 0.3;
  m.arrivals.orders_per_day = 300;
  return m;
}

}  // namespace

TEST_CASE("every money figure of a run equals the journal's movements", "[journal]") {
  const market::MarketParams m = busy_world();
  market::RunParams run;
  run.horizon = sim::days(6);
  run.warmup = 0;  // every order counts, so every posting is in some figure
  run.seed = 5;
  std::ostringstream journal;
  const market::TraceSinks sinks{nullptr, &journal};
  const auto r = market::run_replication(m, run, nullptr, &sinks);
  const std::vector<Row> rows = parse_journal(journal.str());
  const std::vector<market::Metric> f = market::metrics_of(r.collectors);
  REQUIRE(r.orders_placed > 1000);

  for (int i = 0; i < market::kCurrencyCount; ++i) {
    const auto c = static_cast<Currency>(i);
    const std::string code(market::currency_code(c));
    INFO(code);
    // Channel fees, whoever pays them, arrive at channel_fee_income in the channel's currency.
    const std::int64_t fees = figure(f, "fees_buyer", "channel", c) + figure(f, "fees_seller", "channel", c) +
                              figure(f, "fees_platform", "channel", c);
    CHECK(fees == sum(rows, "fee", "", "channel_fee_income", code));
    CHECK(figure(f, "bank_commission", "channel", c) == sum(rows, "", "", "bank_commission", code));
    // The FX account: what went in less what came out.
    CHECK(figure(f, "fx_account", "fx", c) == sum(rows, "", "", "fx", code) - sum(rows, "", "fx", "", code));
    // What a payment in a foreign currency exchanges: the price plus the conversion spread.
    if (c != Currency::USD)
      CHECK(figure(f, "principal", "channel", c) + figure(f, "fx_spread", "channel", c) ==
            sum(rows, "payment", "buyer_funds", "fx", code));
  }
  // The sellers' share of fees, in dollars: bought through FX (ruble channels) or paid directly
  // from their payable (the dollar channel).
  const std::int64_t seller_fees = figure(f, "seller_deduction", "channel", Currency::USD);
  CHECK(seller_fees > 0);
  CHECK(seller_fees == sum(rows, "fee", "", "fx", "USD") + sum(rows, "fee", "seller_payable", "channel_fee_income", "USD"));
  CHECK(figure(f, "fees_platform", "channel", Currency::USD) == sum(rows, "fee", "external", "channel_fee_income", "USD"));
  // Fines of 185 RUB are charged in dollars: the USD figure is the dollars that left sellers.
  const std::int64_t fines = figure(f, "fines", "segment", Currency::USD);
  CHECK(fines > 0);
  CHECK(fines == sum(rows, "fine", "seller_payable", "", "USD"));
  CHECK(sum(rows, "fine", "", "fines", "RUB") % 18500 == 0);
  // Chargeback losses: the amount refunded plus the fee (500 RUB, charged in dollars).
  const std::int64_t losses = figure(f, "chargeback_losses", "all", Currency::USD);
  CHECK(losses > 0);
  CHECK(losses == sum(rows, "chargeback", "seller_payable", "", "USD") +
                      figure(f, "refunded", "kind", Currency::USD) -
                      [&] {
                        std::int64_t other = 0;
                        for (const auto& mm : f)
                          if (mm.key.measure == "refunded" && mm.key.key != "chargeback") other += mm.value.exact;
                        return other;
                      }());
  // Every refund that landed.
  CHECK(figure(f, "refunded", "kind", Currency::USD) == sum(rows, "refund", "refunds_in_transit", "", "USD"));
}
