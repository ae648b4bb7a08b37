// Disputes between buyer and seller, and the platform's ruling (public-rules.md, "Dispute state
// machine"; the articles give the grounds, 000:50, 002:88, 003:280, and the partial refunds).
#pragma once

#include "models/money/money.hpp"
#include "models/common/param_meta.hpp"
#include "sim/distribution.hpp"
#include "sim/time.hpp"

namespace market {

enum class DisputeReason : std::uint8_t { NotReceived, NotAsDescribed, Defective, kCount };
inline constexpr int kDisputeReasonCount = static_cast<int>(DisputeReason::kCount);
std::string_view reason_name(DisputeReason r);  // "not_received", ...

enum class DisputeOutcome : std::uint8_t {
  BuyerWonFull, BuyerWonPartial, SellerWon, Withdrawn, TimedOut, kCount
};
inline constexpr int kDisputeOutcomeCount = static_cast<int>(DisputeOutcome::kCount);
std::string_view outcome_name(DisputeOutcome o);

struct DisputeParams {
  // public-rules.md (newer seller rules): accept or reject within 5 days, else the buyer's
  // proposal is executed. The older rule gave 15 days; a profile can set it.
  sim::Time seller_response_window = sim::days(5);
  // ASSUMPTION: when a seller who answers does so (within the window).
  sim::Distribution seller_response_delay = sim::uniform(0, sim::days(5));
  // public-rules.md (2017 redesign): automatic escalation after 7 days without consensus.
  sim::Time auto_escalate_after = sim::days(7);
  // ASSUMPTION: a buyer who gets a rejection or a counter-offer escalates this quickly...
  sim::Distribution buyer_escalation_delay = sim::uniform(sim::days(1), sim::days(5));
  // ...or accepts a counter-offer with this probability (ASSUMPTION).
  double buyer_accepts_counter = 0.5;
  // ASSUMPTION: the platform's review from escalation to ruling.
  sim::Distribution ruling_delay = sim::uniform(sim::days(3), sim::days(10));
  // ASSUMPTION: rulings on escalated disputes. Non-arrival is usually clear; "a dispute over a
  // cheap item that matches its description is very difficult to win" (002:78).
  double ruling_buyer_full_not_received = 0.85;
  double ruling_buyer_full_not_as_described = 0.45;
  double ruling_buyer_partial_not_as_described = 0.25;
  double ruling_buyer_full_defective = 0.5;
  double ruling_buyer_partial_defective = 0.3;
  // ASSUMPTION: share of buyers asking a partial refund and keeping the item (003:280 example).
  double buyer_proposes_partial = 0.3;
  // ASSUMPTION: a partial refund as a fraction of the order amount.
  sim::Distribution partial_fraction = sim::uniform(0.2, 0.6);
  // ASSUMPTION: share of full-refund disputes for received goods that require a return.
  double return_required = 0.4;
  // public-rules.md: the buyer must ship the return within 10 days, else the seller is paid.
  sim::Time return_ship_deadline = sim::days(10);
  // ASSUMPTION: how long the buyer takes to ship a return.
  sim::Distribution return_ship_delay = sim::uniform(sim::days(1), sim::days(12));
  // ASSUMPTION: return transit back to the seller.
  sim::Distribution return_transit = sim::lognormal(sim::days(20), 0.4);
  // public-rules.md ("Who pays return shipping"): for defective or not-as-described goods the
  // seller pays the return (a change of mind is the buyer's, but protection does not cover
  // one, 003:280-282). ASSUMPTION: the postage of a return parcel.
  Money return_postage = Money::major(5, Currency::USD);
  // ASSUMPTION: share of disputes the buyer withdraws before escalation.
  double buyer_withdraws = 0.05;
};

template <ParamsOf<DisputeParams> P, class V>
void visit_params(P& p, V&& v) {
  v("seller_response_window", p.seller_response_window,
    ParamMeta{"duration", "public-rules.md: seller response time (newer), 5 days",
              "seller must accept or reject within this, else the buyer's proposal executes"});
  v("seller_response_delay", p.seller_response_delay,
    ParamMeta{"dist(duration)", "ASSUMPTION", "opening to the seller's answer, capped by the window"});
  v("auto_escalate_after", p.auto_escalate_after,
    ParamMeta{"duration", "public-rules.md: automatic escalation (2017 redesign), 7 days",
              "unresolved disputes go to the platform after this"});
  v("buyer_escalation_delay", p.buyer_escalation_delay,
    ParamMeta{"dist(duration)", "ASSUMPTION", "buyer's time to escalate after a rejection"});
  v("buyer_accepts_counter", p.buyer_accepts_counter,
    ParamMeta{"probability", "ASSUMPTION", "buyer accepts a seller's counter-offer"});
  v("ruling_delay", p.ruling_delay,
    ParamMeta{"dist(duration)", "ASSUMPTION", "escalation to the platform's ruling"});
  v("ruling_buyer_full_not_received", p.ruling_buyer_full_not_received,
    ParamMeta{"probability", "ASSUMPTION", "ruling: full refund, non-arrival"});
  v("ruling_buyer_full_not_as_described", p.ruling_buyer_full_not_as_described,
    ParamMeta{"probability", "ASSUMPTION (002:78)", "ruling: full refund, not as described"});
  v("ruling_buyer_partial_not_as_described", p.ruling_buyer_partial_not_as_described,
    ParamMeta{"probability", "ASSUMPTION", "ruling: partial refund, not as described"});
  v("ruling_buyer_full_defective", p.ruling_buyer_full_defective,
    ParamMeta{"probability", "ASSUMPTION", "ruling: full refund, defective"});
  v("ruling_buyer_partial_defective", p.ruling_buyer_partial_defective,
    ParamMeta{"probability", "ASSUMPTION (003:280)", "ruling: partial refund, defective"});
  v("buyer_proposes_partial", p.buyer_proposes_partial,
    ParamMeta{"probability", "ASSUMPTION (003:280)", "buyer asks a partial refund, keeps item"});
  v("partial_fraction", p.partial_fraction,
    ParamMeta{"dist(ratio)", "ASSUMPTION", "partial refund as a fraction of the amount", "0", "1"});
  v("return_required", p.return_required,
    ParamMeta{"probability", "ASSUMPTION", "full refund for received goods needs a return"});
  v("return_ship_deadline", p.return_ship_deadline,
    ParamMeta{"duration", "public-rules.md: return shipping deadline 10 days",
              "buyer must ship the return within this"});
  v("return_ship_delay", p.return_ship_delay,
    ParamMeta{"dist(duration)", "ASSUMPTION", "buyer's time to ship a return"});
  v("return_transit", p.return_transit,
    ParamMeta{"dist(duration)", "ASSUMPTION", "return parcel transit to the seller"});
  v("return_postage", p.return_postage,
    ParamMeta{"money", "ASSUMPTION (public-rules.md: the seller pays for defective goods)",
              "postage of a return parcel, charged to the seller"});
  v("buyer_withdraws", p.buyer_withdraws,
    ParamMeta{"probability", "ASSUMPTION", "buyer withdraws the dispute"});
}

}  // namespace market
