#include "models/money/ledger.hpp"

#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "sim/random.hpp"

using market::Account;
using market::Currency;
using market::HoldId;
using market::Ledger;
using market::Money;
using market::Posting;
using market::PostingKind;

namespace {

using sim::SplitMix64;

// A fixed-seed draw in [0, n) for the random walk below (slightly biased, which does not matter).
std::uint64_t below(SplitMix64& g, std::uint64_t n) { return g.next_u64() % n; }

Account any_account_but_escrow(SplitMix64& g) {
  for (;;) {
    const auto a = static_cast<Account>(below(g, market::kAccountCount));
    if (a != Account::Escrow) return a;
  }
}

}  // namespace

TEST_CASE("a million random postings and escrow moves keep every currency at zero", "[ledger]") {
  Ledger ledger;
  SplitMix64 g(20261123);
  std::vector<HoldId> open;
  std::int64_t expected_pending[market::kCurrencyCount] = {};
  std::vector<Money> open_amounts;
  std::uint64_t ops = 0;
  for (int i = 0; i < 1'000'000; ++i) {
    const auto c = static_cast<Currency>(below(g, market::kCurrencyCount));
    const Money amount(static_cast<std::int64_t>(below(g, 10'000'000)), c);
    const auto t = static_cast<sim::Time>(i);
    const std::uint64_t op = below(g, 10);
    if (op < 4 || (op >= 6 && open.empty())) {
      Account from = any_account_but_escrow(g);
      Account to = any_account_but_escrow(g);
      if (from == to) continue;
      ledger.post(
          Posting{t, from, to, amount, PostingKind::Payment, static_cast<std::uint64_t>(i)});
    } else if (op < 6) {
      open.push_back(
          ledger.hold(t, any_account_but_escrow(g), amount, static_cast<std::uint64_t>(i)));
      open_amounts.push_back(amount);
      expected_pending[static_cast<int>(c)] += amount.minor();
    } else {
      const std::size_t k = below(g, open.size());
      const HoldId id = open[k];
      const Money held = open_amounts[k];
      const int ci = static_cast<int>(held.currency());
      REQUIRE(ledger.held(id) == held);
      Money settled = held;
      switch (op) {
        case 6:
          ledger.release(t, id, any_account_but_escrow(g));
          break;
        case 7:
          ledger.void_hold(t, id);
          break;
        case 8:
          settled = Money(
              static_cast<std::int64_t>(below(g, static_cast<std::uint64_t>(held.minor()) + 1)),
              held.currency());
          ledger.release_part(t, id, any_account_but_escrow(g), settled);
          break;
        default:
          settled = Money(
              static_cast<std::int64_t>(below(g, static_cast<std::uint64_t>(held.minor()) + 1)),
              held.currency());
          ledger.void_part(t, id, settled);
          break;
      }
      expected_pending[ci] -= settled.minor();
      if (settled == held) {
        open[k] = open.back();
        open.pop_back();
        open_amounts[k] = open_amounts.back();
        open_amounts.pop_back();
      } else {
        open_amounts[k] = held - settled;
      }
    }
    ++ops;
    if (i % 1000 == 0) {
      for (int ci = 0; ci < market::kCurrencyCount; ++ci) {
        const auto cur = static_cast<Currency>(ci);
        REQUIRE(ledger.balance(Account::Escrow, cur).minor() == expected_pending[ci]);
        REQUIRE(ledger.pending_total(cur).minor() == expected_pending[ci]);
      }
      REQUIRE_NOTHROW(ledger.check_conservation());
    }
  }
  CHECK(ops > 900'000);
  CHECK(ledger.posting_count() > 900'000);
  CHECK(ledger.pending_count() == open.size());
  REQUIRE_NOTHROW(ledger.check_conservation());
  for (int ci = 0; ci < market::kCurrencyCount; ++ci) {
    const auto cur = static_cast<Currency>(ci);
    std::int64_t sum = 0;
    for (int a = 0; a < market::kAccountCount; ++a)
      sum += ledger.balance(static_cast<Account>(a), cur).minor();
    CHECK(sum == 0);
    CHECK(ledger.balance(Account::Escrow, cur).minor() == expected_pending[ci]);
  }
}

TEST_CASE("a hold is released or voided to the right account", "[ledger]") {
  Ledger ledger;
  const Money price = Money(1081, Currency::USD);
  const HoldId h = ledger.hold(0, Account::BuyerFunds, price, 7);
  CHECK(ledger.balance(Account::BuyerFunds, Currency::USD).minor() == -1081);
  CHECK(ledger.balance(Account::Escrow, Currency::USD).minor() == 1081);
  CHECK(ledger.pending_count() == 1);

  ledger.release_part(10, h, Account::SellerPayable, Money(81, Currency::USD));
  CHECK(ledger.held(h).minor() == 1000);
  ledger.void_part(20, h, Money(400, Currency::USD));
  CHECK(ledger.held(h).minor() == 600);
  ledger.release(30, h, Account::SellerPayable);
  CHECK(ledger.pending_count() == 0);
  CHECK(ledger.balance(Account::SellerPayable, Currency::USD).minor() == 681);
  CHECK(ledger.balance(Account::BuyerFunds, Currency::USD).minor() == -681);
  CHECK(ledger.balance(Account::Escrow, Currency::USD).minor() == 0);
  CHECK_THROWS_AS(ledger.held(h), std::logic_error);
  ledger.check_conservation();
}

TEST_CASE("the ledger rejects bad postings and bad settlements", "[ledger]") {
  Ledger ledger;
  SECTION("negative amount") {
    CHECK_THROWS_AS(ledger.post(Posting{0, Account::BuyerFunds, Account::SellerPayable,
                                        Money(-1, Currency::USD), PostingKind::Payment, 1}),
                    std::invalid_argument);
    CHECK_THROWS_AS(ledger.hold(0, Account::BuyerFunds, Money(-1, Currency::RUB), 1),
                    std::invalid_argument);
  }
  SECTION("same account") {
    CHECK_THROWS_AS(ledger.post(Posting{0, Account::Fx, Account::Fx, Money(1, Currency::USD),
                                        PostingKind::Payment, 1}),
                    std::invalid_argument);
  }
  SECTION("escrow only through holds") {
    CHECK_THROWS_AS(ledger.post(Posting{0, Account::BuyerFunds, Account::Escrow,
                                        Money(1, Currency::USD), PostingKind::Payment, 1}),
                    std::invalid_argument);
    CHECK_THROWS_AS(ledger.hold(0, Account::Escrow, Money(1, Currency::USD), 1),
                    std::invalid_argument);
  }
  SECTION("settling twice") {
    const HoldId h = ledger.hold(0, Account::BuyerFunds, Money(500, Currency::USD), 1);
    ledger.release(1, h, Account::SellerPayable);
    CHECK_THROWS_AS(ledger.release(2, h, Account::SellerPayable), std::logic_error);
    CHECK_THROWS_AS(ledger.void_hold(2, h), std::logic_error);
    CHECK_THROWS_AS(ledger.void_part(2, h, Money(1, Currency::USD)), std::logic_error);
  }
  SECTION("a stale handle after its slot is reused") {
    const HoldId first = ledger.hold(0, Account::BuyerFunds, Money(500, Currency::USD), 1);
    ledger.void_hold(1, first);
    const HoldId second = ledger.hold(2, Account::BuyerFunds, Money(700, Currency::USD), 2);
    CHECK(second.slot == first.slot);
    CHECK(second.generation != first.generation);
    CHECK_THROWS_AS(ledger.release(3, first, Account::SellerPayable), std::logic_error);
    CHECK(ledger.held(second).minor() == 700);  // the stale call changed nothing
  }
  SECTION("unknown handle") {
    CHECK_THROWS_AS(ledger.held(HoldId{}), std::logic_error);
    CHECK_THROWS_AS(ledger.release(0, HoldId{42, 1}, Account::SellerPayable), std::logic_error);
  }
  SECTION("a part larger than the hold or in another currency") {
    const HoldId h = ledger.hold(0, Account::BuyerFunds, Money(500, Currency::USD), 1);
    CHECK_THROWS_AS(ledger.release_part(1, h, Account::SellerPayable, Money(501, Currency::USD)),
                    std::invalid_argument);
    CHECK_THROWS_AS(ledger.void_part(1, h, Money(-1, Currency::USD)), std::invalid_argument);
    CHECK_THROWS_AS(ledger.void_part(1, h, Money(1, Currency::RUB)), market::CurrencyMismatch);
    CHECK(ledger.held(h).minor() == 500);
  }
  ledger.check_conservation();  // every rejected call left the ledger as it was
  CHECK(ledger.balance(Account::Escrow, Currency::USD) == ledger.pending_total(Currency::USD));
}

TEST_CASE("a zero posting is a no-op", "[ledger]") {
  Ledger ledger;
  ledger.post(Posting{0, Account::BuyerFunds, Account::SellerPayable, Money::zero(Currency::RUB),
                      PostingKind::Payment, 1});
  CHECK(ledger.posting_count() == 0);
}

TEST_CASE("the journal streams one CSV row per posting", "[ledger]") {
  Ledger ledger;
  std::ostringstream out;
  ledger.set_journal(&out);
  ledger.post(Posting{3600, Account::External, Account::BuyerFunds, Money(100000, Currency::RUB),
                      PostingKind::TopUp, 0});
  const HoldId h = ledger.hold(7200, Account::BuyerFunds, Money(1081, Currency::USD), 42);
  ledger.release(90000, h, Account::SellerPayable);
  ledger.post(Posting{90001, Account::SellerPayable, Account::Fines, Money(-0, Currency::USD),
                      PostingKind::Fine, 42});  // zero: not journaled
  CHECK(out.str() ==
        "time_s,from,to,amount,currency,kind,order\r\n"
        "3600,external,buyer_funds,1000.00,RUB,top_up,0\r\n"
        "7200,buyer_funds,escrow,10.81,USD,hold,42\r\n"
        "90000,escrow,seller_payable,10.81,USD,release,42\r\n");
  const std::string written = out.str();
  ledger.set_journal(nullptr);
  ledger.post(Posting{1, Account::External, Account::BuyerFunds, Money(1, Currency::RUB),
                      PostingKind::TopUp, 0});
  CHECK(out.str() == written);
}

TEST_CASE("account and kind names are stable snake_case", "[ledger]") {
  CHECK(market::account_name(Account::BuyerPlatformBalance) == "buyer_platform_balance");
  CHECK(market::account_name(Account::ChargebackLosses) == "chargeback_losses");
  CHECK(market::posting_kind_name(PostingKind::FaultReconcile) == "fault_reconcile");
  CHECK(market::posting_kind_name(PostingKind::FxRounding) == "fx_rounding");
}

TEST_CASE("no posting to or from a closed account", "[ledger]") {
  market::Ledger ledger;
  const auto usd = market::Money::major(10, market::Currency::USD);
  ledger.post({0, market::Account::BuyerFunds, market::Account::BuyerPlatformBalance, usd,
               market::PostingKind::TopUp, 1});
  ledger.close(market::Account::BuyerPlatformBalance);
  CHECK(ledger.is_closed(market::Account::BuyerPlatformBalance));
  CHECK_THROWS_WITH(ledger.post({1, market::Account::BuyerFunds,
                                 market::Account::BuyerPlatformBalance, usd,
                                 market::PostingKind::TopUp, 2}),
                    Catch::Matchers::Contains("closed account"));
  CHECK_THROWS_AS(ledger.post({1, market::Account::BuyerPlatformBalance,
                               market::Account::BuyerFunds, usd, market::PostingKind::Refund, 2}),
                  std::logic_error);
  CHECK(ledger.posting_count() == 1);  // the refused postings left no trace
  ledger.check_conservation();
}
