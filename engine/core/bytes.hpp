// Immutable, shared datagram payloads: a datagram is encoded once and the same buffer is
// handed to every receiver (flooding a message to 8 peers allocates it once, not 8 times).
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace ptplab {

// A shared, immutable byte buffer. Copying it copies a pointer.
using SharedBytes = std::shared_ptr<const std::string>;

[[nodiscard]] inline SharedBytes make_bytes(std::string bytes) {
  return std::make_shared<const std::string>(std::move(bytes));
}

}  // namespace ptplab
