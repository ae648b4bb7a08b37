// Disputes and returns (public-rules.md, "Dispute state machine"; 000:255, 002:88-100,
// 003:280 in the articles): opening, the seller's answer, escalation, the ruling, the return.
#include <algorithm>
#include <cmath>

#include "models/market/market.hpp"

namespace market {
namespace {

std::int64_t fraction_of(std::int64_t cents, double f) {
  return std::clamp<std::int64_t>(std::llround(static_cast<double>(cents) * f), 1, cents);
}

}  // namespace

void Market::open_dispute(Simulator& sim, Slot slot, DisputeReason reason, sim::Time at) {
  Order& o = orders_[slot];
  o.reason = reason;
  set_timer(sim, o, at, OrderEvent::DisputeOpens, slot);
}

void Market::on_dispute_opens(Simulator& sim, Slot slot) {
  Order& o = orders_[slot];
  count_dispute(o.buyer, sim.now());
  sim::Rng buyer = stream(o, Draw::DisputeOpens);
  sim::Rng& seller = buyer;
  o.timer = {};
  const sim::Time now = sim.now();
  const DisputeParams& d = p_.disputes;
  move(o, OrderState::DisputeOpen);
  o.dispute_opened_at = now;
  collect_.dispute_opened(o);

  // The buyer's proposal: a missing parcel asks for everything; a bad item may ask for part
  // and keep it (003:280), or everything, possibly against a return.
  const std::int64_t held = o.held ? ledger_.held(o.hold).minor() : o.amount_cents;
  o.partial = o.reason != DisputeReason::NotReceived &&
              sim::bernoulli(buyer, d.buyer_proposes_partial);
  o.refund_cents = o.partial ? fraction_of(held, sim::sample(d.partial_fraction, buyer)) : held;
  o.needs_return = o.reason != DisputeReason::NotReceived && !o.partial &&
                   sim::bernoulli(buyer, d.return_required);

  // 000:255, 002:256: over a parcel that never came, the buyer does not give up the money.
  if (sim::bernoulli(buyer, d.buyer_withdraws) && !refund_guaranteed(o)) {
    const auto at = static_cast<sim::Time>(buyer.uniform01() *
                                           static_cast<double>(d.seller_response_window));
    return set_timer(sim, o, now + at, OrderEvent::BuyerWithdraws, slot);
  }
  const SellerSegmentParams& seg = p_.sellers[o.segment];
  const double u = seller.uniform01();
  const auto response = u < seg.accepts                              ? SellerResponse::Accept
                        : u < seg.accepts + seg.rejects               ? SellerResponse::Reject
                        : u < seg.accepts + seg.rejects + seg.counters ? SellerResponse::Counter
                                                                       : SellerResponse::Silent;
  o.response = static_cast<std::uint8_t>(response);
  if (response == SellerResponse::Silent)
    return set_timer(sim, o, now + d.seller_response_window, OrderEvent::SellerSilent, slot);
  const sim::Time after = std::min(draw(d.seller_response_delay, seller), d.seller_response_window);
  set_timer(sim, o, now + after, OrderEvent::SellerResponds, slot);
}

void Market::on_seller_responds(Simulator& sim, Slot slot) {
  Order& o = orders_[slot];
  sim::Rng rng = stream(o, Draw::SellerAnswer);
  o.timer = {};
  const sim::Time now = sim.now();
  const DisputeParams& d = p_.disputes;
  switch (static_cast<SellerResponse>(o.response)) {
    case SellerResponse::Accept:
      if (o.needs_return) return on_return_agreed(sim, slot);
      return settle_dispute(sim, slot,
                            o.partial ? DisputeOutcome::BuyerWonPartial : DisputeOutcome::BuyerWonFull,
                            o.refund_cents);
    case SellerResponse::Counter:
      if (sim::bernoulli(rng, d.buyer_accepts_counter) && !refund_guaranteed(o)) {
        const std::int64_t offer =
            fraction_of(o.amount_cents, sim::sample(d.partial_fraction, rng));
        return settle_dispute(sim, slot, DisputeOutcome::BuyerWonPartial,
                              std::min(offer, o.refund_cents));
      }
      break;
    case SellerResponse::Reject:
    case SellerResponse::Silent:
      break;
  }
  // No agreement: the buyer escalates, or the platform steps in automatically.
  const sim::Time by_buyer = now + draw(d.buyer_escalation_delay, rng);
  const sim::Time automatic = o.dispute_opened_at + d.auto_escalate_after;
  set_timer(sim, o, std::min(by_buyer, std::max(automatic, now)), OrderEvent::Escalates, slot);
}

void Market::on_seller_silent(Simulator& sim, Slot slot) {
  // public-rules.md (newer rules): no answer in 5 days -> the buyer's proposal executes.
  Order& o = orders_[slot];
  o.timer = {};
  if (o.needs_return) return on_return_agreed(sim, slot);
  settle_dispute(sim, slot, DisputeOutcome::TimedOut, o.refund_cents);
}

void Market::on_buyer_withdraws(Simulator& sim, Slot slot) {
  Order& o = orders_[slot];
  o.timer = {};
  collect_.dispute_closed(o, DisputeOutcome::Withdrawn, 0, sim.now());
  release_to_seller(sim, slot, OrderState::Completed);
}

void Market::on_escalates(Simulator& sim, Slot slot) {
  Order& o = orders_[slot];
  sim::Rng rng = stream(o, Draw::Escalation);
  o.timer = {};
  move(o, OrderState::Escalated);
  o.escalated = true;
  collect_.dispute_escalated(o);
  set_timer(sim, o, sim.now() + draw(p_.disputes.ruling_delay, rng), OrderEvent::Ruling,
            slot);
}

void Market::on_ruling(Simulator& sim, Slot slot) {
  Order& o = orders_[slot];
  sim::Rng rng = stream(o, Draw::Ruling);
  o.timer = {};
  const DisputeParams& d = p_.disputes;
  double full = d.ruling_buyer_full_not_received, partial = 0;
  if (o.reason == DisputeReason::NotAsDescribed) {
    full = d.ruling_buyer_full_not_as_described;
    partial = d.ruling_buyer_partial_not_as_described;
  } else if (o.reason == DisputeReason::Defective) {
    full = d.ruling_buyer_full_defective;
    partial = d.ruling_buyer_partial_defective;
  }
  const double u = rng.uniform01();
  if (u < full || refund_guaranteed(o)) {
    o.refund_cents = o.held ? ledger_.held(o.hold).minor() : o.amount_cents;
    o.partial = false;
    if (o.needs_return) return on_return_agreed(sim, slot);
    return settle_dispute(sim, slot, DisputeOutcome::BuyerWonFull, o.refund_cents);
  }
  if (u < full + partial) {
    const std::int64_t part = fraction_of(o.amount_cents, sim::sample(d.partial_fraction, rng));
    return settle_dispute(sim, slot, DisputeOutcome::BuyerWonPartial, part);
  }
  collect_.dispute_closed(o, DisputeOutcome::SellerWon, 0, sim.now());
  release_to_seller_after_dispute(sim, slot);
}

void Market::on_return_agreed(Simulator& sim, Slot slot) {
  // public-rules.md: the buyer must ship the return within 10 days, else the seller is paid.
  Order& o = orders_[slot];
  sim::Rng rng = stream(o, Draw::Return);
  const sim::Time now = sim.now();
  const DisputeParams& d = p_.disputes;
  move(o, OrderState::ReturnPending);
  const sim::Time ship = draw(d.return_ship_delay, rng);
  if (ship > d.return_ship_deadline)
    return set_timer(sim, o, now + d.return_ship_deadline, OrderEvent::ReturnMissed, slot);
  set_timer(sim, o, now + ship, OrderEvent::ReturnShipped, slot);
}

void Market::on_return_shipped(Simulator& sim, Slot slot) {
  Order& o = orders_[slot];
  sim::Rng rng = stream(o, Draw::Return, 1);
  // Returns happen only for bad goods here, whose postage is the seller's (public-rules.md).
  ledger_.post({sim.now(), Account::SellerPayable, Account::External, p_.disputes.return_postage,
                PostingKind::ReturnPostage, o.id});
  set_timer(sim, o, sim.now() + draw(p_.disputes.return_transit, rng),
            OrderEvent::ReturnReceived, slot);
}

void Market::on_return_missed(Simulator& sim, Slot slot) {
  Order& o = orders_[slot];
  o.timer = {};
  collect_.dispute_closed(o, DisputeOutcome::SellerWon, 0, sim.now());
  release_to_seller(sim, slot, OrderState::Closed);
}

void Market::on_return_received(Simulator& sim, Slot slot) {
  Order& o = orders_[slot];
  o.timer = {};
  settle_dispute(sim, slot, DisputeOutcome::BuyerWonFull, o.refund_cents);
}

void Market::settle_dispute(Simulator& sim, Slot slot, DisputeOutcome outcome,
                            std::int64_t refund_cents) {
  Order& o = orders_[slot];
  const sim::Time now = sim.now();
  collect_.dispute_closed(o, outcome, refund_cents, now);
  refund(sim, slot, refund_cents, RefundKind::Dispute);
  // What is not refunded goes to the seller (a partial refund keeps the sale).
  if (o.held) pay_seller(slot, now);
  move(o, OrderState::Refunded);
  finish(sim, slot);
}

void Market::release_to_seller_after_dispute(Simulator& sim, Slot slot) {
  pay_seller(slot, sim.now());
  maybe_chargeback(sim, slot, true, OrderState::Closed);
}

}  // namespace market
