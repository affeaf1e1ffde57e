// The Output buffer: events own their text in the arena.
#include "engine/core/output.hpp"

#include <type_traits>

namespace ptplab {
namespace {

// Re-points a text field of an event at the arena's copy; fields of other types are left alone.
template <class T>
void own(T& field, TextArena& text) {
  if constexpr (std::is_same_v<T, std::string_view>) field = text.copy(field);
}

}  // namespace

// A tripwire: Event changed shape. Every std::string_view field of Event must be listed in
// Output::event (views into the caller's strings would dangle after the call); then update the size.
static_assert(sizeof(Event) == 112,
              "Event changed: own its text fields in Output::event, then update this size");

void Output::event(const Event& e) {
  Event& copy = events_.emplace_back(e);
  own(copy.reason, text_);
  own(copy.msg_id, text_);
  own(copy.node_id, text_);
  own(copy.channel_id, text_);
  own(copy.text, text_);
}

void Output::clear() {
  datagrams_.clear();
  events_.clear();
  text_.clear();
  wake_.reset();
}

}  // namespace ptplab
