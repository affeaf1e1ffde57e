// Acquiring, finding and releasing interned node ids.
#include "engine/node/node_id_interner.hpp"

namespace ptplab::engine {

NodeIdRef NodeIdInterner::acquire(std::string_view text) {
  if (text.empty()) return 0;
  if (const auto it = index_.find(text); it != index_.end()) {
    ++entries_[it->second].refs;
    return it->second;
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
  e.text = std::make_unique<const std::string>(text);
  e.refs = 1;
  index_.emplace(std::string_view(*e.text), id);
  return id;
}

void NodeIdInterner::release(NodeIdRef id) {
  if (id == 0) return;
  Entry& e = entries_[id];
  if (--e.refs > 0) return;
  index_.erase(std::string_view(*e.text));
  e.text.reset();
  free_.push_back(id);
}

NodeIdRef NodeIdInterner::find(std::string_view text) const {
  if (text.empty()) return 0;
  const auto it = index_.find(text);
  return it == index_.end() ? 0 : it->second;
}

}  // namespace ptplab::engine
