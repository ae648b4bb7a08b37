// What can happen to an order (or, for Arrival and DayEnd, to the market), and how an event
// names its order: the order's pool slot in the event's target, and the slot's generation packed
// with the event kind, so that an event left over from a slot's previous order is recognised.
#pragma once

#include <cstdint>
#include <string_view>

namespace market {

enum class OrderEvent : std::uint8_t {
  Arrival,
  DayEnd,
  BuyerPays,         // the buyer's money leaves: payment posted, order paid/verifying
  CodeExpired,       // the cash code ran out unpaid (001:16)
  PaymentCredited,   // the order shows as paid; the seller may ship
  Reconciled,        // a double debit comes back to the buyer (000:135)
  BuyerCancels,      // before shipment (003:280-282)
  SellerCancels,     // stock-out (001:46)
  Shipped,
  Delivered,
  BuyerConfirms,
  ProtectionCheck,   // dispute_lead before the timer ends, parcel still missing (002:256)
  ProtectionExpiry,  // the delivery timer ran out (000:255)
  NondeliveryRefund, // the automatic refund "within three days" (000:255)
  ReleaseDue,        // protection over after confirmation (000:187)
  DisputeOpens,
  SellerResponds,
  SellerSilent,      // response window over: the buyer's proposal executes
  BuyerWithdraws,
  Escalates,
  Ruling,
  ReturnShipped,
  ReturnMissed,      // the buyer did not ship the return in time: the seller is paid
  ReturnReceived,
  RefundLands,       // a refund reaches its destination
  ChargebackFiled,
  ChargebackDecided,
  RetryPayment,      // a refused buyer tries another channel, after the buyer's own delay
  PaymentAbandoned,  // a refused buyer gives up (at the time of the refusal)
  ShortfallPaid,     // a partially paid order's difference arrives (001:43)
  ShortfallExpired,  // the code for the difference ran out unpaid: the order is cancelled
  BasketPaid,        // the checkout's one payment, made by another order of the basket, paid this one
  kCount
};
inline constexpr int kOrderEventCount = static_cast<int>(OrderEvent::kCount);

std::string_view event_name(OrderEvent e);  // snake_case, stable for messages and docs

// An event's kind is (generation << 8) | event. The generation counts the slot's users modulo
// 2^24: an event is applied only when it matches the slot's current user, so a stale event can be
// mistaken for a live one only if the slot is reused a multiple of 16,777,216 times while it waits.
inline constexpr std::uint32_t kGenerationMask = 0xFF'FFFF;
constexpr std::uint32_t event_code(OrderEvent e, std::uint32_t generation) {
  return (generation & kGenerationMask) << 8 | static_cast<std::uint32_t>(e);
}
constexpr OrderEvent event_of(std::uint32_t code) { return static_cast<OrderEvent>(code & 0xFF); }
constexpr std::uint32_t generation_of(std::uint32_t code) { return code >> 8; }

}  // namespace market
