// Checkout to "paid": channel choice, refusals and rerouting, the buyer's payment, faults.
#include <cmath>

#include "models/market/market.hpp"

namespace market {

void Market::try_payment(Simulator& sim, Slot slot) {
  Order& o = orders_[slot];
  const ChannelParams& ch = p_.channels[o.channel];
  ++o.attempts;
  if (o.state == OrderState::Placed) move(o, OrderState::AwaitingPayment);

  PaymentRequest req;
  req.invoice = Money(o.amount_cents, Currency::USD);
  req.at = sim.now();
  // The buyer holds enough in the channel's currency; running short is the channel's
  // insufficient-funds fault (000:98, 000:131), drawn by the engine.
  req.buyer.funds = Money(INT64_MAX / 4, ch.currency.value);
  req.buyer.platform_balance = req.invoice;
  req.buyer.balance_verified = sim::bernoulli(rng_.buyer, p_.buyers.balance_verified);
  req.buyer.in_app = sim::bernoulli(rng_.buyer, p_.buyers.uses_app);
  req.buyer.country = route_country_[o.route];
  req.buyer.pays_at_terminal = sim::bernoulli(rng_.buyer, p_.buyers.cash_at_terminal);
  req.buyer.social_or_salary_card = sim::bernoulli(rng_.buyer, p_.buyers.social_salary_card);

  PaymentOutcome out = attempt_payment(ch, req, rng_.payment, fx_, calendar_);
  if (out.refusal == Refusal::CodeExpired) {
    collect_.payment_refused(o, out.refusal, false);
    schedule(sim, out.void_at, OrderEvent::CodeExpired, slot);
    return;
  }
  if (!out.accepted()) {
    const bool retry = o.attempts < p_.buyers.max_payment_attempts &&
                       sim::bernoulli(rng_.buyer, p_.buyers.retry_after_refusal);
    collect_.payment_refused(o, out.refusal, retry);
    if (!retry) {
      collect_.order_abandoned(o, out.refusal);
      move(o, OrderState::Void);
      return finish(sim, slot);
    }
    // Another channel by the same shares; a few draws to avoid the one that refused.
    const std::uint8_t refused = o.channel;
    const ChannelPick& pick = channel_pick_[o.route];
    for (int i = 0; i < 8 && o.channel == refused; ++i)
      o.channel = pick.channel_of[pick.table.sample(rng_.buyer)];
    return try_payment(sim, slot);
  }
  o.payment = payments_.acquire(out);
  schedule(sim, out.debited_at, OrderEvent::BuyerPays, slot);
}

void Market::on_buyer_pays(Simulator& sim, Slot slot) {
  Order& o = orders_[slot];
  const ChannelParams& ch = p_.channels[o.channel];
  const PaymentOutcome& out = payments_[o.payment];
  o.hold = post_payment(ledger_, ch, out, o.id);
  o.held = true;
  collect_.escrow_changed(sim.now(), ledger_.balance(Account::Escrow, Currency::USD).minor());
  collect_.payment_accepted(o, out);
  move(o, OrderState::PaidVerifying);
  o.underpaid = out.partially_paid;
  schedule(sim, out.paid_at, OrderEvent::PaymentCredited, slot);
  if (out.double_debit) {
    // The record stays until the extra debit is returned (it may come before "paid").
    ++o.money_events;
    collect_.double_debit(o, out.debited_at, out.reconciled_at);
    schedule(sim, out.reconciled_at, OrderEvent::Reconciled, slot);
  } else {
    release_payment_record(o);
  }
}

void Market::on_code_expired(Simulator& sim, Slot slot) {
  // 001:16, 001:41: the code is valid 48 hours; unpaid, the order must be placed again.
  move(orders_[slot], OrderState::Void);
  finish(sim, slot);
}

void Market::on_reconciled(Simulator& sim, Slot slot) {
  Order& o = orders_[slot];
  post_reconciliation(ledger_, p_.channels[o.channel], payments_[o.payment], o.id);
  release_payment_record(o);
  --o.money_events;
  if (is_terminal(o.state)) finish(sim, slot);
}

void Market::on_payment_credited(Simulator& sim, Slot slot) {
  Order& o = orders_[slot];
  move(o, OrderState::AwaitingShipment);
  if (o.underpaid) {
    // 001:43: the price rose while the cash transfer went through: "partially paid".
    // ASSUMPTION: the order is cancelled and what arrived is refunded (to the phone, 001:46).
    move(o, OrderState::Cancelled);
    return refund(sim, slot, ledger_.held(o.hold).minor(), RefundKind::Underpaid);
  }
  const SellerSegmentParams& seg = p_.sellers[o.segment];
  const sim::Time now = sim.now();
  const sim::Time handling = draw(seg.handling, rng_.seller);
  sim::Time cancel_at = sim::kNever;
  OrderEvent cancel_kind = OrderEvent::BuyerCancels;
  if (sim::bernoulli(rng_.buyer, p_.buyers.cancel_before_shipment))
    cancel_at = now + draw(p_.buyers.cancel_delay, rng_.buyer);
  if (sim::bernoulli(rng_.seller, seg.stock_out)) {
    const sim::Time stock_at = now + static_cast<sim::Time>(rng_.seller.uniform01() *
                                                            static_cast<double>(handling));
    if (stock_at < cancel_at) {
      cancel_at = stock_at;
      cancel_kind = OrderEvent::SellerCancels;
    }
  }
  if (cancel_at < now + handling) return set_timer(sim, o, cancel_at, cancel_kind, slot);
  set_timer(sim, o, now + handling, OrderEvent::Shipped, slot);
}

void Market::release_payment_record(Order& o) {
  if (o.payment == PaymentPool::kNone) return;
  payments_.release(o.payment);
  o.payment = PaymentPool::kNone;
}

void Market::release_refund_record(Order& o) {
  if (o.refund == RefundPool::kNone) return;
  refunds_.release(o.refund);
  o.refund = RefundPool::kNone;
}

}  // namespace market
