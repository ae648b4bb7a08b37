#include "sim/event_queue.hpp"

#include <algorithm>
#include <bit>

namespace sim {
namespace {

__extension__ typedef __int128 Int128;

// start + offset, clamped to kNever: a rung may reach past the last representable second.
Time clamped_add(Time start, Int128 offset) {
  const Int128 sum = static_cast<Int128>(start) + offset;
  return sum > static_cast<Int128>(kNever) ? kNever : static_cast<Time>(sum);
}

std::uint64_t distance(Time from, Time to) {
  return static_cast<std::uint64_t>(to) - static_cast<std::uint64_t>(from);
}

}  // namespace

// The common cases (a list bucket, room in a chain's last block) are done here; every other
// path leaves through a tail call, so this one needs no stack frame.
EventHandle EventQueue::push(Time time, std::uint32_t kind, std::uint32_t target) {
  if (pool_.exhausted()) return push_growing(time, kind, target);
  const std::uint32_t slot = pool_.acquire_free(Event{time, next_seq_++, kind, target});
  ++size_;
  if (time >= top_start_) return insert_and_handle(slot);
  for (Rung* rung = rungs_.data(); rung != rungs_.data() + rung_count_; ++rung) {
    if (time < rung->current_start) continue;
    List& bucket = rung->buckets[bucket_of(*rung, time)];
    if (rung->shift != 0) {
      append(bucket, slot);
    } else {
      const std::uint32_t at = bucket.tail + 1;
      if (bucket.count == 0 || at % kBlockWords == kBlockWords - 1) return insert_and_handle(slot);
      words_[at] = slot;
      bucket.tail = at;
      ++bucket.count;
    }
    ++rung->count;
    return pool_.handle(slot);
  }
  return insert_bottom_and_handle(slot);
}

[[gnu::noinline]] EventHandle EventQueue::push_growing(Time time, std::uint32_t kind,
                                                       std::uint32_t target) {
  pool_.add_node();
  return push(time, kind, target);
}

[[gnu::noinline]] EventHandle EventQueue::insert_and_handle(std::uint32_t slot) {
  insert(slot);
  return pool_.handle(slot);
}

[[gnu::noinline]] EventHandle EventQueue::insert_bottom_and_handle(std::uint32_t slot) {
  insert_bottom(slot);
  return pool_.handle(slot);
}

std::size_t EventQueue::storage_bytes() const {
  std::size_t bytes = pool_.storage_bytes() + std::size_t{words_.size()} * sizeof(std::uint32_t) +
                      (top_.capacity() + scratch_.capacity()) * sizeof(std::uint32_t) +
                      keys_.capacity() * sizeof(std::uint64_t);
  for (const Rung& rung : rungs_) bytes += rung.buckets.capacity() * sizeof(List);
  return bytes;
}

bool EventQueue::cancel(EventHandle handle) {
  if (!pool_.cancel(handle)) return false;
  --size_;
  return true;
}

void EventQueue::append(List& list, std::uint32_t slot) {
  pool_[slot].next = kNoSlot;
  if (list.tail == kNoSlot) {
    list.head = slot;
  } else {
    pool_[list.tail].next = slot;
  }
  list.tail = slot;
  ++list.count;
}

// A new last block for the chain; returns its first word (out of line: once per 15 pushes).
[[gnu::noinline]] std::uint32_t EventQueue::add_block(List& chain) {
  std::uint32_t block = free_block_;
  if (block == kNoSlot) {
    block = words_.size();
    for (std::uint32_t i = 0; i < kBlockWords; ++i) words_.grow();
  } else {
    free_block_ = words_[block + kBlockWords - 1];
  }
  if (chain.count == 0) {
    chain.head = block;
  } else {
    words_[chain.tail + 1] = block;  // the full block's last word
  }
  return block;
}

// The slot goes into the word after the chain's last slot, unless that is the block's link.
inline void EventQueue::append_to_blocks(List& chain, std::uint32_t slot) {
  std::uint32_t at = chain.tail + 1;
  if (chain.count == 0 || at % kBlockWords == kBlockWords - 1) at = add_block(chain);
  words_[at] = slot;
  chain.tail = at;
  ++chain.count;
}

// kBlocks: the rung's shift is 0 (decided once per spread, not per event).
template <bool kBlocks>
inline void EventQueue::add_to_rung(Rung& rung, std::uint32_t slot) {
  List& bucket = rung.buckets[bucket_of(rung, pool_[slot].event.time)];
  if (kBlocks) {
    append_to_blocks(bucket, slot);
  } else {
    append(bucket, slot);
  }
  ++rung.count;
}

// A one-second bucket's slots in chain order become the bottom list; its blocks go back to the
// free list. The links are independent writes, so their nodes' cache misses overlap.
void EventQueue::link_blocks_into_bottom(const List& chain) {
  std::uint32_t block = chain.head;
  std::uint32_t previous = words_[block];
  bottom_.head = previous;
  std::uint32_t first = 1;  // the first block's first slot is the head already
  EventPool::Node* const nodes = &pool_[0];
  for (std::uint32_t left = chain.count;;) {
    const std::uint32_t n = std::min(left, kBlockWords - 1);
    const std::uint32_t next = words_[block + kBlockWords - 1];
    if (n < left) __builtin_prefetch(&words_[next]);
    const std::uint32_t* const end = &words_[block] + n;
    for (const std::uint32_t* word = &words_[block] + first; word != end; ++word) {
      nodes[previous].next = *word;
      previous = *word;
    }
    words_[block + kBlockWords - 1] = free_block_;
    free_block_ = block;
    left -= n;
    if (left == 0) break;
    block = next;
    first = 0;
  }
  pool_[previous].next = kNoSlot;
  bottom_.tail = previous;
  bottom_.count = chain.count;
}

void EventQueue::insert(std::uint32_t slot) {
  const Time time = pool_[slot].event.time;
  if (time >= top_start_) {
    top_.push_back(slot);
    top_min_ = std::min(top_min_, time);
    top_max_ = std::max(top_max_, time);
    return;
  }
  for (std::uint32_t i = 0; i < rung_count_; ++i) {
    Rung& rung = rungs_[i];
    if (time >= rung.current_start) {
      if (rung.shift == 0) {
        add_to_rung<true>(rung, slot);
      } else {
        add_to_rung<false>(rung, slot);
      }
      return;
    }
  }
  insert_bottom(slot);
}

void EventQueue::insert_bottom(std::uint32_t slot) {
  if (bottom_.count >= kBottomLimit && rung_count_ < kMaxRungs &&
      pool_[bottom_.head].event.time != pool_[bottom_.tail].event.time) {
    spawn_rung_from_bottom();
    insert(slot);
    return;
  }
  if (bottom_.head == kNoSlot || before(bottom_.tail, slot)) {
    append(bottom_, slot);
    return;
  }
  if (before(slot, bottom_.head)) {
    pool_[slot].next = bottom_.head;
    bottom_.head = slot;
  } else {
    std::uint32_t previous = bottom_.head;
    while (before(pool_[previous].next, slot)) previous = pool_[previous].next;
    pool_[slot].next = pool_[previous].next;
    pool_[previous].next = slot;
  }
  ++bottom_.count;
}

// Drops cancelled events off the bottom's head; false if nothing is pending anywhere.
bool EventQueue::make_bottom_ready() {
  for (;;) {
    while (bottom_.head == kNoSlot) {
      if (!refill_bottom()) return false;  // a refill may bring only cancelled events
    }
    const std::uint32_t slot = bottom_.head;
    if (!pool_.cancelled(slot)) return true;
    bottom_.head = pool_[slot].next;
    if (bottom_.head == kNoSlot) bottom_.tail = kNoSlot;
    --bottom_.count;
    pool_.release(slot);
  }
}

bool EventQueue::refill_bottom() {
  for (;;) {
    if (rung_count_ == 0) {
      if (top_.empty()) return false;
      spread_top_into_first_rung();
      continue;
    }
    Rung& rung = rungs_[rung_count_ - 1];
    if (rung.count == 0) {
      --rung_count_;
      continue;
    }
    while (rung.buckets[rung.current].count == 0) ++rung.current;
    const std::uint32_t index = rung.current;
    const List bucket = rung.buckets[index];
    rung.buckets[index] = List{};
    rung.count -= bucket.count;
    rung.current = index + 1;
    rung.current_start = clamped_add(rung.start, static_cast<Int128>(index + 1) << rung.shift);
    if (bucket.count > kBottomLimit && rung.shift > 0 && rung_count_ < kMaxRungs) {
      open_rung(clamped_add(rung.start, static_cast<Int128>(index) << rung.shift),
                std::uint64_t{1} << rung.shift, bucket.count);
      spread_into_deepest_rung(bucket.head);
      continue;
    }
    if (rung.shift == 0) {
      link_blocks_into_bottom(bucket);  // in sequence order already (cancelled ones drop at the head)
    } else {
      sort_into_bottom(bucket, clamped_add(rung.start, static_cast<Int128>(index) << rung.shift),
                       rung.shift);
    }
    return true;
  }
}

// A new deepest rung over [start, start + range) with one to two events per bucket: the width
// is the power of two at or above range / count (at most 2^63, so that two buckets cover any range).
void EventQueue::open_rung(Time start, std::uint64_t range, std::uint32_t count) {
  Rung& rung = rungs_[rung_count_++];
  rung.start = start;
  const std::uint64_t width = (range - 1) / count + 1;
  rung.shift = std::min(static_cast<std::uint32_t>(std::bit_width(width - 1)), 63U);
  rung.current = 0;
  rung.current_start = start;
  rung.count = 0;
  rung.buckets.assign(((range - 1) >> rung.shift) + 1, List{});
}

void EventQueue::spread_into_deepest_rung(std::uint32_t head) {
  Rung& rung = rungs_[rung_count_ - 1];
  if (rung.shift == 0) {
    spread_list<true>(rung, head);
  } else {
    spread_list<false>(rung, head);
  }
}

template <bool kBlocks>
void EventQueue::spread_list(Rung& rung, std::uint32_t head) {
  while (head != kNoSlot) {
    const std::uint32_t slot = head;
    head = pool_[slot].next;
    if (pool_.cancelled(slot)) {
      pool_.release(slot);
      continue;
    }
    add_to_rung<kBlocks>(rung, slot);
  }
}

void EventQueue::spread_top_into_first_rung() {
  const std::uint64_t spread = distance(top_min_, top_max_);
  open_rung(top_min_, spread == UINT64_MAX ? spread : spread + 1,
            static_cast<std::uint32_t>(top_.size()));
  Rung& rung = rungs_[0];
  top_start_ = clamped_add(rung.start, static_cast<Int128>(rung.buckets.size()) << rung.shift);
  if (rung.shift == 0) {
    spread_top<true>(rung);
  } else {
    spread_top<false>(rung);
  }
  top_.clear();
  top_min_ = kNever;
  top_max_ = INT64_MIN;
}

template <bool kBlocks>
void EventQueue::spread_top(Rung& rung) {
  constexpr std::size_t kAhead = 8;
  for (std::size_t i = 0; i < top_.size(); ++i) {
    if (i + kAhead < top_.size()) __builtin_prefetch(&pool_[top_[i + kAhead]]);
    const std::uint32_t slot = top_[i];
    if (pool_.cancelled(slot)) {
      pool_.release(slot);
      continue;
    }
    add_to_rung<kBlocks>(rung, slot);
  }
}

// A crowded bottom becomes a rung over [its earliest time, the deepest rung's current bucket).
void EventQueue::spawn_rung_from_bottom() {
  const Time limit = rung_count_ > 0 ? rungs_[rung_count_ - 1].current_start : top_start_;
  const Time earliest = pool_[bottom_.head].event.time;
  const std::uint32_t head = bottom_.head;
  open_rung(earliest, distance(earliest, limit), bottom_.count);
  bottom_ = List{};
  spread_into_deepest_rung(head);
}

// The bucket's pending events in (time, sequence) order become the bottom. Events of equal time
// stand in sequence order in a bucket already, so a stable order by time is enough: each event's
// key is its offset in the bucket above its position in the list, and the keys sort without going
// back to the nodes. (A bucket wider than 2^32 seconds has no room for the offset in a key.)
// A bucket already in order with nothing cancelled (events pushed in time order) is taken as is.
void EventQueue::sort_into_bottom(const List& bucket, Time start, std::uint32_t shift) {
  if (shift > 32) {
    sort_wide_into_bottom(bucket);
    return;
  }
  if (keys_.size() < bucket.count) {
    keys_.resize(bucket.count);
    scratch_.resize(bucket.count);
  }
  std::uint64_t* const keys = keys_.data();
  std::uint32_t* const slots = scratch_.data();
  std::uint32_t n = 0;
  bool ordered = true;
  std::uint64_t last = 0;
  for (std::uint32_t slot = bucket.head; slot != kNoSlot;) {
    const EventPool::Node& node = pool_[slot];
    const std::uint32_t next = node.next;
    if (pool_.cancelled(slot)) {
      pool_.release(slot);
      ordered = false;
    } else {
      const std::uint64_t key = distance(start, node.event.time) << 32 | n;
      ordered = ordered && key >= last;  // keys are distinct, so >= is > past the first
      last = key;
      keys[n] = key;
      slots[n++] = slot;
    }
    slot = next;
  }
  if (ordered) {
    bottom_ = bucket;
    return;
  }
  bottom_ = List{};
  if (n == 0) return;
  if (n <= 24) {
    for (std::uint32_t i = 1; i < n; ++i) {
      const std::uint64_t key = keys[i];
      std::uint32_t j = i;
      for (; j > 0 && keys[j - 1] > key; --j) keys[j] = keys[j - 1];
      keys[j] = key;
    }
  } else {
    std::sort(keys, keys + n);
  }
  std::uint32_t previous = slots[static_cast<std::uint32_t>(keys[0])];
  bottom_.head = previous;
  for (std::uint32_t i = 1; i < n; ++i) {
    const std::uint32_t slot = slots[static_cast<std::uint32_t>(keys[i])];
    pool_[previous].next = slot;
    previous = slot;
  }
  pool_[previous].next = kNoSlot;
  bottom_.tail = previous;
  bottom_.count = n;
}

void EventQueue::sort_wide_into_bottom(const List& bucket) {
  scratch_.clear();
  for (std::uint32_t slot = bucket.head; slot != kNoSlot;) {
    const std::uint32_t next = pool_[slot].next;
    if (pool_.cancelled(slot)) {
      pool_.release(slot);
    } else {
      scratch_.push_back(slot);
    }
    slot = next;
  }
  const auto earlier = [this](std::uint32_t a, std::uint32_t b) { return before(a, b); };
  std::sort(scratch_.begin(), scratch_.end(), earlier);
  bottom_ = List{};
  for (const std::uint32_t slot : scratch_) append(bottom_, slot);
}

}  // namespace sim
