// A NAT box: one public IPv4 address in front of one or many private hosts. It translates
// outbound datagrams (creating or refreshing mappings) and decides which inbound datagrams
// reach which private host, per its NatConfig. Idle mappings expire lazily when looked at.
#pragma once

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "engine/core/address.hpp"
#include "engine/core/rng.hpp"
#include "engine/core/time.hpp"
#include "sim/host_id.hpp"
#include "sim/nat_config.hpp"

namespace ptplab::sim {

// The translation state of one NAT box.
class NatBox {
 public:
  NatBox(std::uint32_t public_ip, const NatConfig& config, Rng rng);

  [[nodiscard]] std::uint32_t public_ip() const { return public_ip_; }
  [[nodiscard]] const NatConfig& config() const { return config_; }

  // Registers a private host; false if its private IP is already taken on this box.
  bool attach(std::uint32_t private_ip, HostId host);
  // The private host with this IP, if any.
  [[nodiscard]] std::optional<HostId> lan_host(std::uint32_t private_ip) const;

  // Translates an outbound datagram from `internal` to `remote`: returns the public source port
  // (creating the mapping or refreshing it, and opening the filter for `remote`), or nullopt if
  // no port is free.
  [[nodiscard]] std::optional<std::uint16_t> outbound(TimeNs now, const Address& internal,
                                                      const Address& remote);
  // Where a datagram from `remote` to public port `port` goes: the internal address, or nullopt
  // if there is no live mapping or the filter rejects the source.
  [[nodiscard]] std::optional<Address> inbound(TimeNs now, const Address& remote, std::uint16_t port);

  // Live (not yet expired) mappings at `now`.
  [[nodiscard]] std::size_t live_mappings(TimeNs now) const;

 private:
  struct Permit {
    Address remote;
    TimeNs last_ns = 0;
  };
  struct Mapping {
    Address internal;
    Address key_remote;  // the destination part the mapping depends on ({0,0} for EIM)
    TimeNs last_out_ns = 0;
    std::vector<Permit> permits;  // filter state; empty for endpoint-independent filtering
  };
  struct Key {
    Address internal;
    Address remote;
    friend bool operator==(const Key&, const Key&) = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const noexcept;
  };

  [[nodiscard]] bool expired(const Mapping& m, TimeNs now) const;
  [[nodiscard]] Address key_remote(const Address& remote) const;
  [[nodiscard]] Address permit_key(const Address& remote) const;
  // A free public port for a new mapping of `internal_port`, per config_.port_allocation.
  std::optional<std::uint16_t> allocate_port(TimeNs now, std::uint16_t internal_port);
  void remove(std::uint16_t port);
  void open_filter(Mapping& m, const Address& remote, TimeNs now);

  std::uint32_t public_ip_;
  NatConfig config_;
  Rng rng_;
  std::uint32_t next_port_;
  std::unordered_map<std::uint16_t, Mapping> by_port_;
  std::unordered_map<Key, std::uint16_t, KeyHash> by_key_;
  std::vector<std::pair<std::uint32_t, HostId>> lan_;  // private IP -> host, sorted by IP
};

}  // namespace ptplab::sim
