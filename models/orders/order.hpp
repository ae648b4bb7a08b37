// One order's record while it is in flight, and the flat pool that recycles the records.
// Memory follows orders in flight, not orders simulated (DESIGN.md principle 8).
#pragma once

#include <cstdint>
#include <vector>

#include "models/world/dispute_params.hpp"
#include "models/money/ledger.hpp"
#include "models/orders/order_state.hpp"
#include "sim/event.hpp"
#include "sim/pool.hpp"
#include "sim/time.hpp"

namespace market {

// How the seller answers a dispute (public-rules.md): the rest of the probability is silence.
enum class SellerResponse : std::uint8_t { Accept, Reject, Counter, Silent };

// What is wrong with the goods, decided when the seller ships (the seller's segment sets the odds).
enum class Problem : std::uint8_t { None, NotAsDescribed, Defective, NothingShipped };

// Laid out for size (DESIGN.md principle 8: memory follows orders in flight): the 8-byte
// fields first, then the 4-byte ones, then bytes and one-bit flags, no padding between them.
struct Order {
  std::int64_t amount_cents = 0;   // invoice in USD (000:106, 000:112)
  std::int64_t refund_cents = 0;   // agreed refund, USD
  HoldId hold{};                   // the escrowed payment
  sim::EventHandle timer{};        // the one cancellable deadline (protection, response, ...)
  sim::EventHandle delivery{};     // the parcel's arrival, cancelled if the order ends first
  sim::Time placed_at = 0;
  sim::Time timer_end = 0;         // when the delivery/protection timer runs out
  sim::Time dispute_opened_at = 0;
  std::uint32_t id = 0;            // 1, 2, ... (runs are bounded to 2^32 - 1 orders)
  std::uint32_t buyer = 0;         // index into the buyer population
  std::uint32_t seller = 0;        // index into the seller population
  std::uint32_t payment = sim::Pool<int>::kNone;  // pending payment record, if any
  std::uint32_t refund = sim::Pool<int>::kNone;   // refund on its way, if any
  OrderState state = OrderState::Placed;
  DisputeReason reason = DisputeReason::NotReceived;
  Problem problem = Problem::None;
  std::uint8_t channel = 0;        // index into the scenario's channel list
  std::uint8_t segment = 0;        // seller segment
  std::uint8_t carrier = 0;
  std::uint8_t route = 0;
  std::uint8_t attempts = 0;       // payment channels tried
  std::uint8_t money_events = 0;   // refunds/reconciliations still landing after the end
  bool held : 1 = false;               // `hold` is live in the ledger
  bool underpaid : 1 = false;          // a cash code paid short (001:43)
  bool lost : 1 = false;               // the parcel will never arrive
  bool tracked : 1 = true;
  bool early_confirmed : 1 = false;    // confirmed before delivery (002:98)
  bool extended : 1 = false;           // the seller extended protection once
  bool refund_to_balance : 1 = false;  // the buyer routes refunds to the platform balance
  bool partial : 1 = false;            // the dispute asks for a partial refund
  bool needs_return : 1 = false;
  bool visa : 1 = true;                // card network, for chargeback clocks
  bool escalated : 1 = false;
  bool chargeback_won : 1 = false;     // decided when the chargeback is filed
  std::uint8_t response : 2 = 0;       // the seller's answer to the dispute (SellerResponse)
  // 000:221: a basket's order from the first order's seller ships in its parcel: the parcel's
  // draws are those of order id - parcel (0: a parcel of its own). Below kMaxBasket.
  std::uint8_t parcel : 3 = 0;
};
static_assert(sizeof(Order) <= 96, "an Order counts once per order in flight");

using OrderPool = sim::Pool<Order>;

}  // namespace market
