#include "models/channels/channel_catalog.hpp"

namespace market {

namespace {

// E-wallets: "for Russian users and CIS countries" (000:110).
constexpr CountrySet kRussiaAndCis{Country::Russia, Country::Ukraine, Country::Kazakhstan, Country::Belarus};

constexpr Money usd(std::int64_t major) { return Money::major(major, Currency::USD); }
constexpr Money rub(std::int64_t major) { return Money::major(major, Currency::RUB); }

// What a card or wallet holds, in rubles: a lognormal with this median (major units) and sigma.
MoneyDistribution rub_funds(std::int64_t median, double sigma) {
  return {sim::lognormal(static_cast<double>(rub(median).minor()), sigma), Currency::RUB};
}

// Refund to the original method "can take a very long time (sometimes months)" (003:280); shape
// and median are ASSUMPTIONs near public-rules' card 7-15 business days.
sim::Distribution slow_refund() { return sim::lognormal(static_cast<double>(sim::days(10)), 0.8); }
// E-wallet refunds: public-rules gives 7-10 business days; uniform 7-14 calendar days.
sim::Distribution wallet_refund() {
  return sim::uniform(static_cast<double>(sim::days(7)), static_cast<double>(sim::days(14)));
}
// Double debits are reconciled "later" (000:135); 3-30 days is an ASSUMPTION.
sim::Distribution reconciliation() {
  return sim::uniform(static_cast<double>(sim::days(3)), static_cast<double>(sim::days(30)));
}

// What the buyer pays in is the channel's currency; the flag itself changes nothing.
constexpr std::string_view kUsdOnlyNotSimulated = "NOT SIMULATED: the channel's currency decides what the buyer pays in";

ChannelParams base(ChannelId id, std::string_view key, Currency c, std::string_view c_source) {
  ChannelParams p;
  p.id = id;
  p.key = key;
  p.currency = {c, c_source};
  p.fee_fixed = {Money::zero(c), kAssumption};
  p.bank_fee_fixed = {Money::zero(c), kAssumption};
  p.refund_latency = {slow_refund(), "ASSUMPTION (003:280: sometimes months)"};
  p.reconciliation_delay = {reconciliation(), "ASSUMPTION (000:135)"};
  p.p_security_refusal = {0.005, "ASSUMPTION (002:33)"};
  p.in_app = {true, "002:236"};
  p.on_pc = {true, "002:236"};
  p.usd_only = {false, kUsdOnlyNotSimulated};
  p.combines_orders = {true, "000:221"};
  // No article limits what the buyer holds for this channel: enough for any payment, so the
  // full-amount rule cannot bind (it does where `funds` is set). The balance caps, closure and
  // block are the platform balance's own rules.
  p.funds = {std::nullopt, "ASSUMPTION (no article limits these funds): enough for any payment"};
  p.full_amount_only = {true, "NOT SIMULATED while funds = none: unlimited funds always hold the whole payment"};
  p.balance_cap_unverified = {std::nullopt, "NOT SIMULATED: only the platform balance holds money to cap"};
  p.balance_cap_verified = {std::nullopt, "NOT SIMULATED: only the platform balance holds money to cap"};
  p.inactivity_close = {0, "NOT SIMULATED: only the platform balance closes unused"};
  p.abuse_hold_max = {0, "NOT SIMULATED: only the platform balance is blocked"};
  p.withdrawable = {true, "NOT SIMULATED: only the platform balance is blocked"};
  if (c == Currency::USD) {  // the invoice is in dollars: nothing to convert, on any day
    p.conversion_spread = {BasisPoints{0}, "NOT SIMULATED: a dollar channel converts nothing"};
    p.amount_fixed_at_checkout = {false, "NOT SIMULATED: a dollar amount is the invoice on every day"};
  }
  return p;
}

// 002:236 says app and PC site for "all the methods mentioned above" (002:190-230: card, Yandex,
// WebMoney, QIWI, mobile, cash); for the others no article says it.
void app_and_pc_assumed(ChannelParams& p) {
  p.in_app = {true, "ASSUMPTION (002:236 covers only the methods of 002:190-230)"};
  p.on_pc = {true, "ASSUMPTION (002:236 covers only the methods of 002:190-230)"};
}

// The domestic (China) guide: the platform through "the mobile app or the computer web version"
// (004:6); no article names the currency.
constexpr std::string_view kDomesticCurrency = "ASSUMPTION (004:7: domestic users in China)";
void domestic_app_and_pc(ChannelParams& p) {
  p.in_app = {true, "004:6"};
  p.on_pc = {true, "004:6"};
}

ChannelParams card(const ChannelRules& r) {
  // A Russian buyer's card holds rubles; the issuing bank converts at its own rate (000:201).
  auto p = base(ChannelId::Card, "card", Currency::RUB, "ASSUMPTION (000:106: converted automatically)");
  // 000:201: paying in another currency than the card's, the issuing bank converts at its own
  // rate; paying in the card's own currency it does not (buyers.pays_in_card_currency).
  p.conversion_spread = {BasisPoints{150}, "ASSUMPTION (000:201: bank's own rate)"};
  p.fee_rate = {BasisPoints{0}, "000:248"};
  p.funds = {rub_funds(20'000, 0.7), "ASSUMPTION (000:98: the card must hold the price; what cards hold is not stated)"};
  p.full_amount_only = {true, "000:98 (false: the card's funds are not checked)"};
  if (r.card_limit_5000) {
    p.max_order = {usd(5000), "000:232 (note 1)"};
    p.max_inclusive = {false, "000:232: less than"};
  } else {
    p.max_order = {usd(10'000), "000:207 (note 1)"};
    p.max_inclusive = {true, "ASSUMPTION (000:207: limit 10 000)"};
  }
  p.paid_delay = {sim::constant(static_cast<double>(sim::hours(24))), "000:205"};
  p.refund_route = {RefundRoute::Card, "003:251"};
  p.refund_to_balance_allowed = {false, "003:251"};
  if (r.card_refunds_fastest) {
    // "faster than when paying by any other method" (002:129): under the fastest other route,
    // the balance's 1-3 days (003:280); the half day to one day is an ASSUMPTION.
    p.refund_latency = {sim::uniform(static_cast<double>(sim::hours(12)), static_cast<double>(sim::days(1))),
                        "ASSUMPTION (002:129: faster than any other method; under the balance's 1-3 d)"};
  } else {
    // 7-15 business days as calendar days (five working days a week): 9-21 days.
    p.refund_latency = {sim::uniform(static_cast<double>(sim::days(9)), static_cast<double>(sim::days(21))),
                        "public-rules.md: card 7-15 business days (as 9-21 calendar days)"};
  }
  p.p_double_debit = {0.001, "ASSUMPTION (000:196)"};
  p.p_card_not_enabled = {0.03, "ASSUMPTION (000:96, 000:201)"};
  p.p_security_refusal = {0.01, "ASSUMPTION (002:33)"};
  p.decline_social_salary_cards = {r.decline_social_salary_cards,
                                   r.decline_social_salary_cards ? "000:201 (note 2)" : "000:96 (note 2)"};
  return p;
}

ChannelParams union_pay() {
  auto p = base(ChannelId::UnionPay, "union_pay", Currency::CNY, kDomesticCurrency);
  domestic_app_and_pc(p);
  p.only_country = {CountrySet{Country::China}, "004:7"};
  p.paid_delay = {sim::constant(static_cast<double>(sim::hours(24))), "ASSUMPTION (as card)"};
  p.refund_route = {RefundRoute::Card, "ASSUMPTION (as card)"};
  p.refund_to_balance_allowed = {false, "ASSUMPTION (as card, 003:251)"};
  p.p_card_not_enabled = {0.03, "ASSUMPTION (004:9)"};
  return p;
}

ChannelParams qiwi(const ChannelRules& r) {
  auto p = base(ChannelId::Qiwi, "qiwi", Currency::RUB, "000:133");
  p.fee_rate = {BasisPoints{0}, "000:124"};
  if (!r.card_limit_5000) {
    p.max_order = {usd(5000), "000:232 (note 1)"};
    p.max_inclusive = {false, "000:232: less than"};
  }
  p.daily_cap_amount = {std::nullopt, "000:125"};
  p.daily_cap_count = {std::nullopt, "000:125"};
  p.paid_delay = {sim::constant(0), "ASSUMPTION (immediate)"};
  p.refund_latency = {wallet_refund(), "ASSUMPTION (public-rules: e-wallets 7-10 business days)"};
  p.p_error_but_debited = {0.005, "ASSUMPTION (000:134)"};
  p.p_double_debit = {0.005, "ASSUMPTION (000:135)"};
  p.p_wallet_refused = {0.02, "ASSUMPTION (000:132-133)"};
  // 000:131 ("at the time of payment you may simply not have the means") is the funds draw; a
  // probability on top would count the same shortfall twice.
  p.funds = {rub_funds(10'000, 0.7), "ASSUMPTION (000:131: you may not have the means; 000:32)"};
  p.full_amount_only = {true, "000:32 (false: the wallet's funds are not checked)"};
  p.p_insufficient_funds = {0.0, "ASSUMPTION (000:131 is channel.qiwi.funds: a probability besides would count it twice)"};
  p.only_country = {kRussiaAndCis, "000:110"};
  return p;
}

ChannelParams webmoney() {
  // A ruble purse; the USD invoice (000:141) is converted at WebMoney's rate on the day of
  // debit, "a small additional fee" (002:312).
  auto p = base(ChannelId::WebMoney, "webmoney", Currency::RUB, "002:210");
  p.conversion_spread = {BasisPoints{50}, "ASSUMPTION (002:312: small additional fee)"};
  p.fee_rate = {BasisPoints{80}, "000:248"};
  p.funds = {rub_funds(8'000, 0.7), "ASSUMPTION (000:28: a small amount kept on the purse)"};
  p.full_amount_only = {true, "ASSUMPTION (000:28, 000:32: the purse must hold the payment; false: not checked)"};
  p.usd_only = {false, "NOT SIMULATED (002:210: a ruble purse): the channel's currency decides"};
  p.paid_delay = {sim::constant(0), "000:234: funds are transferred instantly"};
  p.refund_latency = {wallet_refund(), "ASSUMPTION (000:234; public-rules 7-10 business days)"};
  p.p_double_debit = {0.002, "ASSUMPTION (000:196)"};
  p.only_country = {kRussiaAndCis, "000:110"};
  return p;
}

ChannelParams yandex_money() {
  auto p = base(ChannelId::YandexMoney, "yandex_money", Currency::RUB,
                "ASSUMPTION (000:238: a service for Russian customers)");
  p.fee_rate = {BasisPoints{0}, "000:149"};
  p.funds = {rub_funds(8'000, 0.7), "ASSUMPTION (002:283: the account is topped up first)"};
  p.full_amount_only = {true, "002:283 (false: the account's funds are not checked)"};
  p.paid_delay = {sim::constant(0), "ASSUMPTION (immediate)"};
  p.refund_latency = {wallet_refund(), "ASSUMPTION (public-rules: e-wallets 7-10 business days)"};
  p.p_double_debit = {0.002, "ASSUMPTION (000:196)"};
  p.only_country = {kRussiaAndCis, "000:110"};
  return p;
}

ChannelParams phone(ChannelId id, std::string_view key, BasisPoints fee, std::string_view fee_src) {
  auto p = base(id, key, Currency::RUB, "000:40");  // phone balances hold rubles
  p.fee_rate = {fee, fee_src};
  p.fee_payer = {FeePayer::Buyer, "000:183"};
  p.fee_on_top = {true, "000:183"};
  // Operators impose daily limits (000:125); size not in the articles.
  p.daily_cap_amount = {rub(15'000), "ASSUMPTION (000:125)"};
  p.daily_cap_count = {std::nullopt, "ASSUMPTION"};
  p.paid_delay = {sim::constant(0), "000:183"};
  p.refund_route = {RefundRoute::PhoneBalance, "ASSUMPTION"};
  // "many on the balance of the mobile phone always have 500-600 rubles" (000:40): the phone
  // balance, drawn at each phone payment, must hold the whole payment (the commission included).
  p.funds = {MoneyDistribution{sim::uniform(static_cast<double>(rub(500).minor()),
                                             static_cast<double>(rub(600).minor())),
                               Currency::RUB},
             "000:40"};
  p.full_amount_only = {true, "000:40 (false: the phone balance is not checked)"};
  p.refund_to_balance_allowed = {true, "003:251"};
  p.refund_latency = {wallet_refund(), kAssumption};
  // The four Russian networks (000:88, in the list "for Russian buyers", 000:84).
  p.only_country = {CountrySet{Country::Russia}, "ASSUMPTION (000:84-88: Russian operators)"};
  return p;
}

ChannelParams phone_mts() {
  auto p = phone(ChannelId::PhoneMts, "phone_mts", BasisPoints{0}, "000:177 (only three charge)");
  // public-rules: MTS <= 30,000 RUB/day, 5 payments/day, 40,000 RUB/month (one low source).
  p.daily_cap_amount = {rub(30'000), "public-rules: MTS (low)"};
  p.daily_cap_count = {5, "public-rules: MTS (low)"};
  p.monthly_cap_amount = {rub(40'000), "public-rules: MTS (low)"};
  return p;
}

ChannelParams cash(const ChannelRules& r) {
  auto p = base(ChannelId::Cash, "cash", Currency::RUB, "000:71");
  p.fee_rate = {BasisPoints{0}, "001:44"};
  p.code_validity = {sim::hours(48), "001:16"};
  p.amount_fixed_at_checkout = {true, "001:43"};
  p.terminal_max = {rub(15'000), "001:51"};
  p.terminal_note = {rub(10), "ASSUMPTION (001:24: no change)"};
  // Buyers go to pay some hours after checkout; 18 h mean leaves ~7% past the 48 h code.
  p.buyer_action_delay = {sim::exponential(static_cast<double>(sim::hours(18))), kAssumption};
  // "up to several days ... in rare cases up to 7 days" (001:45): empirical shape ASSUMPTION.
  p.paid_delay = {sim::empirical({3600, 6 * 3600, 12 * 3600, 86400, 86400, 2 * 86400, 2 * 86400,
                                  3 * 86400, 4 * 86400, 7 * 86400},
                                 "catalog: cash processing"),
                  "001:45 (shape ASSUMPTION)"};
  p.refund_route = {RefundRoute::PhoneBalance, "001:46"};
  p.refund_to_balance_allowed = {false, "001:46"};
  p.refund_latency = {sim::uniform(static_cast<double>(sim::days(1)),
                                   static_cast<double>(sim::days(5))),
                      kAssumption};
  p.only_country = {CountrySet{Country::Russia}, "001:52"};
  p.in_app = {r.cash_in_app, r.cash_in_app ? "002:236 (note 3)" : "001:10 (note 3)"};
  p.on_pc = {true, "001:10"};
  return p;
}

ChannelParams western_union() {
  auto p = base(ChannelId::WesternUnion, "western_union", Currency::USD, "000:159");
  app_and_pc_assumed(p);
  p.fee_rate = {BasisPoints{0}, "ASSUMPTION (not stated)"};
  p.usd_only = {true, "NOT SIMULATED (000:157: dollars only): the channel's currency (USD) decides"};
  p.min_order = {usd(20), "000:155"};
  p.min_inclusive = {false, "000:155: more than"};
  p.max_order = {usd(5000), "000:155"};
  p.max_inclusive = {false, "000:155: less than"};
  p.buyer_action_delay = {sim::exponential(static_cast<double>(sim::days(1))), kAssumption};
  p.paid_delay = {sim::uniform(0, static_cast<double>(sim::days(3))),
                  "000:159 (within 3 days; shape ASSUMPTION)"};
  p.refund_latency = {wallet_refund(), "ASSUMPTION (public-rules: WU 7-10 business days)"};
  p.refund_to_balance_allowed = {true, "003:280"};
  return p;
}

ChannelParams bank_transfer() {
  auto p = base(ChannelId::BankTransfer, "bank_transfer", Currency::USD, "000:167");
  app_and_pc_assumed(p);
  p.usd_only = {true, "NOT SIMULATED (000:167: dollar equivalent): the channel's currency (USD) decides"};
  p.bank_fee_rate = {BasisPoints{100}, "ASSUMPTION (000:169: banks charge a commission)"};
  p.min_order = {usd(20), "000:163"};
  p.max_order = {usd(50'000), "000:163"};
  p.full_amount_only = {true, "NOT SIMULATED while funds = none (000:167: no combining or splitting): unlimited funds always hold the whole payment"};
  p.combines_orders = {false, "000:167"};
  p.buyer_action_delay = {sim::exponential(static_cast<double>(sim::days(1))), kAssumption};
  // "within 7 working days" (000:169): whole working days 1..7, uniform (shape ASSUMPTION).
  p.paid_delay = {sim::uniform(static_cast<double>(sim::hours(12)),
                               static_cast<double>(sim::hours(7 * 24 + 12))),
                  "000:169 (within 7 working days; shape ASSUMPTION)"};
  p.paid_delay_working_days = {true, "000:169"};
  return p;
}

ChannelParams platform_balance(const ChannelRules& r) {
  auto p = base(ChannelId::PlatformBalance, "platform_balance", Currency::USD, "003:232");
  app_and_pc_assumed(p);
  p.funds_account = Account::BuyerPlatformBalance;
  p.enabled = {r.platform_balance_available,
               r.platform_balance_available ? "003:232-300 (note 4)" : "003:150 (note 4)"};
  p.fee_rate = {BasisPoints{0}, "ASSUMPTION (none stated)"};
  p.max_order_unverified = {usd(500), "003:232"};
  p.max_order = {usd(5000), "003:232"};
  p.balance_cap_unverified = {usd(500), "003:232"};
  p.balance_cap_verified = {usd(5000), "003:232"};
  p.funds = {std::nullopt, "NOT SIMULATED: the platform balance pays from the buyer's balance (buyers.initial_platform_balance)"};
  p.full_amount_only = {true, "NOT SIMULATED (003:236): a balance always pays whole; paying the rest another way is not modelled"};
  p.paid_delay = {sim::constant(0), "003:300 (worked example)"};
  p.refund_route = {RefundRoute::PlatformBalance, "003:251"};
  p.refund_latency = {balance_refund_latency(), "003:280"};
  p.inactivity_close = {sim::days(365), "003:247"};
  p.abuse_hold_max = {sim::days(180), "003:244"};
  p.withdrawable = {true, "payment-facts.md note 4 (003:245; false: 003:239)"};
  return p;
}

ChannelParams gift_certificate() {
  auto p = base(ChannelId::GiftCertificate, "gift_certificate", Currency::USD, "000:24");
  app_and_pc_assumed(p);
  p.funds_account = Account::BuyerGiftBalance;  // a balance bought ahead (000:24)
  p.funds = {std::nullopt, "NOT SIMULATED: a gift certificate pays from the buyer's certificate balance (buyers.gift_certificate_balance)"};
  p.fee_rate = {BasisPoints{0}, "ASSUMPTION (not stated)"};
  p.paid_delay = {sim::constant(0), "ASSUMPTION (000:24: obtained instantly)"};
  p.p_security_refusal = {0.0, "ASSUMPTION (000:24: no card data, no SMS)"};
  return p;
}

ChannelParams domestic(ChannelId id, std::string_view key, std::string_view country_src) {
  auto p = base(id, key, Currency::CNY, kDomesticCurrency);
  domestic_app_and_pc(p);
  p.only_country = {CountrySet{Country::China}, country_src};
  p.fee_rate = {BasisPoints{0}, "ASSUMPTION (none stated)"};
  p.paid_delay = {sim::constant(0), "ASSUMPTION (004:8: simple and fast)"};
  p.refund_latency = {sim::uniform(static_cast<double>(sim::days(1)),
                                   static_cast<double>(sim::days(3))),
                      kAssumption};
  return p;
}

ChannelParams installments() {
  auto p = domestic(ChannelId::Installments, "installments", "004:7-10");
  // Interest set by third-party institutions (004:10): charged on top, rate ASSUMPTION.
  // Eligibility ("eligible users only") is left to the buyer model.
  p.fee_rate = {BasisPoints{600}, "ASSUMPTION (004:10)"};
  p.full_amount_only = {false, "NOT SIMULATED while funds = none (004:10: split into repayments): unlimited funds always hold the whole payment"};
  p.funds = {std::nullopt, "NOT SIMULATED while full_amount_only = false: the funds are not checked (004:10: split into repayments)"};
  return p;
}

}  // namespace

sim::Distribution balance_refund_latency() {
  return sim::uniform(static_cast<double>(sim::days(1)), static_cast<double>(sim::days(3)));
}

std::array<ChannelParams, kChannelCount> channel_catalog(const ChannelRules& rules) {
  std::array<ChannelParams, kChannelCount> c{};
  auto put = [&](ChannelParams p) { c[static_cast<std::size_t>(p.id)] = std::move(p); };
  put(card(rules));
  put(union_pay());
  put(qiwi(rules));
  put(webmoney());
  put(yandex_money());
  put(phone(ChannelId::PhoneMegafon, "phone_megafon", BasisPoints{195}, "000:179"));
  put(phone(ChannelId::PhoneBeeline, "phone_beeline", BasisPoints{390}, "000:180"));
  put(phone(ChannelId::PhoneTele2, "phone_tele2", BasisPoints{245}, "000:181"));
  put(phone_mts());
  put(cash(rules));
  put(western_union());
  put(bank_transfer());
  put(platform_balance(rules));
  put(gift_certificate());
  put(domestic(ChannelId::WeChatPay, "wechat_pay", "004:8"));
  put(domestic(ChannelId::DomesticAlipay, "domestic_alipay", "004:7"));
  put(installments());
  return c;
}

const ChannelParams& channel(const std::array<ChannelParams, kChannelCount>& catalog,
                             ChannelId id) {
  return catalog[static_cast<std::size_t>(id)];
}

}  // namespace market
