// The same contract as sim::EventQueue (see event_queue.hpp) over std::priority_queue: the
// reference the tests compare against and the baseline the hold benchmark measures.
#pragma once

#include <cstdint>
#include <queue>
#include <vector>

#include "sim/event.hpp"
#include "sim/event_pool.hpp"
#include "sim/time.hpp"

namespace sim {

class ReferenceQueue {
 public:
  EventHandle push(Time time, std::uint32_t kind, std::uint32_t target) {
    const Event event{time, next_seq_++, kind, target};
    const std::uint32_t slot = pool_.acquire(event);
    heap_.push(Entry{event.time, event.seq, slot});
    ++size_;
    return pool_.handle(slot);
  }

  bool cancel(EventHandle handle) {
    if (!pool_.cancel(handle)) return false;
    --size_;
    return true;
  }

  Event pop() {
    drop_cancelled();
    const std::uint32_t slot = heap_.top().slot;
    heap_.pop();
    const Event event = pool_.take(slot);
    --size_;
    return event;
  }

  Time next_time() {
    if (size_ == 0) return kNever;
    drop_cancelled();
    return heap_.top().time;
  }

  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }

 private:
  struct Entry {
    Time time;
    std::uint64_t seq;
    std::uint32_t slot;
  };
  struct Later {
    bool operator()(const Entry& a, const Entry& b) const {
      return a.time != b.time ? a.time > b.time : a.seq > b.seq;
    }
  };

  void drop_cancelled() {
    while (pool_.cancelled(heap_.top().slot)) {
      pool_.release(heap_.top().slot);
      heap_.pop();
    }
  }

  EventPool pool_;
  std::priority_queue<Entry, std::vector<Entry>, Later> heap_;
  std::size_t size_ = 0;
  std::uint64_t next_seq_ = 0;
};

}  // namespace sim
