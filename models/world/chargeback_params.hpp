// Card chargebacks: a card buyer who missed or lost the platform dispute can go to the bank
// (002:190, 002:238). Clocks from public-rules.md ("Card chargebacks (Visa / Mastercard)").
#pragma once

#include "models/money/money.hpp"
#include "models/common/param_meta.hpp"
#include "sim/distribution.hpp"
#include "sim/time.hpp"

namespace market {

struct NetworkClock {
  sim::Time filing_window;      // cardholder's window from the transaction or expected delivery
  sim::Time merchant_response;  // merchant (here: the platform for the seller) answers
  sim::Time pre_arbitration;    // response to pre-arbitration
  sim::Time arbitration;        // arbitration filing after pre-arbitration
};

struct ChargebackParams {
  // public-rules.md: Visa 120 days, merchant 30, pre-arbitration 30, arbitration 10.
  NetworkClock visa{sim::days(120), sim::days(30), sim::days(30), sim::days(10)};
  // public-rules.md: Mastercard 120 days (90 in one source), representment 45, pre-arb 30-45
  // (30 taken), arbitration 45.
  NetworkClock mastercard{sim::days(120), sim::days(45), sim::days(30), sim::days(45)};
  double visa_share = 0.6;  // ASSUMPTION: of card payments, the rest Mastercard/Maestro
  // ASSUMPTION: a card buyer with an unresolved problem goes to the bank...
  double file_after_lost_dispute = 0.15;
  double file_after_missed_dispute = 0.5;
  // ASSUMPTION: ...this long after the loss (capped by the filing window).
  sim::Distribution filing_delay = sim::uniform(sim::days(1), sim::days(45));
  // public-rules.md: merchants re-present 54% of friendly-fraud chargebacks and win 10.2% net.
  double seller_represents = 0.54;
  double seller_wins_representment = 0.19;  // 10.2% / 54%
  double goes_to_arbitration = 0.2;         // ASSUMPTION: of representments the buyer contests
  double seller_wins_arbitration = 0.5;     // ASSUMPTION
  // ASSUMPTION: fee charged to the seller per chargeback the buyer wins.
  Money chargeback_fee = Money::major(15, Currency::USD);
};

template <ParamsOf<ChargebackParams> P, class V>
void visit_params(P& p, V&& v) {
  constexpr std::string_view visa = "public-rules.md: Visa network timelines";
  constexpr std::string_view mc = "public-rules.md: Mastercard time frames";
  v("visa.filing_window", p.visa.filing_window, ParamMeta{"duration", visa, "cardholder filing window"});
  v("visa.merchant_response", p.visa.merchant_response, ParamMeta{"duration", visa, "merchant response"});
  v("visa.pre_arbitration", p.visa.pre_arbitration, ParamMeta{"duration", visa, "pre-arbitration response"});
  v("visa.arbitration", p.visa.arbitration, ParamMeta{"duration", visa, "arbitration filing"});
  v("mastercard.filing_window", p.mastercard.filing_window, ParamMeta{"duration", mc, "cardholder filing window"});
  v("mastercard.merchant_response", p.mastercard.merchant_response, ParamMeta{"duration", mc, "second presentment"});
  v("mastercard.pre_arbitration", p.mastercard.pre_arbitration, ParamMeta{"duration", mc, "pre-arbitration response"});
  v("mastercard.arbitration", p.mastercard.arbitration, ParamMeta{"duration", mc, "arbitration"});
  v("visa_share", p.visa_share, ParamMeta{"probability", "ASSUMPTION", "card payments on Visa"});
  v("file_after_lost_dispute", p.file_after_lost_dispute,
    ParamMeta{"probability", "ASSUMPTION (002:190, 002:238)", "card buyer files after losing"});
  v("file_after_missed_dispute", p.file_after_missed_dispute,
    ParamMeta{"probability", "ASSUMPTION (002:238)", "card buyer files after missing the window"});
  v("filing_delay", p.filing_delay,
    ParamMeta{"dist(duration)", "ASSUMPTION", "time from the loss to filing"});
  v("seller_represents", p.seller_represents,
    ParamMeta{"probability", "public-rules.md: 2022 Chargeback Field Report", "re-presented share"});
  v("seller_wins_representment", p.seller_wins_representment,
    ParamMeta{"probability", "public-rules.md: net win rate 10.2% / 54%", "representment won"});
  v("goes_to_arbitration", p.goes_to_arbitration,
    ParamMeta{"probability", "ASSUMPTION", "lost representment contested to arbitration"});
  v("seller_wins_arbitration", p.seller_wins_arbitration,
    ParamMeta{"probability", "ASSUMPTION", "arbitration won by the seller"});
  v("chargeback_fee", p.chargeback_fee,
    ParamMeta{"money", "ASSUMPTION", "fee charged to the seller per chargeback the buyer wins"});
}

}  // namespace market
