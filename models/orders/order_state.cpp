#include "models/orders/order_state.hpp"

#include <cstdio>
#include <cstdlib>
#include <initializer_list>

namespace market {
namespace {

using S = OrderState;
constexpr int N = kOrderStateCount;

struct Table {
  bool allowed[N][N] = {};
  constexpr void allow(S from, std::initializer_list<S> tos) {
    for (S to : tos) allowed[static_cast<int>(from)][static_cast<int>(to)] = true;
  }
};

constexpr Table make_table() {
  Table t;
  t.allow(S::Placed, {S::AwaitingPayment, S::Void});
  // A cash code can expire (void) or be paid; a refused payment voids the order.
  t.allow(S::AwaitingPayment, {S::PaidVerifying, S::Void, S::Cancelled});
  // Verification fails -> the order is closed and refunded (public-rules: card check).
  t.allow(S::PaidVerifying, {S::AwaitingShipment, S::Refunded, S::Cancelled});
  // Seller ships; or cancels (stock-out 001:46, buyer request 003:280-282, missed deadline).
  t.allow(S::AwaitingShipment, {S::Shipped, S::Cancelled});
  t.allow(S::Shipped, {S::Delivered, S::Confirmed, S::DisputeOpen, S::Completed, S::Refunded,
                       S::Chargeback});
  t.allow(S::Delivered, {S::Confirmed, S::DisputeOpen, S::Completed, S::Chargeback});
  t.allow(S::Confirmed, {S::Completed, S::DisputeOpen, S::Chargeback});
  t.allow(S::DisputeOpen, {S::Escalated, S::ReturnPending, S::Refunded, S::Completed,
                           S::Closed, S::Chargeback});
  t.allow(S::Escalated, {S::ReturnPending, S::Refunded, S::Closed, S::Completed, S::Chargeback});
  t.allow(S::ReturnPending, {S::Refunded, S::Closed, S::Completed});
  t.allow(S::Chargeback, {S::Closed});
  return t;
}

constexpr Table kTable = make_table();

constexpr std::string_view kNames[N] = {
    "placed",    "awaiting_payment", "paid_verifying", "awaiting_shipment",
    "shipped",   "delivered",        "confirmed",      "completed",
    "cancelled", "void",             "dispute_open",   "escalated",
    "return_pending", "refunded",    "chargeback",     "closed"};

}  // namespace

std::string_view state_name(OrderState s) { return kNames[static_cast<int>(s)]; }


bool is_legal_transition(OrderState from, OrderState to) {
  return kTable.allowed[static_cast<int>(from)][static_cast<int>(to)];
}

OrderState TransitionGuard::apply(OrderState from, OrderState to) {
  if (is_legal_transition(from, to)) return to;
#ifndef NDEBUG
  std::fprintf(stderr, "illegal order transition %s -> %s\n", state_name(from).data(),
               state_name(to).data());
  std::abort();
#else
  ++illegal;
  return from;
#endif
}

}  // namespace market
