// Every refund, whatever its cause (cancellation, non-delivery, dispute, chargeback): money
// out of escrow (or back from the seller once released) into transit, then landing where the
// refund route sends it (003:280-282, public-rules.md refund times).
#include <algorithm>

#include "models/market/market.hpp"

namespace market {

void Market::refund(Simulator& sim, Slot slot, std::int64_t cents, RefundKind kind) {
  Order& o = orders_[slot];
  const sim::Time now = sim.now();
  std::int64_t from_escrow = 0;
  if (o.held) {
    const std::int64_t held = ledger_.held(o.hold).minor();
    from_escrow = std::min(cents, held);
    if (from_escrow == held) {
      ledger_.release(now, o.hold, Account::RefundsInTransit);
      o.held = false;
    } else if (from_escrow > 0) {
      ledger_.release_part(now, o.hold, Account::RefundsInTransit, Money(from_escrow, Currency::USD));
    }
    collect_.escrow_changed(now, ledger_.balance(Account::Escrow, Currency::USD).minor());
  }
  // Already released (release at confirmation, or a chargeback): the seller pays it back.
  if (cents > from_escrow)
    ledger_.post({now, Account::SellerPayable, Account::RefundsInTransit,
                  Money(cents - from_escrow, Currency::USD), PostingKind::Refund, o.id});
  // ASSUMPTION: a blocked account takes no refunds; they go where the buyer paid from.
  const bool blocked = buyers_[o.buyer].status == AccountStatus::Blocked;
  const RefundRoute chosen = o.refund_to_balance && !blocked ? RefundRoute::PlatformBalance
                                                             : RefundRoute::OriginalMethod;
  sim::Rng rng = stream(o, Draw::RefundRoute, static_cast<std::uint32_t>(kind));
  const RefundDestination dest =
      resolve_refund(p_.channels[o.channel], p_.channels[balance_channel_], chosen, rng);
  // 000:255 read literally: the buyer has the money within the three days.
  const sim::Time latency =
      kind == RefundKind::Nondelivery && p_.protection.nondelivery_refund_lands ? 0 : dest.latency;
  if (o.refund == RefundPool::kNone) o.refund = refunds_.acquire();
  refunds_[o.refund] = {cents, now, dest.account, kind, dest.route};
  ++o.money_events;
  schedule(sim, now + latency, OrderEvent::RefundLands, slot);
  if (is_terminal(o.state)) finish(sim, slot);
}

void Market::on_refund_lands(Simulator& sim, Slot slot) {
  Order& o = orders_[slot];
  const PendingRefund& r = refunds_[o.refund];
  ledger_.post({sim.now(), Account::RefundsInTransit, r.account, Money(r.cents, Currency::USD),
                PostingKind::Refund, o.id});
  if (r.account == Account::BuyerPlatformBalance) {
    // 003:280-282: refunded to the balance, spent on later orders. ASSUMPTION: a refund that
    // reaches a closed account reopens it.
    add_to_balance(kPlatform, o.buyer, r.cents);
    if (buyers_[o.buyer].status == AccountStatus::Closed) {
      buyers_.reopen(o.buyer);
      buyers_.used(o.buyer, static_cast<std::int32_t>(sim.now() / sim::kDay));
    }
  }
  collect_.refund_landed(o, r.kind, r.route, r.requested, sim.now(), r.cents);
  --o.money_events;
  if (is_terminal(o.state)) finish(sim, slot);
}

}  // namespace market
