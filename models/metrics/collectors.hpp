// Collectors: what a run measures. They stream into mergeable summaries (sim/ tallies and
// log histograms), so memory does not grow with the number of orders. Orders placed during the
// warm-up, and days inside it, are left out of every statistic.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "models/channels/channel_engine.hpp"
#include "models/world/dispute_params.hpp"
#include "models/money/money.hpp"
#include "models/orders/order.hpp"
#include "sim/histogram.hpp"
#include "sim/tally.hpp"
#include "sim/time.hpp"
#include "sim/time_weighted.hpp"

namespace market {

enum class RefundKind : std::uint8_t {
  BuyerCancel, StockOut, Underpaid, Nondelivery, Dispute, Chargeback, kCount
};
inline constexpr int kRefundKindCount = static_cast<int>(RefundKind::kCount);
std::string_view refund_kind_name(RefundKind k);

inline constexpr int kRefundRouteCount = 4;  // RefundRoute's values

// A latency or amount summary: exact count, mean, variance, min, max, and quantiles within 1%.
// The histogram keeps the count, sum, min and max, so beside it only the moments: tally() is
// the sim::Tally of the same values, to the bit.
class Summary {
 public:
  Summary();
  void add(double x) { add_at(x, histogram_.slot(x)); }
  // add(x) where `slot` is histogram().slot(x) of a Summary (all share one layout).
  void add_at(double x, sim::LogHistogram::Slot slot) {
    histogram_.add_at(x, slot);
    moments_.add(x, histogram_.count());
  }
  void merge(const Summary& o) {
    const std::int64_t count = histogram_.count();
    histogram_.merge(o.histogram_);
    moments_.merge(o.moments_, count, o.histogram_.count());
  }
  sim::Tally tally() const {
    return sim::Tally(histogram_.count(), moments_, histogram_.sum(), histogram_.min(),
                      histogram_.max());
  }
  const sim::LogHistogram& histogram() const { return histogram_; }

 private:
  sim::LogHistogram histogram_;
  sim::Moments moments_;
};

struct DaySnapshot {
  std::int64_t day = 0;
  std::int64_t escrow_cents = 0;
  std::int64_t in_flight = 0;
  std::int64_t balance_cents = 0;  // buyers' platform balances in all, USD cents
};

struct CollectorLayout {
  std::vector<std::string> channels;
  std::vector<std::string> segments;
  std::vector<std::string> carriers;
  sim::Time warmup = 0;
  // Arrivals stop here: the warm-up diagnostic reads the daily series up to it (the drain after
  // it winds down, a transient of its own).
  sim::Time horizon = sim::kNever;
  std::vector<Currency> channel_currencies;  // fees are counted in these; USD when missing
  // Channels that also debit dollars (the card: cards issued in dollars, 000:201); their dollar
  // debits are counted apart (PerChannel::usd_cards). Missing: false.
  std::vector<bool> usd_cards;
};

class Collectors {
 public:
  explicit Collectors(CollectorLayout layout);
  const CollectorLayout& layout() const { return layout_; }
  bool counts(const Order& o) const { return o.placed_at >= layout_.warmup; }

  // Hooks the market calls.
  void order_placed(const Order& o);
  void payment_refused(const Order& o, Refusal r, bool rerouted);
  void shortfall_paid(const Order& o, const PaymentOutcome& difference);
  void code_reordered(const Order& expired);
  void account_blocked(sim::Time at);
  void blocked_balance_returned(sim::Time at, std::int64_t cents);
  void order_abandoned(const Order& o, Refusal last_refusal);
  void payment_accepted(const Order& o, const PaymentOutcome& out);
  // A basket: placed with `orders` orders; paid as one payment (the others' `paid` counted by
  // basket_order_paid); or split into one payment per order.
  void basket_placed(const Order& lead, int orders);
  void basket_paid(const Order& lead);
  void basket_order_paid(const Order& o);
  void basket_split(const Order& lead);
  // A platform-balance top-up through `channel` (003:283): its fees, spread and principal are
  // the channel's money like a payment's (no order of its own).
  void top_up_paid(std::size_t channel, const PaymentOutcome& out, sim::Time at);
  void seller_paid(const Order& o, sim::Time now);
  void dispute_opened(const Order& o);
  void dispute_escalated(const Order& o);
  void dispute_closed(const Order& o, DisputeOutcome outcome, std::int64_t refund_cents,
                      sim::Time now);
  void refund_landed(const Order& o, RefundKind kind, RefundRoute route, sim::Time requested,
                     sim::Time now, std::int64_t cents);
  void chargeback_filed(const Order& o);
  void chargeback_decided(const Order& o, bool buyer_won, std::int64_t loss_cents);
  void double_debit(const Order& o, sim::Time debited, sim::Time reconciled);
  void error_but_debited(const Order& o);
  void fined(const Order& o, std::int64_t cents);
  void seller_blocked(std::uint8_t segment);
  void order_ended(const Order& o, OrderState end);
  void day_end(sim::Time t, std::int64_t escrow_cents, std::int64_t in_flight,
               std::int64_t balance_cents = 0);
  // Reserves the daily series up to the horizon, so a long run does not double it (holding two
  // copies) as it grows by a row a day.
  void expect_days_until(sim::Time horizon);
  void escrow_changed(sim::Time t, std::int64_t escrow_cents);
  // The buyers' platform balances in all (the float buyers keep with the platform, 003:232).
  void balance_changed(sim::Time t, std::int64_t balance_cents);

  // Pools another run with the same layout (throws std::invalid_argument otherwise): counts and
  // money add, summaries merge, days add by position. Merging in a fixed order gives fixed sums.
  void merge(const Collectors& o);
  Currency channel_currency(std::size_t channel) const;

  // What the writers read. Indexed [channel], [segment], [carrier], by enum value otherwise.
  // What payments debited in one currency moved, minor units of that currency.
  struct DebitMoney {
    std::int64_t payments = 0;
    // Channel fees by who paid them (FeePayer order).
    std::array<std::int64_t, 3> fee_by_payer_minor{};
    std::int64_t fee_buyer_minor = 0;      // channel fees paid by buyers
    std::int64_t bank_fee_minor = 0;
    std::int64_t spread_minor = 0;
    std::int64_t principal_minor = 0;
    void add(const PaymentOutcome& out);
    void merge(const DebitMoney& o);
  };
  // Card payments by the card's currency (000:201): how many, how many the issuing bank
  // converted at its rate, and that conversion's spread (minor units of the card's currency).
  struct CardCurrency {
    std::int64_t payments = 0;
    std::int64_t bank_conversions = 0;
    std::int64_t spread_minor = 0;
  };
  struct PerChannel {
    std::int64_t orders = 0;
    std::int64_t paid = 0;
    std::array<std::int64_t, static_cast<int>(Refusal::kCount)> refused{};
    std::int64_t rerouted_away = 0;
    std::array<std::int64_t, static_cast<int>(Refusal::kCount)> abandoned_after{};
    DebitMoney money;      // debits in the channel's currency
    DebitMoney usd_cards;  // dollar debits of a non-dollar card channel (cards issued in dollars)
    std::int64_t fee_seller_cents = 0;     // seller-paid fees, USD cents
    Summary settlement_h;                  // checkout to seller paid, hours
    std::array<Summary, kRefundRouteCount> refund_h;  // request to money back, by route
  };
  struct PerSegment {
    std::int64_t orders = 0;
    std::int64_t disputes = 0;
    std::int64_t chargebacks = 0;
    std::int64_t chargebacks_buyer_won = 0;
    std::int64_t chargebacks_seller_won = 0;
    std::int64_t chargeback_losses_cents = 0;
    std::int64_t fines_cents = 0;
    std::int64_t blocked = 0;
    Summary settlement_h;
  };
  struct PerCarrier {
    std::int64_t orders = 0;
    Summary settlement_h;
  };

  std::vector<PerChannel> channels;
  std::vector<PerSegment> segments;
  std::vector<PerCarrier> carriers;
  std::array<std::int64_t, kOrderStateCount> ended{};
  std::int64_t placed = 0;
  std::int64_t abandoned = 0;
  std::int64_t partially_paid = 0;
  std::int64_t shortfalls_paid = 0;  // partially paid orders whose difference came (001:43)
  std::int64_t to_cashier = 0;       // cash above the terminal maximum, paid at a cashier (001:51)
  std::int64_t reordered = 0;        // expired codes' orders placed again (001:16, 001:41)
  std::int64_t baskets = 0;          // checkouts of several orders (000:221)
  std::int64_t basket_orders = 0;    // the orders in them
  std::int64_t baskets_paid_whole = 0;  // ... paid as one payment
  std::int64_t baskets_split = 0;    // ... paid order by order (a channel that cannot combine, 000:167)
  std::array<std::int64_t, kDisputeReasonCount> disputes_opened{};
  std::array<std::int64_t, kDisputeOutcomeCount> dispute_outcomes{};
  std::int64_t disputes_escalated = 0;
  std::int64_t dispute_refund_cents = 0;
  Summary dispute_duration_h;
  std::array<Summary, kRefundKindCount> refund_by_kind_h;
  std::array<std::int64_t, kRefundKindCount> refunded_cents{};
  std::int64_t chargebacks_filed = 0;
  std::int64_t chargebacks_buyer_won = 0;
  std::int64_t chargebacks_seller_won = 0;
  // The FX account's change after the warm-up, per currency (minor units): conversions' takings
  // (+) and payouts (-), which net to spreads and rounding (fx.hpp); filled by the runner.
  std::array<std::int64_t, kCurrencyCount> fx_position_minor{};
  std::array<CardCurrency, kCurrencyCount> card_currency{};  // by the card's currency
  std::int64_t double_debits = 0;
  std::int64_t errors_with_debit = 0;
  Summary reconcile_h;
  Summary settlement_h;          // all orders
  sim::TimeWeighted escrow_float;  // USD cents held, time-weighted
  sim::TimeWeighted balance_float; // USD cents in buyers' platform balances, time-weighted
  // Buyers' balances: top-ups (003:283) made and refused, accounts closed unused and what
  // their balances left to the platform (003:247), USD cents.
  std::int64_t top_ups = 0, top_ups_refused = 0, top_up_cents = 0;
  std::int64_t balances_closed = 0, forfeited_cents = 0;
  // Accounts blocked for many disputes (003:243-244) and balances paid out after the hold (003:245).
  std::int64_t accounts_blocked = 0, blocked_returned_cents = 0;
  std::vector<DaySnapshot> days;   // one row per simulated day after the warm-up
  // The days inside the warm-up, for the warm-up diagnostic only (in no other statistic).
  std::vector<DaySnapshot> warmup_days;

 private:
  void add_payment_money(std::size_t channel, const PaymentOutcome& out);
  void start_float(sim::TimeWeighted& f, bool& started, sim::Time t, double value) const;
  CollectorLayout layout_;
  bool float_started_ = false;
  bool balance_started_ = false;
};

}  // namespace market
