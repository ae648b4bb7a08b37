// Runner-up kept for the hold benchmark: a radix heap on the 64-bit time, buckets as linked
// lists of pooled nodes. Bucket 0 holds the events at exactly the last popped time; appending
// and stable redistribution keep it first-in first-out, so ties need no sequence comparison.
// Same contract as sim::EventQueue; the monotone-push precondition is essential here.
#pragma once

#include <array>
#include <bit>
#include <algorithm>
#include <cstdint>

#include "sim/event.hpp"
#include "sim/event_pool.hpp"
#include "sim/time.hpp"

namespace bench {

class RadixHeapQueue {
 public:
  sim::EventHandle push(sim::Time time, std::uint32_t kind, std::uint32_t target) {
    const std::uint32_t slot = pool_.acquire(sim::Event{time, next_seq_++, kind, target});
    append(bucket_of(key(time)), slot);
    ++size_;
    return pool_.handle(slot);
  }

  bool cancel(sim::EventHandle handle) {
    if (!pool_.cancel(handle)) return false;
    --size_;
    return true;
  }

  sim::Event pop() {
    make_front_ready();
    const std::uint32_t slot = take_front();
    const sim::Event event = pool_.take(slot);
    --size_;
    return event;
  }

  sim::Time next_time() {
    if (size_ == 0) return sim::kNever;
    make_front_ready();
    return pool_[buckets_[0].head].event.time;
  }

  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }

 private:
  struct List {
    std::uint32_t head = sim::kNoSlot;
    std::uint32_t tail = sim::kNoSlot;
  };

  static std::uint64_t key(sim::Time t) {
    return static_cast<std::uint64_t>(t) ^ (std::uint64_t{1} << 63);
  }
  std::size_t bucket_of(std::uint64_t k) const {
    return k == last_ ? 0 : static_cast<std::size_t>(std::bit_width(k ^ last_));
  }

  void append(std::size_t b, std::uint32_t slot) {
    List& list = buckets_[b];
    pool_[slot].next = sim::kNoSlot;
    if (list.tail == sim::kNoSlot) {
      list.head = slot;
    } else {
      pool_[list.tail].next = slot;
    }
    list.tail = slot;
  }

  std::uint32_t take_front() {
    List& list = buckets_[0];
    const std::uint32_t slot = list.head;
    list.head = pool_[slot].next;
    if (list.head == sim::kNoSlot) list.tail = sim::kNoSlot;
    return slot;
  }

  void make_front_ready() {
    for (;;) {
      while (buckets_[0].head == sim::kNoSlot) redistribute();
      if (!pool_.cancelled(buckets_[0].head)) return;
      pool_.release(take_front());
    }
  }

  // Moves the lowest non-empty bucket down around its minimum, which becomes the new last key.
  void redistribute() {
    std::size_t b = 1;
    while (buckets_[b].head == sim::kNoSlot) ++b;
    const std::uint32_t head = buckets_[b].head;
    buckets_[b] = List{};
    bool any_pending = false;
    std::uint64_t lowest = UINT64_MAX;
    for (std::uint32_t s = head; s != sim::kNoSlot; s = pool_[s].next) {
      if (pool_.cancelled(s)) continue;
      any_pending = true;
      lowest = std::min(lowest, key(pool_[s].event.time));
    }
    if (any_pending) last_ = lowest;
    for (std::uint32_t s = head; s != sim::kNoSlot;) {
      const std::uint32_t next = pool_[s].next;
      if (pool_.cancelled(s)) {
        pool_.release(s);
      } else {
        append(bucket_of(key(pool_[s].event.time)), s);
      }
      s = next;
    }
  }

  sim::EventPool pool_;
  std::array<List, 65> buckets_{};
  std::uint64_t last_ = 0;
  std::size_t size_ = 0;
  std::uint64_t next_seq_ = 0;
};

}  // namespace bench
