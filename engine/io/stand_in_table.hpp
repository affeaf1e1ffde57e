// The IPv6 stand-ins of a UdpHost: the engine's addresses are IPv4 (engine/core/address.hpp), so
// each IPv6 address a host exchanges datagrams with is given an Address of 240.0.0.0/4 (reserved,
// never routed) while the endpoint may still need it. The table is bounded; once full, it
// reclaims the stand-ins the endpoint no longer remembers (Endpoint::visit_remembered), so that
// junk from many forged IPv6 sources holds it only while the endpoint remembers them (its own
// tables are bounded) and never for good. PROTOCOL.md "IPv6 stand-ins" states the rule.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <vector>

#include "engine/core/address.hpp"
#include "engine/core/endpoint.hpp"
#include "engine/core/time.hpp"

namespace ptplab::engine {

// Why: a table that never frees its entries is locked, for good, by the first kStandInsMax
// forged sources (review 13 S2); one that frees an entry the endpoint still remembers would hand
// the next newcomer the old address's state (a proved address, a rate allowance, a peer entry).
class StandInTable {
 public:
  using Ipv6 = std::array<std::uint8_t, 16>;  // an IPv6 address, network byte order
  // Asks the endpoint which Addresses it remembers: calls the visitor with each and returns true,
  // or returns false when it cannot tell (Endpoint::visit_remembered).
  using Remembered = std::function<bool(const AddressVisitor& visit)>;

  static constexpr TimeNs kSweepPauseNs = kSecond;  // between sweeps that reclaimed little

  // A table of at most `max` (>= 1) stand-ins, 240.0.0.1 to 240.0.0.0 + max.
  explicit StandInTable(std::size_t max) : max_(max) {}

  // The stand-in IP (host order) of `ip` at `now`: its own if it has one, else a free one; when
  // all `max` are taken, first reclaims every stand-in neither pinned nor remembered by the
  // endpoint (asking `remembered` at most once per kSweepPauseNs after a sweep that freed less
  // than an eighth of the table: a flood does not make each datagram scan the endpoint).
  // nullopt when none is free: the caller drops the datagram.
  [[nodiscard]] std::optional<std::uint32_t> take(const Ipv6& ip, TimeNs now, const Remembered& remembered);
  // Never reclaims `stand_in` (the host's own address, the peers its user named).
  void pin(std::uint32_t stand_in);
  // The IPv6 address `stand_in` stands for now; nullopt if it is no stand-in in use.
  [[nodiscard]] std::optional<Ipv6> stood_in(std::uint32_t stand_in) const;

  [[nodiscard]] std::size_t size() const { return by_ip_.size(); }
  [[nodiscard]] std::size_t max() const { return max_; }
  // Stand-ins reclaimed so far (each was then free for a new IPv6 address).
  [[nodiscard]] std::uint64_t reclaimed() const { return reclaimed_; }

 private:
  struct Entry {
    Ipv6 ip{};
    bool used = false;
    bool pinned = false;
  };
  // Frees the stand-ins neither pinned nor remembered; how many.
  std::size_t sweep(const Remembered& remembered);
  [[nodiscard]] std::optional<std::size_t> index_of(std::uint32_t stand_in) const;

  std::size_t max_;
  std::vector<Entry> entries_;           // index i: stand-in 240.0.0.0 + i + 1
  std::map<Ipv6, std::uint32_t> by_ip_;  // ip -> index
  std::deque<std::uint32_t> free_;       // reclaimed indices, the longest free first
  TimeNs next_sweep_ = 0;                // no sweep before this (after a poor one)
  std::uint64_t reclaimed_ = 0;
};

}  // namespace ptplab::engine
