// A flat pool of records addressed by 32-bit slots, reused through a free list: records live
// while in use and their memory is recycled, so memory follows what is in flight.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <vector>

namespace sim {

template <class T>
class Pool {
 public:
  static constexpr std::uint32_t kNone = UINT32_MAX;

  // A slot holding a value-initialised T.
  std::uint32_t acquire() {
    std::uint32_t slot;
    if (!free_.empty()) {
      slot = free_.back();
      free_.pop_back();
      items_[slot] = T{};
      in_use_[slot] = true;
    } else {
      if (items_.size() >= kNone) throw std::length_error("Pool: out of slots");
      slot = static_cast<std::uint32_t>(items_.size());
      items_.emplace_back();
      in_use_.push_back(true);
    }
    ++live_;
    return slot;
  }

  void release(std::uint32_t slot) {
    if (slot >= items_.size() || !in_use_[slot])
      throw std::logic_error("Pool::release of a slot not in use");
    in_use_[slot] = false;
    free_.push_back(slot);
    --live_;
  }

  bool in_use(std::uint32_t slot) const { return slot < items_.size() && in_use_[slot]; }
  T& operator[](std::uint32_t slot) { return items_[slot]; }
  const T& operator[](std::uint32_t slot) const { return items_[slot]; }
  std::size_t live() const { return live_; }
  std::size_t capacity() const { return items_.size(); }

  // Calls f(slot, item) for every slot in use, in slot order.
  template <class F>
  void for_each_live(F&& f) const {
    for (std::uint32_t i = 0; i < items_.size(); ++i)
      if (in_use_[i]) f(i, items_[i]);
  }

 private:
  std::vector<T> items_;
  std::vector<bool> in_use_;
  std::vector<std::uint32_t> free_;
  std::size_t live_ = 0;
};

}  // namespace sim
