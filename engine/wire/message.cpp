// Verb names and the msg_id accessor of the wire vocabulary (message.hpp).
#include "engine/wire/message.hpp"

#include <array>
#include <type_traits>

namespace ptplab::wire {
static_assert(std::variant_size_v<Message> == kVerbCount);

std::string_view verb_name(Verb verb) {
  const auto i = static_cast<std::size_t>(verb);
  return i < kVerbNames.size() ? kVerbNames[i] : std::string_view{};
}

std::optional<Verb> verb_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kVerbNames.size(); ++i) {
    if (kVerbNames[i] == name) return static_cast<Verb>(i);
  }
  return std::nullopt;
}

std::string_view msg_id_of(const Message& m) {
  return std::visit(
      [](const auto& v) -> std::string_view {
        if constexpr (requires { v.msg_id; }) {
          return v.msg_id;
        } else {
          return {};
        }
      },
      m);
}

}  // namespace ptplab::wire
