// A payment channel as plain data. Every channel (card, wallets, phone, cash, Western Union,
// bank transfer, the platform balance, ...) is one ChannelParams value driven by one engine
// (channel_engine.hpp); there is no class per channel.
//
// Every figure is a Sourced<T>: the value and where it comes from ("000:207" = seeds file 000,
// line 207; "public-rules: ..." ; or "ASSUMPTION ..."). channel_fields() lists every figure with
// its key, unit and description, so the scenario schema can be generated from this struct.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "models/common/country.hpp"
#include "models/money/ledger.hpp"
#include "models/money/money.hpp"
#include "models/money/money_distribution.hpp"
#include "sim/distribution.hpp"
#include "sim/time.hpp"

namespace market {

inline constexpr std::string_view kAssumption = "ASSUMPTION";

template <class T>
struct Sourced {
  T value{};
  std::string_view source = kAssumption;
};

enum class ChannelId : std::uint8_t {
  Card, UnionPay, Qiwi, WebMoney, YandexMoney,
  PhoneMegafon, PhoneBeeline, PhoneTele2, PhoneMts,
  Cash, WesternUnion, BankTransfer, PlatformBalance, GiftCertificate,
  WeChatPay, DomesticAlipay, Installments, kCount
};
inline constexpr int kChannelCount = static_cast<int>(ChannelId::kCount);
// The four mobile operators (000:110-125): paid from the buyer's phone balance.
constexpr bool is_phone(ChannelId id) {
  return id == ChannelId::PhoneMegafon || id == ChannelId::PhoneBeeline ||
         id == ChannelId::PhoneTele2 || id == ChannelId::PhoneMts;
}
// The id of a channel a scenario adds ([channel.NAME] not in the catalog): none of the
// catalog's special cases (card chargebacks, the platform balance) apply to it.
inline constexpr ChannelId kCustomChannel = ChannelId::kCount;

enum class FeePayer : std::uint8_t { Buyer, Seller, Platform };
// Where a refund lands. OriginalMethod: back where the money came from (wallet, bank account).
enum class RefundRoute : std::uint8_t { OriginalMethod, PlatformBalance, PhoneBalance, Card };

std::string_view fee_payer_name(FeePayer p);
std::string_view refund_route_name(RefundRoute r);

struct ChannelParams {
  ChannelId id = ChannelId::Card;
  std::string key = "card";  // stable snake_case name: scenario section, CSV cells
  Account funds_account = Account::BuyerFunds;  // where the buyer's money is debited from

  Sourced<bool> enabled{true};
  // Currency the buyer's funds are debited in; invoices are USD (000:106, 000:112).
  Sourced<Currency> currency{Currency::USD};
  // Extra cost of converting to the USD invoice when `currency` is not USD (issuing bank's or
  // WebMoney's own rate, 000:201, 002:210), charged on top and posted to the FX account.
  Sourced<BasisPoints> conversion_spread{};

  // The channel's own fee (WebMoney 0.8%, operators' commissions), to ChannelFeeIncome.
  Sourced<FeePayer> fee_payer{FeePayer::Buyer};
  Sourced<BasisPoints> fee_rate{};
  Sourced<Money> fee_fixed{Money::zero(Currency::USD)};  // in `currency`
  // true: charged in addition to the price (a seller pays it from SellerPayable at payment).
  // false: taken out of the payment before escrow, so the seller is paid that much less; only
  // for a seller-paid fee (validate() refuses it for the buyer and the platform).
  Sourced<bool> fee_on_top{true};
  // The buyer's bank's commission (bank transfer, buying dollars for WU), to BankCommission.
  Sourced<BasisPoints> bank_fee_rate{};
  Sourced<Money> bank_fee_fixed{Money::zero(Currency::USD)};  // in `currency`

  // Per-order limits on the invoice amount, each in its own stated currency (converted at the
  // day's rate when it differs from USD). Strict bounds: "more than $20 and less than $5,000".
  Sourced<std::optional<Money>> min_order{};
  Sourced<bool> min_inclusive{true};
  Sourced<std::optional<Money>> max_order{};
  Sourced<bool> max_inclusive{true};
  // Platform balance: the per-purchase maximum while the account is unverified.
  Sourced<std::optional<Money>> max_order_unverified{};
  // A terminal's per-order maximum (cash, in RUB); above it only a cashier or the post office.
  Sourced<std::optional<Money>> terminal_max{};

  // Caps per buyer, in `currency`, counted over a calendar day / calendar month.
  Sourced<std::optional<Money>> daily_cap_amount{};
  Sourced<std::optional<int>> daily_cap_count{};
  Sourced<std::optional<Money>> monthly_cap_amount{};
  Sourced<std::optional<int>> monthly_cap_count{};

  // Time from checkout until the buyer actually pays (going to a terminal, bank, WU office).
  Sourced<sim::Distribution> buyer_action_delay{sim::constant(0)};
  // A payment code valid this long (cash, 48 h); paying later voids the order. 0: no code.
  Sourced<sim::Time> code_validity{0};
  // The amount in `currency` is fixed when the code is issued, while the invoice stays in
  // dollars and is converted on the day the money arrives (cash: 001:43).
  Sourced<bool> amount_fixed_at_checkout{false};
  // Money left over at a terminal gives no change: the rounding-up of the inserted amount goes
  // to the phone balance (001:24). Zero: exact payment.
  Sourced<Money> terminal_note{Money::zero(Currency::RUB)};

  // From the buyer's payment to "paid" (seconds). With the working-day flag the sample is
  // rounded to whole days and counted with Calendar::add_working_days.
  Sourced<sim::Distribution> paid_delay{sim::constant(0)};
  Sourced<bool> paid_delay_working_days{false};

  // Refunds: the default route and its latency; whether the buyer may route it to the
  // platform balance instead (not for cards, 003:251).
  Sourced<RefundRoute> refund_route{RefundRoute::OriginalMethod};
  Sourced<sim::Distribution> refund_latency{sim::constant(0)};
  Sourced<bool> refund_to_balance_allowed{true};

  // Faults: probabilities per attempt.
  Sourced<double> p_error_but_debited{0.0};
  Sourced<double> p_double_debit{0.0};
  Sourced<sim::Distribution> reconciliation_delay{sim::constant(0)};
  Sourced<double> p_security_refusal{0.0};
  Sourced<double> p_card_not_enabled{0.0};
  Sourced<double> p_wallet_refused{0.0};
  Sourced<double> p_insufficient_funds{0.0};
  // Sberbank social and salary cards (note 2): declined when the buyer holds one.
  Sourced<bool> decline_social_salary_cards{false};

  // What the buyer's card or wallet holds, drawn at each payment attempt (000:40, 000:98,
  // 000:131, 002:283); none: enough for any payment. In `currency`, or in dollars or `currency`
  // for the card (a card issued in dollars, buyers.card_in_usd); converted at the day's rate into
  // the currency of the debit where they differ. The balance channels pay from the buyer's
  // balance instead.
  Sourced<std::optional<MoneyDistribution>> funds{};

  // Flags.
  Sourced<bool> full_amount_only{true};  // no partial payment: the funds must hold the whole debit
  Sourced<bool> combines_orders{true};   // a basket's orders paid as one payment (000:221)
  Sourced<bool> usd_only{false};         // NOT SIMULATED: `currency` decides (USD: dollars only)
  // Residents of these countries only ("russia, ukraine, ..."); empty ("none"): everyone.
  Sourced<CountrySet> only_country{};
  Sourced<bool> in_app{true};            // available in the mobile application
  Sourced<bool> on_pc{true};             // available on the PC site

  // Platform balance only: what an account may hold, unverified / verified; closure after
  // inactivity; the longest hold of a blocked account's money (003:232-247), and whether it
  // then goes to the buyer's bank (003:245) or stays (003:239: "cash cannot be withdrawn").
  // The block itself (who is blocked, when) belongs to the market (buyers.block_after_disputes).
  Sourced<std::optional<Money>> balance_cap_unverified{};
  Sourced<std::optional<Money>> balance_cap_verified{};
  Sourced<sim::Time> inactivity_close{0};
  Sourced<sim::Time> abuse_hold_max{0};
  Sourced<bool> withdrawable{true};
};

// One row of the schema: a figure of ChannelParams, its key, unit and meaning.
using ChannelMember = std::variant<
    Sourced<bool> ChannelParams::*, Sourced<double> ChannelParams::*,
    Sourced<Currency> ChannelParams::*, Sourced<BasisPoints> ChannelParams::*,
    Sourced<Money> ChannelParams::*, Sourced<std::optional<Money>> ChannelParams::*,
    Sourced<std::optional<int>> ChannelParams::*, Sourced<sim::Time> ChannelParams::*,
    Sourced<sim::Distribution> ChannelParams::*, Sourced<FeePayer> ChannelParams::*,
    Sourced<RefundRoute> ChannelParams::*, Sourced<CountrySet> ChannelParams::*,
    Sourced<std::optional<MoneyDistribution>> ChannelParams::*>;

struct ChannelField {
  std::string_view key;
  ChannelMember member;
  std::string_view unit;
  std::string_view description;
};

std::span<const ChannelField> channel_fields();
// The source string of one field of one channel.
std::string_view field_source(const ChannelParams& p, const ChannelField& f);
// The value as text ("1.95%", "15000.00 RUB", "none", "uniform(0, 259200)").
std::string field_value_text(const ChannelParams& p, const ChannelField& f);

// Throws std::invalid_argument naming the channel and field on an inconsistent value
// (probability outside [0,1], negative fee, buyer fee not on top, min above max, ...).
void validate(const ChannelParams& p);

}  // namespace market
