// Channels and their keys: CHANNEL announce and refresh, JOIN/LEAVE with the spec's triggers,
// member lists, closed-channel keys (GETKEY answered only for members, KEY wrapped for the
// requester's certificate) and the optional re-key on leave.
#include <algorithm>

#include "engine/crypto/hash.hpp"
#include "engine/node/ids.hpp"
#include "engine/node/node_state.hpp"

namespace ptplab::engine {
namespace {

constexpr std::string_view kCipher = "AES-256-GCM";

std::string key_info(std::string_view channel_id) { return "ptplab-key:" + std::string(channel_id); }

void keep_key(ChannelState& c, const ChannelKey& key) {
  const std::uint64_t id = channel_key_id(key);
  for (const auto& k : c.keys)
    if (k.first == id) return;
  c.keys.emplace_back(id, key);
  // The previous key stays usable for messages still in flight after a re-key.
  if (c.keys.size() > 2) c.keys.erase(c.keys.begin());
}

// How long a member that sent LEAVE stays out of our view whatever listings say.
TimeNs departed_memory(const NodeParams& p) { return 2 * p.channel_refresh_interval_ns; }

TimeNs refresh_delay(NodeState& s) {
  return static_cast<TimeNs>(static_cast<double>(s.params.channel_refresh_interval_ns) *
                             s.rng.uniform(1.0, 1.5));
}

void channel_event(Output& out, EventKind kind, const ChannelState& c) {
  Event e;
  e.kind = kind;
  e.channel_id = c.id;
  out.event(e);
}

}  // namespace

std::uint64_t channel_key_id(const ChannelKey& key) {
  const auto d = crypto::sha256(std::string_view(reinterpret_cast<const char*>(key.data()), key.size()));
  std::uint64_t id = 0;
  for (std::size_t i = 0; i < kKeyIdBytes; ++i) id = (id << 8) | d[i];
  return id;
}

ChannelState* NodeState::find_channel(std::string_view id) {
  for (auto& c : channels)
    if (c.id == id) return &c;
  return nullptr;
}

const ChannelState* NodeState::find_channel(std::string_view id) const {
  for (const auto& c : channels)
    if (c.id == id) return &c;
  return nullptr;
}

ChannelState* NodeState::learn_channel(std::string_view id, std::string_view name, bool closed, Output& out) {
  if (ChannelState* c = find_channel(id)) return c;
  if (over(channels.size(), params.channels_max)) {
    dropped(out, Address{}, "CHANNEL", "channels_full");
    return nullptr;
  }
  ChannelState c;
  c.id.assign(id);
  c.name.assign(name);
  c.closed = closed;
  channels.push_back(std::move(c));
  return &channels.back();
}

bool NodeState::add_member(ChannelState& c, std::string_view id) const {
  const auto it = std::lower_bound(c.members.begin(), c.members.end(), id);
  if (it != c.members.end() && *it == id) return false;
  if (over(c.members.size(), params.members_max)) return false;
  c.members.insert(it, std::string(id));
  return true;
}

void NodeState::remove_member(ChannelState& c, std::string_view id) const {
  const auto it = std::lower_bound(c.members.begin(), c.members.end(), id);
  if (it != c.members.end() && *it == id) c.members.erase(it);
}

bool NodeState::merge_listing(TimeNs now, ChannelState& c, const std::vector<std::string>& listing) const {
  // Listings only add: a listing sent before a JOIN reached its sender must not undo the JOIN
  // (replacing our view by every listing made views flap and each flap provoke a JOIN flood).
  // Removal is LEAVE's job; a member that left stays out for departed_memory() against stale
  // listings still in flight.
  const TimeNs memory = departed_memory(params);
  bool learned = false;
  for (const auto& id : listing) {
    if (id == node_id) continue;
    const auto gone = std::find_if(c.departed.begin(), c.departed.end(),
                                   [&](const auto& d) { return d.first == id && now - d.second < memory; });
    if (gone == c.departed.end()) learned = add_member(c, id) || learned;
  }
  return learned;
}

void NodeState::forget_departed(TimeNs now) {
  const TimeNs memory = departed_memory(params);
  for (auto& c : channels) std::erase_if(c.departed, [&](const auto& d) { return now - d.second >= memory; });
}

SharedBytes NodeState::channel_listing(TimeNs now, const ChannelState& c, const std::string& msg_id) {
  dedup.insert(msg_id, 0, now, bound(params.dedup_entries_max));
  return make_bytes(wire::encode(wire::Channel{msg_id, node_id, c.name, c.id, c.members, c.closed}));
}

void NodeState::announce(TimeNs now, ChannelState& c, Output& out) {
  const std::string msg_id = new_msg_id();
  const auto bytes = channel_listing(now, c, msg_id);
  c.refresh_at = now + refresh_delay(*this);
  const std::vector<std::string> recipients = c.members;
  propagate(now, bytes, wire::Verb::kChannel, msg_id, recipients, std::nullopt, out);
}

std::string NodeState::create_channel(TimeNs now, std::string_view name, bool closed, Output& out) {
  const std::string id = make_uuid4(rng);
  ChannelState* c = learn_channel(id, name, closed, out);
  if (!c) return {};
  c->member = true;
  c->creator = true;
  c->announced = true;
  add_member(*c, node_id);
  if (closed) {
    ChannelKey key{};
    for (auto& b : key) b = static_cast<std::uint8_t>(rng());
    keep_key(*c, key);
  }
  channel_event(out, EventKind::kChannelJoined, *c);
  announce(now, *c, out);
  return id;
}

void NodeState::announce_membership(TimeNs now, ChannelState& c, Output& out) {
  // While our last JOIN is still remembered by the de-dup windows it is sent again under its own
  // msg_id: whoever has it drops the copy, whoever missed it relays it. A fresh msg_id for each
  // stale listing made every member re-flood a JOIN through the whole overlay: a 100-node
  // channel sent 275,000 JOIN datagrams in its first two seconds.
  if (c.join_msg_id.empty() || now - c.join_sent_at >= params.dedup_window_ns / 2) {
    c.join_msg_id = new_msg_id();
    c.join_sent_at = now;
    dedup.insert(c.join_msg_id, 0, now, bound(params.dedup_entries_max));
  }
  propagate(now, join_datagram(c), wire::Verb::kJoin, c.join_msg_id, c.members, std::nullopt, out);
}

SharedBytes NodeState::join_datagram(const ChannelState& c) const {
  return make_bytes(wire::encode(wire::Join{c.join_msg_id, node_id, c.name, c.id}));
}

bool NodeState::join_channel(TimeNs now, std::string_view id, Output& out) {
  ChannelState* c = find_channel(id);
  if (!c || !c->announced || c->member) return false;
  c->member = true;
  add_member(*c, node_id);
  channel_event(out, EventKind::kChannelJoined, *c);
  c->refresh_at = now + refresh_delay(*this);
  announce_membership(now, *c, out);
  if (c->closed && c->keys.empty()) request_key(now, *c, out);
  return true;
}

bool NodeState::leave_channel(TimeNs now, std::string_view id, Output& out) {
  ChannelState* c = find_channel(id);
  if (!c || !c->member) return false;
  const std::string msg_id = new_msg_id();
  dedup.insert(msg_id, 0, now, bound(params.dedup_entries_max));
  const auto bytes = make_bytes(wire::encode(wire::Leave{msg_id, node_id, c->name, c->id}));
  const std::vector<std::string> recipients = c->members;
  c->member = false;
  c->creator = false;
  c->keys.clear();
  c->refresh_at = kNever;
  c->key_request_at = kNever;
  c->join_msg_id.clear();  // a later JOIN is news again
  remove_member(*c, node_id);
  channel_event(out, EventKind::kChannelLeft, *c);
  propagate(now, bytes, wire::Verb::kLeave, msg_id, recipients, std::nullopt, out);
  return true;
}

void NodeState::on_channel(TimeNs now, const Address& from, const wire::Channel& m, Output& out) {
  if (dedup.find(m.msg_id)) {
    Event e;
    e.kind = EventKind::kDuplicate;
    e.verb = "CHANNEL";
    e.msg_id = m.msg_id;
    e.peer = from;
    return out.event(e);
  }
  dedup.insert(m.msg_id, 0, now, bound(params.dedup_entries_max));
  const SharedBytes bytes = current;
  ChannelState* c = learn_channel(m.channel_id, m.channel, m.closed, out);
  if (!c) return;
  // News is what makes a listing worth relaying: a channel we did not have, a change of
  // `closed`, or a member we did not know. Relaying news only keeps announcements to new
  // neighbours and refreshes from flooding the whole overlay each time.
  bool news = !c->announced || c->closed != m.closed;
  if (!c->announced) c->announcer = m.node_id;
  c->announced = true;
  c->closed = m.closed;
  if (c->name.empty()) c->name = m.channel;
  news = merge_listing(now, *c, m.members) || news;
  const bool listed = std::find(m.members.begin(), m.members.end(), node_id) != m.members.end();
  const std::vector<std::string> recipients = c->members;
  if (c->member) {
    c->refresh_at = now + refresh_delay(*this);
    if (c->closed && c->keys.empty()) c->key_request_at = std::min(c->key_request_at, now);
    // The spec's trigger: the listing leaves us out, so we announce our membership again.
    if (!listed) announce_membership(now, *c, out);
  } else if (listed) {
    const std::string msg_id = new_msg_id();
    dedup.insert(msg_id, 0, now, bound(params.dedup_entries_max));
    propagate(now, make_bytes(wire::encode(wire::Leave{msg_id, node_id, c->name, c->id})), wire::Verb::kLeave,
              msg_id, recipients, std::nullopt, out);
  }
  if (bytes && news) propagate(now, bytes, wire::Verb::kChannel, m.msg_id, recipients, from, out);
}

void NodeState::on_join(TimeNs now, const Address& from, const wire::Join& m, Output& out) {
  if (dedup.find(m.msg_id)) {
    Event e;
    e.kind = EventKind::kDuplicate;
    e.verb = "JOIN";
    e.msg_id = m.msg_id;
    e.peer = from;
    return out.event(e);
  }
  dedup.insert(m.msg_id, 0, now, bound(params.dedup_entries_max));
  const SharedBytes bytes = current;
  // A JOIN does not say whether the channel is closed: a channel first heard of here stays
  // unavailable (not `announced`) until a CHANNEL listing arrives.
  ChannelState* c = learn_channel(m.channel_id, m.channel, false, out);
  if (!c) return;
  if (m.node_id != node_id) {
    std::erase_if(c->departed, [&](const auto& d) { return d.first == m.node_id; });
    add_member(*c, m.node_id);
  }
  const std::vector<std::string> recipients = c->members;
  if (bytes) propagate(now, bytes, wire::Verb::kJoin, m.msg_id, recipients, from, out);
}

void NodeState::on_leave(TimeNs now, const Address& from, const wire::Leave& m, Output& out) {
  if (dedup.find(m.msg_id)) {
    Event e;
    e.kind = EventKind::kDuplicate;
    e.verb = "LEAVE";
    e.msg_id = m.msg_id;
    e.peer = from;
    return out.event(e);
  }
  dedup.insert(m.msg_id, 0, now, bound(params.dedup_entries_max));
  const SharedBytes bytes = current;
  ChannelState* c = find_channel(m.channel_id);
  std::vector<std::string> recipients;
  if (c && m.node_id != node_id) {
    recipients = c->members;
    remove_member(*c, m.node_id);
    std::erase_if(c->departed, [&](const auto& d) { return d.first == m.node_id; });
    if (!over(c->departed.size(), params.members_max)) c->departed.emplace_back(m.node_id, now);
    if (c->closed && c->creator && c->member && params.rekey_on_leave) rekey(now, *c, out);
  }
  if (bytes) propagate(now, bytes, wire::Verb::kLeave, m.msg_id, recipients, from, out);
}

void NodeState::request_key(TimeNs now, ChannelState& c, Output& out) {
  c.key_request_at = now + params.key_request_interval_ns;
  c.key_asked_at = now;
  // Ask the members in turn, one per attempt, among those we can address, starting with the
  // one that announced the channel to us (usually its creator, which holds the key), and
  // returning to it every other attempt.
  std::vector<std::pair<std::string, Address>> candidates;
  for (const auto& id : c.members)
    if (auto a = address_of(id)) candidates.emplace_back(id, *a);
  if (candidates.empty()) return;
  const auto first = std::find_if(candidates.begin(), candidates.end(),
                                  [&](const auto& m) { return m.first == c.announcer; });
  if (first != candidates.end()) std::rotate(candidates.begin(), first, candidates.end());
  const std::uint32_t attempt = c.key_requests++;
  const bool announcer_known = first != candidates.end();
  const std::size_t pick = announcer_known && candidates.size() > 1
                               ? (attempt % 2 == 0 ? 0 : 1 + (attempt / 2) % (candidates.size() - 1))
                               : attempt % candidates.size();
  const auto& [member, to] = candidates[pick];
  note_contact(now, to);
  // Our JOIN and certificate go first (a direct JOIN outruns the flooded one), so the member
  // knows us as a member and can wrap the key for us without asking.
  if (!c.join_msg_id.empty()) send(to, join_datagram(c), wire::Verb::kJoin, out);
  send_certificate(now, to, new_msg_id(), member, out);
  const std::string msg_id = new_msg_id();
  send_reliable(now, to, make_bytes(wire::encode(wire::GetKey{msg_id, node_id, c.name, c.id})), msg_id,
                wire::Verb::kGetKey, out);
}

void NodeState::send_key(TimeNs now, const ChannelState& c, std::string_view recipient, const Address& to,
                         Output& out) {
  const crypto::PeerCertificate* cert = find_certificate(now, recipient);
  if (!cert || c.keys.empty()) return;
  std::array<std::uint8_t, 32> seed{};
  for (auto& b : seed) b = static_cast<std::uint8_t>(rng());
  const ChannelKey& key = c.keys.back().second;
  auto wrapped = cert->wrap(std::string_view(reinterpret_cast<const char*>(key.data()), key.size()),
                            key_info(c.id), seed);
  if (!wrapped) return dropped(out, to, "KEY", "wrap_failed");
  const std::string msg_id = new_msg_id();
  wire::Key k{
      msg_id, node_id, std::string(recipient), c.name, c.id, std::string(kCipher), std::move(*wrapped)};
  send_reliable(now, to, make_bytes(wire::encode(k)), msg_id, wire::Verb::kKey, out);
}

void NodeState::rekey(TimeNs now, ChannelState& c, Output& out) {
  ChannelKey key{};
  for (auto& b : key) b = static_cast<std::uint8_t>(rng());
  keep_key(c, key);
  for (const auto& id : c.members) {
    if (id == node_id) continue;
    if (auto to = address_of(id)) {
      if (find_certificate(now, id)) {
        note_contact(now, *to);
        send_key(now, c, id, *to, out);
      } else {
        request_certificate(now, id, std::nullopt, out);
      }
    }
  }
}

void NodeState::on_get_key(TimeNs now, const Address& from, const wire::GetKey& m, Output& out) {
  ack(from, m.msg_id, out);
  if (dedup.find(m.msg_id)) return;
  dedup.insert(m.msg_id, 0, now, bound(params.dedup_entries_max));
  ChannelState* c = find_channel(m.channel_id);
  if (!c || !c->closed || !c->member || c->keys.empty()) return dropped(out, from, "GETKEY", "no_key");
  if (!std::binary_search(c->members.begin(), c->members.end(), m.node_id))
    return dropped(out, from, "GETKEY", "not_member");
  if (!find_certificate(now, m.node_id)) {
    request_certificate(now, m.node_id, from, out);
    auto& waiters = c->key_waiters;
    if (std::none_of(waiters.begin(), waiters.end(), [&](const auto& w) { return w.first == m.node_id; }) &&
        !over(waiters.size(), params.members_max))
      waiters.emplace_back(m.node_id, from);
    return dropped(out, from, "GETKEY", "no_certificate");
  }
  send_key(now, *c, m.node_id, from, out);
}

void NodeState::serve_key_waiters(TimeNs now, std::string_view node_id, Output& out) {
  for (auto& c : channels) {
    const auto w = std::find_if(c.key_waiters.begin(), c.key_waiters.end(),
                                [&](const auto& e) { return e.first == node_id; });
    if (w == c.key_waiters.end()) continue;
    const Address to = w->second;
    c.key_waiters.erase(w);
    if (c.member && !c.keys.empty() && std::binary_search(c.members.begin(), c.members.end(), node_id))
      send_key(now, c, node_id, to, out);
  }
}

void NodeState::on_key(TimeNs now, const Address& from, const wire::Key& m, Output& out) {
  ack(from, m.msg_id, out);
  if (dedup.find(m.msg_id)) return;
  dedup.insert(m.msg_id, 0, now, bound(params.dedup_entries_max));
  if (m.recipient_id != node_id) return dropped(out, from, "KEY", "not_for_us");
  ChannelState* c = find_channel(m.channel_id);
  if (!c || !c->member) return dropped(out, from, "KEY", "not_member");
  const auto raw = key.unwrap(m.key, key_info(m.channel_id));
  if (!raw || raw->size() != sizeof(ChannelKey)) return dropped(out, from, "KEY", "bad_key");
  ChannelKey k{};
  std::copy(raw->begin(), raw->end(), k.begin());
  keep_key(*c, k);
  c->key_request_at = kNever;
  Event e;
  e.kind = EventKind::kKeyReceived;
  e.channel_id = c->id;
  e.node_id = m.node_id;
  e.peer = from;
  out.event(e);
  retry_verifications(now, "", c->id, out);
}

}  // namespace ptplab::engine
