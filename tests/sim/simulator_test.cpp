#include "sim/simulator.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "sim/reference_queue.hpp"

namespace {

enum Kind : std::uint32_t { kRecord = 0, kStop = 1, kChain = 2 };

struct Recorder {
  struct Seen {
    sim::Time time;
    std::uint32_t target;
  };
  std::vector<Seen> seen;

  template <class Simulator>
  void dispatch(Simulator& simulator, const sim::Event& event) {
    CHECK(simulator.now() == event.time);
    seen.push_back({event.time, event.target});
    if (event.kind == kStop) simulator.request_stop();
    if (event.kind == kChain && event.target > 0) {
      simulator.schedule_in(10, kChain, event.target - 1);
    }
  }

  std::vector<std::uint32_t> targets() const {
    std::vector<std::uint32_t> out;
    for (const Seen& s : seen) out.push_back(s.target);
    return out;
  }
};

}  // namespace

TEMPLATE_TEST_CASE("events are dispatched in time order, ties first-in first-out",
                   "[simulator]", sim::EventQueue, sim::ReferenceQueue) {
  sim::BasicSimulator<TestType> simulator;
  Recorder model;
  simulator.schedule_at(30, kRecord, 3);
  simulator.schedule_at(10, kRecord, 1);
  simulator.schedule_at(30, kRecord, 4);
  simulator.schedule_at(20, kRecord, 2);
  simulator.run(model);
  CHECK(model.targets() == std::vector<std::uint32_t>{1, 2, 3, 4});
  CHECK(simulator.dispatched() == 4);
  CHECK(simulator.now() == 30);
  CHECK(simulator.pending() == 0);
}

TEMPLATE_TEST_CASE("run_until dispatches events at the horizon and moves the clock to it",
                   "[simulator]", sim::EventQueue, sim::ReferenceQueue) {
  sim::BasicSimulator<TestType> simulator;
  Recorder model;
  simulator.schedule_at(99, kRecord, 1);
  simulator.schedule_at(100, kRecord, 2);
  simulator.schedule_at(101, kRecord, 3);
  simulator.run_until(100, model);
  CHECK(model.targets() == std::vector<std::uint32_t>{1, 2});
  CHECK(simulator.now() == 100);
  CHECK(simulator.pending() == 1);

  simulator.run_until(150, model);
  CHECK(model.targets() == std::vector<std::uint32_t>{1, 2, 3});
  CHECK(simulator.now() == 150);  // the horizon, not the last event (101)
  CHECK(simulator.dispatched() == 3);

  simulator.run_until(150, model);  // the same horizon again is allowed and does nothing
  CHECK(simulator.dispatched() == 3);
  CHECK_THROWS_AS(simulator.run_until(149, model), std::logic_error);
}

TEMPLATE_TEST_CASE("events scheduled during dispatch run in the same call", "[simulator]",
                   sim::EventQueue, sim::ReferenceQueue) {
  sim::BasicSimulator<TestType> simulator;
  Recorder model;
  simulator.schedule_at(5, kChain, 3);
  simulator.run_until(25, model);
  // 5, 15, 25 (at the horizon); the one at 35 waits.
  CHECK(model.targets() == std::vector<std::uint32_t>{3, 2, 1});
  CHECK(simulator.pending() == 1);
  simulator.run(model);
  CHECK(model.seen.back().time == 35);
  CHECK(simulator.now() == 35);
}

TEST_CASE("scheduling in the past throws and names both times", "[simulator]") {
  sim::Simulator simulator;
  Recorder model;
  simulator.run_until(sim::hours(2), model);
  try {
    simulator.schedule_at(sim::hours(1), kRecord, 0);
    FAIL("no exception");
  } catch (const std::logic_error& e) {
    const std::string what = e.what();
    CHECK(what.find("3600") != std::string::npos);
    CHECK(what.find("7200") != std::string::npos);
  }
  CHECK_THROWS_AS(simulator.schedule_in(-1, kRecord, 0), std::logic_error);
  CHECK(simulator.pending() == 0);
  CHECK_NOTHROW(simulator.schedule_at(sim::hours(2), kRecord, 0));  // now itself is fine
  CHECK(simulator.schedule_in(sim::kNever, kRecord, 1).slot != sim::kNoSlot);
  simulator.run(model);
  CHECK(model.seen.back().time == sim::kNever);
}

TEST_CASE("a stop request ends the run after the current event", "[simulator]") {
  sim::Simulator simulator;
  Recorder model;
  simulator.schedule_at(10, kRecord, 1);
  simulator.schedule_at(20, kStop, 2);
  simulator.schedule_at(30, kRecord, 3);
  simulator.run_until(100, model);
  CHECK(model.targets() == std::vector<std::uint32_t>{1, 2});
  CHECK(simulator.now() == 20);  // stopped: the clock stays at the last event
  CHECK(simulator.stop_requested());
  CHECK(simulator.pending() == 1);
  simulator.run_until(100, model);  // a new run clears the request
  CHECK(model.targets() == std::vector<std::uint32_t>{1, 2, 3});
  CHECK(simulator.now() == 100);
}

TEST_CASE("a cancelled event is never dispatched", "[simulator]") {
  sim::Simulator simulator;
  Recorder model;
  simulator.schedule_at(10, kRecord, 1);
  const sim::EventHandle doomed = simulator.schedule_at(20, kRecord, 2);
  simulator.schedule_in(30, kRecord, 3);
  CHECK(simulator.pending() == 3);
  CHECK(simulator.cancel(doomed));
  CHECK_FALSE(simulator.cancel(doomed));
  CHECK(simulator.pending() == 2);
  simulator.run(model);
  CHECK(model.targets() == std::vector<std::uint32_t>{1, 3});
  CHECK(simulator.dispatched() == 2);
}
