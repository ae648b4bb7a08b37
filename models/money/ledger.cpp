#include "models/money/ledger.hpp"

#include <ostream>
#include <stdexcept>
#include <string>

#include <fmt/format.h>

namespace market {

std::string_view account_name(Account a) {
  switch (a) {
    case Account::External: return "external";
    case Account::BuyerFunds: return "buyer_funds";
    case Account::BuyerPlatformBalance: return "buyer_platform_balance";
    case Account::BuyerPhoneBalance: return "buyer_phone_balance";
    case Account::Escrow: return "escrow";
    case Account::SellerPayable: return "seller_payable";
    case Account::SellerPaid: return "seller_paid";
    case Account::ChannelFeeIncome: return "channel_fee_income";
    case Account::BankCommission: return "bank_commission";
    case Account::RefundsInTransit: return "refunds_in_transit";
    case Account::Fx: return "fx";
    case Account::Fines: return "fines";
    case Account::ChargebackLosses: return "chargeback_losses";
    case Account::Suspense: return "suspense";
    case Account::BuyerGiftBalance: return "buyer_gift_balance";
    case Account::PlatformIncome: return "platform_income";
    case Account::kCount: break;
  }
  return "unknown";
}

std::string_view posting_kind_name(PostingKind k) {
  switch (k) {
    case PostingKind::Payment: return "payment";
    case PostingKind::Fee: return "fee";
    case PostingKind::Hold: return "hold";
    case PostingKind::Release: return "release";
    case PostingKind::Void: return "void";
    case PostingKind::Payout: return "payout";
    case PostingKind::Refund: return "refund";
    case PostingKind::Fine: return "fine";
    case PostingKind::Chargeback: return "chargeback";
    case PostingKind::FxRounding: return "fx_rounding";
    case PostingKind::FaultDebit: return "fault_debit";
    case PostingKind::FaultReconcile: return "fault_reconcile";
    case PostingKind::TopUp: return "top_up";
    case PostingKind::ReturnPostage: return "return_postage";
    case PostingKind::Adjustment: return "adjustment";
    case PostingKind::Opening: return "opening";
    case PostingKind::Forfeit: return "forfeit";
    case PostingKind::Withdrawal: return "withdrawal";
    case PostingKind::kCount: break;
  }
  return "unknown";
}

namespace {

int index_of(Account a) {
  const int i = static_cast<int>(a);
  if (i < 0 || i >= kAccountCount) throw std::invalid_argument("ledger: unknown account");
  return i;
}

int index_of(Currency c) { return static_cast<int>(c); }

[[noreturn, gnu::cold, gnu::noinline]] void throw_negative(Money m, std::string_view what) {
  throw std::invalid_argument(fmt::format("ledger: negative {} {}", what, format_money(m)));
}

void require_non_negative(Money m, std::string_view what) {
  if (m.is_negative()) [[unlikely]]
    throw_negative(m, what);
}

[[noreturn, gnu::cold, gnu::noinline]] void throw_escrow_posting() {
  throw std::invalid_argument("ledger: escrow moves only through hold, release and void");
}

}  // namespace

Ledger::AccountMasks Ledger::allowed_masks(std::uint32_t closed, bool with_escrow) {
  if (!with_escrow) closed |= 1U << static_cast<unsigned>(Account::Escrow);
  const auto open = static_cast<std::uint32_t>(~closed & ((std::uint64_t{1} << kAccountCount) - 1));
  AccountMasks m{};
  for (unsigned from = 0; from < static_cast<unsigned>(kAccountCount); ++from)
    if ((open >> from & 1U) != 0) m[from] = open & ~(1U << from);
  return m;
}

void Ledger::close(Account a) {
  closed_mask_ |= 1U << static_cast<unsigned>(a);
  allowed_ = allowed_masks(closed_mask_, true);
  postable_ = allowed_masks(closed_mask_, false);
}

// A positive posting the masks let through: the two balances, the count and the journal row
// (the one body post() and apply() share). The Posting is built only for the journal or an error.
inline void Ledger::book(sim::Time t, Account from, Account to, Money amount, PostingKind kind,
                         std::uint64_t order) {
  const auto f = static_cast<unsigned>(from);
  const auto d = static_cast<unsigned>(to);
  const auto c = static_cast<unsigned>(amount.currency());
  std::int64_t new_from = 0;
  std::int64_t new_to = 0;
  if (__builtin_sub_overflow(balances_[f][c], amount.minor(), &new_from) ||
      __builtin_add_overflow(balances_[d][c], amount.minor(), &new_to)) [[unlikely]]
    throw_overflow(Posting{t, from, to, amount, kind, order});
  balances_[f][c] = new_from;
  balances_[d][c] = new_to;
  ++postings_;
  if (journal_ != nullptr) write_journal_row(Posting{t, from, to, amount, kind, order});
}

// The hot path makes no call but the journal's, so it needs no stack frame.
void Ledger::post(const Posting& p) {
  const std::int64_t minor = p.amount.minor();
  if (minor < 0 || !allows(postable_, p.from, p.to)) [[unlikely]] {
    post_unusual(p);
    return;
  }
  if (minor == 0) return;  // a no-op (the fees a payment does not have, say)
  book(p.time, p.from, p.to, p.amount, p.kind, p.order);
}

// A posting post() refuses: throws.
[[gnu::cold, gnu::noinline]] void Ledger::post_unusual(const Posting& p) const {
  if (p.from == Account::Escrow || p.to == Account::Escrow) throw_escrow_posting();
  check_posting(p);
}

// The hot path: one test of the unusual cases (a zero or negative amount, an unknown account,
// from == to, a closed account), then the two balances. A zero amount between two ordinary
// accounts is a no-op; otherwise `check_posting` makes the checks in the documented order and
// throws. Inline, like book().
inline void Ledger::apply(sim::Time t, Account from, Account to, Money amount, PostingKind kind,
                          std::uint64_t order) {
  const std::int64_t minor = amount.minor();
  const bool allowed = allows(allowed_, from, to);
  if (minor > 0 && allowed) [[likely]] return book(t, from, to, amount, kind, order);
  if (minor == 0 && allowed) return;  // a zero amount: a no-op
  check_posting(Posting{t, from, to, amount, kind, order});  // throws
}

[[gnu::cold, gnu::noinline]] void Ledger::check_posting(const Posting& p) const {
  require_non_negative(p.amount, "posting");
  const int from = index_of(p.from);
  const int to = index_of(p.to);
  if (from == to)
    throw std::invalid_argument(
        fmt::format("ledger: posting from {} to itself", account_name(p.from)));
  if (is_closed(p.from) || is_closed(p.to))
    throw std::logic_error(fmt::format("ledger: posting {} {} -> {} touches a closed account",
                                       format_money(p.amount), account_name(p.from),
                                       account_name(p.to)));
}

[[gnu::cold, gnu::noinline]] void Ledger::throw_overflow(const Posting& p) {
  throw std::overflow_error(fmt::format("ledger: balance overflow posting {}",
                                        format_money(p.amount)));
}

void Ledger::write_journal_row(const Posting& p) {
  fmt::memory_buffer row;
  fmt::format_to(fmt::appender(row), "{},{},{},{},{},{},{}\r\n", p.time,
                 account_name(p.from), account_name(p.to), format_amount(p.amount),
                 currency_code(p.amount.currency()), posting_kind_name(p.kind), p.order);
  journal_->write(row.data(), static_cast<std::streamsize>(row.size()));
}

HoldId Ledger::hold(sim::Time t, Account from, Money amount, std::uint64_t order) {
  require_non_negative(amount, "hold");
  if (from == Account::Escrow) throw std::invalid_argument("ledger: hold from escrow");
  // Post before taking the slot: if posting throws, no slot is taken and nothing changed.
  apply(t, from, Account::Escrow, amount, PostingKind::Hold, order);
  const std::uint32_t slot = pending_.acquire_as_left();  // keeps the slot's generation
  Pending& p = pending_[slot];
  p.from = from;
  p.minor = amount.minor();
  p.currency = amount.currency();
  p.order = order;
  pending_total_[index_of(amount.currency())] += amount.minor();
  return HoldId{slot, p.generation};
}

void Ledger::add_to_hold(sim::Time t, HoldId id, Account from, Money amount, std::uint64_t order) {
  require_non_negative(amount, "hold");
  Pending& p = pending_at(id);
  if (from != p.from) throw std::invalid_argument("ledger: adding to a hold from another account");
  if (amount.currency() != p.currency) throw CurrencyMismatch(p.currency, amount.currency());
  apply(t, from, Account::Escrow, amount, PostingKind::Hold, order);
  p.minor += amount.minor();
  pending_total_[index_of(amount.currency())] += amount.minor();
}

void Ledger::release(sim::Time t, HoldId id, Account to) {
  Pending& p = pending_at(id);
  if (to == Account::Escrow) throw std::invalid_argument("ledger: release into escrow");
  settle_pending(t, id.slot, p, to, p.minor, PostingKind::Release);
}

void Ledger::void_hold(sim::Time t, HoldId id) {
  Pending& p = pending_at(id);
  settle_pending(t, id.slot, p, p.from, p.minor, PostingKind::Void);  // p.from is never escrow
}

void Ledger::release_part(sim::Time t, HoldId id, Account to, Money part) {
  settle(t, id, to, part, PostingKind::Release);
}

void Ledger::void_part(sim::Time t, HoldId id, Money part) {
  settle(t, id, pending_at(id).from, part, PostingKind::Void);
}

void Ledger::settle(sim::Time t, HoldId id, Account to, Money part, PostingKind kind) {
  Pending& p = pending_at(id);
  require_non_negative(part, "settlement");
  if (part > p.amount())  // throws CurrencyMismatch on a part in another currency
    throw std::invalid_argument(fmt::format("ledger: settling {} of a hold of {}",
                                            format_money(part), format_money(p.amount())));
  if (to == Account::Escrow) throw std::invalid_argument("ledger: release into escrow");
  settle_pending(t, id.slot, p, to, part.minor(), kind);
}

// `minor` (0 <= minor <= p.minor, in the hold's currency) leaves escrow for `to`; checked by the
// callers.
void Ledger::settle_pending(sim::Time t, std::uint32_t slot, Pending& p, Account to,
                            std::int64_t minor, PostingKind kind) {
  apply(t, Account::Escrow, to, Money(minor, p.currency), kind, p.order);
  p.minor -= minor;
  pending_total_[index_of(p.currency)] -= minor;
  if (p.minor == 0) {
    ++p.generation;
    pending_.release(slot);
  }
}

inline Ledger::Pending& Ledger::pending_at(HoldId id) {
  if (!pending_.in_use(id.slot) || pending_[id.slot].generation != id.generation) [[unlikely]]
    throw_not_pending(id);
  return pending_[id.slot];
}

void Ledger::throw_not_pending(HoldId id) {
  throw std::logic_error(
      fmt::format("ledger: hold {}/{} is settled or unknown", id.slot, id.generation));
}

Money Ledger::held(HoldId id) const {
  if (!pending_.in_use(id.slot) || pending_[id.slot].generation != id.generation) [[unlikely]]
    throw_not_pending(id);
  return pending_[id.slot].amount();
}

void Ledger::throw_unknown_account() { throw std::invalid_argument("ledger: unknown account"); }

Money Ledger::pending_total(Currency c) const { return Money(pending_total_[index_of(c)], c); }

std::size_t Ledger::pending_count() const { return pending_.live(); }

void Ledger::check_conservation() const {
  for (int ci = 0; ci < kCurrencyCount; ++ci) {
    const auto c = static_cast<Currency>(ci);
    std::int64_t sum = 0;
    for (int a = 0; a < kAccountCount; ++a) sum += balances_[a][ci];
    if (sum != 0)
      throw std::logic_error(fmt::format("ledger out of balance in {}: accounts sum to {}",
                                         currency_code(c), format_money(Money(sum, c))));
    const Money escrow = balance(Account::Escrow, c);
    const Money pending = pending_total(c);
    if (escrow != pending)
      throw std::logic_error(fmt::format("ledger escrow in {} is {} but pending holds sum to {}",
                                         currency_code(c), format_money(escrow),
                                         format_money(pending)));
  }
}

void Ledger::set_journal(std::ostream* out) {
  journal_ = out;
  if (journal_ == nullptr) return;
  const std::string header = fmt::format("{}\r\n", journal_header());
  journal_->write(header.data(), static_cast<std::streamsize>(header.size()));
}

std::string_view Ledger::journal_header() { return "time_s,from,to,amount,currency,kind,order"; }

}  // namespace market
