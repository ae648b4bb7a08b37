// The marketplace as a model for the kernel: orders from arrival to their terminal state,
// with payments, shipping, protection, disputes, refunds and chargebacks, every money movement
// posted to the ledger. `dispatch` looks the (order state, event) row up in the state table
// (state_table.hpp), then switches on the event to its handler; no virtual call per event.
// The run loop that drives it is `run_market` (run.hpp), the one every caller uses.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <deque>
#include <ostream>
#include <string_view>
#include <vector>

#include "models/money/calendar.hpp"
#include "models/channels/channel_engine.hpp"
#include "models/metrics/collectors.hpp"
#include "models/money/fx.hpp"
#include "models/money/ledger.hpp"
#include "models/world/market_params.hpp"
#include "models/market/buyers.hpp"
#include "models/market/events.hpp"
#include "models/market/state_table.hpp"
#include "models/orders/order.hpp"
#include "sim/alias_table.hpp"
#include "sim/distribution.hpp"
#include "sim/random.hpp"
#include "sim/simulator.hpp"

namespace market {

class Market {
 public:
  using Simulator = sim::Simulator;

  Market(const MarketParams& params, const RunParams& run, Collectors& collectors);

  // Schedules the first arrival and the first day's end.
  void start(Simulator& sim);
  // One event: a stale order event (its slot's order has ended) is counted and dropped; an event
  // the state table rejects, a move outside its row, or a time before now throws
  // std::logic_error naming the order, its state and the event. In debug builds (no NDEBUG) the
  // ledger and order-count invariants are checked after every event, the full escrow scan daily.
  void dispatch(Simulator& sim, const sim::Event& e);

  // Streams one CSV row per state change (order,time_s,from,to); nullptr turns it off.
  void set_trace(std::ostream* out) { trace_ = out; }
  static std::string_view trace_header() { return "order,time_s,from,to\n"; }

  const RunParams& run_params() const { return run_; }
  Collectors& collectors() { return collect_; }
  const Ledger& ledger() const { return ledger_; }
  Ledger& ledger() { return ledger_; }
  const OrderPool& orders() const { return orders_; }
  const BuyerPopulation& buyers() const { return buyers_; }
  std::uint64_t orders_placed() const { return placed_; }
  // The generation events for `slot` must carry (events.hpp): for tests that address an order.
  std::uint32_t slot_generation(std::uint32_t slot) const { return generations_[slot]; }
  // Events that arrived for a slot whose order had ended (recognised by generation, not applied).
  std::uint64_t stale_events() const { return stale_events_; }
  // How often each (state, event) row was consulted: for the test that every row is reachable.
  const std::array<std::array<std::uint64_t, kOrderEventCount>, kOrderStateCount>& row_hits() const {
    return row_hits_;
  }
  // Sum of the money still held for live orders, USD cents: equals the escrow balance.
  std::int64_t held_for_live_orders() const;
  // Throws std::logic_error naming the broken invariant (ledger, escrow, counts): the full
  // check, with a scan of every live order's hold.
  void check_invariants() const;
  // The same without the scan (the ledger's own incremental sum of holds stands for it): cheap
  // enough to run after every event.
  void check_event_invariants() const;

 private:
  using Slot = std::uint32_t;

  // The random-stream contract. Arrival times come from the run's "arrivals" stream and the FX
  // path from its "fx" stream (models/money/fx.hpp); every other draw belongs to one order and
  // one place in its life: stream(o, place, occurrence) is sim::entity_stream of the order's key
  // (sim::entity_key of the run's "orders" key and the order's id) and the tag
  // (place << 32 | occurrence). So an order draws the same numbers whatever other orders did,
  // and a rule that changes what one place draws (one more draw, one fewer) leaves every other
  // place's numbers as they were: the common random numbers a paired comparison needs.
  // `occurrence` tells repeated visits apart (the payment attempt; the second protection check).
  // One stream per place (an event's handler, or a step several handlers share): a stream
  // costs some 20 instructions to make (sim/random.hpp), so a place's actors (buyer, seller,
  // carrier) share it.
  enum class Draw : std::uint32_t {
    Checkout, Payment, Credited, Shipment, Delivery, Confirmation, ProtectionCheck,
    NondeliveryDelay, DisputeOpens, SellerAnswer, Escalation, Ruling, Return, RefundRoute,
    ChargebackFiling, ChargebackCase, Reorder, Shortfall, Basket
  };
  sim::Rng stream(const Order& o, Draw place, std::uint32_t occurrence = 0) const {
    return sim::entity_stream(sim::entity_key(order_base_, o.id),
                              static_cast<std::uint64_t>(place) << 32 | occurrence);
  }

  // The stream of the order's parcel at `place`: the order's own, or (o.parcel) the stream of
  // the basket's order whose parcel it ships in (000:221), so both draw one parcel's fate.
  sim::Rng parcel_stream(const Order& o, Draw place) const {
    return sim::entity_stream(sim::entity_key(order_base_, o.id - o.parcel),
                              static_cast<std::uint64_t>(place) << 32);
  }

  void schedule(Simulator& sim, sim::Time at, OrderEvent kind, Slot slot);
  void set_timer(Simulator& sim, Order& o, sim::Time at, OrderEvent kind, Slot slot);
  void clear_timer(Simulator& sim, Order& o);
  void move(Order& o, OrderState to);
  [[noreturn]] void illegal_move(const Order& o, OrderState to) const;
  [[noreturn]] void rejected_event(const Order& o, OrderEvent e) const;
  [[noreturn]] void scheduled_in_past(const Simulator& sim, sim::Time at, OrderEvent kind, Slot slot) const;
  void after_move(const Order& o, OrderState from);  // the trace row; a terminal state counted
  void finish(Simulator& sim, Slot slot);  // terminal: free the record once no money is landing
  sim::Time draw(const sim::Distribution& d, sim::Rng& rng);

  // market.cpp
  void on_day_end(Simulator& sim);
  void dispatch_order_event(Simulator& sim, OrderEvent kind, Slot s);

  // arrivals.cpp
  void on_arrival(Simulator& sim);
  // A new order: drawn at checkout, or (`again`) the same goods as an expired code's order.
  void place_order(Simulator& sim, const Order* again);
  // The record of a new order, its row (Placed, Arrival) current: `again` as above; `buyer`, a
  // basket's first order, whose buyer and channel the order shares.
  Slot new_order(sim::Time now, const Order* again, const Order* buyer);
  // 000:221: a checkout of several orders, paid as one payment by the first (basket.cpp).
  void place_basket(Simulator& sim, Slot first, int size);
  void begin_order(Simulator& sim, Slot slot);  // counted as placed; the first payment attempt
  sim::Time next_arrival(sim::Time now);
  double intensity(sim::Time t) const;
  double shape(std::int64_t hour, std::int64_t weekday) const;

  // basket.cpp. A basket in its payment phase: the first order pays for all; the others wait in
  // AwaitingPayment and follow its payment (basket_paid), its refusal (void) or a channel that
  // cannot combine orders (each then pays on its own).
  struct Basket {
    std::array<Slot, kMaxBasket> orders{};  // orders[0] pays
    std::uint8_t size = 0;
  };
  static constexpr std::uint32_t kNoBasket = sim::Pool<Basket>::kNone;
  std::int64_t basket_total(std::uint32_t basket) const;
  // The channel cannot combine orders (000:167): every other order tries the same channel now,
  // with the attempts made so far.
  void split_basket(Simulator& sim, Slot first);
  // The first order's payment will not come: the others are void at `at` (`kind`: abandoned or
  // the code expired, each then placed again on its own).
  void void_basket(Simulator& sim, Slot first, sim::Time at, OrderEvent kind, Refusal refusal);
  // Posts the basket's one payment, a hold per order, and schedules the others' basket_paid.
  void pay_basket(Simulator& sim, Slot first, const ChannelParams& ch, const PaymentOutcome& out);
  void on_basket_paid(Simulator& sim, Slot slot);
  void end_basket(Slot first);

  // payment.cpp
  void try_payment(Simulator& sim, Slot slot);
  void on_buyer_pays(Simulator& sim, Slot slot);
  void on_code_expired(Simulator& sim, Slot slot);
  void on_retry_payment(Simulator& sim, Slot slot);
  void on_payment_abandoned(Simulator& sim, Slot slot);
  void on_payment_credited(Simulator& sim, Slot slot);
  void on_shortfall_paid(Simulator& sim, Slot slot);
  void on_shortfall_expired(Simulator& sim, Slot slot);
  void start_fulfilment(Simulator& sim, Slot slot);
  void on_reconciled(Simulator& sim, Slot slot);
  void release_payment_record(Order& o);
  void release_refund_record(Order& o);
  // The buyer's balance pays: the price is reserved on the record until the payment posts.
  enum Held : int { kPlatform = 0, kGift = 1 };
  static int held_index(Account a) {
    return a == Account::BuyerPlatformBalance ? kPlatform : a == Account::BuyerGiftBalance ? kGift : -1;
  }
  void add_to_balance(int which, std::uint32_t buyer, std::int64_t cents);
  // 003:283: a balance short of the price is topped up first (WebMoney; Western Union where the
  // rules allow); false if the buyer does not or the top-up is refused.
  bool top_up(Order& o, std::int64_t price_cents, sim::Rng& rng, sim::Time at);
  // 003:247: balances unused for `inactivity_close` are closed and kept by the platform.
  void close_inactive_balances(sim::Time now);
  // 003:243-245: a buyer's dispute counted; at buyers.block_after_disputes the account is
  // blocked, and after abuse_hold_max its balance goes to the buyer's bank (withdrawable).
  void count_dispute(std::uint32_t buyer, sim::Time now);
  void release_blocked_balances(sim::Time now);

  // funds.cpp: what the buyer's card or wallet holds at an attempt on `ch` (channel.*.funds,
  // drawn from `rng`, in the currency of the debit at the rate of `at`), and a card's currency
  // and the buyer's choice of payment currency (000:201).
  void set_funds(BuyerState& state, const ChannelParams& ch, const Buyer& b, sim::Rng& rng,
                 sim::Time at) const;

  // fulfilment.cpp
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

  // dispute.cpp
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
  // 000:255, 002:256: a non-arrival dispute refunds the buyer in full (the switch on).
  bool refund_guaranteed(const Order& o) const {
    return o.reason == DisputeReason::NotReceived && p_.protection.nonarrival_always_refunded;
  }

  // refund.cpp
  void refund(Simulator& sim, Slot slot, std::int64_t cents, RefundKind kind);
  void on_refund_lands(Simulator& sim, Slot slot);

  // chargeback.cpp
  void maybe_chargeback(Simulator& sim, Slot slot, bool lost_dispute, OrderState otherwise);
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
  // Per slot: how many orders have ended in it (modulo 2^24 in events, see events.hpp).
  std::vector<std::uint32_t> generations_;
  // Per slot: the basket the order is paying in, or kNoBasket.
  std::vector<std::uint32_t> basket_of_;
  sim::Pool<Basket> baskets_;
  sim::AliasTable basket_pick_;  // buyers.basket_sizes: index + 1 orders
  // The order the running handler may move, and the states its row allows.
  Slot current_ = sim::Pool<int>::kNone;
  std::uint32_t allowed_ = 0;
  std::uint64_t stale_events_ = 0;
  std::uint64_t in_flight_ = 0;  // placed and not yet terminal
  std::array<std::array<std::uint64_t, kOrderEventCount>, kOrderStateCount> row_hits_{};
  sim::Rng arrivals_rng_;
  std::uint64_t order_base_ = 0;  // the run's "orders" stream key, the base of every order's key
  sim::AliasTable seller_pick_, carrier_pick_, route_pick_;
  double basket_mean_ = 1;  // orders per checkout: checkouts arrive at orders_per_day / this
  // Per route: the first-choice channels (the route's channel_shares, else the buyers').
  std::vector<ChannelChoice> channel_pick_;
  BuyerPopulation buyers_;
  // Per held balance (platform, gift): reserved for payments not yet posted, and taken by the
  // ledger beyond the records (a double debit in Suspense). The ledger's account always equals
  // the records' sum + reserved - off_record (checked with the invariants).
  std::array<std::int64_t, 2> reserved_{}, off_record_{};
  std::deque<std::pair<sim::Time, std::uint32_t>> blocked_;  // (release time, buyer), in order
  std::uint8_t webmoney_channel_ = 255, western_union_channel_ = 255;  // top-up routes
  std::int64_t month_ = -1;  // calendar month of the last day end, for the usage counters
  sim::Time last_top_up_paid_at_ = 0;  // when the last top-up reached the balance
  std::uint8_t balance_channel_ = 0;            // the platform balance, for refund routes
  std::vector<std::vector<std::uint16_t>> nondeliveries_;  // per segment, per seller
  double max_intensity_ = 1;
  double arrival_clock_ = 0;  // exact time of the last arrival candidate, seconds
  // intensity() is constant within an hour: the last candidate's hour and its value.
  sim::Time intensity_hour_ = -1;
  double intensity_of_hour_ = 0;
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

// The calls every handler makes, inline so that the handlers in the other files of this folder
// need no call for them (they are in every event's path).

inline sim::Time Market::draw(const sim::Distribution& d, sim::Rng& rng) {
  return std::max<sim::Time>(0, sim::from_seconds(sim::sample(d, rng)));
}

// Every order event carries its slot's generation (events.hpp). No clamp to now: a time in the
// past is a bug in the model (or an overflow the scenario bounds should have refused).
inline void Market::schedule(Simulator& sim, sim::Time at, OrderEvent kind, Slot slot) {
  if (at < sim.now()) scheduled_in_past(sim, at, kind, slot);
  sim.schedule_at(at, event_code(kind, generations_[slot]), slot);
}

inline void Market::set_timer(Simulator& sim, Order& o, sim::Time at, OrderEvent kind, Slot slot) {
  if (at < sim.now()) scheduled_in_past(sim, at, kind, slot);
  sim.cancel(o.timer);
  o.timer = sim.schedule_at(at, event_code(kind, generations_[slot]), slot);
}

inline void Market::clear_timer(Simulator& sim, Order& o) {
  sim.cancel(o.timer);
  o.timer = {};
}

// The only way an order changes state: within the row of the event being handled. The common
// move (no trace, not terminal) calls nothing, so move() needs no stack frame; the rest is in
// after_move.
inline void Market::move(Order& o, OrderState to) {
  const OrderState from = o.state;
  if (&o != &orders_[current_] || !StateRow{RowAction::Handle, allowed_}.allows(to))
    illegal_move(o, to);
  o.state = to;
  if (to != from && (trace_ != nullptr || is_terminal(to))) after_move(o, from);
}

}  // namespace market
