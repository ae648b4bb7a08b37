// 000:221: "If you have several orders, they can be paid and processed from the basket". A
// checkout of several orders is paid as one payment, by its first order, wherever the channel
// combines orders; bank transfer cannot ("you can not combine them into one payment", 000:167),
// so there each order pays on its own. Once paid, every order goes its own way (its own hold,
// shipment, protection and disputes).
#include "models/market/market.hpp"

namespace market {

void Market::place_basket(Simulator& sim, Slot first, int size) {
  const std::uint32_t b = baskets_.acquire();
  baskets_[b].size = static_cast<std::uint8_t>(size);
  baskets_[b].orders[0] = first;
  basket_of_[first] = b;
  const Order buyer = orders_[first];  // a copy: new_order may move the pool
  collect_.basket_placed(buyer, size);
  for (int i = 1; i < size; ++i) {
    const Slot s = new_order(sim.now(), nullptr, &buyer);
    baskets_[b].orders[static_cast<std::size_t>(i)] = s;
    basket_of_[s] = b;
    Order& o = orders_[s];
    sim::Rng rng = stream(o, Draw::Basket);
    if (sim::bernoulli(rng, p_.buyers.basket_same_seller)) {
      // 000:221: from the first order's seller, "sent by a single package".
      o.segment = buyer.segment;
      o.seller = buyer.seller;
      o.carrier = buyer.carrier;
      o.parcel = static_cast<std::uint8_t>(o.id - buyer.id);
    }
    ++placed_;
    ++in_flight_;
    collect_.order_placed(o);
    move(o, OrderState::AwaitingPayment);  // waits for the first order's payment
  }
  current_ = first;
  allowed_ = state_row(OrderState::Placed, OrderEvent::Arrival).next;
  begin_order(sim, first);
}

std::int64_t Market::basket_total(std::uint32_t b) const {
  const Basket& basket = baskets_[b];
  std::int64_t total = 0;
  for (std::size_t i = 0; i < basket.size; ++i) total += orders_[basket.orders[i]].amount_cents;
  return total;
}

void Market::end_basket(Slot first) {
  const std::uint32_t b = basket_of_[first];
  const Basket& basket = baskets_[b];
  for (std::size_t i = 0; i < basket.size; ++i) basket_of_[basket.orders[i]] = kNoBasket;
  baskets_.release(b);
}

void Market::split_basket(Simulator& sim, Slot first) {
  const Order& lead = orders_[first];
  const Basket& basket = baskets_[basket_of_[first]];
  collect_.basket_split(lead);
  for (std::size_t i = 1; i < basket.size; ++i) {
    Order& o = orders_[basket.orders[i]];
    o.channel = lead.channel;
    o.attempts = static_cast<std::uint8_t>(lead.attempts - 1);  // the attempt under way is the lead's
    schedule(sim, sim.now(), OrderEvent::RetryPayment, basket.orders[i]);
  }
  end_basket(first);
}

void Market::void_basket(Simulator& sim, Slot first, sim::Time at, OrderEvent kind, Refusal refusal) {
  const Basket& basket = baskets_[basket_of_[first]];
  for (std::size_t i = 1; i < basket.size; ++i) {
    Order& o = orders_[basket.orders[i]];
    o.channel = orders_[first].channel;
    o.attempts = orders_[first].attempts;
    if (kind == OrderEvent::PaymentAbandoned) collect_.order_abandoned(o, refusal);
    schedule(sim, at, kind, basket.orders[i]);
  }
  end_basket(first);
}

void Market::pay_basket(Simulator& sim, Slot first, const ChannelParams& ch, const PaymentOutcome& out) {
  const Basket& basket = baskets_[basket_of_[first]];
  std::array<std::uint64_t, kMaxBasket> ids{};
  std::array<std::int64_t, kMaxBasket> amounts{};
  for (std::size_t i = 0; i < basket.size; ++i) {
    const Order& o = orders_[basket.orders[i]];
    ids[i] = o.id;
    amounts[i] = o.amount_cents;
  }
  const std::size_t n = basket.size;
  std::array<std::int64_t, kMaxBasket> shares{};
  std::array<HoldId, kMaxBasket> holds{};
  share_credit(out.credited.minor(), std::span<const std::int64_t>(amounts.data(), n),
               std::span<std::int64_t>(shares.data(), n));
  post_basket_payment(ledger_, ch, out, std::span<const std::uint64_t>(ids.data(), n),
                      std::span<const std::int64_t>(shares.data(), n), std::span<HoldId>(holds.data(), n));
  orders_[first].hold = holds[0];
  collect_.basket_paid(orders_[first]);
  for (std::size_t i = 1; i < basket.size; ++i) {
    const Slot s = basket.orders[i];
    Order& o = orders_[s];
    o.channel = orders_[first].channel;  // the channel the basket paid with
    o.attempts = orders_[first].attempts;
    o.hold = holds[i];
    o.held = true;
    o.underpaid = out.partially_paid;
    schedule(sim, sim.now(), OrderEvent::BasketPaid, s);
    schedule(sim, out.paid_at, OrderEvent::PaymentCredited, s);
  }
  end_basket(first);
}

void Market::on_basket_paid(Simulator&, Slot slot) {
  Order& o = orders_[slot];
  collect_.basket_order_paid(o);
  move(o, OrderState::PaidVerifying);
}

}  // namespace market
