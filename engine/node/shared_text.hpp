// An immutable text shared by reference count: one allocation {references, size, characters}
// behind an 8-byte handle (a std::string is 32 bytes and a heap copy beyond 15 characters).
// The reliable sender holds its entries' msg_ids this way: a relayed MESSAGE is held once per
// neighbour under one msg_id, which its entries share (reports/BENCHMARKS.md, "[P] idle memory,
// session 15"). Not thread-safe, like the Node that holds it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <stdexcept>
#include <string_view>
#include <utility>

namespace ptplab::engine {

// Why: many entries of one node naming one msg_id kept a heap copy each.
class SharedText {
 public:
  SharedText() = default;
  // A new text holding a copy of `text` (the empty text allocates nothing); throws
  // std::length_error beyond 2^32 - 1 bytes.
  explicit SharedText(std::string_view text) {
    if (text.empty()) return;
    if (text.size() > UINT32_MAX) throw std::length_error("SharedText: a text of 2^32 bytes or more");
    rep_ = static_cast<Rep*>(::operator new(sizeof(Rep) + text.size()));
    rep_->references = 1;
    rep_->size = static_cast<std::uint32_t>(text.size());
    std::memcpy(rep_->characters(), text.data(), text.size());
  }
  SharedText(const SharedText& other) : rep_(other.rep_) {
    if (rep_) ++rep_->references;
  }
  SharedText(SharedText&& other) noexcept : rep_(std::exchange(other.rep_, nullptr)) {}
  SharedText& operator=(SharedText other) noexcept {
    std::swap(rep_, other.rep_);
    return *this;
  }
  ~SharedText() {
    if (rep_) release();
  }

  [[nodiscard]] std::string_view view() const {
    return rep_ ? std::string_view(rep_->characters(), rep_->size) : std::string_view();
  }
  operator std::string_view() const { return view(); }  // NOLINT(google-explicit-constructor)
  // Whether both name the same allocation (copies of one another), not merely equal texts.
  [[nodiscard]] bool shares(const SharedText& other) const { return rep_ != nullptr && rep_ == other.rep_; }
  friend bool operator==(const SharedText& a, std::string_view b) { return a.view() == b; }

 private:
  // Drops this handle's reference, freeing the text with the last one (out of line: inlined,
  // g++ 12 takes a copy's decrement after another's free for a use after free).
  void release() noexcept;

  struct Rep {
    std::uint32_t references;
    std::uint32_t size;
    [[nodiscard]] char* characters() { return reinterpret_cast<char*>(this + 1); }
  };
  Rep* rep_ = nullptr;
};

}  // namespace ptplab::engine
