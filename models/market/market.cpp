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

// The weights of the buyers' first-choice shares, and which channel each share names.
std::vector<double> channel_weights(const MarketParams& p, std::vector<std::uint8_t>& channel_of) {
  if (p.channels.size() > 255) throw std::invalid_argument("more than 255 channels");
  std::vector<double> weights;
  for (const auto& [name, share] : p.buyers.channel_shares) {
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
      rng_{sim::make_stream(run.seed, run.replication, "arrivals"),
           sim::make_stream(run.seed, run.replication, "orders"),
           sim::make_stream(run.seed, run.replication, "payment"),
           sim::make_stream(run.seed, run.replication, "seller"),
           sim::make_stream(run.seed, run.replication, "shipping"),
           sim::make_stream(run.seed, run.replication, "buyer"),
           sim::make_stream(run.seed, run.replication, "dispute"),
           sim::make_stream(run.seed, run.replication, "chargeback")},
      seller_pick_(weights_of(params.sellers)),
      carrier_pick_(weights_of(params.carriers)),
      route_pick_(weights_of(params.routes)),
      channel_pick_(channel_weights(params, channel_of_share_)) {
  const auto balance = std::find_if(p_.channels.begin(), p_.channels.end(), [](const auto& c) {
    return c.id == ChannelId::PlatformBalance;
  });
  if (balance == p_.channels.end())
    throw std::invalid_argument("the channel list has no platform balance (refund route)");
  balance_channel_ = static_cast<std::uint8_t>(balance - p_.channels.begin());
  start_day_ = days_from_civil(p_.start_date);
  for (std::int64_t w = 0; w < 7; ++w)
    for (std::int64_t h = 0; h < 24; ++h) hour_of_week_[w * 24 + h] = shape(h, w);
  for (const auto& r : p_.routes)
    route_country_.push_back(r.country);
  for (const auto& s : p_.sellers)
    nondeliveries_.emplace_back(static_cast<std::size_t>(std::max(1, s.population)), 0);
  max_intensity_ = max_of(p_.arrivals.hourly) * max_of(p_.arrivals.weekly) *
                   (p_.arrivals.sale_days.empty() ? 1.0 : std::max(1.0, p_.arrivals.sale_factor));
}

sim::Time Market::draw(const sim::Distribution& d, sim::Rng& rng) {
  return std::max<sim::Time>(0, sim::from_seconds(sim::sample(d, rng)));
}

void Market::schedule(Simulator& sim, sim::Time at, OrderEvent kind, Slot slot) {
  sim.schedule_at(std::max(at, sim.now()), static_cast<std::uint32_t>(kind), slot);
}

void Market::set_timer(Simulator& sim, Order& o, sim::Time at, OrderEvent kind, Slot slot) {
  sim.cancel(o.timer);
  o.timer = sim.schedule_at(std::max(at, sim.now()), static_cast<std::uint32_t>(kind), slot);
}

void Market::clear_timer(Simulator& sim, Order& o) {
  sim.cancel(o.timer);
  o.timer = {};
}

void Market::move(Order& o, OrderState to) {
  const OrderState from = o.state;
  o.state = guard_.apply(from, to);
  if (trace_ && o.state != from) write_trace(o, from);
  if (o.state != from && is_terminal(o.state)) {
    ++ended_[static_cast<int>(o.state)];
    collect_.order_ended(o, o.state);
  }
}

// Out of line, so that move() on the hot path does not carry the formatting code.
[[gnu::noinline]] void Market::write_trace(const Order& o, OrderState from) {
  *trace_ << fmt::format("{},{},{},{}\n", o.id, now_, state_name(from), state_name(o.state));
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
}

void Market::start(Simulator& sim) {
  collect_.escrow_changed(sim.now(), 0);
  collect_.expect_days_until(run_.horizon);
  schedule(sim, next_arrival(sim.now()), OrderEvent::Arrival, 0);
  schedule(sim, (sim.now() / sim::kDay + 1) * sim::kDay, OrderEvent::DayEnd, 0);
}

void Market::run(Simulator& sim) {
  start(sim);
  sim.run_until(run_.horizon, *this);
  if (run_.drain) sim.run(*this);
  check_invariants();
}

// The hourly and weekly factors; the same product, in the same order, as the table holds.
double Market::shape(std::int64_t hour, std::int64_t weekday) const {
  const auto& a = p_.arrivals;
  double f = 1.0;
  if (!a.hourly.empty()) f *= a.hourly[static_cast<std::size_t>(hour) % a.hourly.size()];
  if (!a.weekly.empty()) f *= a.weekly[static_cast<std::size_t>(weekday) % a.weekly.size()];
  return f;
}

double Market::intensity(sim::Time t) const {
  const auto& a = p_.arrivals;
  const std::int64_t day = t / sim::kDay;
  const std::int64_t hour = t % sim::kDay / sim::kHour;
  const std::int64_t weekday = (start_day_ + day + 3) % 7;  // 0 = Monday
  double f = hour >= 0 && weekday >= 0 ? hour_of_week_[weekday * 24 + hour] : shape(hour, weekday);
  for (double s : a.sale_days)
    if (static_cast<std::int64_t>(s) == day) f *= a.sale_factor;
  return f;
}

// A non-homogeneous Poisson process by thinning (Lewis and Shedler 1979): candidates at the
// peak rate, each kept with probability intensity(t) / peak.
sim::Time Market::next_arrival(sim::Time now) {
  const double peak_per_s = p_.arrivals.orders_per_day * max_intensity_ / sim::kDay;
  if (peak_per_s <= 0) return sim::kNever;
  // From the previous candidate's exact time: restarting from the whole second it was rounded
  // down to would add half a second to every gap's loss and inflate the rate (~1% at 2000/day).
  double t = std::max(arrival_clock_, static_cast<double>(now));
  for (;;) {
    t += -std::log1p(-rng_.arrivals.uniform01()) / peak_per_s;
    arrival_clock_ = t;
    if (t >= static_cast<double>(run_.horizon)) return sim::kNever;
    const auto at = static_cast<sim::Time>(t);
    if (rng_.arrivals.uniform01() * max_intensity_ < intensity(at)) return at;
  }
}

void Market::on_arrival(Simulator& sim) {
  const sim::Time now = sim.now();
  if (run_.max_orders == 0 || placed_ + 1 < run_.max_orders) {
    const sim::Time next = next_arrival(now);
    if (next <= run_.horizon) schedule(sim, next, OrderEvent::Arrival, 0);
  }
  const Slot slot = orders_.acquire();
  Order& o = orders_[slot];
  o.id = next_id_++;
  o.placed_at = now;
  o.amount_cents = std::max<std::int64_t>(
      1, sim::round_half_away(sim::sample(p_.buyers.order_value, rng_.orders)));
  o.segment = static_cast<std::uint8_t>(seller_pick_.sample(rng_.orders));
  const auto population = static_cast<std::uint64_t>(nondeliveries_[o.segment].size());
  o.seller = static_cast<std::uint32_t>(rng_.orders.uniform_int(population));
  o.carrier = static_cast<std::uint8_t>(carrier_pick_.sample(rng_.orders));
  o.route = static_cast<std::uint8_t>(route_pick_.sample(rng_.orders));
  o.refund_to_balance = sim::bernoulli(rng_.buyer, p_.buyers.refund_to_balance);
  o.visa = sim::bernoulli(rng_.buyer, p_.chargebacks.visa_share);
  o.channel = channel_of_share_[channel_pick_.sample(rng_.orders)];
  ++placed_;
  collect_.order_placed(o);
  try_payment(sim, slot);
}

void Market::on_day_end(Simulator& sim) {
  const sim::Time now = sim.now();
  const auto escrow = ledger_.balance(Account::Escrow, Currency::USD).minor();
  collect_.day_end(now, escrow, static_cast<std::int64_t>(orders_.live()));
#ifdef NDEBUG
  if (run_.check_daily) check_invariants();
#else
  check_invariants();
#endif
  if (now < run_.horizon || orders_.live() > 0) schedule(sim, now + sim::kDay, OrderEvent::DayEnd, 0);
}

void Market::dispatch(Simulator& sim, const sim::Event& e) {
  const Slot s = e.target;
  now_ = e.time;
  switch (static_cast<OrderEvent>(e.kind)) {
    case OrderEvent::Arrival: return on_arrival(sim);
    case OrderEvent::DayEnd: return on_day_end(sim);
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
    case OrderEvent::kCount: break;
  }
  throw std::logic_error(fmt::format("unknown event kind {}", e.kind));
}

std::int64_t Market::held_for_live_orders() const {
  std::int64_t sum = 0;
  orders_.for_each_live([&](std::uint32_t, const Order& o) {
    if (o.held) sum += ledger_.held(o.hold).minor();
  });
  return sum;
}

void Market::check_invariants() const {
  ledger_.check_conservation();
  const std::int64_t escrow = ledger_.balance(Account::Escrow, Currency::USD).minor();
  const std::int64_t held = held_for_live_orders();
  if (escrow != held)
    throw std::logic_error(fmt::format("escrow holds {} cents but live orders hold {}", escrow, held));
  std::uint64_t ended = 0;
  for (auto n : ended_) ended += n;
  std::uint64_t in_flight = 0;
  orders_.for_each_live([&](std::uint32_t, const Order& o) { in_flight += !is_terminal(o.state); });
  if (ended + in_flight != placed_)
    throw std::logic_error(fmt::format("orders placed {} != ended {} + in flight {}", placed_,
                                       ended, in_flight));
  if (guard_.illegal > 0)
    throw std::logic_error(fmt::format("{} illegal order transitions", guard_.illegal));
}

}  // namespace market
