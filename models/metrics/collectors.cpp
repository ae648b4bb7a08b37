#include "models/metrics/collectors.hpp"

#include <stdexcept>
#include <utility>

namespace market {
namespace {

// Latencies in hours from one minute to about 114 years; amounts up to the same magnitude.
constexpr double kAccuracy = 0.01;
constexpr double kMinHours = 1.0 / 60.0;
constexpr double kMaxHours = 1e6;

double hours_between(sim::Time from, sim::Time to) { return sim::to_hours(to - from); }

// Daily series add by position (the same day in runs of one layout).
void add_days(std::vector<DaySnapshot>& to, const std::vector<DaySnapshot>& from) {
  if (to.size() < from.size()) to.resize(from.size());
  for (std::size_t i = 0; i < from.size(); ++i) {
    if (to[i].day == 0) to[i].day = from[i].day;
    to[i].escrow_cents += from[i].escrow_cents;
    to[i].in_flight += from[i].in_flight;
    to[i].balance_cents += from[i].balance_cents;
  }
}

}  // namespace

std::string_view refund_kind_name(RefundKind k) {
  switch (k) {
    case RefundKind::BuyerCancel: return "buyer_cancel";
    case RefundKind::StockOut: return "stock_out";
    case RefundKind::Underpaid: return "underpaid";
    case RefundKind::Nondelivery: return "nondelivery";
    case RefundKind::Dispute: return "dispute";
    case RefundKind::Chargeback: return "chargeback";
    case RefundKind::kCount: break;
  }
  return "?";
}

Summary::Summary() : histogram_(kAccuracy, kMinHours, kMaxHours) {}

Collectors::Collectors(CollectorLayout layout)
    : channels(layout.channels.size()),
      segments(layout.segments.size()),
      carriers(layout.carriers.size()),
      escrow_float(0, 0),
      balance_float(0, 0),
      layout_(std::move(layout)) {}

void Collectors::order_placed(const Order& o) {
  if (!counts(o)) return;
  ++placed;
  ++segments[o.segment].orders;
  ++carriers[o.carrier].orders;
}

void Collectors::payment_refused(const Order& o, Refusal r, bool rerouted) {
  if (!counts(o)) return;
  auto& c = channels[o.channel];
  ++c.refused[static_cast<int>(r)];
  if (rerouted) ++c.rerouted_away;
}

void Collectors::shortfall_paid(const Order& o, const PaymentOutcome& difference) {
  if (!counts(o)) return;
  ++shortfalls_paid;
  add_payment_money(o.channel, difference);
}

void Collectors::account_blocked(sim::Time at) {
  if (at >= layout_.warmup) ++accounts_blocked;
}

void Collectors::blocked_balance_returned(sim::Time at, std::int64_t cents) {
  if (at >= layout_.warmup) blocked_returned_cents += cents;
}

void Collectors::code_reordered(const Order& expired) {
  if (counts(expired)) ++reordered;
}

void Collectors::order_abandoned(const Order& o, Refusal last_refusal) {
  if (!counts(o)) return;
  ++abandoned;
  ++channels[o.channel].abandoned_after[static_cast<int>(last_refusal)];
}

void Collectors::top_up_paid(std::size_t channel, const PaymentOutcome& out, sim::Time at) {
  if (at < layout_.warmup) return;
  add_payment_money(channel, out);
}

void Collectors::DebitMoney::add(const PaymentOutcome& out) {
  ++payments;
  if (out.fee_payer == FeePayer::Buyer) fee_buyer_minor += out.channel_fee.minor();
  fee_by_payer_minor[static_cast<int>(out.fee_payer)] += out.channel_fee.minor();
  bank_fee_minor += out.bank_fee.minor();
  spread_minor += out.spread.minor();
  principal_minor += out.principal.minor();
}

void Collectors::DebitMoney::merge(const DebitMoney& o) {
  payments += o.payments;
  for (std::size_t i = 0; i < fee_by_payer_minor.size(); ++i) fee_by_payer_minor[i] += o.fee_by_payer_minor[i];
  fee_buyer_minor += o.fee_buyer_minor;
  bank_fee_minor += o.bank_fee_minor;
  spread_minor += o.spread_minor;
  principal_minor += o.principal_minor;
}

void Collectors::add_payment_money(std::size_t channel, const PaymentOutcome& out) {
  PerChannel& c = channels[channel];
  c.fee_seller_cents += out.seller_fee_usd.minor();
  const Currency debit = out.principal.currency();
  (debit == channel_currency(channel) ? c.money : c.usd_cards).add(out);
  if (out.by_card) {
    CardCurrency& k = card_currency[static_cast<std::size_t>(debit)];
    ++k.payments;
    if (out.bank_converted) ++k.bank_conversions;
    k.spread_minor += out.spread.minor();
  }
}

void Collectors::payment_accepted(const Order& o, const PaymentOutcome& out) {
  if (!counts(o)) return;
  auto& c = channels[o.channel];
  ++c.paid;
  add_payment_money(o.channel, out);
  if (out.partially_paid) ++partially_paid;
  if (out.to_cashier) ++to_cashier;
  if (out.error_but_debited) ++errors_with_debit;
}

void Collectors::basket_placed(const Order& lead, int orders) {
  if (!counts(lead)) return;
  ++baskets;
  basket_orders += orders;
}

void Collectors::basket_paid(const Order& lead) {
  if (counts(lead)) ++baskets_paid_whole;
}

void Collectors::basket_order_paid(const Order& o) {
  if (counts(o)) ++channels[o.channel].paid;
}

void Collectors::basket_split(const Order& lead) {
  if (counts(lead)) ++baskets_split;
}

void Collectors::seller_paid(const Order& o, sim::Time now) {
  if (!counts(o)) return;
  const double h = hours_between(o.placed_at, now);
  const sim::LogHistogram::Slot at = settlement_h.histogram().slot(h);
  settlement_h.add_at(h, at);
  channels[o.channel].settlement_h.add_at(h, at);
  segments[o.segment].settlement_h.add_at(h, at);
  carriers[o.carrier].settlement_h.add_at(h, at);
}

void Collectors::dispute_opened(const Order& o) {
  if (!counts(o)) return;
  ++disputes_opened[static_cast<int>(o.reason)];
  ++segments[o.segment].disputes;
}

void Collectors::dispute_escalated(const Order& o) {
  if (counts(o)) ++disputes_escalated;
}

void Collectors::dispute_closed(const Order& o, DisputeOutcome outcome, std::int64_t refund_cents,
                                sim::Time now) {
  if (!counts(o)) return;
  ++dispute_outcomes[static_cast<int>(outcome)];
  dispute_refund_cents += refund_cents;
  dispute_duration_h.add(hours_between(o.dispute_opened_at, now));
}

void Collectors::refund_landed(const Order& o, RefundKind kind, RefundRoute route,
                               sim::Time requested, sim::Time now, std::int64_t cents) {
  if (!counts(o)) return;
  refunded_cents[static_cast<int>(kind)] += cents;
  const double h = hours_between(requested, now);
  Summary& by_kind = refund_by_kind_h[static_cast<int>(kind)];
  const sim::LogHistogram::Slot at = by_kind.histogram().slot(h);
  by_kind.add_at(h, at);
  channels[o.channel].refund_h[static_cast<int>(route)].add_at(h, at);
}

void Collectors::chargeback_filed(const Order& o) {
  if (!counts(o)) return;
  ++chargebacks_filed;
  ++segments[o.segment].chargebacks;
}

void Collectors::chargeback_decided(const Order& o, bool buyer_won, std::int64_t loss_cents) {
  if (!counts(o)) return;
  ++(buyer_won ? chargebacks_buyer_won : chargebacks_seller_won);
  auto& s = segments[o.segment];
  ++(buyer_won ? s.chargebacks_buyer_won : s.chargebacks_seller_won);
  s.chargeback_losses_cents += loss_cents;
}

void Collectors::double_debit(const Order& o, sim::Time debited, sim::Time reconciled) {
  if (!counts(o)) return;
  ++double_debits;
  reconcile_h.add(hours_between(debited, reconciled));
}

void Collectors::error_but_debited(const Order& o) {
  if (counts(o)) ++errors_with_debit;
}

void Collectors::fined(const Order& o, std::int64_t cents) {
  if (counts(o)) segments[o.segment].fines_cents += cents;
}

void Collectors::seller_blocked(std::uint8_t segment) { ++segments[segment].blocked; }

void Collectors::order_ended(const Order& o, OrderState end) {
  if (counts(o)) ++ended[static_cast<int>(end)];
}

// The first change at or after the warm-up's end: the observation window starts there. Apart
// (and not inline), so that the hooks below make no call on their way and need no stack frame.
[[gnu::noinline]] void Collectors::start_float(sim::TimeWeighted& f, bool& started, sim::Time t,
                                               double value) const {
  f.advance(layout_.warmup);
  f.reset(layout_.warmup);
  started = true;
  f.update(t, value);
}

void Collectors::escrow_changed(sim::Time t, std::int64_t escrow_cents) {
  const auto v = static_cast<double>(escrow_cents);
  if (!float_started_ && t >= layout_.warmup) [[unlikely]] {
    start_float(escrow_float, float_started_, t, v);
    return;
  }
  escrow_float.update(t, v);
}

void Collectors::balance_changed(sim::Time t, std::int64_t balance_cents) {
  const auto v = static_cast<double>(balance_cents);
  if (!balance_started_ && t >= layout_.warmup) [[unlikely]] {
    start_float(balance_float, balance_started_, t, v);
    return;
  }
  balance_float.update(t, v);
}

void Collectors::day_end(sim::Time t, std::int64_t escrow_cents, std::int64_t in_flight,
                         std::int64_t balance_cents) {
  escrow_changed(t, escrow_cents);
  balance_changed(t, balance_cents);
  if (t <= layout_.warmup) {
    warmup_days.push_back({t / sim::kDay, escrow_cents, in_flight, balance_cents});
    return;
  }
  days.push_back({t / sim::kDay, escrow_cents, in_flight, balance_cents});
}

void Collectors::expect_days_until(sim::Time horizon) {
  if (horizon <= layout_.warmup) return;
  constexpr sim::Time kDrainDays = 128;  // a drain after the horizon runs about 90 days more
  const sim::Time rows = (horizon - layout_.warmup) / sim::kDay + kDrainDays;
  if (rows <= 10'000'000) days.reserve(static_cast<std::size_t>(rows));
}

Currency Collectors::channel_currency(std::size_t channel) const {
  const auto& c = layout_.channel_currencies;
  return channel < c.size() ? c[channel] : Currency::USD;
}

namespace {

template <class T, std::size_t N>
void add_all(std::array<T, N>& to, const std::array<T, N>& from) {
  for (std::size_t i = 0; i < N; ++i) to[i] += from[i];
}

template <std::size_t N>
void merge_all(std::array<Summary, N>& to, const std::array<Summary, N>& from) {
  for (std::size_t i = 0; i < N; ++i) to[i].merge(from[i]);
}

}  // namespace

void Collectors::merge(const Collectors& o) {
  if (o.channels.size() != channels.size() || o.segments.size() != segments.size() ||
      o.carriers.size() != carriers.size())
    throw std::invalid_argument("Collectors::merge: the two runs have different layouts");
  add_all(fx_position_minor, o.fx_position_minor);
  for (std::size_t i = 0; i < card_currency.size(); ++i) {
    card_currency[i].payments += o.card_currency[i].payments;
    card_currency[i].bank_conversions += o.card_currency[i].bank_conversions;
    card_currency[i].spread_minor += o.card_currency[i].spread_minor;
  }
  for (std::size_t i = 0; i < channels.size(); ++i) {
    auto& a = channels[i];
    const auto& b = o.channels[i];
    a.orders += b.orders;
    a.paid += b.paid;
    add_all(a.refused, b.refused);
    a.rerouted_away += b.rerouted_away;
    add_all(a.abandoned_after, b.abandoned_after);
    a.money.merge(b.money);
    a.usd_cards.merge(b.usd_cards);
    a.fee_seller_cents += b.fee_seller_cents;
    a.settlement_h.merge(b.settlement_h);
    merge_all(a.refund_h, b.refund_h);
  }
  for (std::size_t i = 0; i < segments.size(); ++i) {
    auto& a = segments[i];
    const auto& b = o.segments[i];
    a.orders += b.orders;
    a.disputes += b.disputes;
    a.chargebacks += b.chargebacks;
    a.chargebacks_buyer_won += b.chargebacks_buyer_won;
    a.chargebacks_seller_won += b.chargebacks_seller_won;
    a.chargeback_losses_cents += b.chargeback_losses_cents;
    a.fines_cents += b.fines_cents;
    a.blocked += b.blocked;
    a.settlement_h.merge(b.settlement_h);
  }
  for (std::size_t i = 0; i < carriers.size(); ++i) {
    carriers[i].orders += o.carriers[i].orders;
    carriers[i].settlement_h.merge(o.carriers[i].settlement_h);
  }
  add_all(ended, o.ended);
  placed += o.placed;
  abandoned += o.abandoned;
  partially_paid += o.partially_paid;
  shortfalls_paid += o.shortfalls_paid;
  to_cashier += o.to_cashier;
  reordered += o.reordered;
  baskets += o.baskets;
  basket_orders += o.basket_orders;
  baskets_paid_whole += o.baskets_paid_whole;
  baskets_split += o.baskets_split;
  add_all(disputes_opened, o.disputes_opened);
  add_all(dispute_outcomes, o.dispute_outcomes);
  disputes_escalated += o.disputes_escalated;
  dispute_refund_cents += o.dispute_refund_cents;
  dispute_duration_h.merge(o.dispute_duration_h);
  merge_all(refund_by_kind_h, o.refund_by_kind_h);
  add_all(refunded_cents, o.refunded_cents);
  chargebacks_filed += o.chargebacks_filed;
  chargebacks_buyer_won += o.chargebacks_buyer_won;
  chargebacks_seller_won += o.chargebacks_seller_won;
  double_debits += o.double_debits;
  errors_with_debit += o.errors_with_debit;
  reconcile_h.merge(o.reconcile_h);
  settlement_h.merge(o.settlement_h);
  escrow_float.merge(o.escrow_float);
  balance_float.merge(o.balance_float);
  top_ups += o.top_ups;
  top_ups_refused += o.top_ups_refused;
  top_up_cents += o.top_up_cents;
  balances_closed += o.balances_closed;
  forfeited_cents += o.forfeited_cents;
  accounts_blocked += o.accounts_blocked;
  blocked_returned_cents += o.blocked_returned_cents;
  add_days(days, o.days);
  add_days(warmup_days, o.warmup_days);
}

}  // namespace market
