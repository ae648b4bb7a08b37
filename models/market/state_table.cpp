#include "models/market/state_table.hpp"

#include <initializer_list>

namespace market {
namespace {

using S = OrderState;
using E = OrderEvent;

struct Builder {
  StateTable table{};
  struct Note {
    S state;
    E event;
    std::string_view why;
  };
  std::array<Note, 16> notes{};
  std::size_t note_count = 0;

  static constexpr std::uint32_t mask(std::initializer_list<S> states) {
    std::uint32_t m = 0;
    for (S s : states) m |= 1U << static_cast<int>(s);
    return m;
  }
  constexpr void handle(E e, std::initializer_list<S> in, std::initializer_list<S> next) {
    for (S s : in)
      table[static_cast<std::size_t>(s)][static_cast<std::size_t>(e)] = {RowAction::Handle, mask(next)};
  }
  constexpr void ignore(E e, std::initializer_list<S> in, std::string_view why) {
    for (S s : in) {
      table[static_cast<std::size_t>(s)][static_cast<std::size_t>(e)] = {RowAction::Ignore, 0};
      notes[note_count++] = {s, e, why};
    }
  }
};

constexpr Builder make_table() {
  Builder b;
  // Checkout (000:46-48: payment always in advance): a channel is chosen and tried; a refusal
  // without a retry voids the order.
  b.handle(E::Arrival, {S::Placed}, {S::AwaitingPayment, S::Void});
  b.handle(E::BuyerPays, {S::AwaitingPayment}, {S::PaidVerifying});
  // 000:221: the orders of one checkout paid as one payment: the basket's first order pays,
  // the others wait in AwaitingPayment and follow it (paid, retried one by one, or void).
  b.handle(E::BasketPaid, {S::AwaitingPayment}, {S::PaidVerifying});
  // A refused buyer tries again after a delay of the buyer's own, or gives up when refused.
  b.handle(E::RetryPayment, {S::AwaitingPayment}, {S::Void});
  b.handle(E::PaymentAbandoned, {S::AwaitingPayment}, {S::Void});
  // 001:16, 001:41: the code ran out; the buyer may place the order again (a new order).
  b.handle(E::CodeExpired, {S::AwaitingPayment}, {S::Void});
  // "Paid": the seller may ship; a cash code that bought less is "partially paid" (001:43):
  // the difference is paid with a new code, or the order is cancelled when that code runs out.
  b.handle(E::PaymentCredited, {S::PaidVerifying}, {S::AwaitingShipment, S::PartiallyPaid});
  b.handle(E::ShortfallPaid, {S::PartiallyPaid}, {S::AwaitingShipment});
  b.handle(E::ShortfallExpired, {S::PartiallyPaid}, {S::Cancelled});
  // A double debit comes back whatever became of the order (000:135): money, no state change.
  b.handle(E::Reconciled,
           {S::PaidVerifying, S::PartiallyPaid, S::AwaitingShipment, S::Shipped, S::Delivered, S::Confirmed,
            S::Completed, S::Cancelled, S::DisputeOpen, S::Escalated, S::ReturnPending,
            S::Refunded, S::Chargeback, S::Closed},
           {});
  // Before shipment only (003:280-282; 001:46).
  b.handle(E::BuyerCancels, {S::AwaitingShipment}, {S::Cancelled});
  b.handle(E::SellerCancels, {S::AwaitingShipment}, {S::Cancelled});
  b.handle(E::Shipped, {S::AwaitingShipment}, {S::Shipped});
  b.handle(E::Delivered, {S::Shipped}, {S::Delivered});
  b.ignore(E::Delivered, {S::Confirmed}, "confirmed early (002:98): protection is already gone");
  // The parcel arrives during a non-arrival dispute: with protection.nonarrival_always_refunded
  // the dispute ends for the seller (000:255), else it runs its course.
  b.handle(E::Delivered, {S::DisputeOpen, S::Escalated}, {S::Completed, S::Chargeback});
  b.ignore(E::Delivered, {S::Chargeback}, "the card network's case runs its course");
  // Confirmation: early (002:98, still shipped) or after delivery; with release at confirmation
  // (002:13) the seller is paid at once, and an early-confirmed lost parcel may go to the bank.
  b.handle(E::BuyerConfirms, {S::Shipped, S::Delivered},
           {S::Confirmed, S::Completed, S::Chargeback});
  b.handle(E::ProtectionCheck, {S::Shipped}, {});  // extend, dispute, or wait for the expiry
  // Delivered: auto-complete (public-rules.md); still shipped: the non-delivery refund is due.
  b.handle(E::ProtectionExpiry, {S::Shipped}, {});
  b.handle(E::ProtectionExpiry, {S::Delivered}, {S::Completed});
  b.handle(E::NondeliveryRefund, {S::Shipped}, {S::Refunded});  // 000:255
  b.handle(E::ReleaseDue, {S::Confirmed}, {S::Completed, S::Chargeback});  // 000:187
  // Disputes (public-rules.md, "Dispute state machine").
  b.handle(E::DisputeOpens, {S::Shipped, S::Delivered, S::Confirmed}, {S::DisputeOpen});
  b.handle(E::SellerResponds, {S::DisputeOpen}, {S::ReturnPending, S::Refunded});
  b.handle(E::SellerSilent, {S::DisputeOpen}, {S::ReturnPending, S::Refunded});
  b.handle(E::BuyerWithdraws, {S::DisputeOpen}, {S::Completed, S::Chargeback});
  b.handle(E::Escalates, {S::DisputeOpen}, {S::Escalated});
  b.handle(E::Ruling, {S::Escalated}, {S::ReturnPending, S::Refunded, S::Closed, S::Chargeback});
  b.handle(E::ReturnShipped, {S::ReturnPending}, {});
  b.handle(E::ReturnMissed, {S::ReturnPending}, {S::Closed, S::Chargeback});
  b.handle(E::ReturnReceived, {S::ReturnPending}, {S::Refunded});
  // A refund is issued as its order ends; it lands afterwards.
  b.handle(E::RefundLands, {S::Cancelled, S::Refunded, S::Closed}, {});
  // Card chargebacks (002:190, 002:238) on the network's clock.
  b.handle(E::ChargebackFiled, {S::Chargeback}, {});
  b.handle(E::ChargebackDecided, {S::Chargeback}, {S::Closed});
  return b;
}

constexpr Builder kBuilt = make_table();

}  // namespace

const StateTable kStateTable = kBuilt.table;

std::string_view ignore_reason(OrderState s, OrderEvent e) {
  for (std::size_t i = 0; i < kBuilt.note_count; ++i)
    if (kBuilt.notes[i].state == s && kBuilt.notes[i].event == e) return kBuilt.notes[i].why;
  return {};
}

bool is_legal_transition(OrderState from, OrderState to) {
  for (const StateRow& row : kStateTable[static_cast<std::size_t>(from)])
    if (row.action == RowAction::Handle && row.allows(to)) return true;
  return false;
}

std::string_view event_name(OrderEvent e) {
  static constexpr std::string_view kNames[kOrderEventCount] = {
      "arrival",          "day_end",          "buyer_pays",        "code_expired",
      "payment_credited", "reconciled",       "buyer_cancels",     "seller_cancels",
      "shipped",          "delivered",        "buyer_confirms",    "protection_check",
      "protection_expiry", "nondelivery_refund", "release_due",    "dispute_opens",
      "seller_responds",  "seller_silent",    "buyer_withdraws",   "escalates",
      "ruling",           "return_shipped",   "return_missed",     "return_received",
      "refund_lands",     "chargeback_filed", "chargeback_decided", "retry_payment",
      "payment_abandoned", "shortfall_paid",  "shortfall_expired",
      "basket_paid"};
  const auto i = static_cast<std::size_t>(e);
  return i < std::size(kNames) ? kNames[i] : std::string_view("?");
}

}  // namespace market
