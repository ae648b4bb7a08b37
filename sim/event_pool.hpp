// Pooled storage for pending events, shared by the queue implementations: one slot per event,
// recycled through a free list, so a warm queue allocates nothing per event. Nodes sit in a
// MappedArray: growing never copies them (a doubling vector held two copies as it grew).
#pragma once

#include <cstdint>

#include "sim/mapped_array.hpp"
#include "sim/event.hpp"

namespace sim {

inline constexpr std::uint32_t kNoSlot = UINT32_MAX;

// A slot's generation is even while its event is pending and odd once cancelled; releasing a slot
// moves it to the next even value. A handle matches only the pending event it was issued for.
class EventPool {
 public:
  struct Node {
    Event event;
    std::uint32_t next = kNoSlot;  // link for whichever list the queue keeps the node in
    std::uint32_t generation = 0;
  };

  std::uint32_t acquire(const Event& event) {
    std::uint32_t slot = free_head_;
    if (slot == kNoSlot) {
      slot = nodes_.size();
      nodes_.grow();
    } else {
      free_head_ = nodes_[slot].next;
    }
    Node& node = nodes_[slot];
    node.event = event;
    node.next = kNoSlot;
    return slot;
  }

  // The same, split for a caller that keeps growing off its fast path: while exhausted(),
  // add_node() first; then acquire_free() takes the slot acquire() would have taken (its node's
  // link is left for the caller to set).
  bool exhausted() const { return free_head_ == kNoSlot; }
  void add_node() {
    const std::uint32_t slot = nodes_.size();
    nodes_.grow().next = free_head_;
    free_head_ = slot;
  }
  std::uint32_t acquire_free(const Event& event) {
    const std::uint32_t slot = free_head_;
    Node& node = nodes_[slot];
    free_head_ = node.next;
    node.event = event;
    return slot;
  }

  EventHandle handle(std::uint32_t slot) const { return {slot, nodes_[slot].generation}; }

  // True if the handle named a pending event, which is now marked cancelled.
  bool cancel(EventHandle h) {
    if (h.slot >= nodes_.size() || nodes_[h.slot].generation != h.generation) return false;
    nodes_[h.slot].generation |= 1U;
    return true;
  }

  bool cancelled(std::uint32_t slot) const { return (nodes_[slot].generation & 1U) != 0; }

  void release(std::uint32_t slot) {
    Node& node = nodes_[slot];
    node.generation = (node.generation | 1U) + 1U;
    node.next = free_head_;
    free_head_ = slot;
  }

  // The event in `slot`, whose node goes back to the free list.
  Event take(std::uint32_t slot) {
    const Event event = nodes_[slot].event;
    release(slot);
    return event;
  }

  // Bytes of nodes ever touched (the mapping's pages beyond them are never resident).
  std::size_t storage_bytes() const { return std::size_t{nodes_.size()} * sizeof(Node); }

  Node& operator[](std::uint32_t slot) { return nodes_[slot]; }
  const Node& operator[](std::uint32_t slot) const { return nodes_[slot]; }

 private:
  MappedArray<Node> nodes_;
  std::uint32_t free_head_ = kNoSlot;
};

}  // namespace sim
