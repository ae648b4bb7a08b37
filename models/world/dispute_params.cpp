#include "models/world/dispute_params.hpp"

namespace market {

std::string_view reason_name(DisputeReason r) {
  switch (r) {
    case DisputeReason::NotReceived: return "not_received";
    case DisputeReason::NotAsDescribed: return "not_as_described";
    case DisputeReason::Defective: return "defective";
    case DisputeReason::kCount: break;
  }
  return "?";
}

std::string_view outcome_name(DisputeOutcome o) {
  switch (o) {
    case DisputeOutcome::BuyerWonFull: return "buyer_won_full";
    case DisputeOutcome::BuyerWonPartial: return "buyer_won_partial";
    case DisputeOutcome::SellerWon: return "seller_won";
    case DisputeOutcome::Withdrawn: return "withdrawn";
    case DisputeOutcome::TimedOut: return "timed_out";
    case DisputeOutcome::kCount: break;
  }
  return "?";
}

}  // namespace market
