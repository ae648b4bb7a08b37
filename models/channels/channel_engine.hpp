// One engine for every payment channel: a payment attempt is checked and timed against the
// channel's ChannelParams, then (if accepted) posted to the ledger. The engine keeps no state;
// the caller owns the buyer's usage counters and updates them with record_usage(), so a refused
// attempt can simply be retried on another channel.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "models/money/calendar.hpp"
#include "models/channels/channel.hpp"
#include "models/money/fx.hpp"
#include "models/money/ledger.hpp"
#include "models/money/money.hpp"
#include "sim/time.hpp"

namespace sim { class Rng; }

namespace market {

enum class Refusal : std::uint8_t {
  None,
  ChannelDisabled,
  NotOnThisPlatform,    // app vs PC site
  CountryNotServed,     // e.g. cash: Russian residents only
  CurrencyNotAccepted,  // the buyer's funds are not in the currency of the debit
  BelowMinimum,
  AboveMaximum,
  UnverifiedLimit,      // platform balance, unverified account: at most $500 a purchase
  DailyAmountCap,
  DailyCountCap,
  MonthlyAmountCap,
  MonthlyCountCap,
  InsufficientFunds,    // no partial payment: the funds must cover the whole debit
  BalanceTooSmall,      // platform or gift-certificate balance short of the price (003:283)
  AccountClosed,        // platform balance closed after 12 months unused (003:247)
  CardTypeNotAccepted,  // Sberbank social/salary card (note 2)
  CardNotEnabled,       // no foreign/online payments
  WalletRefused,        // payment system refuses the wallet or ruble transactions
  SecurityRefusal,      // "for security reasons" (002:33)
  CodeExpired,          // cash code not paid within its validity: the order is void
  AccountBlocked,       // the platform account is blocked, its money held (003:244)
  kCount
};
std::string_view refusal_name(Refusal r);

struct BuyerState {
  // What the buyer can spend, in the currency of the debit (debit_currency).
  Money funds = Money::zero(Currency::RUB);
  Money platform_balance = Money::zero(Currency::USD);
  Money gift_balance = Money::zero(Currency::USD);  // gift-certificate balance (000:18-24)
  bool balance_closed = false;                      // the platform balance was closed (003:247)
  bool balance_blocked = false;                     // the platform account is blocked (003:244)
  bool balance_verified = false;
  bool in_app = false;             // paying from the mobile application, else the PC site
  Country country = Country::Russia;
  bool pays_at_terminal = false;   // cash: terminal rather than a cashier or the post office
  bool social_or_salary_card = false;
  // A card's own currency (000:201): the debit is in it. Unset (every other channel): the debit
  // is in the channel's currency.
  std::optional<Currency> card_currency;
  // 000:201: paying in the card's own currency, the issuing bank converts nothing (the platform
  // converts the dollar invoice at the day's rate); otherwise the bank converts at its own rate
  // (the channel's conversion_spread).
  bool pays_in_card_currency = false;
};

// The currency the buyer's money leaves in: the card's own, else the channel's.
Currency debit_currency(const ChannelParams& ch, const BuyerState& b);
// Whether the buyer's bank or wallet converts at its own rate, charging conversion_spread: a card
// paid in the other currency (000:201), or a non-dollar channel paying the dollar invoice.
bool bank_converts(const ChannelParams& ch, const BuyerState& b);

// A buyer's use of one channel in the current day and calendar month, in the channel's
// currency. Counters for another day/month read as zero.
struct UsageCounters {
  std::int64_t day = -1;    // day number (t / kDay) the day counters belong to
  std::int64_t month = -1;  // year * 12 + month - 1 the month counters belong to
  std::int64_t day_minor = 0;
  int day_count = 0;
  std::int64_t month_minor = 0;
  int month_count = 0;
};

struct PaymentRequest {
  Money invoice = Money::zero(Currency::USD);  // the order amount, USD
  sim::Time at = 0;                           // checkout
  BuyerState buyer;
  UsageCounters usage;
};

// The one-byte fields first, together: no padding after each (a record per accepted payment).
struct PaymentOutcome {
  Refusal refusal = Refusal::None;
  bool accepted() const { return refusal == Refusal::None; }
  bool partially_paid = false;  // `credited` is less than the invoice
  bool to_cashier = false;  // cash above the terminal's maximum, paid at a cashier (001:51)
  bool by_card = false;         // debited from a card in the card's currency (card_currency set)
  bool bank_converted = false;  // the buyer's bank or wallet converted at its rate (spread)
  FeePayer fee_payer = FeePayer::Buyer;
  bool error_but_debited = false;
  bool double_debit = false;

  Money invoice = Money::zero(Currency::USD);
  // What reaches escrow, USD: the invoice, or less when a code-fixed amount fell short.
  Money credited = Money::zero(Currency::USD);
  // In the currency of the debit (the card's, else the channel's): the converted price, the
  // conversion spread, fees, total debit.
  Money principal = Money::zero(Currency::USD);
  Money spread = Money::zero(Currency::USD);
  Money channel_fee = Money::zero(Currency::USD);
  Money bank_fee = Money::zero(Currency::USD);
  Money change_to_phone = Money::zero(Currency::USD);  // terminal excess (no change given)
  Money debited = Money::zero(Currency::USD);          // principal+spread+buyer fees+change
  // A seller-paid fee in USD (the day's rate), posted with the payment: with fee_on_top from
  // SellerPayable, else out of the payment, so `credited` (what escrow holds) is that much less.
  Money seller_fee_usd = Money::zero(Currency::USD);

  sim::Time debited_at = 0;  // when the money leaves the buyer
  sim::Time paid_at = 0;     // when the order shows as paid
  sim::Time void_at = sim::kNever;  // CodeExpired: when the order is void
  sim::Time reconciled_at = sim::kNever;  // double debit: when the extra debit comes back
};

// Checks, prices and times one attempt. Random draws, in this fixed order: buyer action delay,
// fault draws (security, card not enabled, wallet refused, insufficient funds), paid delay,
// error-but-debited, double debit, reconciliation delay.
PaymentOutcome attempt_payment(const ChannelParams& ch, const PaymentRequest& req, sim::Rng& rng,
                               const FxTable& fx, const Calendar& cal);

// The calendar month of `t` as year * 12 + month - 1 (UsageCounters::month).
std::int64_t month_index(const Calendar& cal, sim::Time t);

// What a payment counts toward the channel's amount caps, in the channel's currency: its
// principal, converted at the day's rate of the debit when debited in another (a dollar card).
Money cap_amount(const ChannelParams& ch, const PaymentOutcome& o, const FxTable& fx);

// Adds an accepted payment to the counters (call once per accepted attempt).
void record_usage(UsageCounters& u, const PaymentOutcome& o, const ChannelParams& ch,
                  const Calendar& cal, const FxTable& fx);

// Posts an accepted payment at o.debited_at: fees to ChannelFeeIncome / BankCommission (a
// seller-paid fee in USD from SellerPayable, or out of the payment when not on top), the
// spread to FX (a dollar debit's spread straight to FX in dollars), conversion through the FX
// account, the credited USD into escrow (returned
// hold), terminal change to the phone balance, and a double debit into Suspense. Throws
// std::logic_error for a refused outcome.
HoldId post_payment(Ledger& ledger, const ChannelParams& ch, const PaymentOutcome& o,
                    std::uint64_t order);
// A basket's payment (000:221) credits several orders: `credited` shared out in proportion to the
// orders' amounts (USD cents), by largest remainder, so the shares add up to the cent; when
// `credited` is at most the total, no share exceeds its order's amount. Ties go to the first.
// Writes shares[i] for amounts[i] (the spans of one length); no allocation.
void share_credit(std::int64_t credited, std::span<const std::int64_t> amounts, std::span<std::int64_t> shares);
// Posts an accepted basket payment like post_payment, with one hold per order: order ids[i]
// holds shares[i] (share_credit of o.credited), its hold written to holds[i]. The debit, fees
// and spread post once, under ids[0].
void post_basket_payment(Ledger& ledger, const ChannelParams& ch, const PaymentOutcome& o,
                         std::span<const std::uint64_t> ids, std::span<const std::int64_t> shares,
                         std::span<HoldId> holds);
// 001:43: the difference a partially paid order still owes, paid at a cashier (no commission,
// 001:45) in the channel's currency at the rate of `at`, money leaving and arriving at `at`.
PaymentOutcome price_shortfall(const ChannelParams& ch, Money difference, sim::Time at,
                               const FxTable& fx);
// Posts it like a payment, into the order's existing hold `into`.
void post_shortfall(Ledger& ledger, const ChannelParams& ch, const PaymentOutcome& o,
                    std::uint64_t order, HoldId into);
// Returns a double debit from Suspense to the buyer (at o.reconciled_at).
void post_reconciliation(Ledger& ledger, const ChannelParams& ch, const PaymentOutcome& o,
                         std::uint64_t order);

// Cash code: when (if at all) the buyer pays, against the code's expiry.
struct CodePayment {
  bool paid = false;
  sim::Time at = 0;  // payment time if paid, else the expiry (void) time
};
CodePayment code_payment(const ChannelParams& ch, sim::Time issued_at, sim::Rng& rng);

// Where a refund lands and how long it takes: the buyer's choice of the platform balance is
// honoured unless the channel forbids it (cards: 003:251; cash goes to the phone, 001:46).
struct RefundDestination {
  RefundRoute route = RefundRoute::OriginalMethod;
  Account account = Account::BuyerFunds;
  sim::Time latency = 0;
};
// `balance` is the platform balance channel: its refund_latency is the 1-3 days of 003:280.
RefundDestination resolve_refund(const ChannelParams& paid_with, const ChannelParams& balance,
                                 RefundRoute chosen, sim::Rng& rng);
Account refund_account(RefundRoute r);

// Platform balance top-up through `route` (WebMoney with its 0.8%, or Western Union): refused
// above the balance cap (unverified $500, verified $5,000; 003:232) or through a route the rules
// do not allow. The accepted outcome's `credited` is what the balance receives.
// The route's own checks, fees and delays apply as for a payment (attempt_payment).
PaymentOutcome attempt_top_up(const ChannelParams& balance, const ChannelParams& route,
                              bool route_allowed, const PaymentRequest& req, sim::Rng& rng,
                              const FxTable& fx, const Calendar& cal);
// Posts like post_payment, but the credited USD goes to BuyerPlatformBalance, not escrow.
void post_top_up(Ledger& ledger, const ChannelParams& route, const PaymentOutcome& o);

// The platform balance closes after `inactivity_close` unused (003:247).
bool balance_closed(const ChannelParams& balance, sim::Time last_used, sim::Time now);

}  // namespace market
