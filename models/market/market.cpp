#include "models/market/market.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace market {
namespace {

std::vector<double> weights_of(const auto& items) {
  std::vector<double> w;
  for (const auto& it : items) w.push_back(it.share);
  return w;
}

// The weights of first-choice shares, and which channel each share names.
std::vector<double> channel_weights(const MarketParams& p, const Shares& shares,
                                    std::vector<std::uint8_t>& channel_of) {
  if (p.channels.size() > 255) throw std::invalid_argument("more than 255 channels");
  std::vector<double> weights;
  for (const auto& [name, share] : shares) {
    const auto it = std::find_if(p.channels.begin(), p.channels.end(),
                                 [&key = name](const ChannelParams& c) { return c.key == key; });
    if (it == p.channels.end())
      throw std::invalid_argument(fmt::format("channel share names unknown channel \"{}\"", name));
    channel_of.push_back(static_cast<std::uint8_t>(it - p.channels.begin()));
    weights.push_back(share);
  }
  return weights;
}

double max_of(const std::vector<double>& v) {
  return v.empty() ? 1.0 : *std::max_element(v.begin(), v.end());
}

}  // namespace

Market::Market(const MarketParams& params, const RunParams& run, Collectors& collectors)
    : p_(params),
      run_(run),
      collect_(collectors),
      calendar_(params.start_date, params.holidays),
      fx_([&] {
        sim::Rng fx_rng = sim::make_stream(run.seed, run.replication, "fx");
        const int days = static_cast<int>(run.horizon / sim::kDay) + 1;
        return FxTable(params.fx, days, fx_rng);
      }()),
      basket_pick_(params.buyers.basket_sizes),
      arrivals_rng_(sim::make_stream(run.seed, run.replication, "arrivals")),
      order_base_(sim::stream_key(run.seed, run.replication, "orders")),
      seller_pick_(weights_of(params.sellers)),
      carrier_pick_(weights_of(params.carriers)),
      route_pick_(weights_of(params.routes)),
      channel_pick_([&] {
        std::vector<ChannelChoice> picks;
        for (const auto& r : params.routes) {
          std::vector<std::uint8_t> channel_of;
          const std::vector<double> w = channel_weights(
              params, r.channel_shares.empty() ? params.buyers.channel_shares : r.channel_shares,
              channel_of);
          picks.push_back({std::move(channel_of), sim::AliasTable(w)});
        }
        return picks;
      }()),
      buyers_(params, channel_pick_, route_pick_, run.seed, run.replication) {
  const auto balance = std::find_if(p_.channels.begin(), p_.channels.end(), [](const auto& c) {
    return c.id == ChannelId::PlatformBalance;
  });
  if (balance == p_.channels.end())
    throw std::invalid_argument("the channel list has no platform balance (refund route)");
  balance_channel_ = static_cast<std::uint8_t>(balance - p_.channels.begin());
  for (std::size_t i = 0; i < p_.channels.size(); ++i) {
    if (p_.channels[i].id == ChannelId::WebMoney) webmoney_channel_ = static_cast<std::uint8_t>(i);
    if (p_.channels[i].id == ChannelId::WesternUnion) western_union_channel_ = static_cast<std::uint8_t>(i);
  }
  start_day_ = days_from_civil(p_.start_date);
  for (std::int64_t w = 0; w < 7; ++w)
    for (std::int64_t h = 0; h < 24; ++h) hour_of_week_[w * 24 + h] = shape(h, w);
  for (const auto& r : p_.routes)
    route_country_.push_back(r.country);
  for (const auto& s : p_.sellers)
    nondeliveries_.emplace_back(static_cast<std::size_t>(std::max(1, s.population)), 0);
  basket_mean_ = basket_mean(p_.buyers.basket_sizes);
  max_intensity_ = max_of(p_.arrivals.hourly) * max_of(p_.arrivals.weekly) *
                   (p_.arrivals.sale_days.empty() ? 1.0 : std::max(1.0, p_.arrivals.sale_factor));
}

// Out of line, so that move() on the hot path carries neither the formatting code nor the
// end-of-order bookkeeping (a terminal state: counted, and the collectors told).
[[gnu::noinline]] void Market::after_move(const Order& o, OrderState from) {
  const OrderState to = o.state;
  if (trace_) *trace_ << fmt::format("{},{},{},{}\n", o.id, now_, state_name(from), state_name(to));
  if (is_terminal(to)) {
    ++ended_[static_cast<int>(to)];
    --in_flight_;
    collect_.order_ended(o, to);
  }
}

void Market::illegal_move(const Order& o, OrderState to) const {
  throw std::logic_error(fmt::format("order {} in state {}: a move to {} is not in the state table",
                                     o.id, state_name(o.state), state_name(to)));
}

void Market::rejected_event(const Order& o, OrderEvent e) const {
  throw std::logic_error(fmt::format("order {} in state {}: event {} is not allowed in this state",
                                     o.id, state_name(o.state), event_name(e)));
}

void Market::scheduled_in_past(const Simulator& sim, sim::Time at, OrderEvent kind, Slot slot) const {
  const Order& o = orders_[slot];
  throw std::logic_error(fmt::format("order {} in state {}: event {} scheduled at {} s, before now ({} s)",
                                     o.id, state_name(o.state), event_name(kind), at, sim.now()));
}

void Market::finish(Simulator& sim, Slot slot) {
  Order& o = orders_[slot];
  clear_timer(sim, o);
  // The parcel may still be travelling: its arrival must not reach the slot's next order.
  sim.cancel(o.delivery);
  o.delivery = {};
  if (o.money_events > 0) return;  // money still landing; freed when the last of it lands
  release_payment_record(o);
  release_refund_record(o);
  orders_.release(slot);
  ++generations_[slot];  // any event still addressed to this order is now stale
}

void Market::start(Simulator& sim) {
  // What buyers hold when the run starts came from outside (000:18-24 certificates bought
  // ahead, 003:232 balances topped up before).
  ledger_.post({sim.now(), Account::External, Account::BuyerPlatformBalance,
                Money(buyers_.opening_platform(), Currency::USD), PostingKind::Opening, 0});
  ledger_.post({sim.now(), Account::External, Account::BuyerGiftBalance,
                Money(buyers_.opening_gift(), Currency::USD), PostingKind::Opening, 0});
  collect_.balance_changed(sim.now(), buyers_.platform_total());
  collect_.escrow_changed(sim.now(), 0);
  collect_.expect_days_until(run_.horizon);
  const sim::Time first = next_arrival(sim.now());
  if (first <= run_.horizon) sim.schedule_at(first, event_code(OrderEvent::Arrival, 0), 0);
  sim.schedule_at((sim.now() / sim::kDay + 1) * sim::kDay, event_code(OrderEvent::DayEnd, 0), 0);
}

void Market::on_day_end(Simulator& sim) {
  const sim::Time now = sim.now();
  const auto escrow = ledger_.balance(Account::Escrow, Currency::USD).minor();
  close_inactive_balances(now);
  release_blocked_balances(now);
  const std::int64_t month = month_index(calendar_, now);
  if (month != month_) {
    buyers_.forget_usage_before(month);
    month_ = month;
  }
  // In flight: placed and not ended (an ended order whose refund is still landing is not).
  collect_.day_end(now, escrow, static_cast<std::int64_t>(in_flight_), buyers_.platform_total());
#ifdef NDEBUG
  if (run_.check_daily) check_invariants();
#else
  check_invariants();
#endif
  if (now < run_.horizon || orders_.live() > 0)
    sim.schedule_at(now + sim::kDay, event_code(OrderEvent::DayEnd, 0), 0);
}

void Market::dispatch(Simulator& sim, const sim::Event& e) {
  now_ = e.time;
  const OrderEvent kind = event_of(e.kind);
  if (kind == OrderEvent::Arrival) {
    on_arrival(sim);
  } else if (kind == OrderEvent::DayEnd) {
    current_ = sim::Pool<int>::kNone;
    allowed_ = 0;
    on_day_end(sim);
  } else {
    const Slot s = e.target;
    if (s >= generations_.size() || generation_of(e.kind) != (generations_[s] & kGenerationMask)) {
      ++stale_events_;
      return;
    }
    dispatch_order_event(sim, kind, s);
  }
#ifndef NDEBUG
  check_event_invariants();
#endif
}

// Inlined into dispatch(), its one caller.
[[gnu::always_inline]] inline void Market::dispatch_order_event(Simulator& sim, OrderEvent kind, Slot s) {
  const Order& o = orders_[s];
  const StateRow& row = state_row(o.state, kind);
  ++row_hits_[static_cast<std::size_t>(o.state)][static_cast<std::size_t>(kind)];
  if (row.action != RowAction::Handle) {
    if (row.action == RowAction::Ignore) return;
    rejected_event(o, kind);
  }
  current_ = s;
  allowed_ = row.next;
  switch (kind) {
    case OrderEvent::BuyerPays: return on_buyer_pays(sim, s);
    case OrderEvent::CodeExpired: return on_code_expired(sim, s);
    case OrderEvent::PaymentCredited: return on_payment_credited(sim, s);
    case OrderEvent::Reconciled: return on_reconciled(sim, s);
    case OrderEvent::BuyerCancels: return on_buyer_cancels(sim, s);
    case OrderEvent::SellerCancels: return on_seller_cancels(sim, s);
    case OrderEvent::Shipped: return on_shipped(sim, s);
    case OrderEvent::Delivered: return on_delivered(sim, s);
    case OrderEvent::BuyerConfirms: return on_buyer_confirms(sim, s);
    case OrderEvent::ProtectionCheck: return on_protection_check(sim, s);
    case OrderEvent::ProtectionExpiry: return on_protection_expiry(sim, s);
    case OrderEvent::NondeliveryRefund: return on_nondelivery_refund(sim, s);
    case OrderEvent::ReleaseDue: return on_release_due(sim, s);
    case OrderEvent::DisputeOpens: return on_dispute_opens(sim, s);
    case OrderEvent::SellerResponds: return on_seller_responds(sim, s);
    case OrderEvent::SellerSilent: return on_seller_silent(sim, s);
    case OrderEvent::BuyerWithdraws: return on_buyer_withdraws(sim, s);
    case OrderEvent::Escalates: return on_escalates(sim, s);
    case OrderEvent::Ruling: return on_ruling(sim, s);
    case OrderEvent::ReturnShipped: return on_return_shipped(sim, s);
    case OrderEvent::ReturnMissed: return on_return_missed(sim, s);
    case OrderEvent::ReturnReceived: return on_return_received(sim, s);
    case OrderEvent::RefundLands: return on_refund_lands(sim, s);
    case OrderEvent::ChargebackFiled: return on_chargeback_filed(sim, s);
    case OrderEvent::ChargebackDecided: return on_chargeback_decided(sim, s);
    case OrderEvent::RetryPayment: return on_retry_payment(sim, s);
    case OrderEvent::PaymentAbandoned: return on_payment_abandoned(sim, s);
    case OrderEvent::ShortfallPaid: return on_shortfall_paid(sim, s);
    case OrderEvent::ShortfallExpired: return on_shortfall_expired(sim, s);
    case OrderEvent::BasketPaid: return on_basket_paid(sim, s);
    case OrderEvent::Arrival: case OrderEvent::DayEnd: case OrderEvent::kCount: break;
  }
  throw std::logic_error(fmt::format("unknown event kind {}", static_cast<int>(kind)));
}

std::int64_t Market::held_for_live_orders() const {
  std::int64_t sum = 0;
  orders_.for_each_live([&](std::uint32_t, const Order& o) {
    if (o.held) sum += ledger_.held(o.hold).minor();
  });
  return sum;
}

void Market::check_event_invariants() const {
  ledger_.check_conservation();  // includes escrow == the ledger's running sum of holds
  const std::int64_t records[2] = {buyers_.platform_total(), buyers_.gift_total()};
  const Account accounts[2] = {Account::BuyerPlatformBalance, Account::BuyerGiftBalance};
  for (int i = 0; i < 2; ++i) {
    const std::int64_t ledger = ledger_.balance(accounts[i], Currency::USD).minor();
    if (ledger != records[i] + reserved_[i] - off_record_[i])
      throw std::logic_error(fmt::format("{} holds {} cents but buyers' records {} + reserved {} - "
                                         "in suspense {}", account_name(accounts[i]), ledger,
                                         records[i], reserved_[i], off_record_[i]));
  }
  std::uint64_t ended = 0;
  for (auto n : ended_) ended += n;
  if (ended + in_flight_ != placed_)
    throw std::logic_error(fmt::format("orders placed {} != ended {} + in flight {}", placed_,
                                       ended, in_flight_));
}

void Market::check_invariants() const {
  check_event_invariants();
  const std::int64_t escrow = ledger_.balance(Account::Escrow, Currency::USD).minor();
  const std::int64_t held = held_for_live_orders();
  if (escrow != held)
    throw std::logic_error(fmt::format("escrow holds {} cents but live orders hold {}", escrow, held));
  std::uint64_t in_flight = 0;
  orders_.for_each_live([&](std::uint32_t, const Order& o) { in_flight += !is_terminal(o.state); });
  if (in_flight != in_flight_)
    throw std::logic_error(fmt::format("{} live orders are in flight but {} are counted", in_flight,
                                       in_flight_));
}

}  // namespace market
