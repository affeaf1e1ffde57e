// The peer table's lookups and updates; linear scans over a table of at most peers_max (64).
#include "engine/node/peer_table.hpp"

#include <algorithm>
#include <unordered_map>

namespace ptplab::engine {

PeerTable::PeerTable(NodeIdInterner* ids) : ids_(ids) {
  if (!ids_) {
    own_ids_ = std::make_unique<NodeIdInterner>();
    ids_ = own_ids_.get();
  }
}

PeerTable::~PeerTable() {
  for (const auto& p : peers_) ids_->release(p.id);
}

Peer* PeerTable::find(const Address& a) {
  for (auto& p : peers_)
    if (p.address == a) return &p;
  return nullptr;
}

const Peer* PeerTable::find(const Address& a) const {
  for (const auto& p : peers_)
    if (p.address == a) return &p;
  return nullptr;
}

Peer* PeerTable::find_by_id(std::string_view id) {
  const NodeIdRef ref = ids_->find(id);
  if (ref == 0) return nullptr;
  for (auto& p : peers_)
    if (p.id == ref) return &p;
  return nullptr;
}

void PeerTable::name(Peer& p, std::string_view id) {
  const NodeIdRef ref = ids_->acquire(id);  // before the release: `id` may view p.node_id
  ids_->release(p.id);
  p.id = ref;
  p.node_id = ids_->text(ref);
}

Peer* PeerTable::find_by_serial(std::uint32_t serial) {
  for (auto& p : peers_)
    if (p.serial == serial) return &p;
  return nullptr;
}

Peer& PeerTable::add(TimeNs now, const Address& a, bool initiated) {
  Peer p;
  p.address = a;
  p.serial = next_serial_++;
  p.last_heard = now;
  p.initiated = initiated;
  peers_.push_back(p);
  return peers_.back();
}

std::optional<std::size_t> PeerTable::first_stale(TimeNs now, TimeNs timeout_ns) const {
  const auto it =
      std::find_if(peers_.begin(), peers_.end(), [&](const Peer& p) { return !live(p, now, timeout_ns); });
  if (it == peers_.end()) return std::nullopt;
  return static_cast<std::size_t>(it - peers_.begin());
}

std::size_t PeerTable::count_ip(std::uint32_t ip) const {
  return static_cast<std::size_t>(
      std::count_if(peers_.begin(), peers_.end(), [&](const Peer& p) { return p.address.ip == ip; }));
}

std::optional<std::size_t> PeerTable::quietest_of_ip(std::uint32_t ip) const {
  std::optional<std::size_t> best;
  for (std::size_t i = 0; i < peers_.size(); ++i) {
    const Peer& p = peers_[i];
    if (p.address.ip == ip && !p.initiated && (!best || p.last_heard < peers_[*best].last_heard)) best = i;
  }
  return best;
}

std::optional<std::size_t> PeerTable::newest_of_most_crowded(std::size_t more_than) const {
  std::unordered_map<std::uint32_t, std::size_t> per_ip;
  for (const auto& p : peers_)
    if (!p.initiated) ++per_ip[p.address.ip];
  std::uint32_t crowded = 0;
  std::size_t most = 0;
  for (const auto& [ip, n] : per_ip)
    if (n > most || (n == most && ip < crowded)) {  // ties: the lower IP, independent of hashing
      crowded = ip;
      most = n;
    }
  if (most <= more_than) return std::nullopt;
  for (std::size_t i = peers_.size(); i-- > 0;)  // table order is insertion order: the last is the newest
    if (peers_[i].address.ip == crowded && !peers_[i].initiated) return i;
  return std::nullopt;
}

void PeerTable::remove(std::size_t index) {
  ids_->release(peers_[index].id);
  peers_.erase(peers_.begin() + static_cast<std::ptrdiff_t>(index));
}

std::optional<Address> PeerTable::heard_address(std::string_view id) const {
  // "" matches the peers not yet named (id 0); an id no table holds matches none.
  const NodeIdRef ref = ids_->find(id);
  if (ref == 0 && !id.empty()) return std::nullopt;
  for (const auto& p : peers_)
    if (p.heard && p.id == ref) return p.address;
  return std::nullopt;
}

std::optional<Address> PeerTable::live_address(std::string_view id, TimeNs now, TimeNs timeout_ns) const {
  // "" matches the peers not yet named (id 0); an id no table holds matches none.
  const NodeIdRef ref = ids_->find(id);
  if (ref == 0 && !id.empty()) return std::nullopt;
  return live_of(ref, now, timeout_ns);
}

std::optional<Address> PeerTable::live_address(NodeIdRef id, TimeNs now, TimeNs timeout_ns) const {
  if (id == 0) return std::nullopt;
  return live_of(id, now, timeout_ns);
}

std::optional<Address> PeerTable::live_of(NodeIdRef id, TimeNs now, TimeNs timeout_ns) const {
  for (const auto& p : peers_)
    if (p.id == id && live(p, now, timeout_ns)) return p.address;
  return std::nullopt;
}

std::vector<Address> PeerTable::live_addresses(TimeNs now, TimeNs timeout_ns,
                                               std::optional<Address> except) const {
  std::vector<Address> out;
  for (const auto& p : peers_)
    if (live(p, now, timeout_ns) && (!except || p.address != *except)) out.push_back(p.address);
  return out;
}

void PeerTable::move(Peer& p, const Address& from, TimeNs now) {
  p.address = from;
  p.heard = true;
  p.last_heard = now;
  p.verified = p.initiated;
  p.validated = false;
}

}  // namespace ptplab::engine
