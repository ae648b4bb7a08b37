// The buyer population: every buyer a compact record with a stable id (its index), whose traits
// and balances last across orders. Arrivals pick a buyer by activity; a buyer's platform and
// gift-certificate balances are money in the ledger (Account::BuyerPlatformBalance and
// BuyerGiftBalance hold exactly the sum of the records plus what is reserved for payments not yet
// posted); usage counters of capped channels are kept only for buyers who used one this month.
#pragma once

#include <cstdint>
#include <deque>
#include <unordered_map>
#include <vector>

#include "models/channels/channel_engine.hpp"
#include "models/world/market_params.hpp"
#include "sim/alias_table.hpp"
#include "sim/random.hpp"

namespace market {

// Blocked: suspected abuse, the money held (003:244-245); then Closed, or held for good.
enum class AccountStatus : std::uint8_t { Open, Closed, Blocked };

// The first-choice channels of a route's buyers: alias index -> channel index, and the table.
struct ChannelChoice {
  std::vector<std::uint8_t> channel_of;
  sim::AliasTable table;
};

// 24 bytes at rest (DESIGN.md principle 8).
struct Buyer {
  std::int64_t platform_cents = 0;  // platform (Alipay) balance, USD (003:232)
  std::int64_t gift_cents = 0;      // gift-certificate balance, USD (000:18-24)
  // Last payment from or top-up of the platform balance (days from the start, +-5e8); its top two
  // bits hold the card's currency traits (000:201).
  std::int32_t last_used_day : 30 = 0;
  bool card_in_usd : 1 = false;            // the buyer's card is issued in dollars, else rubles
  bool pays_in_card_currency : 1 = false;  // chooses to pay in the card's currency (000:201)
  std::uint8_t route = 0;           // where the buyer lives (RouteParams: country, transit)
  std::uint8_t channel = 0;         // the channel the buyer tries first
  AccountStatus status : 2 = AccountStatus::Open;
  bool verified : 1 = false;            // platform balance verified (003:232)
  bool in_app : 1 = false;              // orders from the mobile app, else the PC site
  bool social_salary_card : 1 = false;  // Sberbank social or salary card (000:201)
  bool pays_at_terminal : 1 = false;    // cash at a terminal, else a cashier
  bool refund_to_balance : 1 = false;   // takes refunds to the platform balance (003:280-283)
  bool visa : 1 = true;                 // card network, for chargeback clocks
  std::uint8_t disputes = 0;            // disputes opened, up to 255 (003:243)
};
static_assert(sizeof(Buyer) <= 24, "a Buyer counts once per buyer at rest");

class BuyerPopulation {
 public:
  // Draws every buyer from its own stream (sim::entity_stream of the "buyers" key and its id):
  // route by the routes' shares, first channel by the route's shares, traits, opening balances.
  BuyerPopulation(const MarketParams& p, const std::vector<ChannelChoice>& channel_by_route,
                  const sim::AliasTable& route_pick, std::uint64_t seed, std::uint64_t replication);

  std::uint32_t size() const { return static_cast<std::uint32_t>(buyers_.size()); }
  Buyer& operator[](std::uint32_t id) { return buyers_[id]; }
  const Buyer& operator[](std::uint32_t id) const { return buyers_[id]; }

  // A buyer by activity: an activity class by its weight, then a buyer of the class uniformly.
  std::uint32_t pick(sim::Rng& rng) const;
  // The probability `pick` gives buyer `id` (for tests).
  double pick_probability(std::uint32_t id) const;

  // The buyer's use of a capped channel this day and month (lazily reset, engine's contract).
  UsageCounters& usage(std::uint32_t buyer, std::uint8_t channel);
  // Drops the counters of months past (called at a month's start: memory follows this month's users).
  void forget_usage_before(std::int64_t month);
  std::size_t usage_entries() const { return usage_.size(); }

  std::int64_t platform_total() const { return platform_total_; }
  std::int64_t gift_total() const { return gift_total_; }
  std::int64_t opening_platform() const { return opening_platform_; }
  std::int64_t opening_gift() const { return opening_gift_; }
  void add_platform(std::uint32_t id, std::int64_t cents);
  void add_gift(std::uint32_t id, std::int64_t cents);
  void close(std::uint32_t id) { buyers_[id].status = AccountStatus::Closed; }
  void reopen(std::uint32_t id) { buyers_[id].status = AccountStatus::Open; }
  void block(std::uint32_t id) { buyers_[id].status = AccountStatus::Blocked; }
  // Notes a use of the buyer's platform balance today (a payment or a top-up).
  void used(std::uint32_t id, std::int32_t day);
  // Calls close(id) for every open buyer with money on the balance whose last use was
  // `inactive_days` or more before `today` (003:247), oldest use first.
  template <class F>
  void for_each_inactive(std::int32_t today, std::int32_t inactive_days, F&& close) {
    while (!uses_.empty() && uses_.front().first + inactive_days <= today) {
      const auto [day, id] = uses_.front();
      uses_.pop_front();
      const Buyer& b = buyers_[id];
      if (b.last_used_day == day && b.status == AccountStatus::Open && b.platform_cents > 0) close(id);
    }
  }
  // Memory the population holds, bytes (records, classes, usage counters).
  std::size_t bytes() const;

 private:
  std::vector<Buyer> buyers_;
  std::vector<std::uint32_t> class_start_;  // class c: buyers [class_start_[c], class_start_[c+1])
  sim::AliasTable class_pick_;
  std::vector<double> class_weight_;        // normalised
  std::unordered_map<std::uint64_t, UsageCounters> usage_;  // key: buyer << 8 | channel
  std::deque<std::pair<std::int32_t, std::uint32_t>> uses_;  // (day, buyer), days nondecreasing
  std::int64_t platform_total_ = 0, gift_total_ = 0;
  std::int64_t opening_platform_ = 0, opening_gift_ = 0;
};

}  // namespace market
