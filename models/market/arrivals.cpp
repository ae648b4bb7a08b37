// Orders arrive as a non-homogeneous Poisson process (the hourly, weekly and sale-day factors
// of the scenario); each arrival draws its order: value, seller, carrier, route, channel.
#include <algorithm>
#include <cmath>

#include "models/market/market.hpp"
#include "sim/ziggurat.hpp"

namespace market {

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
// peak rate, each kept with probability intensity(t) / peak. An arrival is a checkout.
sim::Time Market::next_arrival(sim::Time now) {
  // orders_per_day counts orders: a checkout brings basket_mean_ of them.
  const double peak_per_s = p_.arrivals.orders_per_day / basket_mean_ * max_intensity_ / sim::kDay;
  if (peak_per_s <= 0) return sim::kNever;
  // From the previous candidate's exact time: restarting from the whole second it was rounded
  // down to would add half a second to every gap's loss and inflate the rate (~1% at 2000/day).
  double t = std::max(arrival_clock_, static_cast<double>(now));
  for (;;) {
    t += sim::standard_exponential(arrivals_rng_) / peak_per_s;
    arrival_clock_ = t;
    if (t >= static_cast<double>(run_.horizon)) return sim::kNever;
    const auto at = static_cast<sim::Time>(t);
    if (at / sim::kHour != intensity_hour_) {  // candidates come about 20 s apart at 2,000 a day
      intensity_hour_ = at / sim::kHour;
      intensity_of_hour_ = intensity(at);
    }
    if (arrivals_rng_.uniform01() * max_intensity_ < intensity_of_hour_) return at;
  }
}

void Market::on_arrival(Simulator& sim) {
  // A basket may have taken the last orders max_orders allows.
  if (run_.max_orders > 0 && placed_ >= run_.max_orders) return;
  if (run_.max_orders == 0 || placed_ + 1 < run_.max_orders) {
    const sim::Time next = next_arrival(sim.now());
    if (next <= run_.horizon) sim.schedule_at(next, event_code(OrderEvent::Arrival, 0), 0);
  }
  const Slot first = new_order(sim.now(), nullptr, nullptr);
  int size = 1;
  if (p_.buyers.basket_sizes.size() > 1) {
    sim::Rng rng = stream(orders_[first], Draw::Basket);
    size = static_cast<int>(basket_pick_.sample(rng)) + 1;
    if (run_.max_orders > 0)
      size = static_cast<int>(std::min<std::uint64_t>(static_cast<std::uint64_t>(size), run_.max_orders - placed_));
  }
  if (size > 1) return place_basket(sim, first, size);
  begin_order(sim, first);
}

void Market::place_order(Simulator& sim, const Order* again) {
  begin_order(sim, new_order(sim.now(), again, nullptr));
}

Market::Slot Market::new_order(sim::Time now, const Order* again, const Order* buyer_of) {
  const Slot slot = orders_.acquire();
  if (slot >= generations_.size()) {
    generations_.resize(slot + 1, 0);
    basket_of_.resize(slot + 1, kNoBasket);
  }
  current_ = slot;
  allowed_ = state_row(OrderState::Placed, OrderEvent::Arrival).next;
  ++row_hits_[static_cast<std::size_t>(OrderState::Placed)][static_cast<std::size_t>(OrderEvent::Arrival)];
  Order& o = orders_[slot];
  if (next_id_ > UINT32_MAX) throw std::logic_error("more than 4,294,967,295 orders in one run");
  o.id = static_cast<std::uint32_t>(next_id_++);
  o.placed_at = now;
  if (again) {
    // The same goods from the same seller, by the same buyer and channel, on a new code.
    o.amount_cents = again->amount_cents;
    o.segment = again->segment;
    o.seller = again->seller;
    o.carrier = again->carrier;
    buyer_of = again;
  } else {
    sim::Rng rng = stream(o, Draw::Checkout);
    o.amount_cents = std::max<std::int64_t>(
        1, sim::round_half_away(sim::sample(p_.buyers.order_value, rng)));
    o.segment = static_cast<std::uint8_t>(seller_pick_.sample(rng));
    const auto population = static_cast<std::uint64_t>(nondeliveries_[o.segment].size());
    o.seller = static_cast<std::uint32_t>(rng.uniform_int(population));
    o.carrier = static_cast<std::uint8_t>(carrier_pick_.sample(rng));
    if (!buyer_of) {
      // The order's buyer, by activity: where the buyer lives and what the buyer pays with.
      o.buyer = buyers_.pick(rng);
      const Buyer& buyer = buyers_[o.buyer];
      o.route = buyer.route;
      o.refund_to_balance = buyer.refund_to_balance;
      o.visa = buyer.visa;
      o.channel = buyer.channel;
      return slot;
    }
  }
  o.buyer = buyer_of->buyer;
  o.route = buyer_of->route;
  o.refund_to_balance = buyer_of->refund_to_balance;
  o.visa = buyer_of->visa;
  o.channel = buyer_of->channel;
  if (again) o.attempts = again->attempts;
  return slot;
}

void Market::begin_order(Simulator& sim, Slot slot) {
  const Order& o = orders_[slot];
  ++placed_;
  ++in_flight_;
  collect_.order_placed(o);
  try_payment(sim, slot);
}

}  // namespace market
