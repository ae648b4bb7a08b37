// Checkout to "paid": channel choice, refusals and rerouting, the buyer's payment, faults.
#include <cmath>

#include "models/market/market.hpp"

namespace market {

void Market::try_payment(Simulator& sim, Slot slot) {
  Order& o = orders_[slot];
  const ChannelParams& ch = p_.channels[o.channel];
  ++o.attempts;
  sim::Rng buyer = stream(o, Draw::Payment, o.attempts);
  sim::Rng& channel = buyer;  // the engine's draws, then the buyer's choice after a refusal
  if (o.state == OrderState::Placed) move(o, OrderState::AwaitingPayment);
  // A basket pays as one payment where the channel combines orders (000:221), else each order
  // pays on its own (000:167).
  std::int64_t price_cents = o.amount_cents;
  if (basket_of_[slot] != kNoBasket) {
    if (ch.combines_orders.value) price_cents = basket_total(basket_of_[slot]);
    else split_basket(sim, slot);
  }

  PaymentRequest req;
  req.invoice = Money(price_cents, Currency::USD);
  req.at = sim.now();
  // A card or wallet holds what channel.*.funds draws (funds.cpp). The platform and
  // gift-certificate balances are the buyer's own, and bind (003:236, 000:18-24).
  const Buyer& b = buyers_[o.buyer];
  const int held = held_index(ch.funds_account);
  if (held == kPlatform && b.status == AccountStatus::Open && b.platform_cents < price_cents)
    if (top_up(o, price_cents, buyer, req.at)) req.at = std::max(req.at, last_top_up_paid_at_);
  set_funds(req.buyer, ch, b, buyer, req.at);
  req.buyer.platform_balance = Money(b.platform_cents, Currency::USD);
  req.buyer.gift_balance = Money(b.gift_cents, Currency::USD);
  req.buyer.balance_closed = b.status == AccountStatus::Closed;
  req.buyer.balance_blocked = b.status == AccountStatus::Blocked;
  req.buyer.balance_verified = b.verified;
  req.buyer.in_app = b.in_app;
  req.buyer.country = route_country_[o.route];
  req.buyer.pays_at_terminal = b.pays_at_terminal;
  req.buyer.social_or_salary_card = b.social_salary_card;
  const bool capped = ch.daily_cap_amount.value || ch.daily_cap_count.value ||
                      ch.monthly_cap_amount.value || ch.monthly_cap_count.value;
  if (capped) req.usage = buyers_.usage(o.buyer, o.channel);

  PaymentOutcome out = attempt_payment(ch, req, channel, fx_, calendar_);
  if (out.refusal == Refusal::CodeExpired) {
    collect_.payment_refused(o, out.refusal, false);
    if (basket_of_[slot] != kNoBasket) void_basket(sim, slot, out.void_at, OrderEvent::CodeExpired, out.refusal);
    schedule(sim, out.void_at, OrderEvent::CodeExpired, slot);
    return;
  }
  if (!out.accepted()) {
    const bool retry = o.attempts < p_.buyers.max_payment_attempts &&
                       sim::bernoulli(buyer, p_.buyers.retry_after_refusal);
    collect_.payment_refused(o, out.refusal, retry);
    // The refusal reaches the buyer when the payment would have been made (after the buyer's
    // action delay at a terminal, bank or office), not at checkout.
    const sim::Time refused_at = std::max(sim.now(), out.debited_at);
    if (!retry) {
      collect_.order_abandoned(o, out.refusal);
      if (basket_of_[slot] != kNoBasket)
        void_basket(sim, slot, refused_at, OrderEvent::PaymentAbandoned, out.refusal);
      if (refused_at > sim.now()) return schedule(sim, refused_at, OrderEvent::PaymentAbandoned, slot);
      move(o, OrderState::Void);
      return finish(sim, slot);
    }
    // Another channel by the same shares; a few draws to avoid the one that refused.
    const std::uint8_t refused = o.channel;
    const ChannelChoice& pick = channel_pick_[o.route];
    for (int i = 0; i < 8 && o.channel == refused; ++i)
      o.channel = pick.channel_of[pick.table.sample(buyer)];
    return schedule(sim, refused_at + draw(p_.buyers.retry_delay, buyer), OrderEvent::RetryPayment,
                    slot);
  }
  if (capped) record_usage(buyers_.usage(o.buyer, o.channel), out, ch, calendar_, fx_);
  if (held >= 0) {
    // The price leaves the buyer's balance now, so that no other order spends it meanwhile.
    add_to_balance(held, o.buyer, -out.debited.minor());
    reserved_[static_cast<std::size_t>(held)] += out.debited.minor();
    if (held == kPlatform) buyers_.used(o.buyer, static_cast<std::int32_t>(sim.now() / sim::kDay));
  }
  o.payment = payments_.acquire(out);
  schedule(sim, out.debited_at, OrderEvent::BuyerPays, slot);
}

void Market::on_buyer_pays(Simulator& sim, Slot slot) {
  Order& o = orders_[slot];
  const ChannelParams& ch = p_.channels[o.channel];
  const PaymentOutcome& out = payments_[o.payment];
  const int held = held_index(ch.funds_account);
  const std::int64_t before = ledger_.balance(ch.funds_account, Currency::USD).minor();
  if (basket_of_[slot] != kNoBasket) pay_basket(sim, slot, ch, out);
  else o.hold = post_payment(ledger_, ch, out, o.id);
  if (held >= 0) {
    const std::int64_t taken = before - ledger_.balance(ch.funds_account, Currency::USD).minor();
    reserved_[static_cast<std::size_t>(held)] -= out.debited.minor();
    off_record_[static_cast<std::size_t>(held)] += taken - out.debited.minor();  // a double debit
  }
  o.held = true;
  collect_.escrow_changed(sim.now(), ledger_.balance(Account::Escrow, Currency::USD).minor());
  collect_.payment_accepted(o, out);
  move(o, OrderState::PaidVerifying);
  o.underpaid = out.partially_paid;
  schedule(sim, out.paid_at, OrderEvent::PaymentCredited, slot);
  if (out.double_debit) {
    // The record stays until the extra debit is returned (it may come before "paid").
    ++o.money_events;
    collect_.double_debit(o, out.debited_at, out.reconciled_at);
    schedule(sim, out.reconciled_at, OrderEvent::Reconciled, slot);
  } else {
    release_payment_record(o);
  }
}

void Market::on_retry_payment(Simulator& sim, Slot slot) { try_payment(sim, slot); }

void Market::on_payment_abandoned(Simulator& sim, Slot slot) {
  move(orders_[slot], OrderState::Void);
  finish(sim, slot);
}

void Market::on_code_expired(Simulator& sim, Slot slot) {
  // 001:16, 001:41: the code is valid 48 hours; unpaid, "the order will be necessary to execute
  // on a new one": this order is void, and the buyer may place the same order again.
  const Order expired = orders_[slot];
  move(orders_[slot], OrderState::Void);
  finish(sim, slot);
  // Each code counts as a payment attempt: the buyer gives up after max_payment_attempts.
  sim::Rng buyer = stream(expired, Draw::Reorder);
  if (!sim::bernoulli(buyer, p_.buyers.reorders_expired_code) ||
      expired.attempts >= p_.buyers.max_payment_attempts)
    return;
  collect_.code_reordered(expired);
  place_order(sim, &expired);
}

void Market::on_reconciled(Simulator& sim, Slot slot) {
  Order& o = orders_[slot];
  const ChannelParams& ch = p_.channels[o.channel];
  post_reconciliation(ledger_, ch, payments_[o.payment], o.id);
  if (const int held = held_index(ch.funds_account); held >= 0 && payments_[o.payment].double_debit)
    off_record_[static_cast<std::size_t>(held)] -= payments_[o.payment].debited.minor();
  release_payment_record(o);
  --o.money_events;
  if (is_terminal(o.state)) finish(sim, slot);
}

void Market::on_payment_credited(Simulator& sim, Slot slot) {
  Order& o = orders_[slot];
  if (o.underpaid) {
    // 001:43: the price rose while the cash transfer went through: "partially paid". A new code
    // for the difference, valid as long as the first (001:16); unpaid, the order is cancelled.
    move(o, OrderState::PartiallyPaid);
    const ChannelParams& ch = p_.channels[o.channel];
    sim::Rng buyer = stream(o, Draw::Shortfall);
    if (sim::bernoulli(buyer, p_.buyers.pays_shortfall)) {
      const CodePayment pay = code_payment(ch, sim.now(), buyer);
      if (pay.paid) return schedule(sim, pay.at, OrderEvent::ShortfallPaid, slot);
    }
    return schedule(sim, sim.now() + ch.code_validity.value, OrderEvent::ShortfallExpired, slot);
  }
  move(o, OrderState::AwaitingShipment);
  start_fulfilment(sim, slot);
}

void Market::on_shortfall_paid(Simulator& sim, Slot slot) {
  Order& o = orders_[slot];
  const ChannelParams& ch = p_.channels[o.channel];
  const Money difference = Money(o.amount_cents, Currency::USD) - ledger_.held(o.hold);
  const PaymentOutcome out = price_shortfall(ch, difference, sim.now(), fx_);
  post_shortfall(ledger_, ch, out, o.id, o.hold);
  collect_.escrow_changed(sim.now(), ledger_.balance(Account::Escrow, Currency::USD).minor());
  collect_.shortfall_paid(o, out);
  o.underpaid = false;
  move(o, OrderState::AwaitingShipment);
  start_fulfilment(sim, slot);
}

void Market::on_shortfall_expired(Simulator& sim, Slot slot) {
  // What arrived goes back (to the phone, 001:46).
  Order& o = orders_[slot];
  move(o, OrderState::Cancelled);
  refund(sim, slot, ledger_.held(o.hold).minor(), RefundKind::Underpaid);
}

// Paid in full: the seller prepares the parcel, unless the buyer or a stock-out cancels first.
void Market::start_fulfilment(Simulator& sim, Slot slot) {
  Order& o = orders_[slot];
  const SellerSegmentParams& seg = p_.sellers[o.segment];
  const sim::Time now = sim.now();
  sim::Rng seller = stream(o, Draw::Credited);
  sim::Rng& buyer = seller;
  // A shared parcel (000:221) leaves when the first order's handling says (paid together).
  sim::Rng shared = o.parcel ? parcel_stream(o, Draw::Credited) : sim::Rng(0);
  const sim::Time handling = draw(seg.handling, o.parcel ? shared : seller);
  sim::Time cancel_at = sim::kNever;
  OrderEvent cancel_kind = OrderEvent::BuyerCancels;
  if (sim::bernoulli(buyer, p_.buyers.cancel_before_shipment))
    cancel_at = now + draw(p_.buyers.cancel_delay, buyer);
  if (sim::bernoulli(seller, seg.stock_out)) {
    const sim::Time stock_at = now + static_cast<sim::Time>(seller.uniform01() *
                                                            static_cast<double>(handling));
    if (stock_at < cancel_at) {
      cancel_at = stock_at;
      cancel_kind = OrderEvent::SellerCancels;
    }
  }
  if (cancel_at < now + handling) return set_timer(sim, o, cancel_at, cancel_kind, slot);
  set_timer(sim, o, now + handling, OrderEvent::Shipped, slot);
}

void Market::release_payment_record(Order& o) {
  if (o.payment == PaymentPool::kNone) return;
  payments_.release(o.payment);
  o.payment = PaymentPool::kNone;
}

void Market::release_refund_record(Order& o) {
  if (o.refund == RefundPool::kNone) return;
  refunds_.release(o.refund);
  o.refund = RefundPool::kNone;
}

}  // namespace market

namespace market {

void Market::add_to_balance(int which, std::uint32_t buyer, std::int64_t cents) {
  if (which == kPlatform) {
    buyers_.add_platform(buyer, cents);
    collect_.balance_changed(now_, buyers_.platform_total());
  } else {
    buyers_.add_gift(buyer, cents);
  }
}

bool Market::top_up(Order& o, std::int64_t price_cents, sim::Rng& rng, sim::Time at) {
  if (!sim::bernoulli(rng, p_.buyers.top_up_when_short)) return false;
  const Buyer& b = buyers_[o.buyer];
  const ChannelParams& balance = p_.channels[balance_channel_];
  PaymentRequest req;
  req.at = at;
  req.buyer.platform_balance = Money(b.platform_cents, Currency::USD);
  req.buyer.balance_verified = b.verified;
  req.buyer.in_app = b.in_app;
  req.buyer.country = route_country_[o.route];
  // 003:283: WebMoney (0.8%); Western Union where the rules allow it (note 4b), if WebMoney refuses.
  PaymentOutcome out;
  out.refusal = Refusal::ChannelDisabled;
  std::uint8_t route = webmoney_channel_;
  for (const std::uint8_t r : {webmoney_channel_, western_union_channel_}) {
    if (r == 255) continue;
    const bool allowed = r == webmoney_channel_ || p_.channel_rules.balance_topup_via_western_union;
    set_funds(req.buyer, p_.channels[r], b, rng, at);
    // A route with a minimum (Western Union: more than $20, 000:155) takes at least that; the
    // rest stays on the balance.
    const Money shortfall(price_cents - b.platform_cents, Currency::USD);
    const auto& minimum = p_.channels[r].min_order.value;
    req.invoice = shortfall;
    if (minimum && minimum->currency() == Currency::USD) {
      const Money least = p_.channels[r].min_inclusive.value ? *minimum
                                                             : *minimum + Money(1, Currency::USD);
      if (least > shortfall) req.invoice = least;
    }
    out = attempt_top_up(balance, p_.channels[r], allowed, req, rng, fx_, calendar_);
    route = r;
    if (out.accepted() || out.refusal == Refusal::UnverifiedLimit ||
        out.refusal == Refusal::AboveMaximum)
      break;  // accepted, or the balance cap refuses whatever the route
  }
  if (!out.accepted()) {
    ++collect_.top_ups_refused;
    return false;
  }
  post_top_up(ledger_, p_.channels[route], out);
  collect_.top_up_paid(route, out, at);
  // A top-up debited twice (the route's fault) comes back like a payment's, dated when it does;
  // posted now, as no order waits on it.
  post_reconciliation(ledger_, p_.channels[route], out, 0);
  add_to_balance(kPlatform, o.buyer, out.credited.minor());
  buyers_.used(o.buyer, static_cast<std::int32_t>(at / sim::kDay));
  ++collect_.top_ups;
  collect_.top_up_cents += out.credited.minor();
  last_top_up_paid_at_ = std::max(at, out.paid_at);
  return true;
}

void Market::count_dispute(std::uint32_t id, sim::Time now) {
  Buyer& b = buyers_[id];
  if (b.disputes < 255) ++b.disputes;
  const int limit = p_.buyers.block_after_disputes;
  if (limit <= 0 || b.disputes < limit || b.status != AccountStatus::Open) return;
  // 003:243-244: "many disputes": blocked, the money held up to abuse_hold_max.
  buyers_.block(id);
  blocked_.emplace_back(now + p_.channels[balance_channel_].abuse_hold_max.value, id);
  collect_.account_blocked(now);
}

void Market::release_blocked_balances(sim::Time now) {
  const ChannelParams& balance = p_.channels[balance_channel_];
  while (!blocked_.empty() && blocked_.front().first <= now) {
    const std::uint32_t id = blocked_.front().second;
    blocked_.pop_front();
    // 003:239 ("cash cannot be withdrawn") read for blocked accounts too: held for good.
    if (!balance.withdrawable.value) continue;
    // 003:245: "after 180 days the remaining balance will be available in your bank account".
    const std::int64_t cents = buyers_[id].platform_cents;
    ledger_.post({now, Account::BuyerPlatformBalance, Account::BuyerFunds, Money(cents, Currency::USD),
                  PostingKind::Withdrawal, 0});
    add_to_balance(kPlatform, id, -cents);
    buyers_.close(id);
    collect_.blocked_balance_returned(now, cents);
  }
}

void Market::close_inactive_balances(sim::Time now) {
  const sim::Time after = p_.channels[balance_channel_].inactivity_close.value;
  if (after <= 0) return;
  const auto today = static_cast<std::int32_t>(now / sim::kDay);
  buyers_.for_each_inactive(today, static_cast<std::int32_t>(after / sim::kDay), [&](std::uint32_t id) {
    // 003:247: "the available balance can be used to pay administrative costs".
    const std::int64_t cents = buyers_[id].platform_cents;
    ledger_.post({now, Account::BuyerPlatformBalance, Account::PlatformIncome,
                  Money(cents, Currency::USD), PostingKind::Forfeit, 0});
    add_to_balance(kPlatform, id, -cents);
    buyers_.close(id);
    ++collect_.balances_closed;
    collect_.forfeited_cents += cents;
  });
}

}  // namespace market
