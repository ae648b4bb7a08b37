// A flat pool of records addressed by 32-bit slots, reused through a free list: records live
// while in use and their memory is recycled, so memory follows what is in flight.
// Records sit in fixed blocks that never move: growing adds a block instead of copying every
// record into a buffer twice the size, which would hold both copies at the peak.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <utility>
#include <vector>

namespace sim {

template <class T>
class Pool {
 public:
  static constexpr std::uint32_t kNone = UINT32_MAX;
  static constexpr std::uint32_t kBlockBits = 12;  // 4096 records a block
  static constexpr std::uint32_t kBlockSize = std::uint32_t{1} << kBlockBits;

  Pool() = default;
  Pool(Pool&&) noexcept = default;
  Pool& operator=(Pool&&) noexcept = default;
  Pool(const Pool& other)
      : in_use_(other.in_use_), free_(other.free_), size_(other.size_), live_(other.live_) {
    for (const auto& block : other.blocks_) {
      blocks_.push_back(std::make_unique<T[]>(kBlockSize));
      std::copy(block.get(), block.get() + kBlockSize, blocks_.back().get());
    }
  }
  Pool& operator=(const Pool& other) {
    if (this != &other) *this = Pool(other);
    return *this;
  }

  // A slot holding a value-initialised T.
  std::uint32_t acquire() {
    const std::uint32_t slot = take_slot();
    (*this)[slot] = T{};
    return slot;
  }

  // A slot holding a copy of `value` (one write of the record, not a reset and then a copy).
  std::uint32_t acquire(const T& value) {
    const std::uint32_t slot = take_slot();
    (*this)[slot] = value;
    return slot;
  }

  // A slot whose record holds what its previous user left there (value-initialised if the slot
  // is new): for records that carry something across users, such as a generation count.
  std::uint32_t acquire_as_left() { return take_slot(); }

  void release(std::uint32_t slot) {
    if (slot >= size_ || !in_use_[slot]) throw std::logic_error("Pool::release of a slot not in use");
    in_use_[slot] = false;
    free_.push_back(slot);
    --live_;
  }

  bool in_use(std::uint32_t slot) const { return slot < size_ && in_use_[slot]; }
  T& operator[](std::uint32_t slot) { return blocks_[slot >> kBlockBits][slot & (kBlockSize - 1)]; }
  const T& operator[](std::uint32_t slot) const {
    return blocks_[slot >> kBlockBits][slot & (kBlockSize - 1)];
  }
  std::size_t live() const { return live_; }
  // Slots ever handed out: the most records in use at once (freed slots are reused first).
  std::size_t capacity() const { return size_; }

  // Calls f(slot, item) for every slot in use, in slot order.
  template <class F>
  void for_each_live(F&& f) const {
    for (std::uint32_t i = 0; i < size_; ++i)
      if (in_use_[i]) f(i, (*this)[i]);
  }

 private:
  std::uint32_t take_slot() {
    std::uint32_t slot;
    if (!free_.empty()) {
      slot = free_.back();
      free_.pop_back();
      in_use_[slot] = true;
    } else {
      if (size_ >= kNone) throw std::length_error("Pool: out of slots");
      slot = size_++;
      if ((slot & (kBlockSize - 1)) == 0) blocks_.push_back(std::make_unique<T[]>(kBlockSize));
      in_use_.push_back(true);
    }
    ++live_;
    return slot;
  }

  std::vector<std::unique_ptr<T[]>> blocks_;
  std::vector<bool> in_use_;
  std::vector<std::uint32_t> free_;
  std::uint32_t size_ = 0;
  std::size_t live_ = 0;
};

}  // namespace sim
