// The text arena's chunk walk.
#include "engine/core/text_arena.hpp"

#include <algorithm>

namespace ptplab {

std::string_view TextArena::copy_to_next_chunk(std::string_view s) {
  // Skip chunks (kept from earlier rounds) with too little room left; the tail is wasted until clear().
  while (chunk_ < chunks_.size() && chunks_[chunk_].size - used_ < s.size()) {
    ++chunk_;
    used_ = 0;
  }
  if (chunk_ == chunks_.size()) {
    const std::size_t size = std::max(kChunkBytes, s.size());
    chunks_.push_back(Chunk{std::make_unique<char[]>(size), size});
  }
  char* at = chunks_[chunk_].data.get() + used_;
  std::memcpy(at, s.data(), s.size());
  used_ += s.size();
  return {at, s.size()};
}

std::size_t TextArena::capacity() const {
  std::size_t total = 0;
  for (const auto& c : chunks_) total += c.size;
  return total;
}

}  // namespace ptplab
