// The double-entry ledger: the only way money moves in the simulation.
//
// Every movement is a posting of a positive amount from one account to another, in one
// currency. Balances are kept per account and currency; each posting subtracts from the source
// and adds to the destination, so the sum over all accounts is zero per currency at every
// moment, and `check_conservation()` verifies it exactly. Accounts are aggregates by role (all
// buyers' card funds, all escrow, ...), so memory does not grow with orders; the per-order
// share of escrow lives in the pending transfer that holds it.
//
// Escrow is a two-phase transfer: `hold` moves the money into escrow as a pending transfer,
// then exactly one of `release` (on to its destination, usually the seller) or `void_hold`
// (back to where it came from) settles it. Refunds, fines and chargebacks are further postings;
// an earlier posting is never edited.
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <iosfwd>
#include <string_view>
#include <vector>

#include "models/money/money.hpp"
#include "sim/pool.hpp"
#include "sim/time.hpp"

namespace market {

enum class Account : std::uint8_t {
  External,              // the world outside: buyers' banks, cash in hand, top-ups
  BuyerFunds,            // money buyers hold in cards, wallets, cash, before paying
  BuyerPlatformBalance,  // the platform (Alipay) balance of buyers
  BuyerPhoneBalance,     // buyers' mobile phone balances (cash refunds and excess land here)
  Escrow,                // held by the payment system between payment and release
  SellerPayable,         // released to sellers, not yet paid out
  SellerPaid,            // paid out to sellers' bank accounts
  ChannelFeeIncome,      // fees kept by payment channels (WebMoney 0.8%, operators' commissions)
  BankCommission,        // commissions of the buyer's bank (bank transfer, card conversion)
  RefundsInTransit,      // refunds on their way back to the buyer
  Fx,                    // currency conversion rounding and spread
  Fines,                 // fines charged to sellers
  ChargebackLosses,      // sellers' losses to card chargebacks
  Suspense,              // money debited by a faulty payment, awaiting reconciliation
  BuyerGiftBalance,      // buyers' gift-certificate balances, bought ahead (000:18-24)
  PlatformIncome,        // balances of accounts closed unused, kept for costs (003:247)
  kCount
};
inline constexpr int kAccountCount = static_cast<int>(Account::kCount);
std::string_view account_name(Account a);  // "buyer_funds", snake_case, stable for CSV

// What a posting is for; stable names appear in the journal.
enum class PostingKind : std::uint8_t {
  Payment, Fee, Hold, Release, Void, Payout, Refund, Fine, Chargeback, FxRounding,
  FaultDebit, FaultReconcile, TopUp, ReturnPostage, Adjustment,
  Opening,  // balances buyers hold when the run starts
  Forfeit,  // a closed account's balance kept by the platform (003:247)
  Withdrawal,  // a blocked account's balance paid to the buyer's bank after the hold (003:245)
  kCount
};
std::string_view posting_kind_name(PostingKind k);

struct Posting {
  sim::Time time = 0;
  Account from = Account::External;
  Account to = Account::External;
  Money amount = Money::zero(Currency::USD);
  PostingKind kind = PostingKind::Adjustment;
  std::uint64_t order = 0;  // 0: not tied to an order
};

// A handle on a pending escrow transfer.
struct HoldId {
  std::uint32_t slot = 0;
  std::uint32_t generation = 0;
};

class Ledger {
 public:
  // Moves `amount` (>= 0; zero is a no-op) from one account to another. Throws
  // std::invalid_argument on a negative amount, from == to, or either side Escrow (escrow moves
  // only through the calls below, so it always equals the sum of pending holds), and
  // std::overflow_error if a balance would leave int64.
  void post(const Posting& p);

  // Two-phase escrow: `from` -> Escrow now; later release to `to` or void back to `from`.
  // Settling a hold that is already settled, or a handle that is unknown or stale (its slot
  // reused by a later hold), throws std::logic_error.
  HoldId hold(sim::Time t, Account from, Money amount, std::uint64_t order);
  void release(sim::Time t, HoldId id, Account to);
  void void_hold(sim::Time t, HoldId id);
  // Adds `amount` from `from` to a pending hold (a partially paid order's difference, 001:43).
  // `from` and the currency must be the hold's (a void returns all of it to one account):
  // otherwise std::invalid_argument / CurrencyMismatch.
  void add_to_hold(sim::Time t, HoldId id, Account from, Money amount, std::uint64_t order);
  // Releases or voids only part of a hold (partial refunds); the rest stays pending. A part
  // that empties the hold settles it (the handle expires). A part above what is held throws
  // std::invalid_argument; one in another currency throws CurrencyMismatch.
  void release_part(sim::Time t, HoldId id, Account to, Money part);
  void void_part(sim::Time t, HoldId id, Money part);
  Money held(HoldId id) const;  // what is still pending; throws on a settled or unknown id

  Money balance(Account a, Currency c) const {  // inline: the market reads escrow's per payment
    if (static_cast<unsigned>(a) >= kAccountCount) throw_unknown_account();
    return Money(balances_[static_cast<unsigned>(a)][static_cast<unsigned>(c)], c);
  }
  // Sum of pending holds per currency: always equals balance(Escrow, c).
  Money pending_total(Currency c) const;
  std::size_t pending_count() const;
  std::uint64_t posting_count() const { return postings_; }

  // Throws std::logic_error naming the currency and the imbalance if any currency does not sum
  // to zero, or if escrow disagrees with the sum of pending holds.
  void check_conservation() const;

  // A closed account takes no further postings: posting to or from it throws std::logic_error
  // naming the account (an invariant of every run; e.g. a scenario that retires a channel).
  void close(Account a);
  bool is_closed(Account a) const { return (closed_mask_ >> static_cast<unsigned>(a) & 1U) != 0; }

  // Streams every posting as an RFC 4180 CSV row (CRLF line ends; amounts as format_amount)
  // to `out`, which must outlive the ledger or be replaced. Writes the header line at once;
  // nullptr turns the journal off.
  void set_journal(std::ostream* out);
  static std::string_view journal_header();

 private:
  // 24 bytes: one per payment in escrow, so it counts in the memory per order in flight.
  struct Pending {
    std::int64_t minor = 0;  // what is still held, in `currency`
    std::uint64_t order = 0;
    std::uint32_t generation = 1;  // so that a default HoldId{} never matches
    Account from = Account::External;
    Currency currency = Currency::USD;
    Money amount() const { return Money(minor, currency); }
  };
  // Rows of account bits, one row per value an Account's byte can index after the bounds test.
  static constexpr unsigned kAccountRows = std::bit_ceil(static_cast<unsigned>(kAccountCount));
  using AccountMasks = std::array<std::uint32_t, kAccountRows>;
  static_assert(kAccountCount <= 32, "an account mask has a bit per account");
  // Row `from`, bit `to`: a posting from -> to may go ahead (both known and open, not the same
  // account; with or without escrow on either side).
  static AccountMasks allowed_masks(std::uint32_t closed, bool with_escrow);
  static bool allows(const AccountMasks& m, Account from, Account to) {
    const auto f = static_cast<unsigned>(from);
    const auto t = static_cast<unsigned>(to);
    return (f | t) < kAccountRows && (m[f] >> t & 1U) != 0;
  }

  void apply(sim::Time t, Account from, Account to, Money amount, PostingKind kind,
             std::uint64_t order);
  void book(sim::Time t, Account from, Account to, Money amount, PostingKind kind,
            std::uint64_t order);
  void post_unusual(const Posting& p) const;
  // What apply() refuses, in the order documented at post(); throws.
  void check_posting(const Posting& p) const;
  [[noreturn]] static void throw_overflow(const Posting& p);
  [[noreturn]] static void throw_unknown_account();
  void settle(sim::Time t, HoldId id, Account to, Money part, PostingKind kind);
  void settle_pending(sim::Time t, std::uint32_t slot, Pending& p, Account to, std::int64_t minor,
                      PostingKind kind);
  void write_journal_row(const Posting& p);
  Pending& pending_at(HoldId id);
  [[noreturn]] static void throw_not_pending(HoldId id);

  std::int64_t balances_[kAccountCount][kCurrencyCount] = {};
  std::int64_t pending_total_[kCurrencyCount] = {};
  std::uint32_t closed_mask_ = 0;  // bit a: Account a is closed
  AccountMasks allowed_ = allowed_masks(0, true);    // what apply() lets through
  AccountMasks postable_ = allowed_masks(0, false);  // ... and post(): no escrow
  sim::Pool<Pending> pending_;  // in fixed blocks: growing never copies the holds
  std::uint64_t postings_ = 0;
  std::ostream* journal_ = nullptr;
};

}  // namespace market
