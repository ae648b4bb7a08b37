#include "models/collectors.hpp"

#include <utility>

namespace market {
namespace {

// Latencies in hours from one minute to about 114 years; amounts up to the same magnitude.
constexpr double kAccuracy = 0.01;
constexpr double kMinHours = 1.0 / 60.0;
constexpr double kMaxHours = 1e6;

double hours_between(sim::Time from, sim::Time to) { return sim::to_hours(to - from); }

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

Summary::Summary() : histogram(kAccuracy, kMinHours, kMaxHours) {}

Collectors::Collectors(CollectorLayout layout)
    : channels(layout.channels.size()),
      segments(layout.segments.size()),
      carriers(layout.carriers.size()),
      escrow_float(0, 0),
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

void Collectors::order_abandoned(const Order& o) {
  if (counts(o)) ++abandoned;
}

void Collectors::payment_accepted(const Order& o, const PaymentOutcome& out) {
  if (!counts(o)) return;
  auto& c = channels[o.channel];
  ++c.paid;
  if (out.fee_payer == FeePayer::Buyer) c.fee_buyer_minor += out.channel_fee.minor();
  c.fee_seller_cents += out.seller_fee_usd.minor();
  c.bank_fee_minor += out.bank_fee.minor();
  c.spread_minor += out.spread.minor();
  c.principal_minor += out.principal.minor();
  if (out.partially_paid) ++partially_paid;
  if (out.error_but_debited) ++errors_with_debit;
}

void Collectors::seller_paid(const Order& o, sim::Time now) {
  if (!counts(o)) return;
  const double h = hours_between(o.placed_at, now);
  const double at = settlement_h.histogram.position(h);
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
                               sim::Time requested, sim::Time now, std::int64_t /*cents*/) {
  if (!counts(o)) return;
  const double h = hours_between(requested, now);
  refund_by_kind_h[static_cast<int>(kind)].add(h);
  channels[o.channel].refund_h[static_cast<int>(route)].add(h);
}

void Collectors::chargeback_filed(const Order& o) {
  if (!counts(o)) return;
  ++chargebacks_filed;
  ++segments[o.segment].chargebacks;
}

void Collectors::chargeback_decided(const Order& o, bool buyer_won, std::int64_t loss_cents) {
  if (!counts(o)) return;
  ++(buyer_won ? chargebacks_buyer_won : chargebacks_seller_won);
  segments[o.segment].chargeback_losses_cents += loss_cents;
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

void Collectors::escrow_changed(sim::Time t, std::int64_t escrow_cents) {
  const auto v = static_cast<double>(escrow_cents);
  if (!float_started_ && t >= layout_.warmup) {
    escrow_float.advance(layout_.warmup);
    escrow_float.reset(layout_.warmup);
    float_started_ = true;
  }
  escrow_float.update(t, v);
}

void Collectors::day_end(sim::Time t, std::int64_t escrow_cents, std::int64_t in_flight) {
  escrow_changed(t, escrow_cents);
  if (t <= layout_.warmup) return;
  days.push_back({t / sim::kDay, escrow_cents, in_flight});
}

}  // namespace market
