#include "models/channels/channel_engine.hpp"

#include <array>
#include <cmath>
#include <stdexcept>

#include "sim/distribution.hpp"
#include "sim/random.hpp"

namespace market {

std::string_view refusal_name(Refusal r) {
  switch (r) {
    case Refusal::None: return "none";
    case Refusal::ChannelDisabled: return "channel_disabled";
    case Refusal::NotOnThisPlatform: return "not_on_this_platform";
    case Refusal::CountryNotServed: return "country_not_served";
    case Refusal::CurrencyNotAccepted: return "currency_not_accepted";
    case Refusal::BelowMinimum: return "below_minimum";
    case Refusal::AboveMaximum: return "above_maximum";
    case Refusal::UnverifiedLimit: return "unverified_limit";
    case Refusal::DailyAmountCap: return "daily_amount_cap";
    case Refusal::DailyCountCap: return "daily_count_cap";
    case Refusal::MonthlyAmountCap: return "monthly_amount_cap";
    case Refusal::MonthlyCountCap: return "monthly_count_cap";
    case Refusal::InsufficientFunds: return "insufficient_funds";
    case Refusal::BalanceTooSmall: return "balance_too_small";
    case Refusal::AccountClosed: return "account_closed";
    case Refusal::CardTypeNotAccepted: return "card_type_not_accepted";
    case Refusal::CardNotEnabled: return "card_not_enabled";
    case Refusal::WalletRefused: return "wallet_refused";
    case Refusal::SecurityRefusal: return "security_refusal";
    case Refusal::CodeExpired: return "code_expired";
    case Refusal::AccountBlocked: return "account_blocked";
    case Refusal::kCount: break;
  }
  return "?";
}

namespace {

__extension__ typedef __int128 Int128;  // GCC/Clang extension; -Wpedantic needs the marker

// A constant consumes no draw (sim/distribution.hpp): no call for it.
double sample_or_constant(const sim::Distribution& d, sim::Rng& rng) {
  return d.kind == sim::DistKind::Constant ? d.a : sim::sample(d, rng);
}

sim::Time draw_duration(const sim::Distribution& d, sim::Rng& rng) {
  const double s = sample_or_constant(d, rng);
  return s > 0 ? sim::from_seconds(s) : 0;
}

// Skips `n` draws whose values cannot matter: draw i of a stream is h(x + i G) (sim/random.hpp),
// so every later draw is what it would have been.
void skip_draws(sim::Rng& rng, std::uint64_t n) { rng = sim::Rng(rng.state() + n * sim::kGolden); }

// One draw, whether it falls below `p` (uniform01() < p); a probability of 0 or 1 decides it
// without the draw's value.
bool draw_below(sim::Rng& rng, double p) {
  if (p <= 0 || p >= 1) {
    skip_draws(rng, 1);
    return p >= 1;
  }
  return rng.uniform01() < p;
}

// draw_duration for a value that is not needed: the draws skipped where their number is fixed
// (sim/distribution.hpp: a constant none, a uniform or empirical one).
void skip_duration(const sim::Distribution& d, sim::Rng& rng) {
  switch (d.kind) {
    case sim::DistKind::Constant: return;
    case sim::DistKind::Uniform:
    case sim::DistKind::Empirical: return skip_draws(rng, 1);
    default: (void)sim::sample(d, rng);
  }
}

// An amount (the invoice, a fixed fee) in `c` at the day's rate; unchanged when already in `c`.
Money in_currency(Money amount, Currency c, sim::Time at, const FxTable& fx) {
  if (c == amount.currency()) return amount;
  return amount.is_zero() ? Money::zero(c) : fx.convert(amount, c, at);  // a zero fee: no lookup
}

Money add_if(Money a, Money b) { return b.is_zero() ? a : a + b; }


// Checks that need no random draw and do not depend on the price.
Refusal static_checks(const ChannelParams& ch, const PaymentRequest& req, const FxTable& fx) {
  const BuyerState& b = req.buyer;
  if (!ch.enabled.value) return Refusal::ChannelDisabled;
  if (b.in_app ? !ch.in_app.value : !ch.on_pc.value) return Refusal::NotOnThisPlatform;
  if (!ch.only_country.value.admits(b.country)) return Refusal::CountryNotServed;
  const bool platform = ch.funds_account == Account::BuyerPlatformBalance;
  const Money funds = platform ? b.platform_balance : b.funds;
  if (funds.currency() != (platform ? ch.currency.value : debit_currency(ch, b))) return Refusal::CurrencyNotAccepted;
  if (const auto& lo = ch.min_order.value) {
    const Money amt = in_currency(req.invoice, lo->currency(), req.at, fx);
    if (ch.min_inclusive.value ? amt < *lo : amt <= *lo) return Refusal::BelowMinimum;
  }
  if (const auto& hi = ch.max_order.value) {
    const Money amt = in_currency(req.invoice, hi->currency(), req.at, fx);
    if (ch.max_inclusive.value ? amt > *hi : amt >= *hi) return Refusal::AboveMaximum;
  }
  if (const auto& cap = ch.max_order_unverified.value; cap && !b.balance_verified) {
    if (in_currency(req.invoice, cap->currency(), req.at, fx) > *cap) return Refusal::UnverifiedLimit;
  }
  if (ch.decline_social_salary_cards.value && b.social_or_salary_card)
    return Refusal::CardTypeNotAccepted;
  return Refusal::None;
}

// Prices the attempt in the channel's currency; the amount is converted on `rate_time`.
// `at_terminal`: cash inserted at a terminal gives no change; `code_fixed`: the roubles were
// fixed when the code was issued, so the dollars they buy depend on the day they arrive.
// Always inlined: every attempt prices, and as a call it passes the outcome through memory.
[[gnu::always_inline]] inline void price(const ChannelParams& ch, const PaymentRequest& req,
                                         sim::Time rate_time, sim::Time pay_time, bool at_terminal,
                                         bool code_fixed, const FxTable& fx, PaymentOutcome& o) {
  const Currency c = debit_currency(ch, req.buyer);
  o.invoice = req.invoice;
  o.principal = in_currency(req.invoice, c, rate_time, fx);
  o.by_card = req.buyer.card_currency.has_value();
  o.bank_converted = bank_converts(ch, req.buyer);
  o.spread = o.bank_converted ? apply_rate(o.principal, ch.conversion_spread.value) : Money::zero(c);
  // Fixed fees are stated in the channel's currency: a dollar card pays them at the day's rate.
  o.channel_fee = add_if(apply_rate(o.principal, ch.fee_rate.value), in_currency(ch.fee_fixed.value, c, rate_time, fx));
  o.fee_payer = ch.fee_payer.value;
  o.bank_fee = add_if(apply_rate(o.principal, ch.bank_fee_rate.value), in_currency(ch.bank_fee_fixed.value, c, rate_time, fx));
  o.change_to_phone = Money::zero(c);
  const Money note = ch.terminal_note.value;
  if (at_terminal && !note.is_zero() && note.currency() == c) {
    const std::int64_t n = (o.principal.minor() + note.minor() - 1) / note.minor();
    o.change_to_phone = Money(n * note.minor(), c) - o.principal;
  }
  o.debited = o.principal + o.spread + o.bank_fee + o.change_to_phone;
  if (o.fee_payer == FeePayer::Buyer) o.debited += o.channel_fee;
  // A code fixes the amount in rubles; the dollars it buys depend on the day it arrives (001:43).
  o.credited = code_fixed && c != Currency::USD ? fx.convert(o.principal, Currency::USD, pay_time)
                                                : req.invoice;
  o.partially_paid = o.credited < req.invoice;
  // A seller-paid fee, in dollars at the day's rate: on top, charged to the seller's payable;
  // not on top, taken out of the payment before it reaches escrow (never more than all of it).
  o.seller_fee_usd = Money::zero(Currency::USD);
  if (o.fee_payer == FeePayer::Seller && !o.channel_fee.is_zero()) {
    o.seller_fee_usd = c == Currency::USD ? o.channel_fee : fx.convert(o.channel_fee, Currency::USD, pay_time);
    if (!ch.fee_on_top.value) {
      if (o.seller_fee_usd > o.credited) o.seller_fee_usd = o.credited;
      o.credited -= o.seller_fee_usd;
      if (c == Currency::USD) o.channel_fee = o.seller_fee_usd;
    }
  }
}

Refusal cap_checks(const ChannelParams& ch, const PaymentRequest& req, const PaymentOutcome& o,
                   const Calendar& cal, const FxTable& fx) {
  // The calendar month matters only to a monthly cap (a date conversion per attempt otherwise).
  const bool monthly = ch.monthly_cap_amount.value || ch.monthly_cap_count.value;
  if (!monthly && !ch.daily_cap_amount.value && !ch.daily_cap_count.value) return Refusal::None;
  const UsageCounters& u = req.usage;
  const std::int64_t day = o.debited_at / sim::kDay;
  const std::int64_t month = monthly ? month_index(cal, o.debited_at) : u.month;
  const std::int64_t day_minor = u.day == day ? u.day_minor : 0;
  const int day_count = u.day == day ? u.day_count : 0;
  const std::int64_t month_minor = u.month == month ? u.month_minor : 0;
  const int month_count = u.month == month ? u.month_count : 0;
  const bool amount_capped = ch.daily_cap_amount.value || ch.monthly_cap_amount.value;
  const std::int64_t amount = amount_capped ? cap_amount(ch, o, fx).minor() : 0;
  if (const auto& cap = ch.daily_cap_amount.value; cap && day_minor + amount > cap->minor())
    return Refusal::DailyAmountCap;
  if (const auto& cap = ch.daily_cap_count.value; cap && day_count + 1 > *cap)
    return Refusal::DailyCountCap;
  if (const auto& cap = ch.monthly_cap_amount.value; cap && month_minor + amount > cap->minor())
    return Refusal::MonthlyAmountCap;
  if (const auto& cap = ch.monthly_cap_count.value; cap && month_count + 1 > *cap)
    return Refusal::MonthlyCountCap;
  return Refusal::None;
}

// Makes `o` the refusal, by `r`, of the attempt whose money would have left at `at`.
void make_refusal(PaymentOutcome& o, Refusal r, const PaymentRequest& req, sim::Time at) {
  o = PaymentOutcome{};
  o.refusal = r;
  o.invoice = req.invoice;
  o.debited_at = at;
  o.paid_at = sim::kNever;
}

PaymentOutcome refused(Refusal r, const PaymentRequest& req) {
  PaymentOutcome o;
  make_refusal(o, r, req, req.at);
  return o;
}

// Everything but the final destination of the credited USD, which is left in the source account.
void post_debit(Ledger& ledger, const ChannelParams& ch, const PaymentOutcome& o,
                std::uint64_t order) {
  if (!o.accepted()) throw std::logic_error("posting a refused payment");
  const Account src = ch.funds_account;
  const sim::Time t = o.debited_at;
  if (!o.channel_fee.is_zero()) {
    if (o.fee_payer == FeePayer::Buyer)
      ledger.post({t, src, Account::ChannelFeeIncome, o.channel_fee, PostingKind::Fee, order});
    else if (o.fee_payer == FeePayer::Platform)
      ledger.post({t, Account::External, Account::ChannelFeeIncome, o.channel_fee, PostingKind::Fee, order});
  }
  // Mostly zero, and a zero posting is a no-op: not built at all then.
  if (!o.bank_fee.is_zero())
    ledger.post({t, src, Account::BankCommission, o.bank_fee, PostingKind::Fee, order});
  if (!o.change_to_phone.is_zero())
    ledger.post({t, src, Account::BuyerPhoneBalance, o.change_to_phone, PostingKind::Payment, order});
  // The dollars the payment buys: what reaches escrow plus a seller fee taken out of it.
  const bool fee_taken_out = o.fee_payer == FeePayer::Seller && !ch.fee_on_top.value;
  const Money bought = fee_taken_out ? o.credited + o.seller_fee_usd : o.credited;
  if (o.principal.currency() != Currency::USD)
    post_exchange(ledger, t, src, src, o.principal + o.spread, bought, PostingKind::Payment, order);
  else if (!o.spread.is_zero())  // a dollar card paid in rubles: the issuing bank's spread, in dollars
    ledger.post({t, src, Account::Fx, o.spread, PostingKind::Payment, order});
  // A seller-paid fee: the channel gets its fee in its own currency, bought with the seller's
  // dollars (on top: from SellerPayable; not on top: out of the payment's dollars).
  if (o.fee_payer == FeePayer::Seller && !o.seller_fee_usd.is_zero()) {
    const Account payer = fee_taken_out ? src : Account::SellerPayable;
    const Money fee = o.channel_fee.currency() == Currency::USD ? o.seller_fee_usd : o.channel_fee;
    if (fee.currency() == Currency::USD)
      ledger.post({t, payer, Account::ChannelFeeIncome, fee, PostingKind::Fee, order});
    else
      post_exchange(ledger, t, payer, Account::ChannelFeeIncome, o.seller_fee_usd, fee, PostingKind::Fee, order);
  }
  if (o.double_debit)
    ledger.post({t, src, Account::Suspense, o.debited, PostingKind::FaultDebit, order});
}

}  // namespace

Currency debit_currency(const ChannelParams& ch, const BuyerState& b) {
  return b.card_currency.value_or(ch.currency.value);
}

bool bank_converts(const ChannelParams& ch, const BuyerState& b) {
  // A card: the other currency of the two (the card's, the channel's local one) is converted by
  // the issuing bank; a dollar channel has no other. Any other channel converts the dollar
  // invoice into its own currency at its own rate.
  if (b.card_currency) return !b.pays_in_card_currency && ch.currency.value != Currency::USD;
  return ch.currency.value != Currency::USD;
}

Money cap_amount(const ChannelParams& ch, const PaymentOutcome& o, const FxTable& fx) {
  const Currency c = ch.currency.value;
  return o.principal.currency() == c ? o.principal : fx.convert(o.principal, c, o.debited_at);
}

std::int64_t month_index(const Calendar& cal, sim::Time t) {
  const CivilDate d = cal.date_at(t);
  return static_cast<std::int64_t>(d.year) * 12 + static_cast<std::int64_t>(d.month) - 1;
}

CodePayment code_payment(const ChannelParams& ch, sim::Time issued_at, sim::Rng& rng) {
  const sim::Time d = draw_duration(ch.buyer_action_delay.value, rng);
  const sim::Time validity = ch.code_validity.value;
  if (validity > 0 && d > validity) return {false, issued_at + validity};
  return {true, issued_at + d};
}

// Every path returns the one `o`, so it is built in the caller's storage (no copy of the record).
PaymentOutcome attempt_payment(const ChannelParams& ch, const PaymentRequest& req, sim::Rng& rng,
                               const FxTable& fx, const Calendar& cal) {
  PaymentOutcome o;
  if (const Refusal r = static_checks(ch, req, fx); r != Refusal::None) {
    make_refusal(o, r, req, req.at);
    return o;
  }
  const CodePayment pay = code_payment(ch, req.at, rng);
  if (!pay.paid) {
    make_refusal(o, Refusal::CodeExpired, req, req.at);
    o.void_at = pay.at;
    return o;
  }
  o.debited_at = pay.at;
  const bool fixed = ch.amount_fixed_at_checkout.value;
  const sim::Time rate_time = fixed ? req.at : pay.at;
  // 001:51: a terminal takes up to its maximum; above it the buyer pays a cashier or the post
  // office instead (no refusal, and no terminal's missing change).
  bool at_terminal = req.buyer.pays_at_terminal;
  if (const auto& tmax = ch.terminal_max.value; tmax && at_terminal) {
    const Money due = in_currency(req.invoice, tmax->currency(), rate_time, fx);
    if (due > *tmax) {
      at_terminal = false;
      o.to_cashier = true;
    }
  }
  price(ch, req, rate_time, pay.at, at_terminal, fixed, fx, o);

  Refusal r = cap_checks(ch, req, o, cal, fx);
  const bool platform = ch.funds_account == Account::BuyerPlatformBalance;
  const bool gift = ch.funds_account == Account::BuyerGiftBalance;
  if (r == Refusal::None && platform && req.buyer.balance_closed) r = Refusal::AccountClosed;
  if (r == Refusal::None && platform && req.buyer.balance_blocked) r = Refusal::AccountBlocked;
  // The buyers' balances are dollars (003:232, 000:18-24): a balance channel set to another
  // currency cannot pay.
  if (r == Refusal::None && (platform || gift) && o.debited.currency() != Currency::USD)
    r = Refusal::CurrencyNotAccepted;
  const Money funds = platform ? req.buyer.platform_balance : gift ? req.buyer.gift_balance
                                                                   : req.buyer.funds;
  // 003:236, 003:283: a balance pays the whole price or nothing, whatever full_amount_only
  // says (a balance never goes below zero; paying the rest another way is not simulated).
  if (r == Refusal::None && (ch.full_amount_only.value || platform || gift) && funds < o.debited)
    r = platform || gift ? Refusal::BalanceTooSmall : Refusal::InsufficientFunds;
  if (r != Refusal::None) {
    make_refusal(o, r, req, pay.at);
    return o;
  }

  // Always four draws, so a changed probability does not shift later draws (those after the
  // first fault are skipped, not made).
  if (draw_below(rng, ch.p_security_refusal.value)) {
    r = Refusal::SecurityRefusal;
    skip_draws(rng, 3);
  } else if (draw_below(rng, ch.p_card_not_enabled.value)) {
    r = Refusal::CardNotEnabled;
    skip_draws(rng, 2);
  } else if (draw_below(rng, ch.p_wallet_refused.value)) {
    r = Refusal::WalletRefused;
    skip_draws(rng, 1);
  } else if (draw_below(rng, ch.p_insufficient_funds.value)) {
    r = Refusal::InsufficientFunds;
  }
  if (r != Refusal::None) {
    make_refusal(o, r, req, pay.at);
    return o;
  }

  const double delay = sample_or_constant(ch.paid_delay.value, rng);
  if (ch.paid_delay_working_days.value) {
    const auto n = static_cast<int>(std::llround(std::max(0.0, delay) / static_cast<double>(sim::kDay)));
    o.paid_at = cal.add_working_days(pay.at, n);
  } else {
    o.paid_at = pay.at + (delay > 0 ? sim::from_seconds(delay) : 0);
  }
  o.error_but_debited = draw_below(rng, ch.p_error_but_debited.value);
  o.double_debit = draw_below(rng, ch.p_double_debit.value);
  if (o.double_debit) o.reconciled_at = o.debited_at + draw_duration(ch.reconciliation_delay.value, rng);
  else skip_duration(ch.reconciliation_delay.value, rng);
  return o;
}

void record_usage(UsageCounters& u, const PaymentOutcome& o, const ChannelParams& ch,
                  const Calendar& cal, const FxTable& fx) {
  if (!o.accepted()) return;
  const std::int64_t amount = cap_amount(ch, o, fx).minor();
  const std::int64_t day = o.debited_at / sim::kDay;
  const std::int64_t month = month_index(cal, o.debited_at);
  if (u.day != day) u = {day, u.month, 0, 0, u.month_minor, u.month_count};
  if (u.month != month) {
    u.month = month;
    u.month_minor = 0;
    u.month_count = 0;
  }
  u.day_minor += amount;
  u.day_count += 1;
  u.month_minor += amount;
  u.month_count += 1;
}

HoldId post_payment(Ledger& ledger, const ChannelParams& ch, const PaymentOutcome& o,
                    std::uint64_t order) {
  post_debit(ledger, ch, o, order);
  return ledger.hold(o.debited_at, ch.funds_account, o.credited, order);
}

void share_credit(std::int64_t credited, std::span<const std::int64_t> amounts, std::span<std::int64_t> shares) {
  std::int64_t total = 0;
  for (const std::int64_t a : amounts) total += a;
  if (amounts.empty() || total <= 0 || credited < 0 || shares.size() != amounts.size())
    throw std::logic_error("share_credit: no orders, a negative credit, or one share per order missing");
  constexpr std::size_t kMost = 64;
  if (amounts.size() > kMost) throw std::logic_error("share_credit: more than 64 orders");
  // A remainder is below `total`, so it fits in 64 bits; the product needs 128 only when it
  // overflows (the same truncating quotient and remainder either way).
  std::array<std::int64_t, kMost> remainder;
  std::int64_t given = 0;
  for (std::size_t i = 0; i < amounts.size(); ++i) {
    if (std::int64_t exact = 0; !__builtin_mul_overflow(credited, amounts[i], &exact)) {
      shares[i] = exact / total;
      remainder[i] = exact % total;
    } else {
      const Int128 wide = static_cast<Int128>(credited) * amounts[i];
      shares[i] = static_cast<std::int64_t>(wide / total);
      remainder[i] = static_cast<std::int64_t>(wide % total);
    }
    given += shares[i];
  }
  // The cents left (fewer than the orders) go to the largest remainders, the earliest first.
  for (std::int64_t left = credited - given; left > 0; --left) {
    std::size_t best = 0;
    for (std::size_t i = 1; i < amounts.size(); ++i)
      if (remainder[i] > remainder[best]) best = i;
    ++shares[best];
    remainder[best] = -1;
  }
}

void post_basket_payment(Ledger& ledger, const ChannelParams& ch, const PaymentOutcome& o,
                         std::span<const std::uint64_t> ids, std::span<const std::int64_t> shares,
                         std::span<HoldId> holds) {
  if (ids.empty() || ids.size() != shares.size() || ids.size() != holds.size())
    throw std::logic_error("post_basket_payment: one share and one hold per order");
  post_debit(ledger, ch, o, ids[0]);
  std::int64_t held = 0;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    holds[i] = ledger.hold(o.debited_at, ch.funds_account, Money(shares[i], Currency::USD), ids[i]);
    held += shares[i];
  }
  if (held != o.credited.minor()) throw std::logic_error("post_basket_payment: the shares do not add up to the credit");
}

PaymentOutcome price_shortfall(const ChannelParams& ch, Money difference, sim::Time at,
                               const FxTable& fx) {
  PaymentRequest req;
  req.invoice = difference;
  req.at = at;
  PaymentOutcome o;
  o.debited_at = at;
  o.paid_at = at;
  price(ch, req, at, at, false, false, fx, o);
  return o;
}

void post_shortfall(Ledger& ledger, const ChannelParams& ch, const PaymentOutcome& o,
                    std::uint64_t order, HoldId into) {
  post_debit(ledger, ch, o, order);
  ledger.add_to_hold(o.debited_at, into, ch.funds_account, o.credited, order);
}

void post_reconciliation(Ledger& ledger, const ChannelParams& ch, const PaymentOutcome& o,
                         std::uint64_t order) {
  if (!o.double_debit) return;
  ledger.post({o.reconciled_at, Account::Suspense, ch.funds_account, o.debited,
               PostingKind::FaultReconcile, order});
}

Account refund_account(RefundRoute r) {
  switch (r) {
    case RefundRoute::PlatformBalance: return Account::BuyerPlatformBalance;
    case RefundRoute::PhoneBalance: return Account::BuyerPhoneBalance;
    case RefundRoute::OriginalMethod:
    case RefundRoute::Card: return Account::BuyerFunds;
  }
  return Account::BuyerFunds;
}

RefundDestination resolve_refund(const ChannelParams& paid_with, const ChannelParams& balance,
                                 RefundRoute chosen, sim::Rng& rng) {
  RefundDestination d;
  const bool to_balance = paid_with.refund_route.value == RefundRoute::PlatformBalance ||
                          (chosen == RefundRoute::PlatformBalance &&
                           paid_with.refund_to_balance_allowed.value && balance.enabled.value);
  if (to_balance) {
    d.route = RefundRoute::PlatformBalance;
    d.latency = draw_duration(balance.refund_latency.value, rng);
  } else {
    d.route = paid_with.refund_route.value;
    d.latency = draw_duration(paid_with.refund_latency.value, rng);
  }
  d.account = refund_account(d.route);
  return d;
}

PaymentOutcome attempt_top_up(const ChannelParams& balance, const ChannelParams& route,
                              bool route_allowed, const PaymentRequest& req, sim::Rng& rng,
                              const FxTable& fx, const Calendar& cal) {
  if (!balance.enabled.value || !route_allowed) return refused(Refusal::ChannelDisabled, req);
  const bool verified = req.buyer.balance_verified;
  const auto& cap = verified ? balance.balance_cap_verified.value : balance.balance_cap_unverified.value;
  if (cap && req.buyer.platform_balance + req.invoice > *cap)
    return refused(verified ? Refusal::AboveMaximum : Refusal::UnverifiedLimit, req);
  return attempt_payment(route, req, rng, fx, cal);
}

void post_top_up(Ledger& ledger, const ChannelParams& route, const PaymentOutcome& o) {
  post_debit(ledger, route, o, 0);
  ledger.post({o.debited_at, route.funds_account, Account::BuyerPlatformBalance, o.credited,
               PostingKind::TopUp, 0});
}

bool balance_closed(const ChannelParams& balance, sim::Time last_used, sim::Time now) {
  const sim::Time after = balance.inactivity_close.value;
  return after > 0 && now - last_used >= after;
}

}  // namespace market
