// A flat open-addressing hash map from IPv4 address to a 32-bit value: the network looks up
// the destination of every datagram here, so it avoids std::unordered_map's node per entry.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace ptplab::sim {

// IPv4 address -> uint32 value, linear probing, grows at 50% load. No erase (hosts stay).
class IpMap {
 public:
  // Inserts; false if `ip` is already present (the old value stays).
  bool insert(std::uint32_t ip, std::uint32_t value);
  [[nodiscard]] std::optional<std::uint32_t> find(std::uint32_t ip) const;
  [[nodiscard]] std::size_t size() const { return size_; }

 private:
  struct Slot {
    std::uint32_t ip = 0;
    std::uint32_t value = 0;
    bool used = false;
  };
  void grow();
  [[nodiscard]] static std::size_t hash(std::uint32_t ip);

  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

}  // namespace ptplab::sim
