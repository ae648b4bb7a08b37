// A contiguous growable array in a memory mapping of its own, grown with mremap(2): the kernel
// moves the pages instead of copying them, so growing never holds two copies (a doubling
// std::vector does, at the moment it grows) and only pages in use count towards the resident
// set. Indexing is one add (fixed blocks would cost a load and a shift more on every access):
// for the event queue's nodes and the pools' records (pool.hpp), read on every event. Growing
// may move the elements, so a reference lasts until the next grow(). Linux-only (mremap), like
// the project. Elements are trivially copyable, since the pages move without running
// constructors.
//
// From 16 MiB on, the mapping asks for transparent huge pages (madvise(MADV_HUGEPAGE), a hint:
// nothing changes where the system has them off). The event queue reads its nodes in no
// particular order, and past the reach of the TLB's 4 KiB entries (a few MiB) every such read
// also walked the page table. Below 16 MiB the hint is not given: a huge page is resident as a
// whole once touched, and at most one partly used 2 MiB page stays within 1/8 of the mapping.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <stdexcept>
#include <type_traits>
#include <utility>

#include <sys/mman.h>

namespace sim {

template <class T>
class MappedArray {
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);

 public:
  static constexpr std::size_t kHugePagesFrom = std::size_t{16} << 20;  // bytes of mapping

  MappedArray() = default;
  MappedArray(const MappedArray& other) { *this = other; }
  MappedArray(MappedArray&& other) noexcept { swap(other); }
  MappedArray& operator=(const MappedArray& other) {
    if (this == &other) return *this;
    MappedArray copy;
    if (other.bytes_ > 0) copy.reserve_bytes(other.bytes_);
    if (other.size_ > 0) std::memcpy(copy.data_, other.data_, other.size_ * sizeof(T));
    copy.size_ = other.size_;
    swap(copy);
    return *this;
  }
  MappedArray& operator=(MappedArray&& other) noexcept {
    swap(other);
    return *this;
  }
  ~MappedArray() {
    if (data_ != nullptr) ::munmap(data_, bytes_);
  }

  T& operator[](std::uint32_t i) { return data_[i]; }
  const T& operator[](std::uint32_t i) const { return data_[i]; }
  std::uint32_t size() const { return size_; }

  // Appends a value-initialised element.
  T& grow() {
    if (size_ == UINT32_MAX) throw std::length_error("MappedArray: out of indices");
    if ((size_ + std::size_t{1}) * sizeof(T) > bytes_)
      reserve_bytes(bytes_ == 0 ? kFirstBytes : 2 * bytes_);
    return *::new (static_cast<void*>(data_ + size_++)) T{};
  }

 private:
  static constexpr std::size_t kFirstBytes = std::size_t{1} << 16;

  void reserve_bytes(std::size_t bytes) {
    void* p = data_ == nullptr
                  ? ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
                  : ::mremap(data_, bytes_, bytes, MREMAP_MAYMOVE);
    if (p == MAP_FAILED) throw std::bad_alloc();
    if (bytes >= kHugePagesFrom) ::madvise(p, bytes, MADV_HUGEPAGE);  // a hint: failure is harmless
    data_ = static_cast<T*>(p);
    bytes_ = bytes;
  }
  void swap(MappedArray& other) noexcept {
    std::swap(data_, other.data_);
    std::swap(bytes_, other.bytes_);
    std::swap(size_, other.size_);
  }

  T* data_ = nullptr;
  std::size_t bytes_ = 0;
  std::uint32_t size_ = 0;
};

}  // namespace sim
