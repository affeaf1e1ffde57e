// Channel lookups, membership rules and the key ring.
#include "engine/node/channel_book.hpp"

#include <algorithm>

#include "engine/crypto/hash.hpp"
#include "engine/node/envelope.hpp"
#include "engine/node/table_bound.hpp"

namespace ptplab::engine {

std::uint64_t channel_key_id(const ChannelKey& key) {
  const auto d = crypto::sha256(std::string_view(reinterpret_cast<const char*>(key.data()), key.size()));
  std::uint64_t id = 0;
  for (std::size_t i = 0; i < kKeyIdBytes; ++i) id = (id << 8) | d[i];
  return id;
}

void KeyRing::keep(const ChannelKey& key) {
  const std::uint64_t id = channel_key_id(key);
  for (const auto& k : keys_)
    if (k.first == id) return;
  keys_.emplace_back(id, key);
  if (keys_.size() > 2) keys_.erase(keys_.begin());
}

const ChannelKey* KeyRing::find(std::uint64_t key_id) const {
  for (const auto& k : keys_)
    if (k.first == key_id) return &k.second;
  return nullptr;
}

bool ChannelState::has_member(std::string_view node_id) const {
  return std::binary_search(members.begin(), members.end(), node_id);
}

ChannelState* ChannelBook::find(std::string_view id) {
  for (auto& c : channels_)
    if (c.id == id) return &c;
  return nullptr;
}

const ChannelState* ChannelBook::find(std::string_view id) const {
  for (const auto& c : channels_)
    if (c.id == id) return &c;
  return nullptr;
}

ChannelState* ChannelBook::learn(std::string_view id, std::string_view name, bool closed, std::size_t max) {
  if (ChannelState* c = find(id)) return c;
  if (at_bound(channels_.size(), max)) return nullptr;
  ChannelState c;
  c.id.assign(id);
  c.name.assign(name);
  c.closed = closed;
  channels_.push_back(std::move(c));
  return &channels_.back();
}

bool ChannelBook::add_member(ChannelState& c, std::string_view id, std::size_t max) {
  const auto it = std::lower_bound(c.members.begin(), c.members.end(), id);
  if (it != c.members.end() && *it == id) return false;
  if (at_bound(c.members.size(), max)) return false;
  c.members.insert(it, std::string(id));
  return true;
}

void ChannelBook::remove_member(ChannelState& c, std::string_view id) {
  const auto it = std::lower_bound(c.members.begin(), c.members.end(), id);
  if (it != c.members.end() && *it == id) c.members.erase(it);
}

bool ChannelBook::merge_listing(TimeNs now, ChannelState& c, const std::vector<std::string>& listing,
                                std::string_view self, TimeNs memory_ns, std::size_t max) {
  // Listings only add: a listing sent before a JOIN reached its sender must not undo the JOIN
  // (replacing our view by every listing made views flap and each flap provoke a JOIN flood).
  // Removal is LEAVE's job.
  bool learned = false;
  for (const auto& id : listing) {
    if (id == self) continue;
    const auto gone = std::find_if(c.departed.begin(), c.departed.end(), [&](const auto& d) {
      return d.first == id && now - d.second < memory_ns;
    });
    if (gone == c.departed.end()) learned = add_member(c, id, max) || learned;
  }
  return learned;
}

void ChannelBook::depart(TimeNs now, ChannelState& c, std::string_view id, std::size_t max) {
  remove_member(c, id);
  std::erase_if(c.departed, [&](const auto& d) { return d.first == id; });
  if (!at_bound(c.departed.size(), max)) c.departed.emplace_back(std::string(id), now);
}

void ChannelBook::rejoin(ChannelState& c, std::string_view id, std::size_t max) {
  std::erase_if(c.departed, [&](const auto& d) { return d.first == id; });
  add_member(c, id, max);
}

void ChannelBook::forget_departed(TimeNs now, TimeNs memory_ns) {
  for (auto& c : channels_)
    std::erase_if(c.departed, [&](const auto& d) { return now - d.second >= memory_ns; });
}

void ChannelBook::add_key_waiter(ChannelState& c, std::string_view id, const Address& from, std::size_t max) {
  auto& waiters = c.key_waiters;
  if (std::none_of(waiters.begin(), waiters.end(), [&](const auto& w) { return w.first == id; }) &&
      !at_bound(waiters.size(), max))
    waiters.emplace_back(std::string(id), from);
}

std::optional<Address> ChannelBook::take_key_waiter(ChannelState& c, std::string_view id) {
  const auto w =
      std::find_if(c.key_waiters.begin(), c.key_waiters.end(), [&](const auto& e) { return e.first == id; });
  if (w == c.key_waiters.end()) return std::nullopt;
  const Address to = w->second;
  c.key_waiters.erase(w);
  return to;
}

std::vector<std::string> ChannelBook::ids() const {
  std::vector<std::string> ids;
  for (const auto& c : channels_) ids.push_back(c.id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

bool ChannelBook::note_address(ChannelState& c, std::string_view id, const Address& address,
                               std::size_t max) {
  for (auto& [known, a] : c.addresses) {
    if (known != id) continue;
    if (a == address) return false;
    a = address;
    return true;
  }
  if (max != 0 && c.addresses.size() >= max) return false;
  c.addresses.emplace_back(std::string(id), address);
  return true;
}

std::optional<Address> ChannelBook::address_of(const ChannelState& c, std::string_view id) {
  for (const auto& [known, a] : c.addresses)
    if (known == id) return a;
  return std::nullopt;
}

}  // namespace ptplab::engine
