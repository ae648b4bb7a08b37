// The oracle against the simulation: the scenario in exponential form, one run, per-order
// figures read from the trace, 99% confidence intervals, the comparison table.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <future>
#include <streambuf>
#include <unordered_map>

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <fmt/format.h>

#include "models/experiment/experiment.hpp"
#include "models/market/run.hpp"
#include "models/oracle/oracle.hpp"
#include "models/oracle/oracle_check.hpp"
#include "sim/holm.hpp"

namespace market {
namespace {

// Two-sided normal p-value of a z statistic.
double normal_p(double z) { return std::erfc(std::fabs(z) / std::sqrt(2.0)); }

// The standard normal quantile for a two-sided interval at confidence 1 - alpha.
double z_for(double alpha) {
  return boost::math::quantile(boost::math::complement(boost::math::normal(), alpha / 2));
}

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

// Wilson's score interval: sound near 0 and 1, where the normal one is not. It is the set of
// p0 the score test (score_p) does not reject at the same level.
Interval wilson(std::int64_t k, std::int64_t n, double z) {
  if (n == 0) return {0, 1};
  const double p = static_cast<double>(k) / static_cast<double>(n), nn = static_cast<double>(n);
  const double z2 = z * z;
  const double centre = (p + z2 / (2 * nn)) / (1 + z2 / nn);
  const double half = z / (1 + z2 / nn) * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn));
  // At k = 0 or k = n the bound is 0 or 1 exactly; rounding must not exclude an exact 0.
  return {k == 0 ? 0.0 : centre - half, k == n ? 1.0 : centre + half};
}

// The score test of P = p0 for k successes in n: z = (k/n - p0) / sqrt(p0 (1 - p0) / n).
double score_p(std::int64_t k, std::int64_t n, double p0) {
  if (n == 0) return 1;
  const double nn = static_cast<double>(n), p = static_cast<double>(k) / nn;
  if (p0 <= 0 || p0 >= 1) return p == p0 ? 1.0 : 0.0;  // a certain outcome seen otherwise
  return normal_p((p - p0) / std::sqrt(p0 * (1 - p0) / nn));
}

Interval t_interval(const sim::Tally& t, double alpha) {
  if (t.count() < 2) return {-INFINITY, INFINITY};
  const boost::math::students_t dist(static_cast<double>(t.count() - 1));
  const double q = boost::math::quantile(dist, 1 - alpha / 2);
  return {t.mean() - q * t.standard_error(), t.mean() + q * t.standard_error()};
}

// Student's t test of mean = mu0 (scaled: the tally in units `scale` times mu0's).
double t_p(const sim::Tally& t, double mu0) {
  if (t.count() < 2) return 1;
  const double se = t.standard_error();
  if (!(se > 0)) return t.mean() == mu0 ? 1.0 : 0.0;
  const boost::math::students_t dist(static_cast<double>(t.count() - 1));
  return 2 * boost::math::cdf(boost::math::complement(dist, std::fabs(t.mean() - mu0) / se));
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

SimulatedFigures simulate_orders(const MarketParams& p, const RunParams& run, ProgressFn progress,
                                 void* context) {
  SimulatedFigures out;
  Collectors collect(collector_layout(p, run));
  Market market(p, run, collect);
  TraceReader reader(out);
  std::ostream trace(&reader);
  market.set_trace(&trace);
  sim::Simulator s;
  RunTotals totals;
  if (progress == nullptr) {
    totals = run_market(market, s);
  } else {
    // The one run loop on a worker thread; this thread reads the days it has published and
    // reports them at most ~10 times a second, then once when the drain has ended.
    ReplicationProgress published;
    std::future<RunTotals> done =
        std::async(std::launch::async, [&] { return run_market(market, s, &published); });
    Progress pr;
    pr.simulated_days_total = sim::to_hours(run.horizon) / 24.0;
    pr.runs_total = 1;
    const auto started = std::chrono::steady_clock::now();
    const auto report = [&] {
      pr.simulated_days_done = std::min(
          pr.simulated_days_total, static_cast<double>(published.simulated_seconds.load()) / sim::kDay);
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      pr.orders_per_second = seconds > 0 ? static_cast<double>(published.orders.load()) / seconds : 0.0;
      progress(pr, context);
    };
    while (done.wait_for(std::chrono::milliseconds(100)) != std::future_status::ready) report();
    totals = done.get();  // rethrows what the run threw
    pr.runs_done = 1;
    report();
  }
  out.orders = static_cast<std::int64_t>(totals.orders_placed);
  out.in_flight = static_cast<std::int64_t>(market.orders().live());
  out.seller_paid_h = collect.settlement_h.tally();
  out.seller_paid_count = collect.settlement_h.tally().count();
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
  // A balance carries state from one order of its buyer to the next (what one order spends,
  // the next cannot); the chain's orders are independent, so no first choice is a balance.
  Shares kept;
  double kept_total = 0;
  for (const auto& [key, share] : b.channel_shares) {
    const auto ch = std::find_if(p.channels.begin(), p.channels.end(),
                                 [&k = key](const ChannelParams& c) { return c.key == k; });
    const bool balance = ch != p.channels.end() && (ch->funds_account == Account::BuyerPlatformBalance ||
                                                    ch->funds_account == Account::BuyerGiftBalance);
    if (balance) {
      note(fmt::format("buyers.channel_shares: {} {} -> 0 (balances carry state across orders)", key, share));
    } else {
      kept.emplace_back(key, share);
      kept_total += share;
    }
  }
  if (kept_total > 0 && kept.size() < b.channel_shares.size()) {
    for (auto& [key, share] : kept) share /= kept_total;
    b.channel_shares = kept;
  }
  // The chain draws no funds: a card's, wallet's or phone's funds (000:40, 000:98) are limits,
  // removed with the others.
  for (auto& ch : p.channels)
    if (ch.funds.value) {
      note(fmt::format("channel.{}.funds: {} -> none", ch.key, money_distribution_text(*ch.funds.value)));
      ch.funds.value.reset();
    }
  // One order per checkout: a basket prices and limits its orders together (000:221).
  if (b.basket_sizes.size() != 1) {
    note(fmt::format("buyers.basket_sizes: {} shares -> 1 (single-order checkouts)", b.basket_sizes.size()));
    b.basket_sizes = {1.0};
  }
  exp_form(b.confirm_delay, "buyers.confirm_delay");
  exp_form(b.dispute_open_delay, "buyers.dispute_open_delay");
  exp_form(b.cancel_delay, "buyers.cancel_delay");
  auto& pr = p.protection;
  off(pr.delivered_countdown, sim::Time{0}, "protection.delivered_countdown");
  // The chain gives every dispute the rulings' probabilities; no reason is guaranteed.
  off(pr.nonarrival_always_refunded, false, "protection.nonarrival_always_refunded");
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
    // The chain's timer is one number per segment: the promise's mean, rounded to the second.
    if (s.promised_delivery.kind != sim::DistKind::Constant) {
      const sim::Distribution c = sim::constant(std::round(sim::mean(s.promised_delivery)));
      note(fmt::format("seller {} promised_delivery: {} -> {}", s.name,
                       sim::describe(s.promised_delivery), sim::describe(c)));
      s.promised_delivery = c;
    }
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

std::vector<OracleRow> compare_with_simulation(const MarketParams& p, const RunParams& run,
                                              double figure_alpha, ProgressFn progress,
                                              void* context) {
  if (!(figure_alpha > 0 && figure_alpha < 1))
    throw std::invalid_argument("the comparison's figure_alpha must be in (0, 1)");
  const double z = z_for(figure_alpha);
  const OracleFigures o = solve_oracle(p);
  if (run.warmup != 0 || !run.drain || run.max_orders != 0)
    throw std::invalid_argument("the comparison needs warmup = 0, drain on, no max_orders");
  const SimulatedFigures s = simulate_orders(p, run, progress, context);
  std::vector<OracleRow> rows;
  const auto n = s.orders;
  for (int k = 0; k < kOutcomeCount; ++k) {
    const auto c = s.ended[static_cast<std::size_t>(k)];
    const Interval ci = wilson(c, n, z);
    const double p0 = o.p[static_cast<std::size_t>(k)];
    rows.push_back({fmt::format("P({})", outcome_label(Outcome(k))), p0,
                    n ? static_cast<double>(c) / static_cast<double>(n) : 0, ci.lo, ci.hi,
                    score_p(c, n, p0)});
  }
  const double day = sim::kDay;
  const Interval te = t_interval(s.time_to_end_s, figure_alpha);
  rows.push_back({"mean days to the end", o.mean_time_to_end_s / day, s.time_to_end_s.mean() / day,
                  te.lo / day, te.hi / day, t_p(s.time_to_end_s, o.mean_time_to_end_s)});
  const Interval pp = wilson(s.seller_paid_count, n, z);
  rows.push_back({"P(seller paid)", o.p_seller_paid,
                  n ? static_cast<double>(s.seller_paid_count) / static_cast<double>(n) : 0, pp.lo,
                  pp.hi, score_p(s.seller_paid_count, n, o.p_seller_paid)});
  const Interval sp = t_interval(s.seller_paid_h, figure_alpha);
  rows.push_back({"mean days to seller paid", o.mean_time_to_seller_paid_s / day,
                  s.seller_paid_h.mean() / 24, sp.lo / 24, sp.hi / 24,
                  t_p(s.seller_paid_h, o.mean_time_to_seller_paid_s / 3600)});
  // Little's law: time-averaged escrow = rate x mean amount x mean time held. Over the whole
  // run (drained), the area is the sum over orders of amount x time held, a compound Poisson
  // sum: Var(area / T) = rate E[(amount x held)^2] / T, amount independent of the path.
  const double rate = p.arrivals.orders_per_day / day;
  const double amount = sim::mean(p.buyers.order_value) / 100;  // USD
  const double amount2 = second_moment(p.buyers.order_value) / 1e4;
  const double held2 = mean_square(s.held_s) * static_cast<double>(s.held_s.count()) /
                       static_cast<double>(std::max<std::int64_t>(1, n));
  const double little_sim = s.escrow_area / 100 / s.horizon_s;
  const double sd = std::sqrt(rate * amount2 * held2 / s.horizon_s);
  const double little = rate * amount * o.held_s_per_order;
  rows.push_back({"mean escrow, USD (Little)", little, little_sim, little_sim - z * sd,
                  little_sim + z * sd, sd > 0 ? normal_p((little_sim - little) / sd) : 1.0});
  for (auto& r : rows) r.inside = r.oracle >= r.lo && r.oracle <= r.hi;
  if (rows.size() != kOracleFigures) throw std::logic_error("compare_with_simulation: row count");
  return rows;
}

int apply_holm(std::vector<OracleRow>& rows, double family_alpha) {
  std::vector<double> p;
  for (const auto& r : rows) p.push_back(r.p_value);
  const std::vector<bool> rejected = sim::holm_rejections(p, family_alpha);
  int n = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    rows[i].rejected = rejected[i];
    n += rejected[i] ? 1 : 0;
  }
  return n;
}

std::string format_rows(const std::vector<OracleRow>& rows) {
  std::string out = fmt::format("{:<28} {:>14} {:>14} {:>31} {:>9}  {}\n", "figure", "oracle",
                                "simulation", "interval", "p", "verdict");
  for (const auto& r : rows)
    out += fmt::format("{:<28} {:>14.6g} {:>14.6g} [{:>14.6g}, {:>14.6g}] {:>9.3g}  {}\n", r.figure,
                       r.oracle, r.simulated, r.lo, r.hi, r.p_value,
                       r.rejected ? "DIFFERS" : "ok");
  return out;
}

std::string oracle_report(const MarketParams& p, const RunParams& run, bool& all_inside,
                          ProgressFn progress, void* context) {
  std::vector<std::string> changes;
  const MarketParams e = to_exponential_form(p, changes);
  RunParams r = run;
  r.warmup = 0;
  r.drain = true;
  r.max_orders = 0;
  std::string out = "Exponential form of the scenario:\n";
  if (changes.empty()) out += "  (already in exponential form)\n";
  for (const auto& c : changes) out += "  " + c + "\n";
  // Bonferroni intervals (each at 1 - alpha / m), Holm's verdict: a correct model is flagged
  // anywhere with probability at most kCheckFamilyAlpha.
  auto rows = compare_with_simulation(e, r, kCheckFamilyAlpha / kOracleFigures, progress, context);
  const int rejected = apply_holm(rows, kCheckFamilyAlpha);
  all_inside = rejected == 0;
  out += fmt::format("intervals at {:.4g}% each (Bonferroni over {} figures); verdict by Holm at a "
                     "family-wise false-alarm rate of {:g}%\n",
                     100 * (1 - kCheckFamilyAlpha / static_cast<double>(rows.size())),
                     rows.size(), 100 * kCheckFamilyAlpha);
  out += format_rows(rows);
  out += all_inside ? "every figure agrees with the oracle\n"
                    : fmt::format("{} FIGURE(S) DIFFER from the oracle\n", rejected);
  return out;
}

std::string oracle_report(const MarketParams& p, const RunParams& run) {
  bool all_inside = false;
  return oracle_report(p, run, all_inside);
}

}  // namespace market
