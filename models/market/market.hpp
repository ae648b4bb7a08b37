// The marketplace as a model for the kernel: orders from arrival to their terminal state,
// with payments, shipping, protection, disputes, refunds and chargebacks, every money movement
// posted to the ledger. `dispatch` switches on the event kind; no virtual call per event.
#pragma once

#include <array>
#include <cstdint>
#include <ostream>
#include <string_view>
#include <vector>

#include "models/money/calendar.hpp"
#include "models/channels/channel_engine.hpp"
#include "models/metrics/collectors.hpp"
#include "models/money/fx.hpp"
#include "models/money/ledger.hpp"
#include "models/world/market_params.hpp"
#include "models/orders/order.hpp"
#include "sim/alias_table.hpp"
#include "sim/random.hpp"
#include "sim/simulator.hpp"

namespace market {

// What an event does to its target order (or, for Arrival and DayEnd, to the market).
enum class OrderEvent : std::uint32_t {
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
  kCount
};

class Market {
 public:
  using Simulator = sim::Simulator;

  Market(const MarketParams& params, const RunParams& run, Collectors& collectors);

  // Schedules the first arrival and the first day's end.
  void start(Simulator& sim);
  void dispatch(Simulator& sim, const sim::Event& e);
  // Runs `start`, the horizon and (if asked) the drain; checks the ledger at the end.
  void run(Simulator& sim);

  // Streams one CSV row per state change (order,time_s,from,to); nullptr turns it off.
  void set_trace(std::ostream* out) { trace_ = out; }
  static std::string_view trace_header() { return "order,time_s,from,to\n"; }

  const Ledger& ledger() const { return ledger_; }
  Ledger& ledger() { return ledger_; }
  const OrderPool& orders() const { return orders_; }
  std::uint64_t orders_placed() const { return placed_; }
  std::uint64_t illegal_transitions() const { return guard_.illegal; }
  // Sum of the money still held for live orders, USD cents: equals the escrow balance.
  std::int64_t held_for_live_orders() const;
  // Throws std::logic_error naming the broken invariant (ledger, escrow, counts).
  void check_invariants() const;

 private:
  struct Streams {
    sim::Rng arrivals, orders, payment, seller, shipping, buyer, dispute, chargeback;
  };
  using Slot = std::uint32_t;

  void schedule(Simulator& sim, sim::Time at, OrderEvent kind, Slot slot);
  void set_timer(Simulator& sim, Order& o, sim::Time at, OrderEvent kind, Slot slot);
  void clear_timer(Simulator& sim, Order& o);
  void move(Order& o, OrderState to);
  void write_trace(const Order& o, OrderState from);
  void finish(Simulator& sim, Slot slot);  // terminal: free the record once no money is landing
  sim::Time draw(const sim::Distribution& d, sim::Rng& rng);

  // market.cpp
  void on_arrival(Simulator& sim);
  void on_day_end(Simulator& sim);
  sim::Time next_arrival(sim::Time now);
  double intensity(sim::Time t) const;
  double shape(std::int64_t hour, std::int64_t weekday) const;

  // market_payment.cpp
  void try_payment(Simulator& sim, Slot slot);
  void on_buyer_pays(Simulator& sim, Slot slot);
  void on_code_expired(Simulator& sim, Slot slot);
  void on_payment_credited(Simulator& sim, Slot slot);
  void on_reconciled(Simulator& sim, Slot slot);
  void release_payment_record(Order& o);
  void release_refund_record(Order& o);

  // market_fulfilment.cpp
  void on_buyer_cancels(Simulator& sim, Slot slot);
  void on_seller_cancels(Simulator& sim, Slot slot);
  void on_shipped(Simulator& sim, Slot slot);
  void on_delivered(Simulator& sim, Slot slot);
  void on_buyer_confirms(Simulator& sim, Slot slot);
  void on_protection_check(Simulator& sim, Slot slot);
  void on_protection_expiry(Simulator& sim, Slot slot);
  void on_nondelivery_refund(Simulator& sim, Slot slot);
  void on_release_due(Simulator& sim, Slot slot);
  void pay_seller(Slot slot, sim::Time now);  // escrow (whatever is left) to the seller
  void release_to_seller(Simulator& sim, Slot slot, OrderState end);
  void maybe_chargeback(Simulator& sim, Slot slot, bool lost_dispute, OrderState otherwise);

  // market_dispute.cpp
  void open_dispute(Simulator& sim, Slot slot, DisputeReason reason, sim::Time at);
  void on_dispute_opens(Simulator& sim, Slot slot);
  void on_seller_responds(Simulator& sim, Slot slot);
  void on_seller_silent(Simulator& sim, Slot slot);
  void on_buyer_withdraws(Simulator& sim, Slot slot);
  void on_escalates(Simulator& sim, Slot slot);
  void on_ruling(Simulator& sim, Slot slot);
  void on_return_agreed(Simulator& sim, Slot slot);
  void on_return_shipped(Simulator& sim, Slot slot);
  void on_return_missed(Simulator& sim, Slot slot);
  void on_return_received(Simulator& sim, Slot slot);
  void settle_dispute(Simulator& sim, Slot slot, DisputeOutcome outcome, std::int64_t refund);
  void release_to_seller_after_dispute(Simulator& sim, Slot slot);
  void refund(Simulator& sim, Slot slot, std::int64_t cents, RefundKind kind);
  void on_refund_lands(Simulator& sim, Slot slot);
  void on_chargeback_filed(Simulator& sim, Slot slot);
  void on_chargeback_decided(Simulator& sim, Slot slot);

  MarketParams p_;
  RunParams run_;
  Collectors& collect_;
  Calendar calendar_;
  FxTable fx_;
  Ledger ledger_;
  OrderPool orders_;
  using PaymentPool = sim::Pool<PaymentOutcome>;
  PaymentPool payments_;  // accepted payments not yet posted or reconciled
  TransitionGuard guard_;
  Streams rng_;
  std::vector<std::uint8_t> channel_of_share_;  // alias index -> channel index
  sim::AliasTable seller_pick_, carrier_pick_, route_pick_, channel_pick_;
  std::uint8_t balance_channel_ = 0;            // the platform balance, for refund routes
  std::vector<std::vector<std::uint16_t>> nondeliveries_;  // per segment, per seller
  double max_intensity_ = 1;
  double arrival_clock_ = 0;  // exact time of the last arrival candidate, seconds
  std::vector<Country> route_country_;  // the buyer's country per route (RouteParams::country)
  std::int64_t start_day_ = 0;  // days_from_civil(start_date), for the weekday of a time
  std::array<double, 7 * 24> hour_of_week_{};  // shape(hour, weekday), Monday 00:00 first
  std::uint64_t placed_ = 0;
  std::uint64_t next_id_ = 1;
  std::array<std::uint64_t, kOrderStateCount> ended_{};
  // A refund on its way: one record per order at a time (a later refund overwrites it), from the
  // order's first refund until the order is freed; only orders with refunds hold one.
  struct PendingRefund {
    std::int64_t cents = 0;
    sim::Time requested = 0;
    Account account = Account::BuyerFunds;
    RefundKind kind = RefundKind::Dispute;
    RefundRoute route = RefundRoute::OriginalMethod;
  };
  using RefundPool = sim::Pool<PendingRefund>;
  RefundPool refunds_;
  std::ostream* trace_ = nullptr;
  sim::Time now_ = 0;  // the time of the event being dispatched, for the trace
};

}  // namespace market
