// One order's record while it is in flight, and the flat pool that recycles the records.
// Memory follows orders in flight, not orders simulated (DESIGN.md principle 8).
#pragma once

#include <cstdint>
#include <vector>

#include "models/dispute.hpp"
#include "models/ledger.hpp"
#include "models/order_state.hpp"
#include "sim/event.hpp"
#include "sim/pool.hpp"
#include "sim/time.hpp"

namespace market {

// How the seller answers a dispute (public-rules.md): the rest of the probability is silence.
enum class SellerResponse : std::uint8_t { Accept, Reject, Counter, Silent };

// What is wrong with the goods, decided when the seller ships (the seller's segment sets the odds).
enum class Problem : std::uint8_t { None, NotAsDescribed, Defective, NothingShipped };

struct Order {
  std::uint64_t id = 0;
  std::int64_t amount_cents = 0;   // invoice in USD (000:106, 000:112)
  std::int64_t refund_cents = 0;   // agreed refund, USD
  HoldId hold{};                   // the escrowed payment
  sim::EventHandle timer{};        // the one cancellable deadline (protection, response, ...)
  sim::EventHandle delivery{};     // the parcel's arrival, cancelled if the order ends first
  sim::Time placed_at = 0;
  sim::Time paid_at = 0;
  sim::Time shipped_at = 0;
  sim::Time delivered_at = -1;     // -1: not delivered (yet)
  sim::Time timer_end = 0;         // when the delivery/protection timer runs out
  sim::Time dispute_opened_at = 0;
  sim::Time refund_requested_at = 0;
  std::uint32_t seller = 0;        // index into the seller population
  OrderState state = OrderState::Placed;
  DisputeReason reason = DisputeReason::NotReceived;
  Problem problem = Problem::None;
  std::uint8_t channel = 0;        // index into the scenario's channel list
  std::uint8_t segment = 0;        // seller segment
  std::uint8_t carrier = 0;
  std::uint8_t route = 0;
  std::uint8_t attempts = 0;       // payment channels tried
  bool held = false;
  bool underpaid = false;          // a cash code paid short (001:43)               // `hold` is live in the ledger
  bool lost = false;               // the parcel will never arrive
  bool tracked = true;
  bool early_confirmed = false;    // confirmed before delivery (002:98)
  bool extended = false;           // the seller extended protection once
  bool refund_to_balance = false;  // the buyer routes refunds to the platform balance
  bool partial = false;            // the dispute asks for a partial refund
  bool needs_return = false;
  bool visa = true;                // card network, for chargeback clocks
  bool escalated = false;
  bool chargeback_won = false;     // decided when the chargeback is filed
  std::uint8_t response = 0;       // the seller's answer to the dispute (SellerResponse)
  std::uint8_t money_events = 0;   // refunds/reconciliations still landing after the end
  std::uint32_t payment = sim::Pool<int>::kNone;  // pending payment record, if any
};

using OrderPool = sim::Pool<Order>;

}  // namespace market
