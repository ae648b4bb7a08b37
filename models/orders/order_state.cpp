#include "models/orders/order_state.hpp"

namespace market {
namespace {

constexpr int N = kOrderStateCount;

constexpr std::string_view kNames[N] = {
    "placed",    "awaiting_payment", "paid_verifying", "awaiting_shipment",
    "shipped",   "delivered",        "confirmed",      "completed",
    "cancelled", "void",             "dispute_open",   "escalated",
    "return_pending", "refunded",    "chargeback",     "closed",
    "partially_paid"};

}  // namespace

std::string_view state_name(OrderState s) { return kNames[static_cast<int>(s)]; }

}  // namespace market
