// Escrow and buyer protection: when held money is released to the seller or returned.
#pragma once

#include "models/common/param_meta.hpp"
#include "sim/distribution.hpp"
#include "sim/time.hpp"

namespace market {

struct ProtectionParams {
  // 000:187: after "confirm receipt" the money stays held while protection runs, 15 days.
  sim::Time release_after_confirmation = sim::days(15);
  // 002:13 says the money goes to the seller on confirmation; a switch, off by default (000:187).
  bool release_at_confirmation = false;
  // 000:255: the delivery timer is the seller's promised time, at most 60 days. Routes may
  // override the cap (public-rules.md: 90 days for Russia, 120 for Brazil).
  sim::Time max_delivery_timer = sim::days(60);
  // public-rules.md (aliexpress.com buyerprotection page): once tracking shows delivered the
  // countdown is cut to 5 days. The articles say nothing; 0 turns the rule off (default).
  sim::Time delivered_countdown = 0;
  // 000:255: never delivered within the guarantee -> refunded "within three days".
  sim::Distribution nondelivery_refund_delay = sim::uniform(0, sim::days(3));
  // Whether "refunded within three days" (000:255) means the buyer has the money (true, the
  // literal reading: it lands when issued) or that the refund is issued and then takes the
  // channel's refund time (false, public-rules.md refund times). Sources differ: a switch.
  bool nondelivery_refund_lands = true;
  // 000:255 ("will definitely be refunded"), 002:256 ("the system will return your money"): a
  // non-arrival dispute over a parcel that never came refunds the buyer in full (true): no
  // ruling for the seller, no withdrawal, no counter-offer; a parcel that arrives during such a
  // dispute ends it for the seller. false: the dispute runs like any other (the rules of the
  // dispute parameters, public-rules.md).
  bool nonarrival_always_refunded = true;
  // 002:256: open a non-arrival dispute at least 3 days before the timer ends.
  sim::Time dispute_lead = sim::days(3);
  // 000:187, 002:98: after confirming, the buyer still has 15 days to open a dispute.
  sim::Time post_confirmation_dispute_window = sim::days(15);
  // 002:98: the seller may extend protection for a delayed parcel. ASSUMPTION: by 15 days.
  sim::Time extension = sim::days(15);
};

template <ParamsOf<ProtectionParams> P, class V>
void visit_params(P& p, V&& v) {
  v("release_after_confirmation", p.release_after_confirmation,
    ParamMeta{"duration", "000:187", "escrow held after the buyer confirms receipt"});
  v("release_at_confirmation", p.release_at_confirmation,
    ParamMeta{"bool", "000:187 (default; 002:13 pays at confirmation)",
              "pay the seller at confirmation instead of after the protection window"});
  v("max_delivery_timer", p.max_delivery_timer,
    ParamMeta{"duration", "000:255", "cap on the seller's promised delivery time"});
  v("delivered_countdown", p.delivered_countdown,
    ParamMeta{"duration", "public-rules.md (buyerprotection page); 0 = off, articles silent",
              "countdown once tracking shows delivered"});
  v("nondelivery_refund_delay", p.nondelivery_refund_delay,
    ParamMeta{"dist(duration)", "000:255", "refund after the timer ends undelivered"});
  v("nondelivery_refund_lands", p.nondelivery_refund_lands,
    ParamMeta{"bool", "000:255 (literal; false: public-rules.md refund times)",
              "a non-delivery refund lands within the three days"});
  v("nonarrival_always_refunded", p.nonarrival_always_refunded,
    ParamMeta{"bool", "000:255, 002:256 (false: public-rules.md dispute rules)",
              "a non-arrival dispute over a missing parcel refunds in full"});
  v("dispute_lead", p.dispute_lead,
    ParamMeta{"duration", "002:256", "open a non-arrival dispute this long before the timer ends"});
  v("post_confirmation_dispute_window", p.post_confirmation_dispute_window,
    ParamMeta{"duration", "000:187, 002:98", "dispute window after confirming receipt"});
  v("extension", p.extension,
    ParamMeta{"duration", "ASSUMPTION (002:98 gives no figure)",
              "how much a seller extends protection on request"});
}

}  // namespace market
