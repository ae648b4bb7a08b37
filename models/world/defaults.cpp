// Default named sections: seller segments, carriers, routes. Every figure is an ASSUMPTION
// unless a citation says otherwise; scenarios/default.ini repeats them with their sources.
#include "models/world/carrier_params.hpp"
#include "models/world/seller_params.hpp"

namespace market {

std::vector<SellerSegmentParams> default_seller_segments() {
  SellerSegmentParams fresh;  // 002:74-76: zero rating, low prices
  fresh.name = "new";
  fresh.share = 0.3;
  fresh.stock_out = 0.04;
  fresh.not_as_described = 0.05;
  fresh.defective = 0.03;

  SellerSegmentParams established;  // 002:80: "at least 95%" positive
  established.name = "established";
  established.share = 0.65;
  established.stock_out = 0.015;
  established.not_as_described = 0.02;
  established.defective = 0.015;
  established.accepts = 0.55;
  established.rejects = 0.2;
  established.counters = 0.2;
  established.extends_protection = 0.7;
  established.promised_delivery = sim::lognormal(sim::days(40), 0.3);  // ASSUMPTION

  SellerSegmentParams fraud;  // 002:78: same pattern as newcomers, goods to be thrown away
  fraud.name = "fraudulent";
  fraud.share = 0.05;
  fraud.population = 200;
  fraud.stock_out = 0.0;
  fraud.ships_nothing = 0.3;
  fraud.not_as_described = 0.4;
  fraud.defective = 0.1;
  fraud.accepts = 0.05;
  fraud.rejects = 0.5;
  fraud.counters = 0.15;
  fraud.extends_protection = 0.9;  // stalling past the protection window pays for them
  fraud.promised_delivery = sim::lognormal(sim::days(60), 0.3);  // ASSUMPTION: long promises stall too
  return {fresh, established, fraud};
}

std::vector<CarrierParams> default_carriers() {
  // 002:253: "most stores and sellers work with it"; public-rules.md: ~30 days to Russia (2017).
  CarrierParams china_post{"china_post", 0.7, sim::lognormal(sim::days(25), 0.35), 0.01, 0.95};
  // public-rules.md: AliExpress Standard 15-45 days.
  CarrierParams standard{"aliexpress_standard", 0.22, sim::lognormal(sim::days(22), 0.3), 0.005,
                         1.0};
  // public-rules.md: DHL/UPS/FedEx 3-10 days.
  CarrierParams express{"express", 0.08, sim::uniform(sim::days(3), sim::days(10)), 0.002, 1.0};
  return {china_post, standard, express};
}

std::vector<RouteParams> default_routes() {
  // 000:84, 001:52: Russian buyers have the broadest choice; >90% of parcels into Russia come
  // from China (public-rules.md). Route shares are ASSUMPTIONS.
  // cn: domestic buyers in China (004): Alipay "one of the most commonly used" (004:7), WeChat
  // Pay "another popular choice" (004:8), UnionPay cards (004:9), installments for large orders
  // (004:10); the shares, the route's 5% of orders and its short transit are ASSUMPTIONS.
  // br, other: the buyers' shares without the channels closed to them (e-wallets 000:110,
  // Russian operators, cash 001:52), rescaled to sum to 1.
  const std::vector<std::pair<std::string, double>> open_to_all = {
      {"card", 0.76}, {"western_union", 0.035}, {"bank_transfer", 0.035}, {"platform_balance", 0.1},
      {"gift_certificate", 0.07}};
  return {{"ru", 0.85, 1.0, 0, Country::Russia, {}},
          {"br", 0.05, 1.3, 0, Country::Other, open_to_all},
          {"other", 0.05, 0.8, 0, Country::Other, open_to_all},
          {"cn", 0.05, 0.3, 0, Country::China,
           {{"domestic_alipay", 0.5}, {"wechat_pay", 0.3}, {"union_pay", 0.15}, {"installments", 0.05}}}};
}

}  // namespace market
