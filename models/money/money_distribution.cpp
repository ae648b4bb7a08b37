#include "models/money/money_distribution.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

#include "sim/random.hpp"
#include "sim/time.hpp"

namespace market {

Money draw_money(const MoneyDistribution& d, sim::Rng& rng) {
  const double x = sim::sample(d.dist, rng);
  constexpr double kMost = static_cast<double>(INT64_MAX / 4);
  const std::int64_t minor = x >= kMost ? INT64_MAX / 4 : std::max<std::int64_t>(0, sim::round_half_away(x));
  return Money(minor, d.currency);
}

std::string money_distribution_text(const MoneyDistribution& d) {
  auto n = [&](double x) {
    if (x != std::floor(x) || std::fabs(x) > 9e15)
      throw std::logic_error(fmt::format("money distribution: {} is not whole minor units", x));
    return format_money(Money(static_cast<std::int64_t>(x), d.currency));
  };
  return distribution_text(d.dist, n);
}

std::string distribution_text(const sim::Distribution& v, const std::function<std::string(double)>& n) {
  switch (v.kind) {
    case sim::DistKind::Constant: return fmt::format("const({})", n(v.a));
    case sim::DistKind::Uniform: return fmt::format("uniform({}, {})", n(v.a), n(v.b));
    case sim::DistKind::Exponential: return fmt::format("exp(mean={})", n(v.a));
    case sim::DistKind::Normal: return fmt::format("normal(mean={}, sd={})", n(v.a), n(v.b));
    case sim::DistKind::Lognormal: return fmt::format("lognormal(median={}, sigma={})", n(v.a), v.b);
    case sim::DistKind::Empirical: {
      std::vector<std::string> items;
      for (double x : v.table->values) items.push_back(n(x));
      return fmt::format("empirical({})", fmt::join(items, ", "));
    }
  }
  return "?";
}

}  // namespace market
