// The kernel's event queue: a ladder queue (Tang, Goh and Thng 2005) over pooled nodes.
//
// Contract, shared by every queue in the tree (ReferenceQueue, bench/queues/*):
// - Events leave in order of (time, insertion sequence): ties in time break first-in first-out.
// - push(time, kind, target) assigns the next sequence number and returns a handle for cancel().
//   Precondition: time >= the time of the last popped event (simulated time never goes back).
// - cancel(handle) is O(1): true if the event was still pending; it will then never be popped.
//   Cancelling twice, or after the pop, returns false and changes nothing. A cancelled event
//   keeps its node until the queue reaches its time (lazy removal).
// - pop() removes and returns the earliest pending event. Precondition: !empty().
// - size() counts pending events (cancelled ones excluded); empty() is size() == 0.
// - next_time() is the time of the earliest pending event, kNever when empty. It may reorganise
//   internal storage (hence not const), never the order.
// - No allocation per event once warm: nodes come from a pool and return to its free list.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "sim/event.hpp"
#include "sim/event_pool.hpp"
#include "sim/mapped_array.hpp"
#include "sim/time.hpp"

namespace sim {

class EventQueue {
 public:
  EventHandle push(Time time, std::uint32_t kind, std::uint32_t target);
  bool cancel(EventHandle handle);
  // pop() and next_time() are inline: the bottom's head is usually ready, and the run loop
  // asks for both on every event.
  Event pop() {
    if (!bottom_ready()) make_bottom_ready();
    const std::uint32_t slot = bottom_.head;
    bottom_.head = pool_[slot].next;
    if (bottom_.head == kNoSlot) {
      bottom_.tail = kNoSlot;
    } else {
      __builtin_prefetch(&pool_[bottom_.head]);  // the next pop's node, while the model works
    }
    --bottom_.count;
    const Event event = pool_.take(slot);
    --size_;
    return event;
  }
  Time next_time() {
    if (size_ == 0) return kNever;
    if (!bottom_ready()) make_bottom_ready();
    return pool_[bottom_.head].event.time;
  }
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  // Bytes the queue holds: nodes, the top, the rungs' buckets and the sorting scratch.
  std::size_t storage_bytes() const;

 private:
  // Far-future events wait unsorted in the top until the ladder runs dry. Each rung splits
  // a time range into equal buckets; a crowded bucket spawns a finer rung below it. The bottom
  // is a short sorted list holding the earliest events. Buckets are unordered in time (sorted
  // only on the way to the bottom) but first-in first-out: an event joins at the tail, and every
  // spread walks a bucket from its head. So in every bucket, events of equal time stand in
  // sequence order, and a bucket one second wide is already sorted.
  //
  // A bucket wider than one second is a linked list of nodes (through Node::next). A bucket one
  // second wide is a chain of blocks of slots instead: a push writes its slot into the tail
  // block, not into the node before it, and when the bucket becomes the bottom its slots are
  // known ahead, so linking them into the bottom list reaches all their nodes at once instead of
  // one cache miss after another. (Such buckets collect many events, as in the hold model at
  // Q = 1e6; the wide buckets of sparse models hold one or two, which a block would waste.)
  struct List {  // a list: its first and last node; a chain: its first block, its last slot
    std::uint32_t head = kNoSlot;
    std::uint32_t tail = kNoSlot;
    std::uint32_t count = 0;  // events (slots) in it
  };
  // A block is 16 words of words_ (one cache line): 15 slots, then the next block's first word
  // (in a chain, or in the free list). Chains name blocks and slots by word index.
  static constexpr std::uint32_t kBlockWords = 16;
  // Bucket widths are powers of two, 2^shift seconds, so finding a bucket is a shift; a rung
  // with shift 0 keeps its buckets as chains of blocks.
  struct Rung {
    Time start = 0;
    std::uint32_t shift = 0;
    Time current_start = 0;  // start of bucket `current`: later events than this go in this rung
    std::uint32_t current = 0;
    std::uint32_t count = 0;
    std::vector<List> buckets;
  };
  static constexpr std::uint32_t kBottomLimit = 48;
  static constexpr std::uint32_t kMaxRungs = 8;

  bool bottom_ready() const { return bottom_.head != kNoSlot && !pool_.cancelled(bottom_.head); }
  EventHandle push_growing(Time time, std::uint32_t kind, std::uint32_t target);
  EventHandle insert_and_handle(std::uint32_t slot);
  EventHandle insert_bottom_and_handle(std::uint32_t slot);
  void insert(std::uint32_t slot);
  void insert_bottom(std::uint32_t slot);
  void append(List& list, std::uint32_t slot);
  template <bool kBlocks>
  void add_to_rung(Rung& rung, std::uint32_t slot);
  template <bool kBlocks>
  void spread_list(Rung& rung, std::uint32_t head);
  template <bool kBlocks>
  void spread_top(Rung& rung);
  void append_to_blocks(List& chain, std::uint32_t slot);
  std::uint32_t add_block(List& chain);
  void link_blocks_into_bottom(const List& chain);
  bool make_bottom_ready();
  bool refill_bottom();
  void open_rung(Time start, std::uint64_t range, std::uint32_t count);
  static std::uint64_t bucket_of(const Rung& rung, Time time) {
    return (static_cast<std::uint64_t>(time) - static_cast<std::uint64_t>(rung.start)) >> rung.shift;
  }
  void spread_into_deepest_rung(std::uint32_t head);
  void spread_top_into_first_rung();
  void spawn_rung_from_bottom();
  void sort_into_bottom(const List& bucket, Time start, std::uint32_t shift);
  void sort_wide_into_bottom(const List& bucket);
  bool before(std::uint32_t a, std::uint32_t b) const {
    return comes_before(pool_[a].event, pool_[b].event);
  }

  EventPool pool_;
  MappedArray<std::uint32_t> words_;  // the blocks
  std::uint32_t free_block_ = kNoSlot;
  std::vector<std::uint32_t> top_;  // slots, in one array so the spread can prefetch ahead
  Time top_min_ = kNever;
  Time top_max_ = INT64_MIN;
  Time top_start_ = INT64_MIN;  // events at or after this time go to the top
  std::array<Rung, kMaxRungs> rungs_;
  std::uint32_t rung_count_ = 0;
  List bottom_;
  std::vector<std::uint32_t> scratch_;  // the sort's slots
  std::vector<std::uint64_t> keys_;     // and their keys
  std::size_t size_ = 0;
  std::uint64_t next_seq_ = 0;
};

}  // namespace sim
