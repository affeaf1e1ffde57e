// Mapping creation, refresh and lazy expiry; port allocation; filtering.
#include "sim/nat_box.hpp"

#include <algorithm>

namespace ptplab::sim {
namespace {

// Random port allocation gives up drawing after this many taken ports and scans instead.
constexpr int kRandomPortDrawsMax = 64;

}  // namespace

std::size_t NatBox::KeyHash::operator()(const Key& k) const noexcept {
  const std::uint64_t a = (static_cast<std::uint64_t>(k.internal.ip) << 16) | k.internal.port;
  const std::uint64_t b = (static_cast<std::uint64_t>(k.remote.ip) << 16) | k.remote.port;
  return static_cast<std::size_t>((a * 0x9e3779b97f4a7c15ULL) ^ (b * 0xc2b2ae3d27d4eb4fULL));
}

NatBox::NatBox(std::uint32_t public_ip, const NatConfig& config, Rng rng)
    : public_ip_(public_ip), config_(config), rng_(rng), next_port_(config.port_min) {}

bool NatBox::attach(std::uint32_t private_ip, HostId host) {
  const auto it = std::lower_bound(lan_.begin(), lan_.end(), std::pair{private_ip, HostId{0}});
  if (it != lan_.end() && it->first == private_ip) return false;
  lan_.insert(it, {private_ip, host});
  return true;
}

std::optional<HostId> NatBox::lan_host(std::uint32_t private_ip) const {
  const auto it = std::lower_bound(lan_.begin(), lan_.end(), std::pair{private_ip, HostId{0}});
  if (it == lan_.end() || it->first != private_ip) return std::nullopt;
  return it->second;
}

bool NatBox::expired(const Mapping& m, TimeNs now) const {
  return now - m.last_out_ns >= config_.mapping_timeout_ns;
}

Address NatBox::key_remote(const Address& remote) const {
  switch (config_.mapping) {
    case NatMapping::kEndpointIndependent: return Address{};
    case NatMapping::kAddressDependent: return Address{remote.ip, 0};
    case NatMapping::kAddressAndPortDependent: return remote;
  }
  return remote;
}

Address NatBox::permit_key(const Address& remote) const {
  return config_.filtering == NatFiltering::kAddressDependent ? Address{remote.ip, 0} : remote;
}

void NatBox::remove(std::uint16_t port) {
  const auto it = by_port_.find(port);
  if (it == by_port_.end()) return;
  by_key_.erase(Key{it->second.internal, it->second.key_remote});
  by_port_.erase(it);
}

std::optional<std::uint16_t> NatBox::allocate_port(TimeNs now, std::uint16_t internal_port) {
  const std::uint32_t range =
      config_.port_max >= config_.port_min ? config_.port_max - config_.port_min + 1u : 0u;
  if (range == 0) return std::nullopt;
  if (by_port_.size() >= std::min<std::size_t>(config_.mappings_max, range)) {
    std::vector<std::uint16_t> stale;
    for (const auto& [port, m] : by_port_) {
      if (expired(m, now)) stale.push_back(port);
    }
    for (const auto port : stale) remove(port);
    if (by_port_.size() >= std::min<std::size_t>(config_.mappings_max, range)) return std::nullopt;
  }
  const auto usable = [&](std::uint16_t port) {
    const auto it = by_port_.find(port);
    if (it == by_port_.end()) return true;
    if (!expired(it->second, now)) return false;
    remove(port);
    return true;
  };
  // RFC 4787 section 4.1 port preservation: keep the internal port when it is free, else fall
  // back to the sequential scan.
  if (config_.port_allocation == PortAllocation::kPreserving && internal_port >= config_.port_min &&
      internal_port <= config_.port_max && usable(internal_port)) {
    return internal_port;
  }
  if (config_.port_allocation == PortAllocation::kRandom) {
    for (int i = 0; i < kRandomPortDrawsMax; ++i) {
      const auto port = static_cast<std::uint16_t>(config_.port_min + rng_.below(range));
      if (usable(port)) return port;
    }
  }
  for (std::uint32_t i = 0; i < range; ++i) {
    const auto port = static_cast<std::uint16_t>(next_port_);
    next_port_ = next_port_ >= config_.port_max ? config_.port_min : next_port_ + 1;
    if (usable(port)) return port;
  }
  return std::nullopt;
}

void NatBox::open_filter(Mapping& m, const Address& remote, TimeNs now) {
  if (config_.filtering == NatFiltering::kEndpointIndependent) return;
  const Address key = permit_key(remote);
  for (auto& p : m.permits) {
    if (p.remote == key) {
      p.last_ns = now;
      return;
    }
  }
  if (m.permits.size() < config_.filter_entries_max) {
    m.permits.push_back(Permit{key, now});
    return;
  }
  auto oldest = std::min_element(m.permits.begin(), m.permits.end(),
                                 [](const Permit& a, const Permit& b) { return a.last_ns < b.last_ns; });
  *oldest = Permit{key, now};
}

std::optional<std::uint16_t> NatBox::outbound(TimeNs now, const Address& internal, const Address& remote) {
  const Key key{internal, key_remote(remote)};
  if (const auto it = by_key_.find(key); it != by_key_.end()) {
    const std::uint16_t port = it->second;
    Mapping& m = by_port_.at(port);
    if (!expired(m, now)) {
      m.last_out_ns = now;
      open_filter(m, remote, now);
      return port;
    }
    remove(port);
  }
  const auto port = allocate_port(now, internal.port);
  if (!port) return std::nullopt;
  Mapping m{internal, key.remote, now, {}};
  open_filter(m, remote, now);
  by_port_.emplace(*port, std::move(m));
  by_key_.emplace(key, *port);
  return port;
}

std::optional<Address> NatBox::inbound(TimeNs now, const Address& remote, std::uint16_t port) {
  const auto it = by_port_.find(port);
  if (it == by_port_.end()) return std::nullopt;
  const Mapping& m = it->second;
  if (expired(m, now)) {
    remove(port);
    return std::nullopt;
  }
  if (config_.filtering != NatFiltering::kEndpointIndependent) {
    const Address key = permit_key(remote);
    const bool permitted = std::any_of(m.permits.begin(), m.permits.end(), [&](const Permit& p) {
      return p.remote == key && now - p.last_ns < config_.mapping_timeout_ns;
    });
    if (!permitted) return std::nullopt;
  }
  return m.internal;
}

std::size_t NatBox::live_mappings(TimeNs now) const {
  return static_cast<std::size_t>(std::count_if(by_port_.begin(), by_port_.end(),
                                                [&](const auto& kv) { return !expired(kv.second, now); }));
}

}  // namespace ptplab::sim
