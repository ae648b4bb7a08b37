// Everything a run of the marketplace needs, as plain data: the parameters of every model and
// of the run itself. The scenario layer fills it; the defaults are the documented world.
#pragma once

#include <cstdint>
#include <vector>

#include "models/world/buyer_params.hpp"
#include "models/money/calendar.hpp"
#include "models/world/carrier_params.hpp"
#include "models/channels/channel.hpp"
#include "models/channels/channel_catalog.hpp"
#include "models/world/chargeback_params.hpp"
#include "models/world/dispute_params.hpp"
#include "models/money/fx.hpp"
#include "models/common/param_meta.hpp"
#include "models/world/protection_params.hpp"
#include "models/world/seller_params.hpp"

namespace market {

struct MarketParams {
  ArrivalParams arrivals;
  BuyerParams buyers;
  ProtectionParams protection;
  DisputeParams disputes;
  ChargebackParams chargebacks;
  ChannelRules channel_rules;
  std::vector<ChannelParams> channels;  // filled from channel_catalog(channel_rules) by default
  std::vector<SellerSegmentParams> sellers = default_seller_segments();
  std::vector<CarrierParams> carriers = default_carriers();
  std::vector<RouteParams> routes = default_routes();
  FxParams fx;
  CivilDate start_date{2026, 1, 5};  // ASSUMPTION: a Monday
  std::vector<CivilDate> holidays;
};

// The documented world: every default above, with the channel catalogue.
MarketParams default_market();

struct RunParams {
  sim::Time horizon = sim::days(365);  // arrivals stop here
  sim::Time warmup = sim::days(120);   // excluded from every statistic (docs/validation.md)
  bool drain = true;                   // after the horizon, run until every order has ended
  std::uint64_t max_orders = 0;        // stop arrivals after this many orders (0: no limit)
  bool check_daily = false;            // check every invariant at each day's end (debug: always)
  std::uint64_t seed = 1;
  std::uint64_t replication = 0;
};

// The scenario's [run] section (replication is the index of one run, not a scenario key).
template <ParamsOf<RunParams> P, class V>
void visit_params(P& p, V&& v) {
  v("horizon", p.horizon, ParamMeta{"duration", "ASSUMPTION", "arrivals stop here"});
  v("warmup", p.warmup,
    ParamMeta{"duration", "ASSUMPTION (measured: docs/validation.md, warm-up)", "excluded from every statistic"});
  v("drain", p.drain, ParamMeta{"bool", "ASSUMPTION", "after the horizon, run until every order has ended"});
  v("max_orders", p.max_orders, ParamMeta{"count", "ASSUMPTION", "stop arrivals after this many orders, 0 = no limit", "",
                                          "4294967295"});
  v("check_daily", p.check_daily, ParamMeta{"bool", "NOT SIMULATED: a check of the run, not a model figure", "check every invariant at each day's end"});
  v("seed", p.seed, ParamMeta{"count", "ASSUMPTION", "seed of every random stream", "", "9223372036854775807"});
}

}  // namespace market
