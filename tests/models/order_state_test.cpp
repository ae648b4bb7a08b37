#include "models/orders/order_state.hpp"

#include <vector>

#include <catch2/catch.hpp>

using market::OrderState;
using S = market::OrderState;

namespace {
std::vector<S> all_states() {
  std::vector<S> v;
  for (int i = 0; i < market::kOrderStateCount; ++i) v.push_back(static_cast<S>(i));
  return v;
}
}  // namespace

TEST_CASE("terminal states have no way out", "[order_state]") {
  for (S from : all_states()) {
    if (!market::is_terminal(from)) continue;
    for (S to : all_states()) {
      INFO(market::state_name(from) << " -> " << market::state_name(to));
      CHECK_FALSE(market::is_legal_transition(from, to));
    }
  }
}

TEST_CASE("every state can reach a terminal state", "[order_state]") {
  // Fixed-point reachability over the transition table.
  std::vector<bool> ends(market::kOrderStateCount, false);
  for (S s : all_states()) ends[static_cast<int>(s)] = market::is_terminal(s);
  for (bool changed = true; changed;) {
    changed = false;
    for (S from : all_states())
      for (S to : all_states())
        if (!ends[static_cast<int>(from)] && ends[static_cast<int>(to)] &&
            market::is_legal_transition(from, to)) {
          ends[static_cast<int>(from)] = true;
          changed = true;
        }
  }
  for (S s : all_states()) {
    INFO(market::state_name(s));
    CHECK(ends[static_cast<int>(s)]);
  }
}

TEST_CASE("the documented path is legal and shortcuts are not", "[order_state]") {
  const S path[] = {S::Placed,  S::AwaitingPayment, S::PaidVerifying, S::AwaitingShipment,
                    S::Shipped, S::Delivered,       S::Confirmed,     S::Completed};
  for (std::size_t i = 0; i + 1 < std::size(path); ++i)
    CHECK(market::is_legal_transition(path[i], path[i + 1]));
  // Payment is always in advance (000:46-48): no shipping before payment.
  CHECK_FALSE(market::is_legal_transition(S::Placed, S::Shipped));
  CHECK_FALSE(market::is_legal_transition(S::AwaitingPayment, S::AwaitingShipment));
  // Protection does not cover a change of mind after shipping (003:280-282): no cancel.
  CHECK_FALSE(market::is_legal_transition(S::Shipped, S::Cancelled));
  // Only card chargebacks end in closed after the network's clock.
  CHECK(market::is_legal_transition(S::Chargeback, S::Closed));
  CHECK_FALSE(market::is_legal_transition(S::Chargeback, S::Completed));
}

TEST_CASE("state names are unique snake_case", "[order_state]") {
  CHECK(market::state_name(S::AwaitingShipment) == "awaiting_shipment");
  CHECK(market::state_name(S::Closed) == "closed");
  for (S a : all_states())
    for (S b : all_states())
      if (a != b) CHECK(market::state_name(a) != market::state_name(b));
}

#ifdef NDEBUG
TEST_CASE("release builds count an illegal transition and keep the state", "[order_state]") {
  market::TransitionGuard guard;
  CHECK(guard.apply(S::Completed, S::Refunded) == S::Completed);
  CHECK(guard.apply(S::Shipped, S::Delivered) == S::Delivered);
  CHECK(guard.illegal == 1);
}
#endif
