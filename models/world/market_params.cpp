#include "models/world/market_params.hpp"

namespace market {

MarketParams default_market() {
  MarketParams m;
  const auto catalog = channel_catalog(m.channel_rules);
  m.channels.assign(catalog.begin(), catalog.end());
  return m;
}

}  // namespace market
