// The kernel's unit of work: plain data, copied by value, no allocation.
#pragma once

#include <cstdint>

#include "sim/time.hpp"

namespace sim {

// What happens (`kind`, a model-defined code) to whom (`target`, a model-defined id) and when.
// `seq` is the insertion sequence the queue assigns; it breaks ties in time (earlier insertion
// first) and, with `time`, gives every pending event a distinct key.
struct Event {
  Time time = 0;
  std::uint64_t seq = 0;
  std::uint32_t kind = 0;
  std::uint32_t target = 0;
};

// Names one pushed event so it can be cancelled. A handle goes stale once its event is popped or
// cancelled: the slot's generation moves on, so a stale handle never cancels a later event.
struct EventHandle {
  std::uint32_t slot = UINT32_MAX;
  std::uint32_t generation = 0;

  friend constexpr bool operator==(const EventHandle&, const EventHandle&) = default;
};

constexpr bool comes_before(const Event& a, const Event& b) {
  return a.time != b.time ? a.time < b.time : a.seq < b.seq;
}

}  // namespace sim
