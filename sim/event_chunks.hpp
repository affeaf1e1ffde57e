// An append-only run of event records in linked blocks that never move: the ladder queue's Top
// and rung buckets. A std::vector grown by doubling held up to twice its events, plus the old
// copy during each reallocation: at the 8,000-node flood-1k run's JOIN-flood peak the queue's
// vectors held 13 MB for ~6 MB of pending events (heaptrack, reports/BENCHMARKS.md "[P] idle
// memory, session 14"). Here a block is never copied; blocks double from kFirstBlock up to
// kBlockMax records, so the slack is under half of a small run and under one block of a large
// one, and a run that is consumed frees its blocks as it goes.
//
//   EventChunks c;
//   c.push_back(e);
//   c.consume([](const EventRecord& e) { ... });   // visits in push order and frees the blocks
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <utility>

#include "sim/event_record.hpp"

namespace ptplab::sim {

// Records in push order. Not thread-safe; movable, not copyable.
class EventChunks {
 public:
  // Records in the first block of a run (small: a rung has up to 4,096 buckets, and a late
  // event or two in each would otherwise hold a large block apiece) and the largest block (24 KiB).
  static constexpr std::uint32_t kFirstBlock = 4;
  static constexpr std::uint32_t kBlockMax = 1024;

  EventChunks() = default;
  EventChunks(EventChunks&& o) noexcept { swap(o); }
  EventChunks& operator=(EventChunks&& o) noexcept {
    EventChunks tmp(std::move(o));
    swap(tmp);
    return *this;
  }
  EventChunks(const EventChunks&) = delete;
  EventChunks& operator=(const EventChunks&) = delete;
  ~EventChunks() { release(head_); }

  void swap(EventChunks& o) noexcept {
    std::swap(head_, o.head_);
    std::swap(tail_, o.tail_);
    std::swap(end_, o.end_);
    std::swap(last_, o.last_);
    std::swap(size_, o.size_);
  }

  void push_back(const EventRecord& e) {
    if (end_ == last_) [[unlikely]]
      grow(0);
    std::construct_at(end_++, e);
    ++size_;
  }

  // Makes the next block hold `n` more records (capped at kBlockMax) when the run has no room
  // left: a bucket whose count is known gets one block of its size, however small (a rung spread
  // over 4,096 buckets of a few events each would otherwise hold kFirstBlock records in each).
  void reserve_next(std::size_t n) {
    if (end_ == last_ && n > 0) grow(n);
  }

  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] bool empty() const { return size_ == 0; }
  // The first record; precondition: !empty().
  [[nodiscard]] const EventRecord& front() const { return *head_->records(); }

  // Calls f(record) for each record in push order.
  template <class F>
  void for_each(F&& f) const {
    std::size_t left = size_;
    for (const Block* b = head_; b != nullptr && left > 0; b = b->next) {
      const std::size_t n = std::min<std::size_t>(left, b->capacity);
      const EventRecord* r = b->records();
      for (std::size_t i = 0; i < n; ++i) f(r[i]);
      left -= n;
    }
  }

  // Whether pred(record) holds for every record (stops at the first that fails).
  template <class P>
  [[nodiscard]] bool all_of(P&& pred) const {
    std::size_t left = size_;
    for (const Block* b = head_; b != nullptr && left > 0; b = b->next) {
      const std::size_t n = std::min<std::size_t>(left, b->capacity);
      const EventRecord* r = b->records();
      for (std::size_t i = 0; i < n; ++i) {
        if (!pred(r[i])) return false;
      }
      left -= n;
    }
    return true;
  }

  // Calls f(record) for each record in push order, freeing each block once visited, and leaves
  // the run empty (without storage).
  template <class F>
  void consume(F&& f) {
    std::size_t left = size_;
    Block* b = head_;
    head_ = tail_ = nullptr;
    end_ = last_ = nullptr;
    size_ = 0;
    while (b != nullptr) {
      const std::size_t n = std::min<std::size_t>(left, b->capacity);
      const EventRecord* r = b->records();
      for (std::size_t i = 0; i < n; ++i) f(r[i]);
      left -= n;
      Block* next = b->next;
      free_block(b);
      b = next;
    }
  }

  // Empties the run and frees its blocks. (Keeping a small first block for reuse held one in
  // each of a rung's up to 4,096 buckets once drained: ~1 MB more than vectors in flood-10k.)
  void clear() {
    release(head_);
    head_ = tail_ = nullptr;
    end_ = last_ = nullptr;
    size_ = 0;
  }

  // Records the blocks can hold (for tests and memory figures).
  [[nodiscard]] std::size_t capacity() const {
    std::size_t n = 0;
    for (const Block* b = head_; b != nullptr; b = b->next) n += b->capacity;
    return n;
  }

 private:
  // A block: this header, then `capacity` records.
  struct Block {
    Block* next;
    std::size_t capacity;
    EventRecord* records() { return reinterpret_cast<EventRecord*>(this + 1); }
    const EventRecord* records() const { return reinterpret_cast<const EventRecord*>(this + 1); }
  };
  static_assert(sizeof(Block) % alignof(EventRecord) == 0, "records follow the header aligned");

  static void free_block(Block* b) { ::operator delete(b); }
  static void release(Block* b) {
    while (b != nullptr) {
      Block* next = b->next;
      free_block(b);
      b = next;
    }
  }

  // Appends a block of `want` records (at most kBlockMax), or with `want` 0 of twice the last
  // block's (between kFirstBlock and kBlockMax).
  void grow(std::size_t want) {
    const std::size_t cap =
        want != 0 ? std::min<std::size_t>(want, kBlockMax)
                  : std::clamp<std::size_t>(tail_ == nullptr ? kFirstBlock : tail_->capacity * 2, kFirstBlock,
                                            kBlockMax);
    void* raw = ::operator new(sizeof(Block) + cap * sizeof(EventRecord));
    Block* b = ::new (raw) Block{nullptr, cap};
    if (tail_ == nullptr) {
      head_ = b;
    } else {
      tail_->next = b;
    }
    tail_ = b;
    end_ = b->records();
    last_ = end_ + cap;
  }

  Block* head_ = nullptr;
  Block* tail_ = nullptr;
  EventRecord* end_ = nullptr;   // next free record of the tail block
  EventRecord* last_ = nullptr;  // one past the tail block's records
  std::size_t size_ = 0;
};

}  // namespace ptplab::sim
