// The documented default parameters of every channel in payment-facts.md, and the switches for
// the places where the articles disagree (payment-facts.md notes 1-5).
#pragma once

#include <array>

#include "models/channels/channel.hpp"
#include "models/common/param_meta.hpp"

namespace market {

struct ChannelRules {
  // Note 1: 000:207 gives card payments a $10,000 limit; 000:232 says "less than $5,000" in a
  // passage that goes on about QIWI. Default: card $10,000 and QIWI < $5,000, because 000:207
  // names the card explicitly and 000:232 runs straight into the QIWI instructions.
  bool card_limit_5000 = false;  // true: card < $5,000 (000:232), QIWI unlimited
  // Note 2: 000:96 accepts "salary, social" debit cards; 000:201 says Sberbank social and
  // salary cards are "not suitable". Default: declined, because 000:201 names the cards
  // specifically while 000:96 is a general list.
  bool decline_social_salary_cards = true;
  // Note 3: cash only from the PC site (001:10) or also in the app (002:236). Default: PC only,
  // because 001 is the article about cash payment and 002:236 is a blanket statement.
  bool cash_in_app = false;
  // Note 4: the platform (Alipay) balance tops up and pays (003:232-300) or stopped in early
  // 2017 (003:150). Default: available, as in the facts table, so its rules can be studied.
  bool platform_balance_available = true;
  // Note 4: top-up via WebMoney and Western Union (003:290) or only WebMoney (003:348).
  // Default: both, the screenshot walk-through at 003:290 lists both.
  bool balance_topup_via_western_union = true;
  // Note 5: 000:143/000:189 "the seller sees the payment" vs 002:86 "will not see the payment
  // until you confirm". Default true: the seller sees the order as paid but gets the money
  // only at release (the reading consistent with both). Not simulated: the seller's view
  // changes nothing the model does (he ships after payment and is paid at release either way).
  bool seller_sees_paid_status = true;
  // Card refund speed: the articles say a card refund is "faster than when paying by any other
  // method" (000:229, 002:129); public rules say the issuer needs 7-15 business days
  // (public-rules.md, intl.alipay.com). Default: the articles (true).
  bool card_refunds_fastest = true;
};

template <ParamsOf<ChannelRules> P, class V>
void visit_params(P& p, V&& v) {
  v("card_limit_5000", p.card_limit_5000,
    ParamMeta{"bool", "payment-facts.md note 1 (000:207 vs 000:232)", "card < $5,000 and QIWI unlimited"});
  v("decline_social_salary_cards", p.decline_social_salary_cards,
    ParamMeta{"bool", "payment-facts.md note 2 (000:201 vs 000:96)", "Sberbank social/salary cards declined"});
  v("cash_in_app", p.cash_in_app,
    ParamMeta{"bool", "payment-facts.md note 3 (001:10 vs 002:236)", "cash also offered in the app"});
  v("platform_balance_available", p.platform_balance_available,
    ParamMeta{"bool", "payment-facts.md note 4 (003:232-300 vs 003:150)", "platform balance tops up and pays"});
  v("balance_topup_via_western_union", p.balance_topup_via_western_union,
    ParamMeta{"bool", "payment-facts.md note 4 (003:290 vs 003:348)",
              "balance top-up via Western Union too"});
  v("seller_sees_paid_status", p.seller_sees_paid_status,
    ParamMeta{"bool", "NOT SIMULATED: payment-facts.md note 5 (000:143 vs 002:86); the seller ships after payment and is paid at release either way",
              "seller sees the order as paid before release"});
  v("card_refunds_fastest", p.card_refunds_fastest,
    ParamMeta{"bool", "conflict: 000:229, 002:129 (faster than any other method) vs public-rules.md (card 7-15 business days)",
              "card refunds faster than any other method (false: 7-15 business days)"});
}

// All channels with documented defaults, indexed by ChannelId, with `rules` applied.
std::array<ChannelParams, kChannelCount> channel_catalog(const ChannelRules& rules = {});
const ChannelParams& channel(const std::array<ChannelParams, kChannelCount>& catalog,
                             ChannelId id);
// A reference into a temporary catalog would dangle.
const ChannelParams& channel(std::array<ChannelParams, kChannelCount>&& catalog, ChannelId id) = delete;

// Refund latency to the platform balance for non-card payments: 1-3 days (003:280-282).
sim::Distribution balance_refund_latency();

}  // namespace market
