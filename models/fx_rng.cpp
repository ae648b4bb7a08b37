// Kept apart from fx.cpp so that the FX arithmetic links without the kernel's generator.
#include "models/fx.hpp"
#include "sim/distribution.hpp"

namespace market {

FxTable::FxTable(const FxParams& p, int days, sim::Rng& rng)
    : FxTable(from_normals(p, days, [&rng] { return sim::sample(sim::normal(0.0, 1.0), rng); })) {}

}  // namespace market
