// Copies of short strings that stay put until the arena is cleared, in chunks the arena keeps
// for the next round: after warm-up, copying allocates nothing. The Output buffer uses it to
// own the text of the events an endpoint reports (Event holds string_views).
//
//   TextArena a;
//   std::string_view v = a.copy(some_temporary);  // valid until a.clear()
//   a.clear();                                     // every view is now dangling; chunks kept
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace ptplab {

// A bump allocator for text. Not thread-safe; copies are never freed one by one.
class TextArena {
 public:
  // Chunk size: a few hundred events' ids fit in one. Longer strings get a chunk of their own size.
  static constexpr std::size_t kChunkBytes = 4096;

  TextArena() = default;
  TextArena(TextArena&&) noexcept = default;
  TextArena& operator=(TextArena&&) noexcept = default;
  TextArena(const TextArena&) = delete;
  TextArena& operator=(const TextArena&) = delete;

  // A copy of `s` that stays valid (same address) until clear() or destruction; "" stays "".
  [[nodiscard]] std::string_view copy(std::string_view s) {
    if (chunk_ < chunks_.size() && chunks_[chunk_].size - used_ >= s.size()) {  // the common case
      char* at = chunks_[chunk_].data.get() + used_;
      if (!s.empty()) std::memcpy(at, s.data(), s.size());
      used_ += s.size();
      return {at, s.size()};
    }
    return s.empty() ? std::string_view{} : copy_to_next_chunk(s);
  }
  // Forgets every copy and keeps the chunks for reuse.
  void clear() {
    chunk_ = 0;
    used_ = 0;
  }
  // Bytes held by all chunks (for tests and benchmarks).
  [[nodiscard]] std::size_t capacity() const;

 private:
  struct Chunk {
    std::unique_ptr<char[]> data;
    std::size_t size = 0;
  };
  [[nodiscard]] std::string_view copy_to_next_chunk(std::string_view s);

  std::vector<Chunk> chunks_;
  std::size_t chunk_ = 0;  // the chunk being filled
  std::size_t used_ = 0;   // bytes used in it
};

}  // namespace ptplab
