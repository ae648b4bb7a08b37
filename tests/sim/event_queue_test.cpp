// One suite for every queue in the tree: the kernel's, the reference and the bench runners-up.
#include "sim/event_queue.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "bench/queues/quaternary_heap_queue.hpp"
#include "bench/queues/radix_heap_queue.hpp"
#include "sim/random.hpp"
#include "sim/reference_queue.hpp"

namespace {

using sim::SplitMix64;

// Enough to drive the differential test (slightly biased, which does not matter here).
std::uint64_t below(SplitMix64& rng, std::uint64_t n) { return rng.next_u64() % n; }

template <class Queue>
std::vector<std::uint32_t> drain_targets(Queue& queue) {
  std::vector<std::uint32_t> targets;
  while (!queue.empty()) targets.push_back(queue.pop().target);
  return targets;
}

}  // namespace

#define ALL_QUEUES \
  sim::EventQueue, sim::ReferenceQueue, bench::RadixHeapQueue, bench::QuaternaryHeapQueue

TEMPLATE_TEST_CASE("a new queue is empty", "[event_queue]", ALL_QUEUES) {
  TestType queue;
  CHECK(queue.empty());
  CHECK(queue.size() == 0);
  CHECK(queue.next_time() == sim::kNever);
}

TEMPLATE_TEST_CASE("events leave in time order", "[event_queue]", ALL_QUEUES) {
  TestType queue;
  queue.push(30, 1, 3);
  queue.push(10, 1, 1);
  queue.push(20, 1, 2);
  queue.push(5, 7, 0);
  CHECK(queue.size() == 4);
  CHECK(queue.next_time() == 5);
  const sim::Event first = queue.pop();
  CHECK(first.time == 5);
  CHECK(first.kind == 7);
  CHECK(first.seq == 3);
  CHECK(drain_targets(queue) == std::vector<std::uint32_t>{1, 2, 3});
  CHECK(queue.empty());
}

TEMPLATE_TEST_CASE("ties in time leave first-in first-out", "[event_queue]", ALL_QUEUES) {
  TestType queue;
  for (std::uint32_t i = 0; i < 200; ++i) queue.push(i % 2 == 0 ? 100 : 50, 0, i);
  std::vector<std::uint32_t> expected;
  for (std::uint32_t i = 1; i < 200; i += 2) expected.push_back(i);
  for (std::uint32_t i = 0; i < 200; i += 2) expected.push_back(i);
  CHECK(drain_targets(queue) == expected);
}

TEMPLATE_TEST_CASE("cancel semantics", "[event_queue]", ALL_QUEUES) {
  TestType queue;
  const sim::EventHandle a = queue.push(10, 0, 1);
  const sim::EventHandle b = queue.push(20, 0, 2);
  const sim::EventHandle c = queue.push(10, 0, 3);
  REQUIRE(queue.size() == 3);

  CHECK(queue.cancel(a));
  CHECK(queue.size() == 2);
  CHECK_FALSE(queue.cancel(a));  // twice
  CHECK(queue.size() == 2);
  CHECK(queue.next_time() == 10);

  const sim::Event popped = queue.pop();
  CHECK(popped.target == 3);
  CHECK_FALSE(queue.cancel(c));  // already popped
  CHECK(queue.size() == 1);

  // The slot of a popped event is reused; its stale handle must not cancel the newcomer.
  const sim::EventHandle d = queue.push(15, 0, 4);
  CHECK_FALSE(queue.cancel(c));
  CHECK_FALSE(queue.cancel(a));
  CHECK(queue.size() == 2);
  CHECK(queue.cancel(b));
  CHECK(queue.size() == 1);
  CHECK(queue.next_time() == 15);
  CHECK(queue.pop().target == 4);
  CHECK(queue.empty());
  CHECK_FALSE(queue.cancel(d));
  CHECK(queue.next_time() == sim::kNever);
}

TEMPLATE_TEST_CASE("cancelling every event empties the queue", "[event_queue]", ALL_QUEUES) {
  TestType queue;
  std::vector<sim::EventHandle> handles;
  for (std::uint32_t i = 0; i < 1000; ++i) handles.push_back(queue.push(i * 7 % 113, 0, i));
  for (const auto& h : handles) CHECK(queue.cancel(h));
  CHECK(queue.empty());
  CHECK(queue.next_time() == sim::kNever);
  queue.push(500, 0, 42);
  CHECK(queue.size() == 1);
  CHECK(queue.pop().target == 42);
}

TEMPLATE_TEST_CASE("interleaved push and pop", "[event_queue]", ALL_QUEUES) {
  TestType queue;
  queue.push(10, 0, 1);
  queue.push(40, 0, 4);
  CHECK(queue.pop().target == 1);
  queue.push(20, 0, 2);
  queue.push(10, 0, 0);  // at the time just popped: still allowed
  queue.push(30, 0, 3);
  CHECK(queue.pop().target == 0);
  CHECK(queue.pop().target == 2);
  queue.push(35, 0, 5);
  CHECK(drain_targets(queue) == std::vector<std::uint32_t>{3, 5, 4});
}

TEMPLATE_TEST_CASE("times at the ends of the range", "[event_queue]", ALL_QUEUES) {
  TestType queue;
  queue.push(sim::kNever, 0, 3);
  queue.push(0, 0, 0);
  queue.push(sim::kNever - 1, 0, 2);
  queue.push(sim::kNever, 0, 4);
  queue.push(1, 0, 1);
  CHECK(drain_targets(queue) == std::vector<std::uint32_t>{0, 1, 2, 3, 4});
}

namespace {

enum class Spread { kNarrow, kHourly, kHuge, kEqual };

sim::Time draw_delay(SplitMix64& rng, Spread spread) {
  switch (spread) {
    case Spread::kNarrow: return static_cast<sim::Time>(below(rng, 10));
    case Spread::kHourly: return static_cast<sim::Time>(below(rng, 7200));
    case Spread::kHuge: {
      // Mostly near, sometimes up to 2^62 seconds ahead, sometimes at the end of time.
      const std::uint64_t r = below(rng, 100);
      if (r < 2) return sim::kNever;
      if (r < 20) return static_cast<sim::Time>(rng.next_u64() >> 2);
      return static_cast<sim::Time>(below(rng, 1000));
    }
    case Spread::kEqual: return 0;
  }
  return 0;
}

struct Trace {
  std::vector<sim::Event> popped;
  std::vector<std::size_t> sizes;
  std::vector<bool> cancel_results;
  bool consistent = true;  // next_time() announced each pop; time never went back
};

// Random push/pop/cancel; pushes never precede the last popped time. The queue grows to
// about `peak` events, then drains.
template <class Queue>
Trace run_random_sequence(std::uint64_t seed, Spread spread, std::size_t peak) {
  SplitMix64 rng(seed);
  Queue queue;
  Trace trace;
  std::vector<sim::EventHandle> handles;
  sim::Time now = 0;
  const auto add = [&](sim::Time at) {
    handles.push_back(queue.push(at, static_cast<std::uint32_t>(below(rng, 5)),
                                 static_cast<std::uint32_t>(handles.size())));
  };
  const auto step = [&](std::uint64_t push_weight) {
    const std::uint64_t r = below(rng, 100);
    if (r < push_weight || queue.empty()) {
      const sim::Time delay = draw_delay(rng, spread);
      add(delay > sim::kNever - now ? sim::kNever : now + delay);
    } else if (r < push_weight + 8) {
      trace.cancel_results.push_back(queue.cancel(handles[below(rng, handles.size())]));
    } else {
      const sim::Time next = queue.next_time();
      const sim::Event e = queue.pop();
      trace.consistent = trace.consistent && e.time == next && e.time >= now;
      now = e.time;
      trace.popped.push_back(e);
    }
    trace.sizes.push_back(queue.size());
  };
  while (queue.size() < peak) step(70);
  for (std::size_t i = 0; i < 4 * peak; ++i) step(46);
  while (!queue.empty()) step(0);
  return trace;
}

}  // namespace

TEMPLATE_TEST_CASE("random push, pop and cancel match the reference queue", "[event_queue]",
                   ALL_QUEUES) {
  struct Case {
    Spread spread;
    std::size_t peak;
  };
  const Case cases[] = {{Spread::kNarrow, 1000},  {Spread::kHourly, 100000},
                        {Spread::kHuge, 20000},   {Spread::kEqual, 3000},
                        {Spread::kHourly, 50},    {Spread::kNarrow, 100000}};
  std::uint64_t seed = 20260101;
  for (const Case& c : cases) {
    INFO("spread " << static_cast<int>(c.spread) << ", peak " << c.peak);
    const Trace expected = run_random_sequence<sim::ReferenceQueue>(seed, c.spread, c.peak);
    const Trace actual = run_random_sequence<TestType>(seed, c.spread, c.peak);
    REQUIRE(actual.popped.size() == expected.popped.size());
    bool same_events = true;
    for (std::size_t i = 0; i < expected.popped.size() && same_events; ++i) {
      const sim::Event& a = actual.popped[i];
      const sim::Event& e = expected.popped[i];
      same_events = a.time == e.time && a.seq == e.seq && a.kind == e.kind && a.target == e.target;
    }
    CHECK(actual.consistent);
    CHECK(same_events);
    CHECK(actual.sizes == expected.sizes);
    CHECK(actual.cancel_results == expected.cancel_results);
    ++seed;
  }
}

TEST_CASE("the reference queue pops in sorted order", "[event_queue]") {
  // Anchors the differential test: the reference itself against a plain sort.
  SplitMix64 rng(7);
  sim::ReferenceQueue queue;
  std::vector<sim::Event> pushed;
  for (std::uint32_t i = 0; i < 5000; ++i) {
    const sim::Time t = static_cast<sim::Time>(below(rng, 300));
    queue.push(t, 0, i);
    pushed.push_back(sim::Event{t, i, 0, i});
  }
  std::stable_sort(pushed.begin(), pushed.end(),
                   [](const sim::Event& a, const sim::Event& b) { return a.time < b.time; });
  for (const sim::Event& e : pushed) {
    const sim::Event p = queue.pop();
    REQUIRE(p.time == e.time);
    REQUIRE(p.target == e.target);
  }
}

namespace {

// Pending events kept beside a queue under test; pop_and_check() pops and requires the earliest
// (time, push order) live event, found by a plain scan.
template <class Queue>
struct ScanModel {
  struct Pending {
    sim::Time time;
    std::uint32_t target;
    bool live;
  };
  Queue queue;
  std::vector<Pending> model;
  std::vector<sim::EventHandle> handles;

  void add(sim::Time at) {
    const auto target = static_cast<std::uint32_t>(model.size());
    handles.push_back(queue.push(at, 0, target));
    model.push_back(Pending{at, target, true});
  }
  void cancel(std::size_t i) {
    CHECK(queue.cancel(handles[i]));
    model[i].live = false;
  }
  sim::Event pop_and_check() {
    std::size_t best = model.size();
    for (std::size_t i = 0; i < model.size(); ++i) {
      if (model[i].live && (best == model.size() || model[i].time < model[best].time)) best = i;
    }
    REQUIRE(best < model.size());
    const sim::Event e = queue.pop();
    REQUIRE(e.target == model[best].target);
    REQUIRE(e.time == model[best].time);
    model[best].live = false;
    return e;
  }
  bool none_live() const {
    return std::none_of(model.begin(), model.end(), [](const Pending& p) { return p.live; });
  }
};

}  // namespace

TEMPLATE_TEST_CASE("crowded seconds in a wide range keep first-in first-out order", "[event_queue]",
                   ALL_QUEUES) {
  // Thousands of events on five seconds between two far ones: the ladder spreads the top, the
  // crowded bucket spawns finer rungs down to buckets one second wide (blocks of slots, linked
  // into the bottom as they stand), some events are cancelled and new ones join the crowded
  // seconds while it drains.
  // Expected: the earliest (time, push order) pending event each time, by a plain scan.
  ScanModel<TestType> m;
  m.add(0);
  m.add(1000000);
  for (std::uint32_t i = 0; i < 3000; ++i) m.add(1000 + (i * 7) % 5);
  for (std::size_t i = 2; i < m.model.size(); i += 10) m.cancel(i);
  std::size_t pops = 0;
  while (!m.queue.empty()) {
    const sim::Event e = m.pop_and_check();
    if (++pops < 600 && e.time >= 1000 && e.time < 1004) m.add(e.time + static_cast<sim::Time>(pops % 3));
  }
  CHECK(m.none_live());
}

TEMPLATE_TEST_CASE("one-second buckets across block boundaries keep order under cancels", "[event_queue]",
                   ALL_QUEUES) {
  // 100 seconds holding 1 to 46 events each (12 x 182 + 46 = 2,230 in all): the first spread makes buckets one
  // second wide, kept by the kernel's queue as chains of 15-slot blocks. Events are cancelled at
  // the block boundaries (slot 0, 14, 15, 29, 30 and the last of a second) and new ones join the
  // current second (the bottom) and later seconds (the rung's chains) while the queue drains.
  // Expected: the earliest (time, push order) pending event each time, by a plain scan.
  ScanModel<TestType> m;
  const std::uint32_t per_second[] = {1, 14, 15, 16, 29, 30, 31, 46};
  std::vector<std::vector<std::size_t>> of_second(100);
  for (std::uint32_t round = 0; round < 46; ++round) {  // seconds interleaved: pushes out of time order
    for (sim::Time t = 0; t < 100; ++t) {
      if (round < per_second[t % 8]) {
        of_second[static_cast<std::size_t>(t)].push_back(m.model.size());
        m.add(t);
      }
    }
  }
  const std::size_t initial = m.model.size();
  REQUIRE(initial == 2230);
  std::size_t cancelled = 0;
  for (sim::Time t = 0; t < 100; t += 3) {
    const std::vector<std::size_t>& ids = of_second[static_cast<std::size_t>(t)];
    for (const std::size_t k : {std::size_t{0}, std::size_t{14}, std::size_t{15}, std::size_t{29},
                                std::size_t{30}, ids.size() - 1}) {
      if (k >= ids.size() || !m.model[ids[k]].live) continue;
      m.cancel(ids[k]);
      ++cancelled;
    }
  }
  CHECK(m.queue.size() == initial - cancelled);
  std::size_t pops = 0;
  while (!m.queue.empty()) {
    const sim::Event e = m.pop_and_check();
    ++pops;
    if (pops % 7 == 0 && e.time < 100) m.add(e.time);       // the bottom's own second
    if (pops % 5 == 0 && e.time < 90) m.add(e.time + 1 + static_cast<sim::Time>(pops % 9));
    if (pops % 11 == 0 && e.time < 60) {                     // cancel one joined later
      for (std::size_t i = m.model.size(); i-- > initial;) {
        if (m.model[i].live && m.model[i].time > e.time) {
          m.cancel(i);
          break;
        }
      }
    }
  }
  CHECK(m.none_live());
}
