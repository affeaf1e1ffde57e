// Readable quantities in scenario files: bit rates ("38Mbit/s") and byte sizes ("64KiB").
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace ptplab::scenarios {

// Bits per second from "38Mbit/s", "1.5Gbit/s", "100kbps", "10MB/s" (bytes: x8) or a bare
// number of bits per second; nullopt on anything else or on a negative value.
[[nodiscard]] std::optional<std::uint64_t> parse_bitrate(std::string_view text);

// Bytes from "1500", "1500B", "64kB" (1000), "64KiB" (1024), "1MB", "1MiB", "1GB", "1GiB";
// nullopt on anything else or on a negative value.
[[nodiscard]] std::optional<std::uint64_t> parse_byte_size(std::string_view text);

}  // namespace ptplab::scenarios
