// What the buyer holds for a payment: a card's or wallet's funds (channel.*.funds; 000:40,
// 000:98, 000:131, 002:283) and a card's currency with the buyer's choice of payment currency
// (000:201).
#include "models/market/market.hpp"

namespace market {

void Market::set_funds(BuyerState& state, const ChannelParams& ch, const Buyer& b, sim::Rng& rng,
                       sim::Time at) const {
  if (ch.id == ChannelId::Card) {
    state.card_currency = b.card_in_usd ? Currency::USD : ch.currency.value;
    state.pays_in_card_currency = b.pays_in_card_currency;
  }
  const Currency debit = debit_currency(ch, state);
  const auto& funds = ch.funds.value;
  if (!funds) {
    state.funds = Money(INT64_MAX / 4, debit);  // none: enough for any payment
    return;
  }
  const Money held = draw_money(*funds, rng);
  state.funds = held.currency() == debit ? held : fx_.convert(held, debit, at);
}

}  // namespace market
