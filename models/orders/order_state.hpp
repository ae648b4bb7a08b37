// The order's states. Which event may move an order from one state to which others is the
// state table of the market (models/market/state_table.hpp), the one machine that dispatch follows.
//
// The path the articles describe: placed -> awaiting payment -> paid/verifying (card check
// ~24 h, 000:205; "payment is checked", 000:183) -> awaiting shipment -> shipped (the delivery
// timer starts, 002:88) -> delivered -> confirmed (buyer protection runs 15 more days,
// 000:187) -> completed (seller paid). Side paths: cancelled before shipment (000:255,
// 003:280-282), void when a cash code expires unpaid (001:16), disputes with escalation and
// return (public-rules.md state machine), refunds, card chargebacks (002:190, 002:238).
//
// Terminal states: completed, cancelled, void, refunded, closed. Every order ends in exactly one
// of them, or is reported in flight at the horizon.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace market {

enum class OrderState : std::uint8_t {
  Placed,            // created, channel being chosen
  AwaitingPayment,   // payment started, not yet made (cash code issued, invoice open)
  PaidVerifying,     // money taken, the platform checks the payment
  AwaitingShipment,  // paid and verified; the seller prepares the parcel
  Shipped,           // parcel with the carrier; delivery timer running
  Delivered,         // carrier reports delivered; buyer has not confirmed
  Confirmed,         // buyer confirmed receipt; protection window still open
  Completed,         // escrow released to the seller (terminal)
  Cancelled,         // cancelled before shipment, money (if any) returned (terminal)
  Void,              // never paid: payment code expired or payment refused (terminal)
  DisputeOpen,       // dispute between buyer and seller
  Escalated,         // dispute escalated to the platform
  ReturnPending,     // buyer returning the goods before the refund
  Refunded,          // money (all or part) returned to the buyer; order over (terminal)
  Chargeback,        // buyer went to the card issuer; card-network clock running
  Closed,            // ended after a lost dispute or a chargeback (terminal)
  PartiallyPaid,     // a cash code bought less than the invoice (001:43); the difference is due
  kCount
};
inline constexpr int kOrderStateCount = static_cast<int>(OrderState::kCount);

std::string_view state_name(OrderState s);  // snake_case, stable for CSV
// Inline: the market asks on every state change.
constexpr bool is_terminal(OrderState s) {
  switch (s) {
    case OrderState::Completed: case OrderState::Cancelled: case OrderState::Void:
    case OrderState::Refunded: case OrderState::Closed:
      return true;
    default:
      return false;
  }
}

}  // namespace market
