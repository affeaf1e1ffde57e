// The channel book: what a Node knows of each channel (spec ####CHANNEL, ####JOIN, ####LEAVE):
// name, open or closed, our membership, the member list as we see it (listings only add;
// LEAVE removes, and a departed member stays out for a while against stale listings), and for
// closed channels the key ring (####GETKEY, ####KEY). Sending and timers are the Node's
// (node_channels.cpp, node_keys.cpp).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/core/address.hpp"
#include "engine/core/time.hpp"

namespace ptplab::engine {

// How long a member that sent LEAVE stays out of our view whatever listings say: two refresh
// intervals, by when every listing sent before the LEAVE has been superseded.
[[nodiscard]] constexpr TimeNs departed_memory_ns(TimeNs channel_refresh_interval_ns) {
  return 2 * channel_refresh_interval_ns;
}

// A closed channel's symmetric key (AES-256-GCM, 32 raw bytes).
using ChannelKey = std::array<std::uint8_t, 32>;
// The 8-byte id of a channel key (first bytes of its SHA-256) that closed-channel bodies carry.
[[nodiscard]] std::uint64_t channel_key_id(const ChannelKey& key);

// Why: after a re-key, messages sealed under the previous key are still in flight; the ring
// keeps the newest two keys, found by key id.
class KeyRing {
 public:
  // Adds `key` as the newest unless already held; the oldest of three is dropped.
  void keep(const ChannelKey& key);
  // The key with this id, if held.
  [[nodiscard]] const ChannelKey* find(std::uint64_t key_id) const;
  // The newest key and its id; precondition: !empty().
  [[nodiscard]] const std::pair<std::uint64_t, ChannelKey>& newest() const { return keys_.back(); }
  [[nodiscard]] bool empty() const { return keys_.empty(); }
  void clear() { keys_.clear(); }

 private:
  std::vector<std::pair<std::uint64_t, ChannelKey>> keys_;  // (key_id, key), newest last, at most 2
};

// What this node knows of one channel.
struct ChannelState {
  std::string id;
  std::string name;
  bool closed = false;
  bool member = false;
  bool creator = false;
  // A CHANNEL listing arrived (or we created it): only then is `closed` known and may we join.
  // A channel heard of through JOIN or LEAVE alone is not yet available.
  bool announced = false;
  std::vector<std::string> members;  // sorted node_ids
  std::string join_msg_id;           // our last JOIN for this channel, re-sent while peers remember it
  TimeNs join_sent_at = 0;
  // Members that left (LEAVE), with when: a stale listing must not bring them back.
  std::vector<std::pair<std::string, TimeNs>> departed;
  KeyRing keys;
  TimeNs refresh_at = kNever;      // when to re-announce (members only)
  TimeNs key_request_at = kNever;  // when to send the next GETKEY (members lacking the key)
  std::uint32_t key_requests = 0;
  std::optional<TimeNs> key_asked_at;  // our last GETKEY: unknown key ids ask at most this often
  std::string announcer;               // node_id of the first listing: most likely holds the key
  // Members whose GETKEY waits for their certificate (node_id, address), answered when it comes.
  std::vector<std::pair<std::string, Address>> key_waiters;
  // Under propagation "mesh": members' addresses learned from listings (node_id, address), the
  // candidates a member grafts; and whether our last flooded listing carried our own address.
  std::vector<std::pair<std::string, Address>> addresses;
  bool listed_own_address = false;

  // Whether `node_id` is in the member list.
  [[nodiscard]] bool has_member(std::string_view node_id) const;
};

// Why: membership rules (add-only listings, departed memory, bounds) are the subtle part of
// channels; here they are plain functions of their inputs, testable without a network.
class ChannelBook {
 public:
  [[nodiscard]] ChannelState* find(std::string_view id);
  [[nodiscard]] const ChannelState* find(std::string_view id) const;
  // The channel `id`, added (not announced, not a member) if new; null when `max` (0: unbounded)
  // channels are known already.
  [[nodiscard]] ChannelState* learn(std::string_view id, std::string_view name, bool closed, std::size_t max);
  // Adds `id` to the sorted member list unless present or `max` (0: unbounded) is reached; true
  // when it was added.
  static bool add_member(ChannelState& c, std::string_view id, std::size_t max);
  static void remove_member(ChannelState& c, std::string_view id);
  // Merges a received listing into `c`: adds each member but `self` that did not depart less than
  // `memory_ns` ago. True when a member was added.
  static bool merge_listing(TimeNs now, ChannelState& c, const std::vector<std::string>& listing,
                            std::string_view self, TimeNs memory_ns, std::size_t max);
  // A LEAVE from `id` at `now`: out of the member list and remembered as departed (within `max`).
  static void depart(TimeNs now, ChannelState& c, std::string_view id, std::size_t max);
  // A JOIN from `id`: no longer departed, and a member (within `max`).
  static void rejoin(ChannelState& c, std::string_view id, std::size_t max);
  // Forgets departures older than `memory_ns` in every channel.
  void forget_departed(TimeNs now, TimeNs memory_ns);
  // Remembers that `id` at `from` waits for a key until its certificate arrives (once per id,
  // within `max`).
  static void add_key_waiter(ChannelState& c, std::string_view id, const Address& from, std::size_t max);
  // Removes and returns the address of `id` if it waits for a key of `c`.
  [[nodiscard]] static std::optional<Address> take_key_waiter(ChannelState& c, std::string_view id);
  // Records `address` as member `id`'s (replacing an older one, within `max`); true when new.
  static bool note_address(ChannelState& c, std::string_view id, const Address& address, std::size_t max);
  // The address recorded for member `id`, if any.
  [[nodiscard]] static std::optional<Address> address_of(const ChannelState& c, std::string_view id);
  // The ids of all known channels, sorted.
  [[nodiscard]] std::vector<std::string> ids() const;

  [[nodiscard]] std::size_t size() const { return channels_.size(); }
  [[nodiscard]] std::vector<ChannelState>& all() { return channels_; }
  [[nodiscard]] const std::vector<ChannelState>& all() const { return channels_; }

 private:
  std::vector<ChannelState> channels_;
};

}  // namespace ptplab::engine
