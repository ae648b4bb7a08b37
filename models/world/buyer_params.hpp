// Buyers: when orders arrive, what they are worth, and how buyers behave along the way.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "models/common/param_meta.hpp"
#include "sim/distribution.hpp"
#include "sim/time.hpp"

namespace market {

// Name -> weight pairs that sum to 1 (checked when a scenario is loaded).
using Shares = std::vector<std::pair<std::string, double>>;

struct ArrivalParams {
  // ASSUMPTION: mean orders per day before the daily, weekly and sale-day factors.
  double orders_per_day = 2000;
  // ASSUMPTION: relative intensity per hour of the day, evening-heavy. Mean exactly 1, so
  // orders_per_day is the mean daily rate; a scenario's shape is scaled to mean 1 at load
  // (normalise_profiles).
  std::vector<double> hourly = {0.31, 0.21, 0.16, 0.1,  0.1,  0.21, 0.41, 0.72, 0.93, 1.14, 1.24, 1.24,
                                1.34, 1.34, 1.24, 1.24, 1.34, 1.45, 1.66, 1.86, 1.97, 1.76, 1.24, 0.79};
  // ASSUMPTION: relative intensity per weekday, Monday first (mean 1, scaled so at load).
  std::vector<double> weekly = {1.0, 1.0, 1.0, 1.0, 0.95, 1.0, 1.05};
  // ASSUMPTION: days (counted from the start, 0-based) with a sale, and their factor.
  std::vector<double> sale_days = {};
  double sale_factor = 5.0;
};

struct BuyerParams {
  // ASSUMPTION: distinct buyers in the population; arrivals are shared among them by activity.
  int population = 100'000;
  // ASSUMPTION: spread of buyers' order rates (sigma of a lognormal): a few order often, most
  // rarely. 0: every buyer alike.
  double activity_sigma = 1.0;
  // ASSUMPTION: what a buyer's platform (Alipay) balance holds at the start, USD cents
  // (003:232: at most $500 unverified, $5,000 verified; the draw is capped there).
  sim::Distribution initial_platform_balance = sim::exponential(1500);
  // ASSUMPTION: share of buyers holding a gift-certificate balance bought ahead, and what it
  // holds (000:18-24: "a balance of $200 ... buy at least a year").
  double gift_certificate_holders = 0.05;
  sim::Distribution gift_certificate_balance = sim::constant(20000);
  // 003:283: a balance short of the price cannot pay part ("no partial payment"): the buyer
  // first tops it up (WebMoney, 0.8%) with this probability (ASSUMPTION), else pays otherwise.
  double top_up_when_short = 0.7;
  // ASSUMPTION: order value in USD cents; cheap goods dominate (trifles paid by phone,
  // 000:38-40), with a long tail.
  sim::Distribution order_value = sim::lognormal(1500, 1.0);
  // ASSUMPTION: which channel buyers try first (000:38-40, 000:92, 001:6 give the pattern).
  Shares channel_shares = {{"card", 0.45},          {"qiwi", 0.1},
                           {"webmoney", 0.07},      {"yandex_money", 0.07},
                           {"phone_megafon", 0.02}, {"phone_beeline", 0.02},
                           {"phone_tele2", 0.01},   {"phone_mts", 0.02},
                           {"cash", 0.1},           {"western_union", 0.02},
                           {"bank_transfer", 0.02}, {"platform_balance", 0.06},
                           {"gift_certificate", 0.04}};
  // 000:221: "If you have several orders, they can be paid and processed from the basket".
  // ASSUMPTION: the shares of checkouts holding 1, 2, 3, ... orders (at most kMaxBasket),
  // scaled to sum 1. Each order has its own value, seller and carrier; the checkout pays them as
  // one payment where the channel combines orders (not bank transfer, 000:167).
  // arrivals.orders_per_day still counts orders: checkouts arrive at that rate / basket_mean.
  std::vector<double> basket_sizes = {0.75, 0.17, 0.06, 0.02};
  // 000:221: "Orders from one seller can be sent by a single package". ASSUMPTION: the share of a
  // basket's later orders from its first order's seller; they ship in that order's parcel.
  double basket_same_seller = 0.4;
  // ASSUMPTION: a refused buyer tries another channel with this probability, else abandons.
  double retry_after_refusal = 0.7;
  int max_payment_attempts = 3;  // ASSUMPTION
  // ASSUMPTION: from a refusal to the next attempt (the buyer reads the message, picks another
  // channel and enters its details).
  sim::Distribution retry_delay = sim::lognormal(sim::minutes(10), 1.0);
  // 001:16, 001:41: an unpaid code runs out and "the order will be necessary to execute on a new
  // one". ASSUMPTION: share of such buyers who place it again (0: the order is void for good);
  // every code counts as a payment attempt, so max_payment_attempts bounds the chain.
  double reorders_expired_code = 0.8;
  // 001:43: a cash order whose roubles bought less than the invoice is "partially paid".
  // ASSUMPTION: share of buyers who pay the difference (with a new code, valid as long as the
  // first, 001:16); the others' orders are cancelled when that code runs out.
  double pays_shortfall = 0.8;
  // 003:243-244: conduct "that will open many disputes against you" blocks the platform
  // account and holds its money. ASSUMPTION: the number of disputes a buyer opens before the
  // block (0: never blocked).
  int block_after_disputes = 10;
  double uses_app = 0.5;         // ASSUMPTION: share of buyers who order from the mobile app
  double balance_verified = 0.3; // ASSUMPTION: buyers whose platform balance is verified
  // ASSUMPTION: share who take refunds to the platform balance when allowed (003:280-283).
  double refund_to_balance = 0.4;
  // ASSUMPTION: how long after delivery a satisfied buyer confirms receipt...
  sim::Distribution confirm_delay = sim::lognormal(sim::days(2), 0.8);
  // ...and the share who never confirm (the timer then completes the order, public-rules.md).
  double never_confirms = 0.25;
  // 002:98: confirming early under seller pressure loses protection. ASSUMPTION: rate.
  double early_confirmation = 0.01;
  // ASSUMPTION: a buyer with a parcel still missing opens a non-arrival dispute (002:256)
  // rather than wait for the automatic refund (000:255).
  double disputes_nonarrival = 0.7;
  // ASSUMPTION: time from receiving a bad item to opening the dispute (002:97: at once).
  sim::Distribution dispute_open_delay = sim::uniform(0, sim::days(2));
  // ASSUMPTION: a problem found within the 15-day post-confirmation window (000:187).
  double late_problem = 0.01;
  // 000:255, 003:280-282: cancel before shipment. ASSUMPTION: rate and timing.
  double cancel_before_shipment = 0.02;
  sim::Distribution cancel_delay = sim::exponential(sim::hours(12));
  // ASSUMPTION: buyers paying with a Sberbank social or salary card (note 2, 000:201).
  double social_salary_card = 0.05;
  // 000:201: "it is better to choose for payment the currency for which your bank card is issued
  // ... Otherwise, the bank that issued your card will convert the currency at its rate".
  // ASSUMPTION: share of card holders whose card is issued in dollars (the others: rubles)...
  double card_in_usd = 0.1;
  // ...and ASSUMPTION: share of buyers who pay in their card's currency (no bank conversion).
  double pays_in_card_currency = 0.5;
  // ASSUMPTION: cash payers who use a terminal (max 15,000 RUB, 001:51) vs a cashier.
  double cash_at_terminal = 0.6;
};

// The most orders one checkout holds (buyers.basket_sizes has at most this many entries).
inline constexpr int kMaxBasket = 8;
// The mean orders per checkout of buyers.basket_sizes (1 for an empty or all-zero list).
double basket_mean(const std::vector<double>& sizes);

// The mean of a shape (hourly or weekly factors); 0 for an empty one.
double profile_mean(const std::vector<double>& factors);
// Scales the hourly and weekly shapes to mean 1 (a shape with mean 0 is left alone: the loader
// refuses it), so orders_per_day is the mean number of orders a day over whole weeks.
void normalise_profiles(ArrivalParams& a);

template <ParamsOf<ArrivalParams> P, class V>
void visit_params(P& p, V&& v) {
  v("orders_per_day", p.orders_per_day, ParamMeta{"ratio", "ASSUMPTION", "mean orders per day", "", "10000000"});
  v("hourly", p.hourly, ParamMeta{"list(ratio)", "ASSUMPTION", "intensity by hour, 24 values, scaled to mean 1"});
  v("weekly", p.weekly, ParamMeta{"list(ratio)", "ASSUMPTION", "intensity by weekday, Mon first, scaled to mean 1"});
  v("sale_days", p.sale_days, ParamMeta{"list(ratio)", "ASSUMPTION", "sale days, 0-based", "", "36500"});
  v("sale_factor", p.sale_factor, ParamMeta{"ratio", "ASSUMPTION", "intensity on a sale day", "", "1000"});
}

template <ParamsOf<BuyerParams> P, class V>
void visit_params(P& p, V&& v) {
  v("population", p.population, ParamMeta{"count", "ASSUMPTION", "distinct buyers"});
  v("activity_sigma", p.activity_sigma,
    ParamMeta{"ratio", "ASSUMPTION", "lognormal sigma of buyers' order rates"});
  v("initial_platform_balance", p.initial_platform_balance,
    ParamMeta{"dist(money)", "ASSUMPTION (003:232)", "platform balance at the start, USD"});
  v("gift_certificate_holders", p.gift_certificate_holders,
    ParamMeta{"probability", "ASSUMPTION (000:18-24)", "buyers holding a gift-certificate balance"});
  v("gift_certificate_balance", p.gift_certificate_balance,
    ParamMeta{"dist(money)", "000:18-24", "a holder's gift-certificate balance, USD"});
  v("top_up_when_short", p.top_up_when_short,
    ParamMeta{"probability", "ASSUMPTION (003:283)", "a short balance is topped up first"});
  v("order_value", p.order_value, ParamMeta{"dist(money)", "ASSUMPTION", "order value, USD"});
  v("channel_shares", p.channel_shares,
    ParamMeta{"shares", "ASSUMPTION (000:38-40, 000:92, 001:6)", "first channel tried"});
  v("basket_sizes", p.basket_sizes,
    ParamMeta{"list(ratio)", "ASSUMPTION (000:221)", "shares of checkouts with 1, 2, ... orders (at most 8), each checkout one payment"});
  v("basket_same_seller", p.basket_same_seller,
    ParamMeta{"probability", "ASSUMPTION (000:221)", "a basket's later order from the first order's seller, in its parcel"});
  v("retry_after_refusal", p.retry_after_refusal,
    ParamMeta{"probability", "ASSUMPTION", "refused buyer tries another channel"});
  v("max_payment_attempts", p.max_payment_attempts,
    ParamMeta{"count", "ASSUMPTION", "channels tried before abandoning", "", "255"});
  v("retry_delay", p.retry_delay,
    ParamMeta{"dist(duration)", "ASSUMPTION", "refusal to the next attempt"});
  v("reorders_expired_code", p.reorders_expired_code,
    ParamMeta{"probability", "ASSUMPTION (001:16, 001:41)", "an expired cash code's order is placed again"});
  v("pays_shortfall", p.pays_shortfall,
    ParamMeta{"probability", "ASSUMPTION (001:43)", "a partially paid order's difference is paid"});
  v("block_after_disputes", p.block_after_disputes,
    ParamMeta{"count", "ASSUMPTION (003:243-244)", "disputes a buyer opens before the account is blocked (0: never)", "", "255"});
  v("uses_app", p.uses_app, ParamMeta{"probability", "ASSUMPTION", "orders from the app"});
  v("balance_verified", p.balance_verified,
    ParamMeta{"probability", "ASSUMPTION", "platform balance accounts verified (003:232-247)"});
  v("refund_to_balance", p.refund_to_balance,
    ParamMeta{"probability", "ASSUMPTION (003:280-283)", "refunds routed to the balance"});
  v("confirm_delay", p.confirm_delay,
    ParamMeta{"dist(duration)", "ASSUMPTION", "delivery to confirmation of receipt"});
  v("never_confirms", p.never_confirms,
    ParamMeta{"probability", "ASSUMPTION", "buyers who never press confirm"});
  v("early_confirmation", p.early_confirmation,
    ParamMeta{"probability", "ASSUMPTION (002:98)", "confirm before delivery, pressed"});
  v("disputes_nonarrival", p.disputes_nonarrival,
    ParamMeta{"probability", "ASSUMPTION (002:256)", "dispute a missing parcel in time"});
  v("dispute_open_delay", p.dispute_open_delay,
    ParamMeta{"dist(duration)", "ASSUMPTION (002:97)", "bad item to dispute"});
  v("late_problem", p.late_problem,
    ParamMeta{"probability", "ASSUMPTION (000:187)", "problem found after confirming"});
  v("cancel_before_shipment", p.cancel_before_shipment,
    ParamMeta{"probability", "ASSUMPTION (003:280-282)", "buyer cancels before shipment"});
  v("cancel_delay", p.cancel_delay,
    ParamMeta{"dist(duration)", "ASSUMPTION", "payment to cancellation request"});
  v("social_salary_card", p.social_salary_card,
    ParamMeta{"probability", "ASSUMPTION (000:201)", "card buyers with a social/salary card"});
  v("card_in_usd", p.card_in_usd,
    ParamMeta{"probability", "ASSUMPTION (000:201)", "card holders whose card is issued in dollars (else rubles)"});
  v("pays_in_card_currency", p.pays_in_card_currency,
    ParamMeta{"probability", "ASSUMPTION (000:201)", "buyers who pay in the card's currency (no bank conversion)"});
  v("cash_at_terminal", p.cash_at_terminal,
    ParamMeta{"probability", "ASSUMPTION (001:51: a terminal takes up to 15,000 RUB)", "cash paid at a terminal"});
}

}  // namespace market
