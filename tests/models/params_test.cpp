// Every scenario-visible parameter names a source, and keys are unique within a struct.
#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "models/world/buyer_params.hpp"
#include "models/world/carrier_params.hpp"
#include "models/world/chargeback_params.hpp"
#include "models/world/dispute_params.hpp"
#include "models/world/protection_params.hpp"
#include "models/world/seller_params.hpp"

namespace {

struct KeyCheck {
  std::set<std::string> keys;
  int fields = 0;
  template <class T>
  void operator()(std::string_view key, T&, const market::ParamMeta& m) {
    INFO(key);
    CHECK(keys.insert(std::string(key)).second);
    CHECK_FALSE(m.unit.empty());
    CHECK_FALSE(m.source.empty());
    CHECK_FALSE(m.description.empty());
    ++fields;
  }
};

template <class P>
int check_params(P& p) {
  KeyCheck check;
  visit_params(p, check);
  return check.fields;
}

}  // namespace

TEST_CASE("parameter structs give every field a unit and a source and a description", "[params]") {
  market::ProtectionParams protection;
  market::DisputeParams disputes;
  market::ChargebackParams chargebacks;
  market::ArrivalParams arrivals;
  market::BuyerParams buyers;
  market::SellerSegmentParams seller;
  market::CarrierParams carrier;
  market::RouteParams route;
  CHECK(check_params(protection) > 0);
  CHECK(check_params(disputes) > 0);
  CHECK(check_params(chargebacks) > 0);
  CHECK(check_params(arrivals) > 0);
  CHECK(check_params(buyers) > 0);
  CHECK(check_params(seller) > 0);
  CHECK(check_params(carrier) > 0);
  CHECK(check_params(route) > 0);
}

TEST_CASE("protection defaults are the articles' figures", "[params]") {
  const market::ProtectionParams p;
  CHECK(p.release_after_confirmation == sim::days(15));  // 000:187
  CHECK_FALSE(p.release_at_confirmation);                 // 000:187 over 002:13
  CHECK(p.max_delivery_timer == sim::days(60));           // 000:255
  CHECK(p.dispute_lead == sim::days(3));                  // 002:256
  CHECK(sim::mean(p.nondelivery_refund_delay) == sim::days(3) / 2.0);  // "within 3 days", 000:255
}

TEST_CASE("default shares sum to one and responses are probabilities", "[params]") {
  double total = 0;
  for (const auto& s : market::default_seller_segments()) {
    INFO(s.name);
    total += s.share;
    CHECK(s.accepts + s.rejects + s.counters <= 1.0);
    CHECK(s.ships_nothing + s.not_as_described + s.defective <= 1.0);
  }
  CHECK(total == Approx(1.0));
  total = 0;
  for (const auto& c : market::default_carriers()) total += c.share;
  CHECK(total == Approx(1.0));
  total = 0;
  for (const auto& r : market::default_routes()) total += r.share;
  CHECK(total == Approx(1.0));
}
