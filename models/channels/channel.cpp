#include "models/channels/channel.hpp"

#include <array>
#include <stdexcept>

#include <fmt/format.h>

namespace market {

std::string_view fee_payer_name(FeePayer p) {
  switch (p) {
    case FeePayer::Buyer: return "buyer";
    case FeePayer::Seller: return "seller";
    case FeePayer::Platform: return "platform";
  }
  return "?";
}

std::string_view refund_route_name(RefundRoute r) {
  switch (r) {
    case RefundRoute::OriginalMethod: return "original_method";
    case RefundRoute::PlatformBalance: return "platform_balance";
    case RefundRoute::PhoneBalance: return "phone_balance";
    case RefundRoute::Card: return "card";
  }
  return "?";
}

namespace {

using P = ChannelParams;

const std::array kFields = {
    ChannelField{"enabled", &P::enabled, "bool", "channel offered at all"},
    ChannelField{"currency", &P::currency, "currency", "currency the buyer's funds are debited in"},
    ChannelField{"conversion_spread", &P::conversion_spread, "bp",
                 "extra cost of converting to the USD invoice (non-USD funds)"},
    ChannelField{"fee_payer", &P::fee_payer, "buyer|seller|platform", "who pays the channel fee"},
    ChannelField{"fee_rate", &P::fee_rate, "bp", "channel fee, proportional part"},
    ChannelField{"fee_fixed", &P::fee_fixed, "money", "channel fee, fixed part"},
    ChannelField{"fee_on_top", &P::fee_on_top, "bool", "fee charged in addition to the price"},
    ChannelField{"bank_fee_rate", &P::bank_fee_rate, "bp", "buyer's bank commission, proportional"},
    ChannelField{"bank_fee_fixed", &P::bank_fee_fixed, "money", "buyer's bank commission, fixed"},
    ChannelField{"min_order", &P::min_order, "money|none", "per-order minimum"},
    ChannelField{"min_inclusive", &P::min_inclusive, "bool", "the minimum itself is allowed"},
    ChannelField{"max_order", &P::max_order, "money|none", "per-order maximum"},
    ChannelField{"max_inclusive", &P::max_inclusive, "bool", "the maximum itself is allowed"},
    ChannelField{"max_order_unverified", &P::max_order_unverified, "money|none",
                 "per-order maximum for an unverified account"},
    ChannelField{"terminal_max", &P::terminal_max, "money|none",
                 "per-order maximum at a terminal (cashier/post office: none)"},
    ChannelField{"daily_cap_amount", &P::daily_cap_amount, "money|none", "amount per buyer per day"},
    ChannelField{"daily_cap_count", &P::daily_cap_count, "count|none", "payments per buyer per day"},
    ChannelField{"monthly_cap_amount", &P::monthly_cap_amount, "money|none",
                 "amount per buyer per calendar month"},
    ChannelField{"monthly_cap_count", &P::monthly_cap_count, "count|none",
                 "payments per buyer per calendar month"},
    ChannelField{"buyer_action_delay", &P::buyer_action_delay, "s",
                 "checkout to the buyer's actual payment"},
    ChannelField{"code_validity", &P::code_validity, "s", "payment code lifetime (0: none)"},
    ChannelField{"amount_fixed_at_checkout", &P::amount_fixed_at_checkout, "bool",
                 "amount in the payment currency fixed at checkout, converted on payment day"},
    ChannelField{"terminal_note", &P::terminal_note, "money",
                 "granularity of cash inserted at a terminal (no change given)"},
    ChannelField{"paid_delay", &P::paid_delay, "s", "buyer's payment to \"paid\""},
    ChannelField{"paid_delay_working_days", &P::paid_delay_working_days, "bool",
                 "paid_delay counts whole working days"},
    ChannelField{"refund_route", &P::refund_route, "route", "default refund destination"},
    ChannelField{"refund_latency", &P::refund_latency, "s", "refund latency on the default route"},
    ChannelField{"refund_to_balance_allowed", &P::refund_to_balance_allowed, "bool",
                 "buyer may route refunds to the platform balance"},
    ChannelField{"p_error_but_debited", &P::p_error_but_debited, "probability",
                 "error shown although the money was debited"},
    ChannelField{"p_double_debit", &P::p_double_debit, "probability", "one payment debited twice"},
    ChannelField{"reconciliation_delay", &P::reconciliation_delay, "s",
                 "double debit until the extra debit is returned"},
    ChannelField{"p_security_refusal", &P::p_security_refusal, "probability",
                 "refused \"for security reasons\""},
    ChannelField{"p_card_not_enabled", &P::p_card_not_enabled, "probability",
                 "card without foreign/online payments declined"},
    ChannelField{"p_wallet_refused", &P::p_wallet_refused, "probability",
                 "payment system refuses the wallet or ruble transactions"},
    ChannelField{"p_insufficient_funds", &P::p_insufficient_funds, "probability",
                 "funds turn out missing at payment time"},
    ChannelField{"decline_social_salary_cards", &P::decline_social_salary_cards, "bool",
                 "Sberbank social/salary cards declined"},
    ChannelField{"funds", &P::funds, "dist(money)|none",
                 "what the buyer's card or wallet holds at a payment (none: enough for any)"},
    ChannelField{"full_amount_only", &P::full_amount_only, "bool",
                 "no partial payment: the buyer's funds must hold the whole payment"},
    ChannelField{"combines_orders", &P::combines_orders, "bool",
                 "the orders of one checkout are paid as one payment (false: one payment per order)"},
    ChannelField{"usd_only", &P::usd_only, "bool", "payable in dollars only"},
    ChannelField{"only_country", &P::only_country, "list(country)|none", "only residents of these countries"},
    ChannelField{"in_app", &P::in_app, "bool", "available in the mobile application"},
    ChannelField{"on_pc", &P::on_pc, "bool", "available on the PC site"},
    ChannelField{"balance_cap_unverified", &P::balance_cap_unverified, "money|none",
                 "most an unverified balance may hold"},
    ChannelField{"balance_cap_verified", &P::balance_cap_verified, "money|none",
                 "most a verified balance may hold"},
    ChannelField{"inactivity_close", &P::inactivity_close, "s", "unused this long: closed (0: never)"},
    ChannelField{"abuse_hold_max", &P::abuse_hold_max, "s", "money of a blocked account held up to"},
    ChannelField{"withdrawable", &P::withdrawable, "bool",
                 "a blocked account's balance goes to the buyer's bank after abuse_hold_max (false: held for good)"},
};

std::string text(bool v) { return v ? "true" : "false"; }
std::string text(double v) { return fmt::format("{}", v); }
std::string text(Currency v) { return std::string(currency_code(v)); }
std::string text(BasisPoints v) { return fmt::format("{}.{:02}%", v.bp / 100, v.bp % 100); }
std::string text(Money v) { return format_money(v); }
std::string text(sim::Time v) { return fmt::format("{}", v); }
std::string text(const sim::Distribution& v) { return sim::describe(v); }
std::string text(FeePayer v) { return std::string(fee_payer_name(v)); }
std::string text(RefundRoute v) { return std::string(refund_route_name(v)); }
std::string text(CountrySet v) { return country_set_text(v); }
std::string text(int v) { return fmt::format("{}", v); }
std::string text(const MoneyDistribution& v) { return money_distribution_text(v); }
template <class T>
std::string text(const std::optional<T>& v) {
  return v ? text(*v) : std::string("none");
}

[[noreturn]] void bad(const ChannelParams& p, std::string_view field, std::string_view why) {
  throw std::invalid_argument(fmt::format("channel {}: {}: {}", p.key, field, why));
}

}  // namespace

std::span<const ChannelField> channel_fields() { return kFields; }

std::string_view field_source(const ChannelParams& p, const ChannelField& f) {
  return std::visit([&](auto m) { return (p.*m).source; }, f.member);
}

std::string field_value_text(const ChannelParams& p, const ChannelField& f) {
  return std::visit([&](auto m) { return text((p.*m).value); }, f.member);
}

void validate(const ChannelParams& p) {
  for (const auto* prob : {&p.p_error_but_debited, &p.p_double_debit, &p.p_security_refusal,
                           &p.p_card_not_enabled, &p.p_wallet_refused, &p.p_insufficient_funds}) {
    if (!(prob->value >= 0.0 && prob->value <= 1.0)) bad(p, "probability", "outside [0, 1]");
  }
  if (p.fee_rate.value.bp < 0 || p.fee_fixed.value.is_negative()) bad(p, "fee", "negative");
  if (p.bank_fee_rate.value.bp < 0 || p.bank_fee_fixed.value.is_negative())
    bad(p, "bank_fee", "negative");
  if (p.conversion_spread.value.bp < 0) bad(p, "conversion_spread", "negative");
  if (p.fee_fixed.value.currency() != p.currency.value && !p.fee_fixed.value.is_zero())
    bad(p, "fee_fixed", "not in the channel's currency");
  if (p.bank_fee_fixed.value.currency() != p.currency.value && !p.bank_fee_fixed.value.is_zero())
    bad(p, "bank_fee_fixed", "not in the channel's currency");
  if (p.fee_payer.value == FeePayer::Buyer && !p.fee_on_top.value)
    bad(p, "fee_on_top", "a buyer-paid fee must be on top of the price");
  // Not on top means out of what reaches escrow, so out of the seller's proceeds.
  if (p.fee_payer.value == FeePayer::Platform && !p.fee_on_top.value)
    bad(p, "fee_on_top", "a platform-paid fee is paid from outside; taken out of the payment it "
                         "would be the seller's (fee_payer = seller)");
  const auto& lo = p.min_order.value;
  const auto& hi = p.max_order.value;
  if (lo && hi && lo->currency() == hi->currency() && *lo > *hi) bad(p, "min_order", "above max");
  for (const auto* cap : {&p.daily_cap_amount, &p.monthly_cap_amount}) {
    if (cap->value && cap->value->currency() != p.currency.value)
      bad(p, "cap", "caps count in the channel's currency");
  }
  if (p.code_validity.value < 0) bad(p, "code_validity", "negative");
  if (const auto& f = p.funds.value) {
    const Currency c = f->currency;
    if (c != p.currency.value && !(p.id == ChannelId::Card && c == Currency::USD))
      bad(p, "funds", fmt::format("{} funds: the channel's buyers hold {}{}; set funds in {} or to none",
                                  currency_code(c), currency_code(p.currency.value),
                                  p.id == ChannelId::Card ? " (or USD: cards issued in dollars)" : "",
                                  currency_code(p.currency.value)));
  }
}

}  // namespace market
