// Paid to delivered: cancellation before shipment, shipping, delivery and the buyer's
// confirmation (000:187, 002:88, 002:98, 001:46, 003:280-282).
#include <algorithm>

#include "models/market/market.hpp"

namespace market {

void Market::on_buyer_cancels(Simulator& sim, Slot slot) {
  // 000:255, 003:280-282: before shipping the seller cancels on request; refund next day.
  Order& o = orders_[slot];
  o.timer = {};
  move(o, OrderState::Cancelled);
  refund(sim, slot, ledger_.held(o.hold).minor(), RefundKind::BuyerCancel);
}

void Market::on_seller_cancels(Simulator& sim, Slot slot) {
  // 001:46: cancelled for lack of stock; the money comes back (cash orders: to the phone).
  Order& o = orders_[slot];
  o.timer = {};
  move(o, OrderState::Cancelled);
  refund(sim, slot, ledger_.held(o.hold).minor(), RefundKind::StockOut);
}

void Market::on_shipped(Simulator& sim, Slot slot) {
  Order& o = orders_[slot];
  o.timer = {};
  const sim::Time now = sim.now();
  const SellerSegmentParams& seg = p_.sellers[o.segment];
  const CarrierParams& carrier = p_.carriers[o.carrier];
  const RouteParams& route = p_.routes[o.route];
  move(o, OrderState::Shipped);
  sim::Rng seller = stream(o, Draw::Shipment);
  sim::Rng& shipping = seller;
  sim::Rng& buyer = seller;

  // The parcel's fate first: orders of one basket and seller share one parcel (000:221), whose
  // tracking, loss and transit are drawn from its first order's stream.
  sim::Rng shared = o.parcel ? parcel_stream(o, Draw::Shipment) : sim::Rng(0);
  sim::Rng& parcel = o.parcel ? shared : shipping;
  o.tracked = sim::bernoulli(parcel, carrier.tracked);
  const bool parcel_lost = sim::bernoulli(parcel, carrier.loss);
  const auto transit = static_cast<sim::Time>(
      static_cast<double>(draw(carrier.transit, parcel)) * route.transit_factor);
  // What the order holds is the seller's doing (002:78 fraud, 002:97 defects).
  const double u = seller.uniform01();
  if (u < seg.ships_nothing) o.problem = Problem::NothingShipped;
  else if (u < seg.ships_nothing + seg.not_as_described) o.problem = Problem::NotAsDescribed;
  else if (u < seg.ships_nothing + seg.not_as_described + seg.defective) o.problem = Problem::Defective;
  o.lost = o.problem == Problem::NothingShipped || parcel_lost;

  // 000:255: the timer is the seller's promised time, at most the cap (60 days by default).
  const sim::Time cap = route.delivery_timer_cap > 0 ? route.delivery_timer_cap
                                                     : p_.protection.max_delivery_timer;
  o.timer_end = now + std::min(draw(seg.promised_delivery, shipping), cap);
  if (!o.lost)
    o.delivery = sim.schedule_at(now + transit, event_code(OrderEvent::Delivered, generations_[slot]), slot);

  // 002:98: some buyers confirm before the parcel arrives, pressed by the seller.
  if (sim::bernoulli(buyer, p_.buyers.early_confirmation)) {
    o.early_confirmed = true;
    const auto before = static_cast<sim::Time>(buyer.uniform01() *
                                               static_cast<double>(std::max<sim::Time>(transit, 1)));
    return set_timer(sim, o, now + before, OrderEvent::BuyerConfirms, slot);
  }
  // A parcel that arrives before the check finds it still pending, and on_delivered replaces it
  // (in state shipped it always sets the next timer): such a check is not queued at all. Every
  // other event keeps its place in (time, sequence) order, so the run is the same, with one push
  // and one cancellation fewer for most orders.
  const sim::Time check_at = std::max(now, o.timer_end - p_.protection.dispute_lead);
  if (!o.lost && now + transit < check_at) return;
  set_timer(sim, o, check_at, OrderEvent::ProtectionCheck, slot);
}

void Market::on_delivered(Simulator& sim, Slot slot) {
  Order& o = orders_[slot];
  const sim::Time now = sim.now();
  o.delivery = {};
  if (o.state == OrderState::DisputeOpen || o.state == OrderState::Escalated) {
    // The parcel came during a non-arrival dispute: with the refund guaranteed (000:255), the
    // dispute ends and the seller is paid; otherwise the dispute runs its course.
    if (!refund_guaranteed(o)) return;
    clear_timer(sim, o);
    collect_.dispute_closed(o, DisputeOutcome::Withdrawn, 0, now);
    return release_to_seller(sim, slot, OrderState::Completed);
  }
  sim::Rng buyer = stream(o, Draw::Delivery);
  move(o, OrderState::Delivered);
  // public-rules.md: delivered by tracking cuts the countdown (off in the articles' profile).
  if (o.tracked && p_.protection.delivered_countdown > 0)
    o.timer_end = std::min(o.timer_end, now + p_.protection.delivered_countdown);
  if (o.problem == Problem::NotAsDescribed || o.problem == Problem::Defective) {
    // 002:97: a defective item is not confirmed; the buyer opens a dispute at once.
    const auto reason = o.problem == Problem::Defective ? DisputeReason::Defective
                                                        : DisputeReason::NotAsDescribed;
    return open_dispute(sim, slot, reason, now + draw(p_.buyers.dispute_open_delay, buyer));
  }
  if (!sim::bernoulli(buyer, p_.buyers.never_confirms)) {
    const sim::Time at = now + draw(p_.buyers.confirm_delay, buyer);
    if (at < o.timer_end) return set_timer(sim, o, at, OrderEvent::BuyerConfirms, slot);
  }
  // A parcel delivered after the timer ran out (the non-delivery refund still pending, 000:255)
  // finds the countdown over: the expiry is now.
  set_timer(sim, o, std::max(now, o.timer_end), OrderEvent::ProtectionExpiry, slot);
}

void Market::on_buyer_confirms(Simulator& sim, Slot slot) {
  Order& o = orders_[slot];
  o.timer = {};
  const sim::Time now = sim.now();
  move(o, OrderState::Confirmed);
  if (p_.protection.release_at_confirmation) {
    // 002:13: the money goes to the seller on confirmation (a scenario switch).
    release_to_seller(sim, slot, OrderState::Completed);
    return;
  }
  // 000:187: held 15 more days; a problem found in that window may still be disputed.
  const sim::Time release_at = now + p_.protection.release_after_confirmation;
  sim::Rng buyer = stream(o, Draw::Confirmation);
  if (!o.early_confirmed && sim::bernoulli(buyer, p_.buyers.late_problem)) {
    const auto within = static_cast<sim::Time>(
        buyer.uniform01() *
        static_cast<double>(std::min(p_.protection.post_confirmation_dispute_window,
                                     p_.protection.release_after_confirmation)));
    o.reason = DisputeReason::Defective;
    return set_timer(sim, o, now + within, OrderEvent::DisputeOpens, slot);
  }
  set_timer(sim, o, release_at, OrderEvent::ReleaseDue, slot);
}

}  // namespace market
