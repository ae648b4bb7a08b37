// Buyer protection and escrow: the delivery timer and its extension (000:255, 002:98,
// 002:256), the automatic non-delivery refund and the seller's fine (000:255), and the release of
// escrow to the seller when protection ends (000:187).
#include <algorithm>

#include "models/market/market.hpp"

namespace market {

void Market::on_protection_check(Simulator& sim, Slot slot) {
  Order& o = orders_[slot];
  o.timer = {};
  sim::Rng seller = stream(o, Draw::ProtectionCheck, o.extended);
  sim::Rng& buyer = seller;
  // 002:98: the right response to a delayed parcel is the seller extending protection.
  if (!o.extended && sim::bernoulli(seller, p_.sellers[o.segment].extends_protection)) {
    o.extended = true;
    o.timer_end += p_.protection.extension;
    return set_timer(sim, o, o.timer_end - p_.protection.dispute_lead, OrderEvent::ProtectionCheck,
                     slot);
  }
  // 002:256: open a non-arrival dispute at least 3 days before the timer ends.
  if (sim::bernoulli(buyer, p_.buyers.disputes_nonarrival))
    return open_dispute(sim, slot, DisputeReason::NotReceived, sim.now());
  set_timer(sim, o, o.timer_end, OrderEvent::ProtectionExpiry, slot);
}

void Market::on_protection_expiry(Simulator& sim, Slot slot) {
  Order& o = orders_[slot];
  o.timer = {};
  if (o.state == OrderState::Delivered) {
    // public-rules.md: the countdown ran out after delivery: auto-complete, seller paid.
    return release_to_seller(sim, slot, OrderState::Completed);
  }
  // 000:255: not delivered within the guarantee: refunded within three days; the seller fined.
  sim::Rng rng = stream(o, Draw::NondeliveryDelay);
  set_timer(sim, o, sim.now() + draw(p_.protection.nondelivery_refund_delay, rng),
            OrderEvent::NondeliveryRefund, slot);
}

void Market::on_nondelivery_refund(Simulator& sim, Slot slot) {
  Order& o = orders_[slot];
  o.timer = {};
  const SellerSegmentParams& seg = p_.sellers[o.segment];
  // A fine stated in another currency is charged in dollars at the day's rate (fx.hpp).
  const Money fine = post_usd_charge(ledger_, fx_, sim.now(), Account::SellerPayable, Account::Fines,
                                     seg.nondelivery_fine, PostingKind::Fine, o.id);
  collect_.fined(o, fine.minor());
  auto& count = nondeliveries_[o.segment][o.seller];
  if (++count >= seg.block_after_nondeliveries) {
    count = 0;  // blocked (000:255); a new seller takes the place
    collect_.seller_blocked(o.segment);
  }
  move(o, OrderState::Refunded);
  refund(sim, slot, ledger_.held(o.hold).minor(), RefundKind::Nondelivery);
}

void Market::on_release_due(Simulator& sim, Slot slot) {
  Order& o = orders_[slot];
  o.timer = {};
  release_to_seller(sim, slot, OrderState::Completed);
}

void Market::pay_seller(Slot slot, sim::Time now) {
  Order& o = orders_[slot];
  if (o.held) {
    ledger_.release(now, o.hold, Account::SellerPayable);
    o.held = false;
    collect_.escrow_changed(now, ledger_.balance(Account::Escrow, Currency::USD).minor());
  }
  collect_.seller_paid(o, now);
}

void Market::release_to_seller(Simulator& sim, Slot slot, OrderState end) {
  Order& o = orders_[slot];
  pay_seller(slot, sim.now());
  // 002:98: confirmed early and the parcel never came: protection is gone; a card buyer can
  // still go to the bank (002:238).
  if (o.early_confirmed && o.lost) return maybe_chargeback(sim, slot, false, end);
  move(o, end);
  finish(sim, slot);
}

}  // namespace market
