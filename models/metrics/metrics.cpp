#include "models/metrics/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "models/channels/channel.hpp"
#include "models/orders/order_state.hpp"
#include "sim/mser.hpp"

namespace market {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string name_or_index(const std::vector<std::string>& names, std::size_t i) {
  return i < names.size() ? names[i] : fmt::format("{}", i);
}

double ratio(std::int64_t num, std::int64_t den) {
  return den == 0 ? kNaN : static_cast<double>(num) / static_cast<double>(den);
}

// Appends figures under one (group, by, key) row.
struct Rows {
  std::vector<Metric>& out;
  std::string group, by, key;
  Currency currency = Currency::USD;
  bool has_currency = false;

  MetricKey make(std::string measure, std::string statistic, std::string unit,
                 MetricKind kind) const {
    return {group, by, key, std::move(measure), std::move(statistic), std::move(unit), kind,
            currency, has_currency};
  }
  void count(std::string measure, std::int64_t n, std::string statistic = "total") {
    out.push_back({make(std::move(measure), std::move(statistic), "count", MetricKind::Count),
                   {0, n}});
  }
  void real(std::string measure, std::string statistic, std::string unit, double x) {
    out.push_back({make(std::move(measure), std::move(statistic), std::move(unit),
                        MetricKind::Real),
                   {x, 0}});
  }
  void money(std::string measure, std::int64_t minor, Currency c = Currency::USD) {
    MetricKey k = make(std::move(measure), "total", std::string(currency_code(c)),
                       MetricKind::Money);
    k.currency = c;
    out.push_back({std::move(k), {0, minor}});
  }
  // count, mean, the kLatencyQuantiles in ascending order, max of a latency in hours.
  void latency(const std::string& measure, const Summary& s) {
    const sim::Tally t = s.tally();
    const sim::LogHistogram& h = s.histogram();
    const bool any = t.count() > 0;
    count(measure, t.count(), "count");
    real(measure, "mean", "h", any ? t.mean() : kNaN);
    for (const auto& [statistic, q] : kLatencyQuantiles) {
      real(measure, std::string(statistic), "h", any ? h.quantile(q) : kNaN);
      out.back().key.resolution = h.relative_accuracy();
    }
    real(measure, "max", "h", any ? t.max() : kNaN);
  }
};

void settlement(const Collectors& c, std::vector<Metric>& out) {
  const auto& l = c.layout();
  Rows{out, "settlement", "all", "all"}.latency("settlement", c.settlement_h);
  for (std::size_t i = 0; i < c.channels.size(); ++i)
    Rows{out, "settlement", "channel", name_or_index(l.channels, i)}
        .latency("settlement", c.channels[i].settlement_h);
  for (std::size_t i = 0; i < c.carriers.size(); ++i)
    Rows{out, "settlement", "carrier", name_or_index(l.carriers, i)}
        .latency("settlement", c.carriers[i].settlement_h);
  for (std::size_t i = 0; i < c.segments.size(); ++i)
    Rows{out, "settlement", "segment", name_or_index(l.segments, i)}
        .latency("settlement", c.segments[i].settlement_h);
}

void disputes(const Collectors& c, std::vector<Metric>& out) {
  std::int64_t opened = 0;
  for (auto n : c.disputes_opened) opened += n;
  Rows all{out, "disputes", "all", "all"};
  all.count("disputes_opened", opened);
  all.count("disputes_escalated", c.disputes_escalated);
  all.real("disputes_escalated", "share", "share", ratio(c.disputes_escalated, opened));
  all.real("dispute_rate", "value", "share", ratio(opened, c.placed));
  all.money("dispute_refunded", c.dispute_refund_cents);
  all.latency("dispute_duration", c.dispute_duration_h);
  for (int r = 0; r < kDisputeReasonCount; ++r)
    Rows{out, "disputes", "reason", std::string(reason_name(static_cast<DisputeReason>(r)))}
        .count("disputes_opened", c.disputes_opened[static_cast<std::size_t>(r)]);
  for (int o = 0; o < kDisputeOutcomeCount; ++o)
    Rows{out, "disputes", "outcome", std::string(outcome_name(static_cast<DisputeOutcome>(o)))}
        .count("disputes_closed", c.dispute_outcomes[static_cast<std::size_t>(o)]);
  for (std::size_t i = 0; i < c.segments.size(); ++i) {
    const auto& s = c.segments[i];
    Rows seg{out, "disputes", "segment", name_or_index(c.layout().segments, i)};
    seg.count("orders", s.orders);
    seg.count("disputes_opened", s.disputes);
    seg.real("dispute_rate", "value", "share", ratio(s.disputes, s.orders));
  }
}

void refunds(const Collectors& c, std::vector<Metric>& out) {
  for (int k = 0; k < kRefundKindCount; ++k) {
    Rows kind{out, "refunds", "kind", std::string(refund_kind_name(static_cast<RefundKind>(k)))};
    kind.latency("refund_latency", c.refund_by_kind_h[static_cast<std::size_t>(k)]);
    kind.money("refunded", c.refunded_cents[static_cast<std::size_t>(k)]);
  }
  for (std::size_t i = 0; i < c.channels.size(); ++i)
    for (int r = 0; r < kRefundRouteCount; ++r)
      Rows{out, "refunds", "route",
           fmt::format("{}/{}", name_or_index(c.layout().channels, i),
                       refund_route_name(static_cast<RefundRoute>(r)))}
          .latency("refund_latency", c.channels[i].refund_h[static_cast<std::size_t>(r)]);
}

void fees(const Collectors& c, std::vector<Metric>& out) {
  for (std::size_t i = 0; i < c.channels.size(); ++i) {
    const auto& ch = c.channels[i];
    const Currency cur = c.channel_currency(i);
    const auto debits = [&](Rows& row, const Collectors::DebitMoney& m, Currency in) {
      row.money("principal", m.principal_minor, in);
      for (int p = 0; p < 3; ++p)
        row.money(fmt::format("fees_{}", fee_payer_name(static_cast<FeePayer>(p))),
                  m.fee_by_payer_minor[static_cast<std::size_t>(p)], in);
      row.money("bank_commission", m.bank_fee_minor, in);
      row.money("fx_spread", m.spread_minor, in);
    };
    Rows row{out, "fees", "channel", name_or_index(c.layout().channels, i), cur, true};
    row.count("payments", ch.paid);
    debits(row, ch.money, cur);
    Rows usd{out, "fees", "channel", row.key, Currency::USD, true};
    usd.money("seller_deduction", ch.fee_seller_cents);
    // A card channel's dollar cards (000:201): their debits in dollars, apart from the channel's.
    if (i < c.layout().usd_cards.size() && c.layout().usd_cards[i]) {
      Rows cards{out, "fees", "channel", row.key + "_usd_cards", Currency::USD, true};
      cards.count("payments", ch.usd_cards.payments);
      debits(cards, ch.usd_cards, Currency::USD);
    }
  }
  // Card payments by the card's currency (000:201): those the issuing bank converted at its
  // rate (the buyer paid in the other currency) and what that conversion cost.
  // Rows for dollars and for the currency of each card channel that also takes dollar cards.
  const auto card_currency = [&](Currency cur) {
    if (cur == Currency::USD) return true;
    for (std::size_t ch = 0; ch < c.layout().usd_cards.size(); ++ch)
      if (c.layout().usd_cards[ch] && c.channel_currency(ch) == cur) return true;
    return false;
  };
  for (int i = 0; i < kCurrencyCount; ++i) {
    const auto cur = static_cast<Currency>(i);
    if (!card_currency(cur)) continue;
    const Collectors::CardCurrency& k = c.card_currency[static_cast<std::size_t>(i)];
    Rows cards{out, "fees", "card_currency", std::string(currency_code(cur)), cur, true};
    cards.count("card_payments", k.payments);
    cards.count("bank_conversions", k.bank_conversions);
    cards.real("bank_conversions", "share", "share", ratio(k.bank_conversions, k.payments));
    cards.money("bank_spread", k.spread_minor, cur);
  }
  // The FX account per currency: conversions' takings and payouts, netting to spreads and rounding.
  for (int i = 0; i < kCurrencyCount; ++i) {
    const auto cur = static_cast<Currency>(i);
    Rows{out, "fees", "fx", std::string(currency_code(cur)), cur, true}
        .money("fx_account", c.fx_position_minor[static_cast<std::size_t>(i)], cur);
  }
}

void limits(const Collectors& c, std::vector<Metric>& out) {
  Rows all{out, "limits", "all", "all"};
  all.count("abandoned", c.abandoned);
  all.count("cash_to_cashier", c.to_cashier);
  all.count("expired_codes_reordered", c.reordered);
  for (std::size_t i = 0; i < c.channels.size(); ++i) {
    const auto& ch = c.channels[i];
    const std::string name = name_or_index(c.layout().channels, i);
    Rows row{out, "limits", "channel", name};
    row.count("rerouted", ch.rerouted_away);
    for (int r = 1; r < static_cast<int>(Refusal::kCount); ++r) {
      Rows why{out, "limits", "channel_reason",
               fmt::format("{}/{}", name, refusal_name(static_cast<Refusal>(r)))};
      why.count("refused", ch.refused[static_cast<std::size_t>(r)]);
      why.count("abandoned", ch.abandoned_after[static_cast<std::size_t>(r)]);
    }
  }
}

void faults(const Collectors& c, std::vector<Metric>& out) {
  Rows all{out, "faults", "all", "all"};
  all.count("double_debits", c.double_debits);
  all.count("errors_with_debit", c.errors_with_debit);
  all.count("partially_paid", c.partially_paid);
  all.count("shortfalls_paid", c.shortfalls_paid);
  all.latency("reconcile_time", c.reconcile_h);
}

void escrow(const Collectors& c, std::vector<Metric>& out) {
  const auto& f = c.escrow_float;
  const double mean_cents = f.mean(f.last_change());
  // Cents to dollars: a time-weighted mean is not an amount, so it is a real.
  Rows{out, "escrow", "all", "all"}.real("escrow_float", "mean", "USD", mean_cents / 100.0);
  const auto& b = c.balance_float;
  Rows buyers{out, "buyers", "all", "all"};
  buyers.real("balance_float", "mean", "USD", b.mean(b.last_change()) / 100.0);
  buyers.count("top_ups", c.top_ups);
  buyers.count("top_ups_refused", c.top_ups_refused);
  buyers.money("top_up_amount", c.top_up_cents);
  buyers.count("balances_closed", c.balances_closed);
  buyers.money("balances_forfeited", c.forfeited_cents);
  buyers.count("accounts_blocked", c.accounts_blocked);
  buyers.money("blocked_balances_returned", c.blocked_returned_cents);
}

// MSER-5 (sim/mser.hpp) on the daily series from the first day to the horizon, warm-up days
// included: the end of the transient it finds, in hours since the start (the day of the last
// observation it deletes; 0 when it deletes none), NaN when the series is under 10 days.
void warmup_diagnostic(const Collectors& c, std::vector<Metric>& out) {
  std::vector<double> escrow_held, in_flight;
  std::vector<std::int64_t> day;
  for (const auto* part : {&c.warmup_days, &c.days})
    for (const DaySnapshot& d : *part)
      if (d.day <= c.layout().horizon / sim::kDay) {
        escrow_held.push_back(static_cast<double>(d.escrow_cents));
        in_flight.push_back(static_cast<double>(d.in_flight));
        day.push_back(d.day);
      }
  const auto suggested = [&](const std::vector<double>& series) {
    const sim::MserResult r = sim::mser(series);
    if (r.truncation < 0) return kNaN;
    const std::int64_t end = r.truncation == 0 ? 0 : day[static_cast<std::size_t>(r.truncation - 1)];
    return 24.0 * static_cast<double>(end);
  };
  Rows{out, "escrow", "series", "escrow_held"}.real("warmup_suggested", "mser5", "h",
                                                   suggested(escrow_held));
  Rows{out, "escrow", "series", "orders_in_flight"}.real("warmup_suggested", "mser5", "h",
                                                        suggested(in_flight));
}

void chargebacks(const Collectors& c, std::vector<Metric>& out) {
  Rows all{out, "chargebacks", "all", "all"};
  all.count("chargebacks_filed", c.chargebacks_filed);
  all.count("chargebacks_won", c.chargebacks_seller_won);
  all.count("chargebacks_lost", c.chargebacks_buyer_won);
  std::int64_t losses = 0;
  for (const auto& s : c.segments) losses += s.chargeback_losses_cents;
  all.money("chargeback_losses", losses);
  for (std::size_t i = 0; i < c.segments.size(); ++i) {
    const auto& s = c.segments[i];
    Rows seg{out, "chargebacks", "segment", name_or_index(c.layout().segments, i)};
    seg.count("chargebacks_filed", s.chargebacks);
    seg.count("chargebacks_won", s.chargebacks_seller_won);
    seg.count("chargebacks_lost", s.chargebacks_buyer_won);
    seg.money("chargeback_losses", s.chargeback_losses_cents);
  }
}

void orders(const Collectors& c, std::vector<Metric>& out) {
  Rows all{out, "orders", "all", "all"};
  all.count("orders_placed", c.placed);
  // 000:221: checkouts of several orders; bank transfer pays them one by one (000:167).
  all.count("baskets", c.baskets);
  all.count("basket_orders", c.basket_orders);
  all.count("baskets_paid_as_one_payment", c.baskets_paid_whole);
  all.count("baskets_paid_order_by_order", c.baskets_split);
  for (int s = 0; s < kOrderStateCount; ++s) {
    const auto state = static_cast<OrderState>(s);
    if (is_terminal(state))
      Rows{out, "orders", "end_state", std::string(state_name(state))}
          .count("orders_ended", c.ended[static_cast<std::size_t>(s)]);
  }
  for (std::size_t i = 0; i < c.segments.size(); ++i) {
    const auto& s = c.segments[i];
    Rows seg{out, "orders", "segment", name_or_index(c.layout().segments, i)};
    seg.count("orders_placed", s.orders);
    seg.money("fines", s.fines_cents);
    seg.count("sellers_blocked", s.blocked);
  }
}

}  // namespace

std::string metric_name(const MetricKey& k) {
  return k.by == "all" ? k.measure : fmt::format("{}.{}.{}", k.measure, k.by, k.key);
}

double as_double(const MetricKey& k, const MetricValue& v) {
  switch (k.kind) {
    case MetricKind::Count: return static_cast<double>(v.exact);
    case MetricKind::Money:
      return static_cast<double>(v.exact) / static_cast<double>(minor_per_major(k.currency));
    case MetricKind::Real: break;
  }
  return v.real;
}

std::string format_value(const MetricKey& k, const MetricValue& v) {
  switch (k.kind) {
    case MetricKind::Count: return fmt::format("{}", v.exact);
    case MetricKind::Money: return format_amount(Money(v.exact, k.currency));
    case MetricKind::Real: break;
  }
  if (k.resolution > 0) return format_significant(v.real, significant_digits(k.resolution));
  return std::isfinite(v.real) ? fmt::format("{}", v.real) : std::string();
}

int significant_digits(double resolution) {
  return static_cast<int>(std::ceil(std::log10(1 / resolution) - 1e-9)) + 2;
}

std::string format_significant(double x, int digits, int direction, double scale) {
  if (!std::isfinite(x)) return {};
  const double magnitude = scale > 0 ? scale : std::fabs(x);
  if (x == 0 || magnitude == 0) return "0";
  // The power of ten of the last digit kept; decimals to print it (none for large numbers).
  const int exponent = static_cast<int>(std::floor(std::log10(magnitude)));
  const int last = exponent - digits + 1;
  const double unit = std::pow(10.0, last);
  const double scaled = x / unit;
  const double kept = direction < 0 ? std::floor(scaled) : direction > 0 ? std::ceil(scaled)
                                                                           : std::nearbyint(scaled);
  const int decimals = std::max(0, -last);
  if (kept == 0) return "0";  // no "-0"
  return fmt::format("{:.{}f}", kept * unit, decimals);
}

std::vector<Metric> metrics_of(const Collectors& c) {
  std::vector<Metric> out;
  orders(c, out);
  settlement(c, out);
  disputes(c, out);
  refunds(c, out);
  fees(c, out);
  limits(c, out);
  faults(c, out);
  escrow(c, out);
  warmup_diagnostic(c, out);
  chargebacks(c, out);
  return out;
}

}  // namespace market
