// An exact oracle for one order's lifecycle (issue 9): the order's path through the market model
// as a Markov renewal chain (a continuous-time Markov chain when every delay is exponential),
// solved for absorption probabilities and mean times. docs/validation.md says what is exact.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "models/world/market_params.hpp"

namespace market {

// How an order ends, as the oracle and the comparison count it.
enum class Outcome : std::uint8_t {
  Completed, Cancelled, Void, RefundedNondelivery, RefundedDispute, Closed, kCount
};
inline constexpr int kOutcomeCount = static_cast<int>(Outcome::kCount);
std::string_view outcome_label(Outcome o);

struct OracleFigures {
  std::array<double, kOutcomeCount> p{};  // absorption probabilities
  double mean_time_to_end_s = 0;          // placement to the terminal state, every order
  double p_seller_paid = 0;
  double mean_time_to_seller_paid_s = 0;  // placement to seller paid, orders whose seller is paid
  double held_s_per_order = 0;            // E[seconds in escrow], unpaid orders counting 0
  std::size_t states = 0;                 // size of the chain
};

// Throws std::invalid_argument naming the first parameter outside the exponential form.
void check_exponential_form(const MarketParams& p);

// The scenario in exponential form: every delay distribution replaced by an exponential with
// the same mean (constants kept where the oracle takes them), and the features the oracle does
// not model switched off. One line per change in `changes`.
MarketParams to_exponential_form(const MarketParams& p, std::vector<std::string>& changes);

// Solves the chain. Calls check_exponential_form first.
OracleFigures solve_oracle(const MarketParams& p);

// `marketsim check`: converts, solves, simulates `run` and prints the comparison table
// (figure, oracle, simulation, 99% CI, inside?). `all_inside` tells whether every figure is.
// `progress` (may be null; models/experiment/experiment.hpp) is told the simulated days done.
struct Progress;
using ProgressFn = void (*)(const Progress& progress, void* context);
std::string oracle_report(const MarketParams& p, const RunParams& run, bool& all_inside,
                          ProgressFn progress = nullptr, void* context = nullptr);
std::string oracle_report(const MarketParams& p, const RunParams& run);

}  // namespace market
