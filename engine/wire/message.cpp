// The msg_id accessor of the wire vocabulary (message.hpp).
#include "engine/wire/message.hpp"

namespace ptplab::wire {

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
