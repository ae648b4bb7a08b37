// Card chargebacks: the buyer goes to the issuing bank after a lost or missed dispute (002:190,
// 002:238), on the card network's clock (public-rules.md).
#include <algorithm>

#include "models/market/market.hpp"

namespace market {

void Market::maybe_chargeback(Simulator& sim, Slot slot, bool lost_dispute, OrderState otherwise) {
  Order& o = orders_[slot];
  const ChargebackParams& c = p_.chargebacks;
  const bool card = p_.channels[o.channel].id == ChannelId::Card;
  sim::Rng rng = stream(o, Draw::ChargebackFiling);
  const double p = lost_dispute ? c.file_after_lost_dispute : c.file_after_missed_dispute;
  if (!card || !sim::bernoulli(rng, p)) {
    move(o, otherwise);
    return finish(sim, slot);
  }
  // 002:190, 002:238: the card buyer goes to the bank, within the network's filing window.
  move(o, OrderState::Chargeback);
  const NetworkClock& clock = o.visa ? c.visa : c.mastercard;
  const sim::Time delay = std::min(draw(c.filing_delay, rng), clock.filing_window);
  set_timer(sim, o, sim.now() + delay, OrderEvent::ChargebackFiled, slot);
}

void Market::on_chargeback_filed(Simulator& sim, Slot slot) {
  Order& o = orders_[slot];
  const ChargebackParams& c = p_.chargebacks;
  const NetworkClock& clock = o.visa ? c.visa : c.mastercard;
  collect_.chargeback_filed(o);
  sim::Rng rng = stream(o, Draw::ChargebackCase);
  // The network's clock (public-rules.md): merchant response, then pre-arbitration and
  // arbitration if the representment wins and the cardholder contests it.
  sim::Time t = sim.now() + clock.merchant_response;
  bool buyer_won = true;
  if (sim::bernoulli(rng, c.seller_represents) &&
      sim::bernoulli(rng, c.seller_wins_representment)) {
    buyer_won = false;
    if (sim::bernoulli(rng, c.goes_to_arbitration)) {
      t += clock.pre_arbitration + clock.arbitration;
      buyer_won = !sim::bernoulli(rng, c.seller_wins_arbitration);
    }
  }
  o.chargeback_won = buyer_won;
  set_timer(sim, o, t, OrderEvent::ChargebackDecided, slot);
}

void Market::on_chargeback_decided(Simulator& sim, Slot slot) {
  Order& o = orders_[slot];
  o.timer = {};
  std::int64_t loss = 0;
  if (o.chargeback_won) {
    // The seller bears the loss (public-rules.md note 4) and the network's fee (ASSUMPTION).
    const Money fee = post_usd_charge(ledger_, fx_, sim.now(), Account::SellerPayable,
                                      Account::ChargebackLosses, p_.chargebacks.chargeback_fee,
                                      PostingKind::Chargeback, o.id);
    loss = o.amount_cents + fee.minor();
  }
  collect_.chargeback_decided(o, o.chargeback_won, loss);
  move(o, OrderState::Closed);
  if (o.chargeback_won) return refund(sim, slot, o.amount_cents, RefundKind::Chargeback);
  finish(sim, slot);
}

}  // namespace market
