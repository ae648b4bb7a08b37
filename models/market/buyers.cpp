#include "models/market/buyers.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace market {
namespace {

constexpr std::uint32_t kMaxClasses = 64;
constexpr std::size_t kActivitySamples = kMaxClasses * 256;

// Class weights: the lognormal(sigma) activity distribution cut into `classes` equal-count
// bands, each band's mean estimated from sorted samples of a fixed stream.
std::vector<double> class_means(double sigma, std::uint32_t classes, sim::Rng rng) {
  std::vector<double> samples(kActivitySamples);
  const sim::Distribution d = sim::lognormal(1.0, std::max(0.0, sigma));
  for (double& s : samples) s = sigma > 0 ? sim::sample(d, rng) : 1.0;
  std::sort(samples.begin(), samples.end());
  std::vector<double> means(classes, 0.0);
  for (std::uint32_t c = 0; c < classes; ++c) {
    const std::size_t lo = kActivitySamples * c / classes, hi = kActivitySamples * (c + 1) / classes;
    for (std::size_t i = lo; i < hi; ++i) means[c] += samples[i];
    means[c] /= static_cast<double>(hi - lo);
  }
  return means;
}

std::int64_t cents_of(const sim::Distribution& d, sim::Rng& rng, std::int64_t cap) {
  return std::clamp<std::int64_t>(sim::round_half_away(sim::sample(d, rng)), 0, cap);
}

}  // namespace

BuyerPopulation::BuyerPopulation(const MarketParams& p, const std::vector<ChannelChoice>& channel_by_route,
                                 const sim::AliasTable& route_pick, std::uint64_t seed,
                                 std::uint64_t replication)
    : class_pick_([&] {
        const auto n = static_cast<std::uint32_t>(std::max(1, p.buyers.population));
        const std::uint32_t classes = std::min(kMaxClasses, n);
        std::vector<double> w = class_means(p.buyers.activity_sigma, classes,
                                            sim::make_stream(seed, replication, "activity"));
        for (std::uint32_t c = 0; c < classes; ++c)
          w[c] *= static_cast<double>(n * (c + 1ULL) / classes - n * static_cast<std::uint64_t>(c) / classes);
        return sim::AliasTable(w);
      }()) {
  const auto n = static_cast<std::uint32_t>(std::max(1, p.buyers.population));
  const std::uint32_t classes = static_cast<std::uint32_t>(class_pick_.size());
  for (std::uint32_t c = 0; c <= classes; ++c)
    class_start_.push_back(static_cast<std::uint32_t>(static_cast<std::uint64_t>(n) * c / classes));
  for (std::uint32_t c = 0; c < classes; ++c) class_weight_.push_back(class_pick_.probability(c));

  // The balance caps of 003:232 bound what an account can hold at the start.
  std::int64_t cap_unverified = INT64_MAX / 4, cap_verified = INT64_MAX / 4;
  for (const ChannelParams& c : p.channels)
    if (c.id == ChannelId::PlatformBalance) {
      if (c.balance_cap_unverified.value) cap_unverified = c.balance_cap_unverified.value->minor();
      if (c.balance_cap_verified.value) cap_verified = c.balance_cap_verified.value->minor();
    }
  const BuyerParams& b = p.buyers;
  const std::uint64_t base = sim::stream_key(seed, replication, "buyers");
  buyers_.resize(n);
  std::vector<std::pair<std::int32_t, std::uint32_t>> opening_uses;
  for (std::uint32_t i = 0; i < n; ++i) {
    sim::Rng rng = sim::entity_stream(sim::entity_key(base, i), 0);
    Buyer& x = buyers_[i];
    x.route = static_cast<std::uint8_t>(route_pick.sample(rng));
    const ChannelChoice& choice = channel_by_route[x.route];
    x.channel = choice.channel_of[choice.table.sample(rng)];
    x.verified = sim::bernoulli(rng, b.balance_verified);
    x.in_app = sim::bernoulli(rng, b.uses_app);
    x.social_salary_card = sim::bernoulli(rng, b.social_salary_card);
    x.pays_at_terminal = sim::bernoulli(rng, b.cash_at_terminal);
    x.refund_to_balance = sim::bernoulli(rng, b.refund_to_balance);
    x.visa = sim::bernoulli(rng, p.chargebacks.visa_share);
    x.platform_cents = cents_of(b.initial_platform_balance, rng, x.verified ? cap_verified : cap_unverified);
    x.gift_cents = sim::bernoulli(rng, b.gift_certificate_holders)
                       ? cents_of(b.gift_certificate_balance, rng, INT64_MAX / 4)
                       : 0;
    // ASSUMPTION: an opening balance was last used on a day spread evenly over the year before.
    x.last_used_day = -static_cast<std::int32_t>(rng.uniform01() * 365.0);
    if (x.platform_cents > 0) opening_uses.emplace_back(static_cast<std::int32_t>(x.last_used_day), i);
    x.card_in_usd = sim::bernoulli(rng, b.card_in_usd);
    x.pays_in_card_currency = sim::bernoulli(rng, b.pays_in_card_currency);
    platform_total_ += x.platform_cents;
    gift_total_ += x.gift_cents;
  }
  std::sort(opening_uses.begin(), opening_uses.end());
  uses_.assign(opening_uses.begin(), opening_uses.end());
  opening_platform_ = platform_total_;
  opening_gift_ = gift_total_;
}

std::uint32_t BuyerPopulation::pick(sim::Rng& rng) const {
  const std::size_t c = class_pick_.sample(rng);
  const std::uint32_t lo = class_start_[c], n = class_start_[c + 1] - lo;
  return lo + static_cast<std::uint32_t>(rng.uniform_int(n));
}

double BuyerPopulation::pick_probability(std::uint32_t id) const {
  const auto c = static_cast<std::size_t>(
      std::upper_bound(class_start_.begin(), class_start_.end(), id) - class_start_.begin() - 1);
  return class_weight_[c] / static_cast<double>(class_start_[c + 1] - class_start_[c]);
}

void BuyerPopulation::used(std::uint32_t id, std::int32_t day) {
  if (buyers_[id].last_used_day == day) return;
  buyers_[id].last_used_day = day;
  uses_.emplace_back(day, id);
}

UsageCounters& BuyerPopulation::usage(std::uint32_t buyer, std::uint8_t channel) {
  return usage_[static_cast<std::uint64_t>(buyer) << 8 | channel];
}

void BuyerPopulation::forget_usage_before(std::int64_t month) {
  std::erase_if(usage_, [month](const auto& kv) { return kv.second.month < month; });
}

void BuyerPopulation::add_platform(std::uint32_t id, std::int64_t cents) {
  Buyer& x = buyers_[id];
  x.platform_cents += cents;
  platform_total_ += cents;
  if (x.platform_cents < 0) throw std::logic_error("a buyer's platform balance went negative");
}

void BuyerPopulation::add_gift(std::uint32_t id, std::int64_t cents) {
  buyers_[id].gift_cents += cents;
  gift_total_ += cents;
  if (buyers_[id].gift_cents < 0) throw std::logic_error("a buyer's gift-certificate balance went negative");
}

std::size_t BuyerPopulation::bytes() const {
  return buyers_.capacity() * sizeof(Buyer) + uses_.size() * sizeof(uses_.front()) +
         usage_.size() * (sizeof(UsageCounters) + sizeof(std::uint64_t) + 2 * sizeof(void*)) +
         class_start_.capacity() * sizeof(std::uint32_t) + class_weight_.capacity() * sizeof(double);
}

}  // namespace market
