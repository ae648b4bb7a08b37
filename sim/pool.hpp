// A flat pool of records addressed by 32-bit slots, reused through a free list: records live
// while in use and their memory is recycled, so memory follows what is in flight.
// Records and their in-use flags sit in MappedArrays (mapped_array.hpp): indexing is one add
// (the market reads an order record several times an event), and growing never copies them
// (the kernel moves the pages). Growing may move them, though: a reference to a record is valid
// until the next acquire. Records are trivially copyable (MappedArray's requirement).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <vector>

#include "sim/mapped_array.hpp"

namespace sim {

template <class T>
class Pool {
 public:
  static constexpr std::uint32_t kNone = UINT32_MAX;

  // A slot holding a value-initialised T.
  std::uint32_t acquire() {
    const std::uint32_t slot = take_slot();
    records_[slot] = T{};
    return slot;
  }

  // A slot holding a copy of `value` (one write of the record, not a reset and then a copy);
  // `value` must not be a record of this pool (growing may move the records).
  std::uint32_t acquire(const T& value) {
    const std::uint32_t slot = take_slot();
    records_[slot] = value;
    return slot;
  }

  // A slot whose record holds what its previous user left there (value-initialised if the slot
  // is new): for records that carry something across users, such as a generation count.
  std::uint32_t acquire_as_left() { return take_slot(); }

  void release(std::uint32_t slot) {
    if (!in_use(slot)) throw std::logic_error("Pool::release of a slot not in use");
    in_use_[slot] = 0;
    free_.push_back(slot);
    --live_;
  }

  bool in_use(std::uint32_t slot) const { return slot < records_.size() && in_use_[slot] != 0; }
  T& operator[](std::uint32_t slot) { return records_[slot]; }
  const T& operator[](std::uint32_t slot) const { return records_[slot]; }
  std::size_t live() const { return live_; }
  // Slots ever handed out: the most records in use at once (freed slots are reused first).
  std::size_t capacity() const { return records_.size(); }

  // Calls f(slot, item) for every slot in use, in slot order.
  template <class F>
  void for_each_live(F&& f) const {
    for (std::uint32_t i = 0; i < records_.size(); ++i)
      if (in_use_[i] != 0) f(i, records_[i]);
  }

 private:
  std::uint32_t take_slot() {
    std::uint32_t slot;
    if (!free_.empty()) {
      slot = free_.back();
      free_.pop_back();
      in_use_[slot] = 1;
    } else {
      if (records_.size() >= kNone) throw std::length_error("Pool: out of slots");
      slot = records_.size();
      records_.grow();
      in_use_.grow() = 1;
    }
    ++live_;
    return slot;
  }

  MappedArray<T> records_;
  MappedArray<std::uint8_t> in_use_;  // a byte a slot: one load to test, not a bit to extract
  std::vector<std::uint32_t> free_;
  std::size_t live_ = 0;
};

}  // namespace sim
