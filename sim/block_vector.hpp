// A growable array in fixed blocks that never move: growing adds a block instead of copying
// every element into a buffer twice the size, so the peak never holds two copies (a doubling
// vector does, at the moment it grows) and references stay valid while the array grows.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <vector>

namespace sim {

template <class T, std::uint32_t BlockBits = 12>
class BlockVector {
 public:
  static constexpr std::uint32_t kBlockSize = std::uint32_t{1} << BlockBits;

  BlockVector() = default;
  BlockVector(BlockVector&&) noexcept = default;
  BlockVector& operator=(BlockVector&&) noexcept = default;
  BlockVector(const BlockVector& other) : size_(other.size_) {
    for (const auto& block : other.blocks_) {
      blocks_.push_back(std::make_unique<T[]>(kBlockSize));
      std::copy(block.get(), block.get() + kBlockSize, blocks_.back().get());
    }
  }
  BlockVector& operator=(const BlockVector& other) {
    if (this != &other) *this = BlockVector(other);
    return *this;
  }

  T& operator[](std::uint32_t i) { return blocks_[i >> BlockBits][i & (kBlockSize - 1)]; }
  const T& operator[](std::uint32_t i) const {
    return blocks_[i >> BlockBits][i & (kBlockSize - 1)];
  }
  std::uint32_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  // Appends an element: value-initialised in a new block, otherwise as the last element at that
  // index left it (pop_back and clear keep the blocks: memory follows the high-water mark).
  T& grow() {
    if (size_ == UINT32_MAX) throw std::length_error("BlockVector: out of indices");
    if ((size_ >> BlockBits) == blocks_.size()) blocks_.push_back(std::make_unique<T[]>(kBlockSize));
    return (*this)[size_++];
  }
  void push_back(const T& value) { grow() = value; }
  T& back() { return (*this)[size_ - 1]; }
  void pop_back() { --size_; }
  void clear() { size_ = 0; }

 private:
  std::vector<std::unique_ptr<T[]>> blocks_;
  std::uint32_t size_ = 0;
};

}  // namespace sim
