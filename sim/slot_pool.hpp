// A table of records addressed by 32-bit slot numbers (the network's datagrams in flight) whose
// memory follows what is in use now, not the most ever held: slots live in chunks of kChunkSlots,
// a new record takes a free slot of the lowest chunk that has one, and a chunk that empties gives
// its storage back. After a burst (8 overlapping JOIN floods: 252,379 datagrams in flight at once
// in the 8,000-node flood-1k run) the survivors sit in the low chunks and the rest is freed for
// the allocations that follow, where one growing vector kept the burst's size for the whole run
// (reports/BENCHMARKS.md, "[P] session 9").
//
//   SlotPool<Datagram> pool;
//   const std::uint32_t s = pool.insert(d);   // a slot number for an event's payload
//   pool[s].to = ...;
//   Datagram d2 = pool.take(s);               // moved out; the slot is free again
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace ptplab::sim {

// Slot storage for movable, default-constructible records. Slot numbers are stable while the
// record is stored; which number a record gets is a function of the insert/take sequence only
// (deterministic). Not thread-safe.
template <class T>
class SlotPool {
 public:
  // Records per chunk: a chunk's storage is allocated when it is first used and freed when its
  // last record is taken.
  static constexpr std::uint32_t kChunkSlots = 1024;
  // Chunks 0..kKeptChunks-1 keep their storage when empty: steady traffic (HELLOs: hundreds in
  // flight) then allocates nothing.
  static constexpr std::uint32_t kKeptChunks = 1;

  // Stores `value` in the lowest chunk with a free slot and returns its slot number.
  std::uint32_t insert(T value) {
    const std::uint32_t c = lowest_open_chunk();
    Chunk& chunk = chunks_[c];
    std::uint32_t index;
    if (!chunk.free.empty()) {
      index = chunk.free.back();
      chunk.free.pop_back();
      chunk.slots[index] = std::move(value);
    } else {
      if (chunk.slots.empty()) chunk.slots.reserve(kChunkSlots);
      index = static_cast<std::uint32_t>(chunk.slots.size());
      chunk.slots.push_back(std::move(value));
    }
    if (++chunk.used == kChunkSlots) set_open(c, false);
    ++size_;
    return c * kChunkSlots + index;
  }

  // The record in `slot`; precondition: stored (inserted and not taken since).
  [[nodiscard]] T& operator[](std::uint32_t slot) {
    return chunks_[slot / kChunkSlots].slots[slot % kChunkSlots];
  }
  [[nodiscard]] const T& operator[](std::uint32_t slot) const {
    return chunks_[slot / kChunkSlots].slots[slot % kChunkSlots];
  }

  // Moves the record out of `slot` and frees the slot; precondition: stored.
  T take(std::uint32_t slot) {
    T value = std::move((*this)[slot]);
    erase(slot);
    return value;
  }

  // Frees `slot` (its record is reset to T{}, releasing what it holds); precondition: stored.
  void erase(std::uint32_t slot) {
    const std::uint32_t c = slot / kChunkSlots;
    Chunk& chunk = chunks_[c];
    --size_;
    if (--chunk.used == 0 && c >= kKeptChunks) {
      std::vector<T>().swap(chunk.slots);
      std::vector<std::uint16_t>().swap(chunk.free);
    } else {
      chunk.slots[slot % kChunkSlots] = T{};
      chunk.free.push_back(static_cast<std::uint16_t>(slot % kChunkSlots));
    }
    set_open(c, true);
  }

  // Records stored.
  [[nodiscard]] std::size_t size() const { return size_; }
  // Chunks holding storage now (for tests and memory figures).
  [[nodiscard]] std::size_t chunks_allocated() const {
    std::size_t n = 0;
    for (const Chunk& c : chunks_) n += c.slots.capacity() != 0 ? 1 : 0;
    return n;
  }

 private:
  static_assert(kChunkSlots <= UINT16_MAX + 1, "free lists hold 16-bit indices");

  struct Chunk {
    std::vector<T> slots;             // grown to kChunkSlots, then reused through `free`
    std::vector<std::uint16_t> free;  // indices below slots.size() not in use
    std::uint32_t used = 0;
  };

  // The lowest chunk with a free slot, appended when all are full.
  std::uint32_t lowest_open_chunk() {
    for (std::size_t w = first_open_word_; w < open_.size(); ++w) {
      if (open_[w] != 0) {
        first_open_word_ = w;
        return static_cast<std::uint32_t>(w * 64 + static_cast<std::size_t>(std::countr_zero(open_[w])));
      }
    }
    first_open_word_ = open_.size();
    const auto c = static_cast<std::uint32_t>(chunks_.size());
    chunks_.emplace_back();
    if (c % 64 == 0) open_.push_back(0);
    set_open(c, true);
    return c;
  }

  void set_open(std::uint32_t c, bool open) {
    const std::uint64_t bit = std::uint64_t{1} << (c % 64);
    if (open) {
      open_[c / 64] |= bit;
      first_open_word_ = std::min<std::size_t>(first_open_word_, c / 64);
    } else {
      open_[c / 64] &= ~bit;
    }
  }

  std::vector<Chunk> chunks_;
  std::vector<std::uint64_t> open_;  // bit c: chunk c has a free slot (or no storage yet)
  std::size_t first_open_word_ = 0;  // no open bit below this word of open_
  std::size_t size_ = 0;
};

}  // namespace ptplab::sim
