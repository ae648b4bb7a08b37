// Seller segments (002:72-80): new sellers with no rating, established ones with about 95%
// positive, and fraudsters who mimic newcomers' low prices.
#pragma once

#include <string>

#include "models/money/money.hpp"
#include "models/common/param_meta.hpp"
#include "sim/distribution.hpp"
#include "sim/time.hpp"

namespace market {

struct SellerSegmentParams {
  std::string name;
  double share = 0;                 // of orders
  int population = 1000;            // sellers in the segment (blocking replaces one)
  sim::Distribution handling = sim::uniform(sim::days(2), sim::days(7));  // public-rules: 2-7 d
  double stock_out = 0.02;          // 001:46: cancel and refund
  double ships_nothing = 0;         // fraud: never ships a real parcel
  double not_as_described = 0.03;
  double defective = 0.02;
  // ASSUMPTION: the delivery time the seller states, drawn per order. Sellers state 30-60 d and
  // more (public-rules.md, carriers' 30-60 d); the timer takes it up to the cap (000:255: 60 d;
  // public-rules.md: 90 d Russia, 120 d Brazil), so the cap binds for the longest promises.
  sim::Distribution promised_delivery = sim::lognormal(sim::days(45), 0.35);
  // Response to a dispute: accept, reject, counter-offer a partial refund; the rest is silence.
  double accepts = 0.4;
  double rejects = 0.3;
  double counters = 0.25;
  double extends_protection = 0.5;  // 002:98: on the buyer's request
  Money nondelivery_fine = Money::major(5, Currency::USD);  // 000:255: fined or blocked
  int block_after_nondeliveries = 5;                         // 000:255
};

template <ParamsOf<SellerSegmentParams> P, class V>
void visit_params(P& p, V&& v) {
  v("share", p.share, ParamMeta{"probability", "ASSUMPTION (002:72-80)", "share of orders"});
  v("population", p.population, ParamMeta{"count", "ASSUMPTION", "sellers in the segment", "1", "10000000"});
  v("handling", p.handling,
    ParamMeta{"dist(duration)", "public-rules.md: processing 2-7 / 3-10 days", "payment to shipment"});
  v("stock_out", p.stock_out, ParamMeta{"probability", "ASSUMPTION (001:46)", "cancels for stock"});
  v("ships_nothing", p.ships_nothing, ParamMeta{"probability", "ASSUMPTION (002:78)", "never ships"});
  v("not_as_described", p.not_as_described,
    ParamMeta{"probability", "ASSUMPTION (002:78)", "item not as described"});
  v("defective", p.defective, ParamMeta{"probability", "ASSUMPTION (002:97)", "item defective"});
  v("promised_delivery", p.promised_delivery,
    ParamMeta{"dist(duration)", "ASSUMPTION (000:255 caps it at 60 d)", "seller's promised delivery time"});
  v("accepts", p.accepts, ParamMeta{"probability", "ASSUMPTION", "accepts a dispute"});
  v("rejects", p.rejects, ParamMeta{"probability", "ASSUMPTION", "rejects a dispute"});
  v("counters", p.counters, ParamMeta{"probability", "ASSUMPTION", "counter-offers a partial refund"});
  v("extends_protection", p.extends_protection,
    ParamMeta{"probability", "ASSUMPTION (002:98)", "extends protection on request"});
  v("nondelivery_fine", p.nondelivery_fine,
    ParamMeta{"money", "ASSUMPTION (000:255 names fines, no amount)", "fine per undelivered order"});
  v("block_after_nondeliveries", p.block_after_nondeliveries,
    ParamMeta{"count", "ASSUMPTION (000:255)", "undelivered orders before blocking"});
}

// The default segments: 002:72-80 describes them; every figure is an ASSUMPTION.
std::vector<SellerSegmentParams> default_seller_segments();

}  // namespace market
