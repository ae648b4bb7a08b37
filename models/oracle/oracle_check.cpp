// The oracle against the simulation: the scenario in exponential form, one run, per-order
// figures read from the trace, 99% confidence intervals, the comparison table.
#include <algorithm>
#include <cmath>
#include <streambuf>
#include <unordered_map>

#include <boost/math/distributions/students_t.hpp>
#include <fmt/format.h>

#include "models/experiment/experiment.hpp"
#include "models/market/run.hpp"
#include "models/oracle/oracle.hpp"
#include "models/oracle/oracle_check.hpp"

namespace market {
namespace {

constexpr double kZ99 = 2.5758293035489004;  // standard normal 99.5% quantile

// Parses the order trace (order,time_s,from,to) line by line as the market writes it, so a
// long run needs no buffer of its text.
class TraceReader : public std::streambuf {
 public:
  explicit TraceReader(SimulatedFigures& out) : out_(out) {}

 protected:
  int_type overflow(int_type ch) override {
    if (ch == traits_type::eof()) return ch;
    if (ch == '\n') {
      line_done();
      line_.clear();
    } else {
      line_.push_back(static_cast<char>(ch));
    }
    return ch;
  }

 private:
  struct Live {
    sim::Time placed = 0;
    sim::Time debited = -1;
    bool disputed = false;
  };

  void line_done() {
    const auto c1 = line_.find(','), c2 = line_.find(',', c1 + 1), c3 = line_.find(',', c2 + 1);
    const std::uint64_t id = std::stoull(line_.substr(0, c1));
    const sim::Time t = std::stoll(line_.substr(c1 + 1, c2 - c1 - 1));
    const std::string_view to = std::string_view(line_).substr(c3 + 1);
    auto [it, fresh] = live_.try_emplace(id);
    Live& o = it->second;
    if (fresh) o.placed = t;
    if (to == "paid_verifying") o.debited = t;
    if (to == "dispute_open") o.disputed = true;
    const bool escrow_ends = to == "completed" || to == "cancelled" || to == "refunded" ||
                             to == "closed" || to == "chargeback";
    if (escrow_ends && o.debited >= 0) {
      out_.held_s.add(static_cast<double>(t - o.debited));
      o.debited = -1;
    }
    int outcome = -1;
    if (to == "completed") outcome = int(Outcome::Completed);
    else if (to == "cancelled") outcome = int(Outcome::Cancelled);
    else if (to == "void") outcome = int(Outcome::Void);
    else if (to == "closed") outcome = int(Outcome::Closed);
    else if (to == "refunded")
      outcome = int(o.disputed ? Outcome::RefundedDispute : Outcome::RefundedNondelivery);
    if (outcome < 0) return;
    ++out_.ended[static_cast<std::size_t>(outcome)];
    out_.time_to_end_s.add(static_cast<double>(t - o.placed));
    live_.erase(it);
  }

  SimulatedFigures& out_;
  std::string line_;
  std::unordered_map<std::uint64_t, Live> live_;
};

struct Interval {
  double lo, hi;
};

// Wilson's score interval: sound near 0 and 1, where the normal one is not.
Interval wilson(std::int64_t k, std::int64_t n) {
  if (n == 0) return {0, 1};
  const double p = static_cast<double>(k) / static_cast<double>(n), nn = static_cast<double>(n);
  const double z2 = kZ99 * kZ99;
  const double centre = (p + z2 / (2 * nn)) / (1 + z2 / nn);
  const double half = kZ99 / (1 + z2 / nn) * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn));
  // At k = 0 or k = n the bound is 0 or 1 exactly; rounding must not exclude an exact 0.
  return {k == 0 ? 0.0 : centre - half, k == n ? 1.0 : centre + half};
}

Interval t_interval(const sim::Tally& t) {
  if (t.count() < 2) return {-INFINITY, INFINITY};
  const boost::math::students_t dist(static_cast<double>(t.count() - 1));
  const double q = boost::math::quantile(dist, 0.995);
  return {t.mean() - q * t.standard_error(), t.mean() + q * t.standard_error()};
}

double mean_square(const sim::Tally& t) {
  return t.population_variance() + t.mean() * t.mean();
}

double second_moment(const sim::Distribution& d) {
  switch (d.kind) {
    case sim::DistKind::Constant: return d.a * d.a;
    case sim::DistKind::Exponential: return 2 * d.a * d.a;
    case sim::DistKind::Uniform: return (d.a * d.a + d.a * d.b + d.b * d.b) / 3;
    case sim::DistKind::Normal: return d.a * d.a + d.b * d.b;
    case sim::DistKind::Lognormal: return d.a * d.a * std::exp(2 * d.b * d.b);
    case sim::DistKind::Empirical: break;
  }
  throw std::invalid_argument("order_value: the oracle needs a parametric distribution");
}

bool flat(const std::vector<double>& v) {
  return std::all_of(v.begin(), v.end(), [](double x) { return x == 1.0; });
}

sim::Distribution exponential_like(const sim::Distribution& d) {
  if (d.kind == sim::DistKind::Constant && d.a == 0) return d;
  return sim::exponential(std::max(1.0, sim::mean(d)));
}

}  // namespace

SimulatedFigures simulate_orders(const MarketParams& p, const RunParams& run) {
  SimulatedFigures out;
  Collectors collect(collector_layout(p, run));
  Market market(p, run, collect);
  TraceReader reader(out);
  std::ostream trace(&reader);
  market.set_trace(&trace);
  sim::Simulator s;
  const RunTotals totals = run_market(market, s);
  out.orders = static_cast<std::int64_t>(totals.orders_placed);
  out.in_flight = static_cast<std::int64_t>(market.orders().live());
  out.seller_paid_h = collect.settlement_h.tally;
  out.seller_paid_count = collect.settlement_h.tally.count();
  out.escrow_area = totals.escrow_area;
  out.horizon_s = static_cast<double>(run.horizon);
  return out;
}

MarketParams to_exponential_form(const MarketParams& in, std::vector<std::string>& changes) {
  MarketParams p = in;
  const auto note = [&](std::string line) { changes.push_back(std::move(line)); };
  const auto exp_form = [&](sim::Distribution& d, std::string_view name) {
    if (d.kind == sim::DistKind::Exponential) return;
    if (d.kind == sim::DistKind::Constant && d.a == 0) return;
    const sim::Distribution e = exponential_like(d);
    note(fmt::format("{}: {} -> {}", name, sim::describe(d), sim::describe(e)));
    d = e;
  };
  const auto off = [&](auto& value, auto to, std::string_view name) {
    if (value == to) return;
    note(fmt::format("{}: {} -> {}", name, value, to));
    value = to;
  };
  auto& a = p.arrivals;
  if (!flat(a.hourly) || !flat(a.weekly) || !a.sale_days.empty()) {
    note("arrivals.hourly, weekly, sale_days: flat (Little's law needs a constant rate)");
    a.hourly.clear(), a.weekly.clear(), a.sale_days.clear();
  }
  auto& b = p.buyers;
  off(b.early_confirmation, 0.0, "buyers.early_confirmation");
  exp_form(b.confirm_delay, "buyers.confirm_delay");
  exp_form(b.dispute_open_delay, "buyers.dispute_open_delay");
  exp_form(b.cancel_delay, "buyers.cancel_delay");
  auto& pr = p.protection;
  off(pr.delivered_countdown, sim::Time{0}, "protection.delivered_countdown");
  exp_form(pr.nondelivery_refund_delay, "protection.nondelivery_refund_delay");
  auto& d = p.disputes;
  exp_form(d.seller_response_delay, "disputes.seller_response_delay");
  exp_form(d.buyer_escalation_delay, "disputes.buyer_escalation_delay");
  exp_form(d.ruling_delay, "disputes.ruling_delay");
  exp_form(d.return_ship_delay, "disputes.return_ship_delay");
  exp_form(d.return_transit, "disputes.return_transit");
  if (d.auto_escalate_after < d.seller_response_window)
    off(d.auto_escalate_after, d.seller_response_window, "disputes.auto_escalate_after");
  exp_form(p.chargebacks.filing_delay, "chargebacks.filing_delay");
  for (auto& s : p.sellers) {
    exp_form(s.handling, "seller " + s.name + " handling");
    off(s.extends_protection, 0.0, "seller " + s.name + " extends_protection");
  }
  for (auto& r : p.routes) {
    if (!r.channel_shares.empty()) note(fmt::format("route {}: the buyers' channel shares", r.name));
    r.channel_shares.clear();
  }
  for (auto& k : p.carriers) {
    if (k.transit.kind != sim::DistKind::Exponential) {
      const sim::Distribution e = sim::exponential(std::max(1.0, sim::mean(k.transit)));
      note(fmt::format("carrier {} transit: {} -> {}", k.name, sim::describe(k.transit),
                       sim::describe(e)));
      k.transit = e;
    }
  }
  for (auto& ch : p.channels) {
    const std::string n = fmt::format("channel {}", ch.key);
    exp_form(ch.buyer_action_delay.value, n + ".buyer_action_delay");
    exp_form(ch.paid_delay.value, n + ".paid_delay");
    ch.enabled.value = true;
    if (!ch.in_app.value || !ch.on_pc.value) note(n + ": available in the app and on the PC site");
    ch.in_app.value = ch.on_pc.value = true;
    if (!ch.only_country.value.empty()) note(n + ": any country");
    ch.only_country.value = {};
    if (ch.min_order.value || ch.max_order.value || ch.max_order_unverified.value ||
        ch.terminal_max.value || ch.daily_cap_amount.value || ch.daily_cap_count.value ||
        ch.monthly_cap_amount.value || ch.monthly_cap_count.value)
      note(n + ": order limits and caps removed");
    ch.min_order.value.reset(), ch.max_order.value.reset(), ch.max_order_unverified.value.reset();
    ch.terminal_max.value.reset(), ch.daily_cap_amount.value.reset();
    ch.daily_cap_count.value.reset(), ch.monthly_cap_amount.value.reset();
    ch.monthly_cap_count.value.reset();
    off(ch.decline_social_salary_cards.value, false, n + ".decline_social_salary_cards");
    off(ch.code_validity.value, sim::Time{0}, n + ".code_validity");
    off(ch.amount_fixed_at_checkout.value, false, n + ".amount_fixed_at_checkout");
    off(ch.paid_delay_working_days.value, false, n + ".paid_delay_working_days");
    if (ch.funds_account == Account::BuyerPlatformBalance) {
      if (ch.fee_payer.value == FeePayer::Buyer &&
          (ch.fee_rate.value.bp != 0 || !ch.fee_fixed.value.is_zero()))
        note(n + ": buyer fee removed (the balance holds the invoice only)");
      if (ch.fee_payer.value == FeePayer::Buyer) {
        ch.fee_rate.value = {};
        ch.fee_fixed.value = Money::zero(ch.fee_fixed.value.currency());
      }
      ch.bank_fee_rate.value = {};
      ch.bank_fee_fixed.value = Money::zero(ch.bank_fee_fixed.value.currency());
    }
  }
  return p;
}

std::vector<OracleRow> compare_with_simulation(const MarketParams& p, const RunParams& run) {
  const OracleFigures o = solve_oracle(p);
  if (run.warmup != 0 || !run.drain || run.max_orders != 0)
    throw std::invalid_argument("the comparison needs warmup = 0, drain on, no max_orders");
  const SimulatedFigures s = simulate_orders(p, run);
  std::vector<OracleRow> rows;
  const auto n = s.orders;
  for (int k = 0; k < kOutcomeCount; ++k) {
    const auto c = s.ended[static_cast<std::size_t>(k)];
    const Interval ci = wilson(c, n);
    rows.push_back({fmt::format("P({})", outcome_label(Outcome(k))), o.p[static_cast<std::size_t>(k)],
                    n ? static_cast<double>(c) / static_cast<double>(n) : 0, ci.lo, ci.hi});
  }
  const double day = sim::kDay;
  const Interval te = t_interval(s.time_to_end_s);
  rows.push_back({"mean days to the end", o.mean_time_to_end_s / day, s.time_to_end_s.mean() / day,
                  te.lo / day, te.hi / day});
  const Interval pp = wilson(s.seller_paid_count, n);
  rows.push_back({"P(seller paid)", o.p_seller_paid,
                  n ? static_cast<double>(s.seller_paid_count) / static_cast<double>(n) : 0, pp.lo,
                  pp.hi});
  const Interval sp = t_interval(s.seller_paid_h);
  rows.push_back({"mean days to seller paid", o.mean_time_to_seller_paid_s / day,
                  s.seller_paid_h.mean() / 24, sp.lo / 24, sp.hi / 24});
  // Little's law: time-averaged escrow = rate x mean amount x mean time held. Over the whole
  // run (drained), the area is the sum over orders of amount x time held, a compound Poisson
  // sum: Var(area / T) = rate E[(amount x held)^2] / T, amount independent of the path.
  const double rate = p.arrivals.orders_per_day / day;
  const double amount = sim::mean(p.buyers.order_value) / 100;  // USD
  const double amount2 = second_moment(p.buyers.order_value) / 1e4;
  const double held2 = mean_square(s.held_s) * static_cast<double>(s.held_s.count()) /
                       static_cast<double>(std::max<std::int64_t>(1, n));
  const double little_sim = s.escrow_area / 100 / s.horizon_s;
  const double half = kZ99 * std::sqrt(rate * amount2 * held2 / s.horizon_s);
  rows.push_back({"mean escrow, USD (Little)", rate * amount * o.held_s_per_order, little_sim,
                  little_sim - half, little_sim + half});
  for (auto& r : rows) r.inside = r.oracle >= r.lo && r.oracle <= r.hi;
  return rows;
}

std::string format_rows(const std::vector<OracleRow>& rows) {
  std::string out = fmt::format("{:<28} {:>14} {:>14} {:>31}  {}\n", "figure", "oracle",
                                "simulation", "99% CI", "inside");
  for (const auto& r : rows)
    out += fmt::format("{:<28} {:>14.6g} {:>14.6g} [{:>14.6g}, {:>14.6g}]  {}\n", r.figure,
                       r.oracle, r.simulated, r.lo, r.hi, r.inside ? "yes" : "NO");
  return out;
}

std::string oracle_report(const MarketParams& p, const RunParams& run, bool& all_inside) {
  std::vector<std::string> changes;
  const MarketParams e = to_exponential_form(p, changes);
  RunParams r = run;
  r.warmup = 0;
  r.drain = true;
  r.max_orders = 0;
  std::string out = "Exponential form of the scenario:\n";
  if (changes.empty()) out += "  (already in exponential form)\n";
  for (const auto& c : changes) out += "  " + c + "\n";
  const auto rows = compare_with_simulation(e, r);
  all_inside = std::all_of(rows.begin(), rows.end(), [](const OracleRow& x) { return x.inside; });
  out += format_rows(rows);
  out += all_inside ? "every figure inside its 99% confidence interval\n"
                    : "SOME FIGURES OUTSIDE their 99% confidence interval\n";
  return out;
}

std::string oracle_report(const MarketParams& p, const RunParams& run) {
  bool all_inside = false;
  return oracle_report(p, run, all_inside);
}

}  // namespace market
