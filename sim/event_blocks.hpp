// A random-access array of event records in equal blocks: the ladder queue's Bottom. Filled by
// appending, sorted once, then emptied from the back, each block freed as it empties. A bucket
// taken to Bottom used to be copied into one std::vector allocated at its size before the
// bucket's blocks were freed, which held a flood wave twice at that moment (1.25 MB at the peak
// of flood-1k at 8,000 nodes, heaptrack; reports/BENCHMARKS.md "[P] idle memory, session 14");
// here the blocks are allocated as the records arrive, so a wave is held once plus one block.
//
//   EventBlocks b;
//   b.push_back(e); ...
//   b.sort(Later{});                 // any strict weak order; earliest at the back for a Later
//   while (!b.empty()) { use(b.back()); b.pop_back(); }
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <vector>

#include "sim/event_record.hpp"

namespace ptplab::sim {

// Records in blocks of kBlock; the first block is kept while the array is empty (Bottom takes a
// small bucket at almost every refill). Not thread-safe; movable, not copyable.
class EventBlocks {
 public:
  static constexpr std::size_t kBlockShift = 10;
  static constexpr std::size_t kBlock = std::size_t{1} << kBlockShift;  // records (24 KiB)

  EventBlocks() = default;
  EventBlocks(const EventBlocks&) = delete;
  EventBlocks& operator=(const EventBlocks&) = delete;
  EventBlocks(EventBlocks&&) noexcept = default;
  EventBlocks& operator=(EventBlocks&&) noexcept = default;

  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] bool empty() const { return size_ == 0; }
  [[nodiscard]] EventRecord& operator[](std::size_t i) { return blocks_[i >> kBlockShift][i & (kBlock - 1)]; }
  [[nodiscard]] const EventRecord& operator[](std::size_t i) const {
    return blocks_[i >> kBlockShift][i & (kBlock - 1)];
  }
  [[nodiscard]] const EventRecord& back() const { return (*this)[size_ - 1]; }  // precondition: !empty()

  void push_back(const EventRecord& e) {
    if ((size_ >> kBlockShift) == blocks_.size()) blocks_.push_back(std::make_unique<EventRecord[]>(kBlock));
    (*this)[size_++] = e;
  }
  // Removes the last record; a block other than the first is freed once it empties.
  void pop_back() {
    --size_;
    if ((size_ & (kBlock - 1)) == 0 && size_ != 0) blocks_.pop_back();
  }

  // Sorts the records by `less` (std::sort over the blocks).
  template <class Less>
  void sort(Less less) {
    if (size_ <= kBlock) {
      if (size_ != 0) std::sort(blocks_[0].get(), blocks_[0].get() + size_, less);
      return;
    }
    std::sort(Iterator{this, 0}, Iterator{this, static_cast<std::ptrdiff_t>(size_)}, less);
  }

  // Records the blocks hold room for (for tests and memory figures).
  [[nodiscard]] std::size_t capacity() const { return blocks_.size() * kBlock; }

 private:
  // A random-access iterator over the records (for std::sort).
  struct Iterator {
    using iterator_category = std::random_access_iterator_tag;
    using value_type = EventRecord;
    using difference_type = std::ptrdiff_t;
    using pointer = EventRecord*;
    using reference = EventRecord&;

    EventBlocks* b = nullptr;
    std::ptrdiff_t i = 0;

    reference operator*() const { return (*b)[static_cast<std::size_t>(i)]; }
    pointer operator->() const { return &**this; }
    reference operator[](difference_type n) const { return (*b)[static_cast<std::size_t>(i + n)]; }
    Iterator& operator++() { return ++i, *this; }
    Iterator operator++(int) { return Iterator{b, i++}; }
    Iterator& operator--() { return --i, *this; }
    Iterator operator--(int) { return Iterator{b, i--}; }
    Iterator& operator+=(difference_type n) { return i += n, *this; }
    Iterator& operator-=(difference_type n) { return i -= n, *this; }
    friend Iterator operator+(Iterator it, difference_type n) { return it += n; }
    friend Iterator operator+(difference_type n, Iterator it) { return it += n; }
    friend Iterator operator-(Iterator it, difference_type n) { return it -= n; }
    friend difference_type operator-(const Iterator& a, const Iterator& c) { return a.i - c.i; }
    friend bool operator==(const Iterator& a, const Iterator& c) { return a.i == c.i; }
    friend auto operator<=>(const Iterator& a, const Iterator& c) { return a.i <=> c.i; }
  };

  std::vector<std::unique_ptr<EventRecord[]>> blocks_;
  std::size_t size_ = 0;
};

}  // namespace ptplab::sim
