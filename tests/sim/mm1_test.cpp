// An M/M/1 queue driven through the kernel, checked against the textbook: utilisation rho =
// lambda/mu and mean time in system W = 1/(mu - lambda) (e.g. Kleinrock, Queueing Systems I,
// ch. 3). The confidence interval comes from the run itself (batch means, Student's t).
#include <cmath>
#include <cstdint>
#include <deque>
#include <vector>

#include <boost/math/distributions/students_t.hpp>
#include <catch2/catch.hpp>

#include "sim/distribution.hpp"
#include "sim/random.hpp"
#include "sim/simulator.hpp"
#include "sim/tally.hpp"
#include "sim/time_weighted.hpp"

namespace {

enum Kind : std::uint32_t { kArrival, kDeparture };

struct MM1 {
  sim::Distribution interarrival;
  sim::Distribution service;
  sim::Rng arrivals;
  sim::Rng services;
  std::deque<sim::Time> waiting;  // arrival times, in order
  bool busy = false;
  sim::TimeWeighted busy_fraction;
  std::vector<double> times_in_system;
  std::uint64_t customers_left;

  sim::Time draw(const sim::Distribution& d, sim::Rng& r) {
    return sim::from_seconds(sim::sample(d, r));
  }
  void dispatch(sim::Simulator& s, const sim::Event& e) {
    if (e.kind == kArrival) {
      if (--customers_left > 0) s.schedule_in(draw(interarrival, arrivals), kArrival, 0);
      waiting.push_back(s.now());
      if (!busy) start_service(s);
    } else {
      times_in_system.push_back(static_cast<double>(s.now() - waiting.front()));
      waiting.pop_front();
      busy = false;
      busy_fraction.update(s.now(), 0);
      if (!waiting.empty()) start_service(s);
    }
  }
  void start_service(sim::Simulator& s) {
    busy = true;
    busy_fraction.update(s.now(), 1);
    s.schedule_in(draw(service, services), kDeparture, 0);
  }
};

// Half-width of the two-sided confidence interval of the mean of `batches` batch means.
double half_width(const sim::Tally& batches, double confidence) {
  boost::math::students_t t(static_cast<double>(batches.count() - 1));
  return boost::math::quantile(t, 0.5 + confidence / 2) * batches.standard_error();
}

}  // namespace

TEST_CASE("M/M/1 through the kernel matches rho and W = 1/(mu - lambda)", "[mm1][kernel]") {
  const double mean_interarrival = 1000, mean_service = 800;  // seconds: rho = 0.8
  const double rho = mean_service / mean_interarrival;
  const double w = 1.0 / (1.0 / mean_service - 1.0 / mean_interarrival);  // 4000 s
  const std::uint64_t customers = 400'000;

  MM1 model{sim::exponential(mean_interarrival), sim::exponential(mean_service),
            sim::make_stream(7, 0, "arrivals"), sim::make_stream(7, 0, "services"), {}, false,
            sim::TimeWeighted(0, 0), {}, customers};
  sim::Simulator s;
  s.schedule_at(0, kArrival, 0);
  s.run(model);
  REQUIRE(model.times_in_system.size() == customers);

  // Drop the first 5% (start-up from empty), then 20 batch means.
  const std::size_t skip = customers / 20, batches = 20;
  const std::size_t per_batch = (customers - skip) / batches;
  sim::Tally batch_means;
  for (std::size_t b = 0; b < batches; ++b) {
    double sum = 0;
    for (std::size_t i = 0; i < per_batch; ++i) sum += model.times_in_system[skip + b * per_batch + i];
    batch_means.add(sum / static_cast<double>(per_batch));
  }
  const double h = half_width(batch_means, 0.99);
  INFO("W estimate " << batch_means.mean() << " +- " << h << ", textbook " << w);
  CHECK(std::abs(batch_means.mean() - w) <= h);
  CHECK(h < 0.1 * w);  // the interval is informative, not vacuous

  const double utilisation = model.busy_fraction.mean(s.now());
  INFO("utilisation " << utilisation);
  CHECK(utilisation == Approx(rho).margin(0.01));
}
