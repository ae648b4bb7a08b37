// Carriers and routes. China Post Registered Air Mail is the usual carrier (002:253);
// free shipping sometimes comes without a tracking number ("rarely", 000:244).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "models/common/country.hpp"
#include "models/common/param_meta.hpp"
#include "sim/distribution.hpp"
#include "sim/time.hpp"

namespace market {

struct CarrierParams {
  std::string name;
  double share = 0;
  sim::Distribution transit = sim::lognormal(sim::days(25), 0.35);
  double loss = 0.01;     // 000:50, 003:280 name losses; rate ASSUMPTION
  double tracked = 0.95;  // 000:244: untracked "rarely"; rate ASSUMPTION
};

struct RouteParams {
  std::string name;  // lower case, a scenario section name
  double share = 0;
  double transit_factor = 1.0;        // multiplies every carrier's transit time
  sim::Time delivery_timer_cap = 0;   // 0: the protection default (60 d, 000:255)
  Country country = Country::Other;   // the buyers' (a channel's only_country admits them or not)
  // The first channel the route's buyers try; empty: buyers.channel_shares.
  std::vector<std::pair<std::string, double>> channel_shares = {};
};

template <ParamsOf<CarrierParams> P, class V>
void visit_params(P& p, V&& v) {
  v("share", p.share, ParamMeta{"probability", "ASSUMPTION (002:253)", "share of parcels"});
  v("transit", p.transit, ParamMeta{"dist(duration)", "public-rules.md: delivery ranges", "transit"});
  v("loss", p.loss, ParamMeta{"probability", "ASSUMPTION (000:50)", "parcel lost"});
  v("tracked", p.tracked, ParamMeta{"probability", "ASSUMPTION (000:244)", "has tracking"});
}

template <ParamsOf<RouteParams> P, class V>
void visit_params(P& p, V&& v) {
  v("share", p.share, ParamMeta{"probability", "ASSUMPTION", "share of orders"});
  v("transit_factor", p.transit_factor, ParamMeta{"ratio", "ASSUMPTION", "transit multiplier", "", "1000"});
  v("delivery_timer_cap", p.delivery_timer_cap,
    ParamMeta{"duration", "000:255 (60 d); public-rules.md 90 d RU, 120 d BR", "timer cap, 0 = default"});
  v("country", p.country, ParamMeta{"country", "ASSUMPTION (ru: Russia, 000:84; cn: China, 004; the rest: other)", "buyers' country"});
  v("channel_shares", p.channel_shares,
    ParamMeta{"shares|none", "ASSUMPTION (cn: 004:7-10; br, other: the channels open to them, 000:110; none: the buyers')",
              "first channel tried on this route (none: buyers.channel_shares)"});
}

std::vector<CarrierParams> default_carriers();
std::vector<RouteParams> default_routes();

}  // namespace market
