// Acquiring, finding and releasing interned node ids over an open-addressing index.
#include "engine/node/node_id_interner.hpp"

#include <cstring>
#include <functional>

namespace ptplab::engine {

std::uint64_t NodeIdInterner::hash_of(std::string_view text) { return std::hash<std::string_view>{}(text); }

std::size_t NodeIdInterner::probe(std::string_view text, std::uint64_t h) const {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = static_cast<std::size_t>(h) & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.id == 0) return i;
    if (s.hash == h && s.size == text.size() && std::memcmp(s.text, text.data(), text.size()) == 0) return i;
  }
}

void NodeIdInterner::grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.id == 0) continue;
    std::size_t i = static_cast<std::size_t>(s.hash) & mask;
    while (slots_[i].id != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

void NodeIdInterner::erase_slot(std::size_t i) {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t j = (i + 1) & mask; slots_[j].id != 0; j = (j + 1) & mask) {
    // Slot j may move back to the hole at i unless its home lies cyclically in (i, j].
    const std::size_t home = static_cast<std::size_t>(slots_[j].hash) & mask;
    const bool stays = i < j ? (home > i && home <= j) : (home > i || home <= j);
    if (!stays) {
      slots_[i] = slots_[j];
      i = j;
    }
  }
  slots_[i] = Slot{};
}

NodeIdRef NodeIdInterner::acquire(std::string_view text) {
  if (text.empty()) return 0;
  const std::uint64_t h = hash_of(text);
  std::size_t at = probe(text, h);
  if (slots_[at].id != 0) {
    ++entries_[slots_[at].id].refs;
    return slots_[at].id;
  }
  if (2 * (used_ + 1) > slots_.size()) {
    grow();
    at = probe(text, h);
  }
  NodeIdRef id = 0;
  if (free_.empty()) {
    id = static_cast<NodeIdRef>(entries_.size());
    entries_.emplace_back();
  } else {
    id = free_.back();
    free_.pop_back();
  }
  Entry& e = entries_[id];
  e.text = std::make_unique<char[]>(text.size());
  std::memcpy(e.text.get(), text.data(), text.size());
  e.size = static_cast<std::uint32_t>(text.size());
  e.refs = 1;
  slots_[at] = Slot{h, e.text.get(), e.size, id};
  ++used_;
  return id;
}

void NodeIdInterner::release(NodeIdRef id) {
  if (id == 0) return;
  Entry& e = entries_[id];
  if (--e.refs > 0) return;
  const std::string_view text(e.text.get(), e.size);
  erase_slot(probe(text, hash_of(text)));
  --used_;
  e.text.reset();
  e.size = 0;
  free_.push_back(id);
}

NodeIdRef NodeIdInterner::find(std::string_view text) const {
  if (text.empty()) return 0;
  return slots_[probe(text, hash_of(text))].id;
}

}  // namespace ptplab::engine
