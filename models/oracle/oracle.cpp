#include "models/oracle/oracle.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>
#include <tuple>

#include <Eigen/SparseCore>
#include <Eigen/SparseLU>
#include <fmt/format.h>

#include "models/orders/order.hpp"

namespace market {

std::string_view outcome_label(Outcome o) {
  switch (o) {
    case Outcome::Completed: return "completed";
    case Outcome::Cancelled: return "cancelled";
    case Outcome::Void: return "void";
    case Outcome::RefundedNondelivery: return "refunded_nondelivery";
    case Outcome::RefundedDispute: return "refunded_dispute";
    case Outcome::Closed: return "closed";
    case Outcome::kCount: break;
  }
  return "?";
}

namespace {

// A delay the oracle can take: exponential with a mean, or a constant.
struct Delay {
  bool exponential = false;
  double mean = 0;
};

Delay delay_of(const sim::Distribution& d, std::string_view name, bool must_be_exponential) {
  if (d.kind == sim::DistKind::Exponential && d.a > 0) return {true, d.a};
  if (d.kind == sim::DistKind::Constant && !must_be_exponential && d.a >= 0) return {false, d.a};
  throw std::invalid_argument(fmt::format(
      "{} is {}: the oracle needs {}", name, sim::describe(d),
      must_be_exponential ? "an exponential delay (it races another)" : "exponential or constant"));
}

// P(X < r) and E[X 1{X < r}].
double prob_below(Delay d, double r) {
  if (r <= 0) return 0;
  return d.exponential ? -std::expm1(-r / d.mean) : (d.mean < r ? 1.0 : 0.0);
}
double partial_mean(Delay d, double r) {
  if (r <= 0) return 0;
  if (!d.exponential) return d.mean < r ? d.mean : 0.0;
  const double e = std::exp(-r / d.mean);
  return d.mean * (1 - e) - r * e;
}
// E[min(X, w)].
double mean_min(Delay d, double w) {
  if (w <= 0) return 0;
  return d.exponential ? d.mean * -std::expm1(-w / d.mean) : std::min(d.mean, w);
}

// E[f(min(X, w))] for X exponential or constant: Simpson's rule on the density over [0, w) plus
// the atom at w. Exact to ~1e-10 relative for the smooth integrands used here.
template <class F>
double expect_min(Delay d, double w, F&& f) {
  if (!d.exponential || w <= 0) return f(std::min(d.mean, std::max(w, 0.0)));
  constexpr int n = 4000;  // even
  const double h = std::min(w, 40 * d.mean) / n;  // e^-40 of the mass lies beyond
  double s = 0;
  for (int i = 0; i <= n; ++i) {
    const double x = i * h;
    const double g = std::exp(-x / d.mean) / d.mean * f(x);
    s += g * (i == 0 || i == n ? 1 : (i % 2 ? 4 : 2));
  }
  return s * h / 3 + std::exp(-w / d.mean) * f(w);
}

// Simpson's rule of f over [0, len].
template <class F>
double integrate(double len, F&& f) {
  if (len <= 0) return 0;
  constexpr int n = 4000;
  const double h = len / n;
  double s = 0;
  for (int i = 0; i <= n; ++i) s += f(i * h) * (i == 0 || i == n ? 1 : (i % 2 ? 4 : 2));
  return s * h / 3;
}

// The chain: every node's out-edges carry the probability and E[sojourn | edge]; absorbing
// nodes have none. Flags mark what happens on entering a node.
struct Edge {
  int to;
  double p;
  double mean_s;
};
struct Node {
  std::vector<Edge> out;
  int outcome = -1;
  bool seller_paid = false;  // escrow released to the seller (collectors' seller_paid)
  bool escrow_ends = false;  // the order's money leaves escrow
  bool debited = false;      // the buyer's money enters escrow
};

struct Chain {
  std::vector<Node> nodes;
  int add(Node n = {}) {
    nodes.push_back(std::move(n));
    return static_cast<int>(nodes.size()) - 1;
  }
  void edge(int from, int to, double p, double mean_s) {
    if (p > 0) nodes[static_cast<std::size_t>(from)].out.push_back({to, p, mean_s});
  }
};

// a = P(reach S), b = E[T_S 1{reach S}] from every node, S the nodes where `in_target` holds:
// (I - P_S) a = 1_S, (I - P_S) b = sum_j P_ij m_ij a_j, P_S the jump matrix with S's rows cut.
template <class Target>
std::pair<Eigen::VectorXd, Eigen::VectorXd> hit(const Chain& c, Target&& in_target) {
  const auto n = static_cast<Eigen::Index>(c.nodes.size());
  std::vector<Eigen::Triplet<double>> t;
  Eigen::VectorXd ra = Eigen::VectorXd::Zero(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    t.emplace_back(i, i, 1.0);
    const Node& node = c.nodes[static_cast<std::size_t>(i)];
    if (in_target(node)) {
      ra[i] = 1;
      continue;
    }
    for (const Edge& e : node.out) t.emplace_back(i, e.to, -e.p);
  }
  Eigen::SparseMatrix<double> a_mat(n, n);
  a_mat.setFromTriplets(t.begin(), t.end());
  Eigen::SparseLU<Eigen::SparseMatrix<double>> lu;
  lu.compute(a_mat);
  if (lu.info() != Eigen::Success) throw std::runtime_error("oracle: singular chain");
  const Eigen::VectorXd a = lu.solve(ra);
  Eigen::VectorXd rb = Eigen::VectorXd::Zero(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const Node& node = c.nodes[static_cast<std::size_t>(i)];
    if (in_target(node)) continue;
    for (const Edge& e : node.out) rb[i] += e.p * e.mean_s * a[e.to];
  }
  return {a, lu.solve(rb)};
}

void require(bool ok, std::string_view what) {
  if (!ok) throw std::invalid_argument(fmt::format("the oracle needs {}", what));
}

std::vector<double> normalised(std::vector<double> w) {
  double s = 0;
  for (double x : w) s += x;
  for (double& x : w) x /= s;
  return w;
}

// The per-channel figures the payment phase needs.
struct ChannelView {
  double refused = 0;  // per attempt
  Delay action, paid;
  bool card = false;
};

class Builder {
 public:
  explicit Builder(const MarketParams& p) : p_(p) {
    for (int k = 0; k < kOutcomeCount; ++k) {
      Node n;
      n.outcome = k;
      end_[k] = c_.add(n);
    }
    auto& n = c_.nodes;
    n[static_cast<std::size_t>(end_[int(Outcome::Completed)])].seller_paid = true;
    for (Outcome o : {Outcome::Completed, Outcome::Cancelled, Outcome::RefundedNondelivery,
                      Outcome::RefundedDispute})
      n[static_cast<std::size_t>(end_[int(o)])].escrow_ends = true;
    Node partial;  // a partial refund keeps the sale: the rest goes to the seller
    partial.outcome = int(Outcome::RefundedDispute);
    partial.seller_paid = partial.escrow_ends = true;
    refunded_partial_ = c_.add(partial);
    Node closed_paid;  // the return was not shipped in time: the seller is paid (Closed)
    closed_paid.outcome = int(Outcome::Closed);
    closed_paid.seller_paid = closed_paid.escrow_ends = true;
    closed_paid_ = c_.add(closed_paid);
  }

  Chain build() {
    start_ = c_.add();
    payment();
    return std::move(c_);
  }
  int start() const { return start_; }

 private:
  int end(Outcome o) const { return end_[static_cast<int>(o)]; }

  void payment() {
    const auto& shares = p_.buyers.channel_shares;
    std::vector<double> w;
    std::vector<std::size_t> channel;
    for (const auto& [name, share] : shares) {
      const auto it = std::find_if(p_.channels.begin(), p_.channels.end(),
                                   [&key = name](const ChannelParams& ch) { return ch.key == key; });
      require(it != p_.channels.end(), fmt::format("channel \"{}\" in channel_shares", name));
      channel.push_back(static_cast<std::size_t>(it - p_.channels.begin()));
      w.push_back(share);
    }
    w = normalised(w);
    const int attempts = std::max(1, p_.buyers.max_payment_attempts);
    const std::size_t k = w.size();
    // attempt[a][i]: the a-th attempt, on the i-th share's channel.
    std::vector<std::vector<int>> attempt(static_cast<std::size_t>(attempts), std::vector<int>(k));
    for (auto& row : attempt)
      for (int& id : row) id = c_.add();
    for (std::size_t i = 0; i < k; ++i) c_.edge(start_, attempt[0][i], w[i], 0);
    const int credited_card = credited(true), credited_other = credited(false);
    const double retry = p_.buyers.retry_after_refusal;
    for (std::size_t a = 0; a < attempt.size(); ++a) {
      for (std::size_t i = 0; i < k; ++i) {
        const ChannelView v = view(p_.channels[channel[i]]);
        const int here = attempt[a][i];
        // Accepted: the buyer pays after the action delay, the payment shows after paid_delay.
        Node d;
        d.debited = true;
        const int debited = c_.add(d);
        c_.edge(here, debited, 1 - v.refused, v.action.mean);
        c_.edge(debited, v.card ? credited_card : credited_other, 1, v.paid.mean);
        const bool last = a + 1 == attempt.size();
        const double again = last ? 0 : retry;
        c_.edge(here, end(Outcome::Void), v.refused * (1 - again), 0);
        if (last) continue;
        // Another channel by the shares, up to 8 draws to avoid the refused one (models/market/payment.cpp).
        // Shares naming the same channel count as that channel.
        double same = 0;
        for (std::size_t j = 0; j < k; ++j)
          if (channel[j] == channel[i]) same += w[j];
        const double stay = std::pow(same, 8);
        for (std::size_t j = 0; j < k; ++j) {
          const double pj = channel[j] == channel[i]
                                ? w[j] / same * stay
                                : w[j] * (same < 1 ? (1 - stay) / (1 - same) : 0);
          c_.edge(here, attempt[a + 1][j], v.refused * again * pj, 0);
        }
      }
    }
  }

  ChannelView view(const ChannelParams& ch) {
    const auto name = [&](std::string_view f) { return fmt::format("channel {}.{}", ch.key, f); };
    require(ch.enabled.value, name("enabled = true"));
    require(ch.in_app.value && ch.on_pc.value, name("in_app and on_pc (no platform refusal)"));
    require(ch.only_country.value.empty(), name("only_country unset"));
    require(!ch.min_order.value && !ch.max_order.value && !ch.max_order_unverified.value &&
                !ch.terminal_max.value,
            name("no order limits (min_order, max_order, max_order_unverified, terminal_max)"));
    require(!ch.daily_cap_amount.value && !ch.daily_cap_count.value &&
                !ch.monthly_cap_amount.value && !ch.monthly_cap_count.value,
            name("no daily or monthly caps"));
    require(!ch.decline_social_salary_cards.value, name("decline_social_salary_cards = false"));
    require(ch.code_validity.value == 0, name("code_validity = 0 (the 48 h code is a fixed timer)"));
    require(!ch.amount_fixed_at_checkout.value, name("amount_fixed_at_checkout = false"));
    require(!ch.paid_delay_working_days.value, name("paid_delay_working_days = false"));
    if (ch.funds_account == Account::BuyerPlatformBalance)
      require(ch.currency.value == Currency::USD && ch.bank_fee_rate.value.bp == 0 &&
                  ch.bank_fee_fixed.value.is_zero() &&
                  (ch.fee_payer.value != FeePayer::Buyer ||
                   (ch.fee_rate.value.bp == 0 && ch.fee_fixed.value.is_zero())),
              name("no buyer fees on a balance-funded channel (the balance holds the invoice)"));
    ChannelView v;
    v.refused = 1 - (1 - ch.p_security_refusal.value) * (1 - ch.p_card_not_enabled.value) *
                        (1 - ch.p_wallet_refused.value) * (1 - ch.p_insufficient_funds.value);
    v.action = delay_of(ch.buyer_action_delay.value, name("buyer_action_delay"), false);
    v.paid = delay_of(ch.paid_delay.value, name("paid_delay"), false);
    v.card = ch.id == ChannelId::Card;
    return v;
  }

  // The order shows as paid: the seller, carrier and route are drawn (mixture).
  int credited(bool card) {
    const int node = c_.add();
    std::vector<double> ws, wc, wr;
    for (const auto& s : p_.sellers) ws.push_back(s.share);
    for (const auto& k : p_.carriers) wc.push_back(k.share);
    for (const auto& r : p_.routes) {
      // The route is drawn after payment here, so its buyers cannot have their own channels.
      require(r.channel_shares.empty(), fmt::format("route {}.channel_shares = none (the buyers' shares)", r.name));
      wr.push_back(r.share);
    }
    ws = normalised(ws), wc = normalised(wc), wr = normalised(wr);
    for (std::size_t s = 0; s < ws.size(); ++s)
      for (std::size_t k = 0; k < wc.size(); ++k)
        for (std::size_t r = 0; r < wr.size(); ++r)
          c_.edge(node, awaiting_shipment(card, p_.sellers[s], p_.carriers[k], p_.routes[r]),
                  ws[s] * wc[k] * wr[r], 0);
    return node;
  }

  int awaiting_shipment(bool card, const SellerSegmentParams& seg, const CarrierParams& carrier,
                        const RouteParams& route) {
    const int node = c_.add();
    const std::string s = "seller segment " + seg.name;
    const double h = delay_of(seg.handling, s + " handling", true).mean;
    const double q = p_.buyers.cancel_before_shipment, st = seg.stock_out;
    const int ship = shipped(card, seg, carrier, route);
    const int cancelled = end(Outcome::Cancelled);
    c_.edge(node, ship, (1 - q) * (1 - st), h);
    c_.edge(node, cancelled, (1 - q) * st, h / 2);  // stock-out at a uniform point of handling
    if (q > 0) {
      const double c = delay_of(p_.buyers.cancel_delay, "buyers.cancel_delay", true).mean;
      const double both = c * h / (c + h);  // min of two exponentials, whichever wins
      c_.edge(node, ship, q * (1 - st) * c / (c + h), both);
      c_.edge(node, cancelled, q * (1 - st) * h / (c + h), both);
      // Buyer at C, seller at U*H: E[min(C, UH)] = c (1 - (c/h) ln(1 + h/c)).
      c_.edge(node, cancelled, q * st, c * (1 - c / h * std::log1p(h / c)));
    }
    return node;
  }

  int shipped(bool card, const SellerSegmentParams& seg, const CarrierParams& carrier,
              const RouteParams& route) {
    const int node = c_.add();
    const double transit =
        delay_of(carrier.transit, "carrier " + carrier.name + " transit", true).mean *
        route.transit_factor;
    const double none = 1 - seg.ships_nothing - seg.not_as_described - seg.defective;
    const double loss = carrier.loss;
    struct Branch {
      Problem problem;
      bool lost;
      double p;
    };
    for (const Branch b : {Branch{Problem::NothingShipped, true, seg.ships_nothing},
                           Branch{Problem::NotAsDescribed, false, seg.not_as_described * (1 - loss)},
                           Branch{Problem::NotAsDescribed, true, seg.not_as_described * loss},
                           Branch{Problem::Defective, false, seg.defective * (1 - loss)},
                           Branch{Problem::Defective, true, seg.defective * loss},
                           Branch{Problem::None, false, none * (1 - loss)},
                           Branch{Problem::None, true, none * loss}}) {
      if (b.p <= 0) continue;
      c_.edge(node, in_transit(card, seg, route, b.problem, b.lost, transit), b.p, 0);
    }
    return node;
  }

  // The parcel's journey in phases (models/market/fulfilment.cpp, protection.cpp): until the protection check at the
  // timer's end minus the lead, then (no dispute) until the timer's end, then the automatic
  // refund's delay. Delivery is exponential, so each phase starts afresh (memoryless).
  int in_transit(bool card, const SellerSegmentParams& seg, const RouteParams& route,
                 Problem problem, bool lost, double transit) {
    const ProtectionParams& pr = p_.protection;
    const double cap = static_cast<double>(route.delivery_timer_cap > 0 ? route.delivery_timer_cap
                                                                       : pr.max_delivery_timer);
    const double te = std::min(seg.promised_delivery.a, cap);  // a constant (exponential form)
    const double t1 = std::max(0.0, te - static_cast<double>(pr.dispute_lead));
    const int phase1 = c_.add(), check = c_.add(), phase3 = c_.add(), phase4 = c_.add();
    const int dispute_nr = dispute(card, seg, DisputeReason::NotReceived);
    delivery_phase(phase1, check, 0, t1, te, card, seg, problem, lost, transit);
    c_.edge(check, dispute_nr, p_.buyers.disputes_nonarrival, 0);
    c_.edge(check, phase3, 1 - p_.buyers.disputes_nonarrival, 0);
    delivery_phase(phase3, phase4, t1, te, te, card, seg, problem, lost, transit);
    // After the timer: the automatic refund races the parcel.
    const Delay z = delay_of(pr.nondelivery_refund_delay, "protection.nondelivery_refund_delay", false);
    const int refunded = end(Outcome::RefundedNondelivery);
    if (lost) {
      c_.edge(phase4, refunded, 1, z.mean);
      return phase1;
    }
    const int on_delivery = problem == Problem::None ? end(Outcome::Completed)
                                                     : dispute(card, seg, reason_of(problem));
    const double open = problem == Problem::None ? 0 : open_delay();
    if (z.exponential) {
      const double pd = z.mean / (z.mean + transit), both = z.mean * transit / (z.mean + transit);
      c_.edge(phase4, on_delivery, pd, both + open);
      c_.edge(phase4, refunded, 1 - pd, both);
    } else {
      const double pd = prob_below({true, transit}, z.mean);
      if (pd > 0) c_.edge(phase4, on_delivery, pd, partial_mean({true, transit}, z.mean) / pd + open);
      c_.edge(phase4, refunded, 1 - pd, z.mean);
    }
    return phase1;
  }

  static DisputeReason reason_of(Problem p) {
    return p == Problem::Defective ? DisputeReason::Defective : DisputeReason::NotAsDescribed;
  }
  double open_delay() {
    return delay_of(p_.buyers.dispute_open_delay, "buyers.dispute_open_delay", false).mean;
  }

  // A phase [s, e) of the parcel's journey with the timer ending at te (times since shipment).
  void delivery_phase(int node, int next, double s, double e, double te, bool card,
                      const SellerSegmentParams& seg, Problem problem, bool lost, double mu) {
    const double len = e - s;
    if (lost || len <= 0) return c_.edge(node, next, 1, std::max(len, 0.0));
    const double stay = std::exp(-len / mu);
    c_.edge(node, next, stay, len);
    const double pd = 1 - stay;
    const double mean_y = (mu * pd - len * stay) / pd;  // E[Y | Y < len]
    if (problem != Problem::None) {
      // 002:97: a bad item is disputed at once (after the opening delay).
      return c_.edge(node, dispute(card, seg, reason_of(problem)), pd, mean_y + open_delay());
    }
    // Delivered at s + y: the buyer confirms at + K if before the timer's end; else (or never
    // confirming) the timer completes the order at te.
    const Delay k = delay_of(p_.buyers.confirm_delay, "buyers.confirm_delay", false);
    const double never = p_.buyers.never_confirms;
    const auto density = [&](double y) { return std::exp(-y / mu) / mu; };
    const double span = std::min(len, 40 * mu);  // e^-40 of the density lies beyond
    const double confirm_p =
        integrate(span, [&](double y) { return density(y) * prob_below(k, te - s - y); });
    const double confirm_t = integrate(span, [&](double y) {
      const double r = te - s - y;
      return density(y) * (y * prob_below(k, r) + partial_mean(k, r));
    });
    const int confirmed = confirmed_node(card, seg);
    if (confirm_p > 0) c_.edge(node, confirmed, (1 - never) * confirm_p, confirm_t / confirm_p);
    c_.edge(node, end(Outcome::Completed), pd - (1 - never) * confirm_p, te - s);
  }

  int confirmed_node(bool card, const SellerSegmentParams& seg) {
    const ProtectionParams& pr = p_.protection;
    const int node = c_.add();
    if (pr.release_at_confirmation) {
      c_.edge(node, end(Outcome::Completed), 1, 0);
      return node;
    }
    const double release = static_cast<double>(pr.release_after_confirmation);
    const double window = static_cast<double>(
        std::min(pr.post_confirmation_dispute_window, pr.release_after_confirmation));
    const double late = p_.buyers.late_problem;
    c_.edge(node, dispute(card, seg, DisputeReason::Defective), late, window / 2);
    c_.edge(node, end(Outcome::Completed), 1 - late, release);
    return node;
  }

  // DisputeOpen: the proposal (partial, return), withdrawal, the seller's answer, escalation,
  // the ruling and the return (models/market/dispute.cpp).
  int dispute(bool card, const SellerSegmentParams& seg, DisputeReason reason) {
    const auto key = std::make_tuple(card, seg.name, reason);
    if (const auto it = disputes_.find(key); it != disputes_.end()) return it->second;
    const DisputeParams& d = p_.disputes;
    const int node = c_.add();
    disputes_[key] = node;
    const bool goods = reason != DisputeReason::NotReceived;
    const double pp = goods ? d.buyer_proposes_partial : 0;
    const double rr = goods ? (1 - pp) * d.return_required : 0;
    const double w = static_cast<double>(d.seller_response_window);
    const double auto_after = static_cast<double>(d.auto_escalate_after);
    const Delay resp = delay_of(d.seller_response_delay, "disputes.seller_response_delay", false);
    const Delay esc = delay_of(d.buyer_escalation_delay, "disputes.buyer_escalation_delay", false);
    const double r_mean = mean_min(resp, w);
    // No agreement: escalated at min(r + E, max(opened + auto, r)) after opening.
    const double to_escalation = expect_min(resp, w, [&](double r) {
      return r + mean_min(esc, std::max(auto_after - r, 0.0));
    });
    const int returning = return_node();
    const double withdraw = d.buyer_withdraws;
    const double silent = std::max(0.0, 1 - seg.accepts - seg.rejects - seg.counters);
    const double stay = 1 - withdraw;
    c_.edge(node, end(Outcome::Completed), withdraw, w / 2);  // withdrawn: the seller is paid
    struct Flags {
      double p;
      bool partial, needs_return;
    };
    for (const Flags f : {Flags{pp, true, false}, Flags{rr, false, true},
                          Flags{1 - pp - rr, false, false}}) {
      if (f.p <= 0) continue;
      const int agreed = f.needs_return ? returning
                         : f.partial    ? refunded_partial_
                                        : end(Outcome::RefundedDispute);
      c_.edge(node, agreed, stay * f.p * silent, w);  // silence: the proposal executes
      c_.edge(node, agreed, stay * f.p * seg.accepts, r_mean);
      c_.edge(node, refunded_partial_, stay * f.p * seg.counters * d.buyer_accepts_counter, r_mean);
      c_.edge(node, escalated_node(card, reason, f.needs_return),
              stay * f.p * (seg.rejects + seg.counters * (1 - d.buyer_accepts_counter)),
              to_escalation);
    }
    return node;
  }

  int escalated_node(bool card, DisputeReason reason, bool needs_return) {
    const DisputeParams& d = p_.disputes;
    const int node = c_.add();
    const double g = delay_of(d.ruling_delay, "disputes.ruling_delay", false).mean;
    double full = d.ruling_buyer_full_not_received, partial = 0;
    if (reason == DisputeReason::NotAsDescribed) {
      full = d.ruling_buyer_full_not_as_described;
      partial = d.ruling_buyer_partial_not_as_described;
    } else if (reason == DisputeReason::Defective) {
      full = d.ruling_buyer_full_defective;
      partial = d.ruling_buyer_partial_defective;
    }
    // A full ruling for goods to be returned (drawn at opening) goes through the return.
    c_.edge(node, needs_return ? return_node() : end(Outcome::RefundedDispute), full, g);
    c_.edge(node, refunded_partial_, partial, g);
    c_.edge(node, seller_won(card), std::max(0.0, 1 - full - partial), g);
    return node;
  }

  int return_node() {
    if (return_ >= 0) return return_;
    const DisputeParams& d = p_.disputes;
    return_ = c_.add();
    const Delay ship = delay_of(d.return_ship_delay, "disputes.return_ship_delay", false);
    const double transit = delay_of(d.return_transit, "disputes.return_transit", false).mean;
    const double dl = static_cast<double>(d.return_ship_deadline);
    // Shipped if the delay is at most the deadline (models/market/dispute.cpp: "> deadline" misses).
    const double ok = ship.exponential ? -std::expm1(-dl / ship.mean) : (ship.mean <= dl ? 1.0 : 0.0);
    const double ok_mean = ship.exponential ? partial_mean(ship, dl) : (ok > 0 ? ship.mean : 0.0);
    if (ok > 0) c_.edge(return_, end(Outcome::RefundedDispute), ok, ok_mean / ok + transit);
    c_.edge(return_, closed_paid_, 1 - ok, dl);
    return return_;
  }

  int seller_won(bool card) {
    int& slot = seller_won_[card ? 1 : 0];
    if (slot >= 0) return slot;
    Node n;
    n.seller_paid = n.escrow_ends = true;
    slot = c_.add(n);
    const ChargebackParams& cb = p_.chargebacks;
    const double f = card ? cb.file_after_lost_dispute : 0;
    c_.edge(slot, end(Outcome::Closed), 1 - f, 0);
    if (f > 0) {
      const Delay filing = delay_of(cb.filing_delay, "chargebacks.filing_delay", false);
      const double arb = cb.seller_represents * cb.seller_wins_representment * cb.goes_to_arbitration;
      const auto clock_mean = [&](const NetworkClock& c) {
        return mean_min(filing, static_cast<double>(c.filing_window)) +
               static_cast<double>(c.merchant_response) +
               arb * static_cast<double>(c.pre_arbitration + c.arbitration);
      };
      const double t = cb.visa_share * clock_mean(cb.visa) + (1 - cb.visa_share) * clock_mean(cb.mastercard);
      c_.edge(slot, end(Outcome::Closed), f, t);
    }
    return slot;
  }

  const MarketParams& p_;
  Chain c_;
  std::array<int, kOutcomeCount> end_{};
  int refunded_partial_ = -1, closed_paid_ = -1, start_ = -1, return_ = -1;
  std::array<int, 2> seller_won_{-1, -1};
  std::map<std::tuple<bool, std::string, DisputeReason>, int> disputes_;
};

}  // namespace

void check_exponential_form(const MarketParams& p) {
  const BuyerParams& b = p.buyers;
  require(b.early_confirmation == 0, "buyers.early_confirmation = 0 (a uniform share of transit)");
  require(p.protection.delivered_countdown == 0, "protection.delivered_countdown = 0");
  for (const auto& ch : p.channels)
    require(!ch.funds.value, fmt::format("channel.{}.funds = none (the chain draws no funds)", ch.key));
  require(b.basket_sizes.size() == 1, "buyers.basket_sizes = 1 (one order per checkout: the chain prices each order alone)");
  require(p.disputes.auto_escalate_after >= p.disputes.seller_response_window,
          "disputes.auto_escalate_after >= disputes.seller_response_window");
  for (const auto& s : p.sellers) {
    require(s.promised_delivery.kind == sim::DistKind::Constant,
            fmt::format("seller segment {}: a constant promised_delivery", s.name));
    require(s.extends_protection == 0,
            fmt::format("seller segment {}: extends_protection = 0", s.name));
    require(s.ships_nothing + s.not_as_described + s.defective <= 1,
            fmt::format("seller segment {}: problem shares summing to at most 1", s.name));
  }
  Builder builder(p);
  (void)builder.build();  // every channel, segment and delay is checked while building
}

OracleFigures solve_oracle(const MarketParams& p) {
  check_exponential_form(p);
  Builder builder(p);
  const Chain chain = builder.build();
  const auto s = static_cast<Eigen::Index>(builder.start());
  OracleFigures f;
  f.states = chain.nodes.size();
  for (int k = 0; k < kOutcomeCount; ++k)
    f.p[static_cast<std::size_t>(k)] = hit(chain, [k](const Node& n) { return n.outcome == k; }).first[s];
  f.mean_time_to_end_s = hit(chain, [](const Node& n) { return n.outcome >= 0; }).second[s];
  const auto [paid_a, paid_b] = hit(chain, [](const Node& n) { return n.seller_paid; });
  f.p_seller_paid = paid_a[s];
  f.mean_time_to_seller_paid_s = paid_a[s] > 0 ? paid_b[s] / paid_a[s] : 0;
  const double left = hit(chain, [](const Node& n) { return n.escrow_ends; }).second[s];
  const double entered = hit(chain, [](const Node& n) { return n.debited; }).second[s];
  f.held_s_per_order = left - entered;
  return f;
}

}  // namespace market
