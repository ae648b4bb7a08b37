// Ledger cost per operation: plain postings, hold + release pairs, and postings with the CSV journal on.
// Prints one JSON object on stdout.
#include <chrono>
#include <cstdint>
#include <fstream>

#include <fmt/format.h>

#include "models/money/ledger.hpp"
#include "sim/random.hpp"

namespace {

using market::Account;
using market::Currency;
using market::Ledger;
using market::Money;
using market::PostingKind;

constexpr int kOps = 2'000'000;

template <class Body>
double ns_per_op(Body&& body) {
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < kOps; ++i) body(i);
  const std::chrono::duration<double, std::nano> elapsed = std::chrono::steady_clock::now() - start;
  return elapsed.count() / kOps;
}

}  // namespace

int main() {
  sim::Rng rng(1);
  Ledger plain;
  const double post_ns = ns_per_op([&](int i) {
    const Money m(static_cast<std::int64_t>(rng.uniform_int(1'000'000)), Currency::RUB);
    plain.post({i, Account::BuyerFunds, Account::SellerPayable, m, PostingKind::Payment, 1});
  });

  Ledger escrow;
  const double hold_release_ns = ns_per_op([&](int i) {
    const Money m(static_cast<std::int64_t>(rng.uniform_int(1'000'000)), Currency::USD);
    const auto h = escrow.hold(i, Account::BuyerFunds, m, static_cast<std::uint64_t>(i));
    escrow.release(i, h, Account::SellerPayable);
  });

  Ledger journaled;
  std::ofstream sink("/dev/null");  // the formatting cost, not a growing in-memory copy
  journaled.set_journal(&sink);
  const double journal_ns = ns_per_op([&](int i) {
    const Money m(static_cast<std::int64_t>(rng.uniform_int(1'000'000)), Currency::RUB);
    journaled.post({i, Account::BuyerFunds, Account::SellerPayable, m, PostingKind::Payment, 1});
  });

  plain.check_conservation();
  escrow.check_conservation();
  journaled.check_conservation();
  fmt::print(
      "{{\"bench\": \"ledger\", \"ops\": {}, \"post_ns\": {:.1f}, \"hold_release_ns\": {:.1f}, "
      "\"post_with_journal_ns\": {:.1f}}}\n",
      kOps, post_ns, hold_release_ns, journal_ns);
}
