// Runner-up kept for the hold benchmark: an implicit 4-ary min-heap of (time, seq, slot) with
// bottom-up pop (the hole sinks to a leaf along the smallest children, then the last entry
// rises from there) and prefetch of the grandchildren. Same contract as sim::EventQueue.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "sim/event.hpp"
#include "sim/event_pool.hpp"
#include "sim/time.hpp"

namespace bench {

class QuaternaryHeapQueue {
 public:
  sim::EventHandle push(sim::Time time, std::uint32_t kind, std::uint32_t target) {
    const sim::Event event{time, next_seq_++, kind, target};
    const std::uint32_t slot = pool_.acquire(event);
    heap_.push_back(Entry{time, event.seq, slot});
    sift_up(heap_.size() - 1, heap_.back());
    ++size_;
    return pool_.handle(slot);
  }

  bool cancel(sim::EventHandle handle) {
    if (!pool_.cancel(handle)) return false;
    --size_;
    return true;
  }

  sim::Event pop() {
    drop_cancelled();
    const std::uint32_t slot = heap_.front().slot;
    remove_top();
    const sim::Event event = pool_.take(slot);
    --size_;
    return event;
  }

  sim::Time next_time() {
    if (size_ == 0) return sim::kNever;
    drop_cancelled();
    return heap_.front().time;
  }

  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }

 private:
  struct Entry {
    sim::Time time;
    std::uint64_t seq;
    std::uint32_t slot;
  };
  static bool less(const Entry& a, const Entry& b) {
    return a.time != b.time ? a.time < b.time : a.seq < b.seq;
  }

  void sift_up(std::size_t i, Entry entry) {
    while (i > 0) {
      const std::size_t parent = (i - 1) / 4;
      if (!less(entry, heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = entry;
  }

  void remove_top() {
    const Entry last = heap_.back();
    heap_.pop_back();
    const std::size_t n = heap_.size();
    if (n == 0) return;
    std::size_t hole = 0;
    for (;;) {
      const std::size_t first = 4 * hole + 1;
      if (first >= n) break;
      __builtin_prefetch(&heap_[std::min(4 * first + 1, n - 1)]);
      std::size_t best = first;
      const std::size_t end = std::min(first + 4, n);
      for (std::size_t c = first + 1; c < end; ++c) {
        if (less(heap_[c], heap_[best])) best = c;
      }
      heap_[hole] = heap_[best];
      hole = best;
    }
    sift_up(hole, last);
  }

  void drop_cancelled() {
    while (pool_.cancelled(heap_.front().slot)) {
      pool_.release(heap_.front().slot);
      remove_top();
    }
  }

  sim::EventPool pool_;
  std::vector<Entry> heap_;
  std::size_t size_ = 0;
  std::uint64_t next_seq_ = 0;
};

}  // namespace bench
