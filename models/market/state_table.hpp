// The order state machine: one table of (state, event) -> (what the dispatcher does, which states
// the event's handler may move the order to). `Market::dispatch` consults it for every order
// event before running the handler (`Market::on_<event>`), and `Market::move` checks every
// state change against the row of the event being handled:
//   Handle - the handler runs; it may move the order only to the states in `next` (none: the
//            event changes data, not the state);
//   Ignore - the event is expected in this state and deliberately has no effect (each such row
//            says why in state_table.cpp);
//   Reject - the model never schedules this event in this state: reaching it is a logic error
//            naming the order, the state and the event.
// Arrival's row is (placed, arrival): the new order's checkout. DayEnd touches no order.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "models/market/events.hpp"
#include "models/orders/order_state.hpp"

namespace market {

enum class RowAction : std::uint8_t { Reject, Ignore, Handle };

struct StateRow {
  RowAction action = RowAction::Reject;
  std::uint32_t next = 0;  // bit s set: the handler may move the order to OrderState s
  constexpr bool allows(OrderState s) const { return (next >> static_cast<int>(s) & 1U) != 0; }
};
static_assert(kOrderStateCount <= 32, "StateRow::next has a bit per state");

using StateTable = std::array<std::array<StateRow, kOrderEventCount>, kOrderStateCount>;
extern const StateTable kStateTable;

inline const StateRow& state_row(OrderState s, OrderEvent e) {
  return kStateTable[static_cast<std::size_t>(s)][static_cast<std::size_t>(e)];
}

// Why an Ignore row has no effect (empty for other rows): for docs and messages.
std::string_view ignore_reason(OrderState s, OrderEvent e);

// True if some event's handler may move an order from `from` to `to`.
bool is_legal_transition(OrderState from, OrderState to);

}  // namespace market
