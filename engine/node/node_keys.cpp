// Closed-channel keys: GETKEY (answered only for members whose certificate we hold; the others
// wait for it), KEY wrapped for the requester's certificate, and the optional re-key on leave
// (spec ####GETKEY, ####KEY; PROTOCOL.md "closed channels"), over the channel book's key ring,
// the certificate store and the reliable sender.
#include <algorithm>

#include "engine/node/node_handlers.hpp"

namespace ptplab::engine {
namespace {

constexpr std::string_view kCipher = "AES-256-GCM";

std::string key_info(std::string_view channel_id) { return "ptplab-key:" + std::string(channel_id); }

// The member to ask on this attempt, among `candidates` (rotated so the announcer, usually the
// creator, comes first): the announcer every other attempt, the others in turn in between.
std::size_t pick_member(std::size_t candidates, bool announcer_known, std::uint32_t attempt) {
  if (announcer_known && candidates > 1) return attempt % 2 == 0 ? 0 : 1 + (attempt / 2) % (candidates - 1);
  return attempt % candidates;
}

}  // namespace

void request_key(NodeState& s, TimeNs now, ChannelState& c, Output& out) {
  c.key_request_at = now + s.params->key_request_interval_ns;
  c.key_asked_at = now;
  std::vector<std::pair<std::string, Address>> candidates;
  for (const auto& id : c.members)
    if (auto a = s.address_of(id)) candidates.emplace_back(id, *a);
  if (candidates.empty()) return;
  const auto first = std::find_if(candidates.begin(), candidates.end(),
                                  [&](const auto& m) { return m.first == c.announcer; });
  const bool announcer_known = first != candidates.end();
  if (announcer_known) std::rotate(candidates.begin(), first, candidates.end());
  const auto& [member, to] = candidates[pick_member(candidates.size(), announcer_known, c.key_requests++)];
  s.note_contact(now, to);
  // Our JOIN and certificate go first (a direct JOIN outruns the flooded one), so the member
  // knows us as a member and can wrap the key for us without asking.
  if (!c.join_msg_id.empty()) s.send(to, join_datagram(s, c), wire::Verb::kJoin, out);
  send_certificate(s, now, to, s.new_msg_id(), member, out);
  const std::string msg_id = s.new_msg_id();
  s.send_reliable(now, to, make_bytes(wire::encode(wire::GetKey{msg_id, s.node_id, c.name, c.id})), msg_id,
                  wire::Verb::kGetKey, out);
}

void send_key(NodeState& s, TimeNs now, const ChannelState& c, std::string_view recipient, const Address& to,
              Output& out) {
  const crypto::PeerCertificate* cert = s.certificates.find(now, recipient);
  if (!cert || c.keys.empty()) return;
  std::array<std::uint8_t, 32> seed{};
  for (auto& b : seed) b = static_cast<std::uint8_t>(s.rng());
  const ChannelKey& key = c.keys.newest().second;
  auto wrapped = cert->wrap(std::string_view(reinterpret_cast<const char*>(key.data()), key.size()),
                            key_info(c.id), seed);
  if (!wrapped) return s.dropped(out, to, wire::Verb::kKey, Reason::kWrapFailed, 0);
  const std::string msg_id = s.new_msg_id();
  wire::Key k{
      msg_id, s.node_id, std::string(recipient), c.name, c.id, std::string(kCipher), std::move(*wrapped)};
  s.send_reliable(now, to, make_bytes(wire::encode(k)), msg_id, wire::Verb::kKey, out);
}

void rekey(NodeState& s, TimeNs now, ChannelState& c, Output& out) {
  ChannelKey key{};
  for (auto& b : key) b = static_cast<std::uint8_t>(s.rng());
  c.keys.keep(key);
  for (const auto& id : c.members) {
    if (id == s.node_id) continue;
    const auto to = s.address_of(id);
    if (!to) continue;
    if (s.certificates.find(now, id)) {
      s.note_contact(now, *to);
      send_key(s, now, c, id, *to, out);
    } else {
      request_certificate(s, now, id, std::nullopt, out);
    }
  }
}

void on_get_key(NodeState& s, TimeNs now, const Inbound& in, const wire::GetKey& m, Output& out) {
  ack(s, in.from, m.msg_id, out);
  if (s.dedup.find(m.msg_id)) return;
  s.remember(m.msg_id, now);
  ChannelState* c = s.channels.find(m.channel_id);
  if (!c || !c->closed || !c->member || c->keys.empty())
    return s.dropped(out, in.from, wire::Verb::kGetKey, Reason::kNoKey, in.size());
  if (!c->has_member(m.node_id))
    return s.dropped(out, in.from, wire::Verb::kGetKey, Reason::kNotMember, in.size());
  if (!s.certificates.find(now, m.node_id)) {
    request_certificate(s, now, m.node_id, in.from, out);
    ChannelBook::add_key_waiter(*c, m.node_id, in.from, s.bound(s.params->members_max));
    return s.dropped(out, in.from, wire::Verb::kGetKey, Reason::kNoCertificate, in.size());
  }
  send_key(s, now, *c, m.node_id, in.from, out);
}

void serve_key_waiters(NodeState& s, TimeNs now, std::string_view node_id, Output& out) {
  for (auto& c : s.channels.all()) {
    const auto to = ChannelBook::take_key_waiter(c, node_id);
    if (to && c.member && !c.keys.empty() && c.has_member(node_id)) send_key(s, now, c, node_id, *to, out);
  }
}

void on_key(NodeState& s, TimeNs now, const Inbound& in, const wire::Key& m, Output& out) {
  ack(s, in.from, m.msg_id, out);
  if (s.dedup.find(m.msg_id)) return;
  s.remember(m.msg_id, now);
  if (m.recipient_id != s.node_id)
    return s.dropped(out, in.from, wire::Verb::kKey, Reason::kNotForUs, in.size());
  ChannelState* c = s.channels.find(m.channel_id);
  if (!c || !c->member) return s.dropped(out, in.from, wire::Verb::kKey, Reason::kNotMember, in.size());
  const auto raw = s.key.unwrap(m.key, key_info(m.channel_id));
  if (!raw || raw->size() != sizeof(ChannelKey))
    return s.dropped(out, in.from, wire::Verb::kKey, Reason::kBadKey, in.size());
  ChannelKey k{};
  std::copy(raw->begin(), raw->end(), k.begin());
  c->keys.keep(k);
  c->key_request_at = kNever;
  Event e;
  e.kind = EventKind::kKeyReceived;
  e.channel_id = c->id;
  e.node_id = m.node_id;
  e.peer = in.from;
  out.event(e);
  retry_verifications(s, now, "", c->id, out);
}

}  // namespace ptplab::engine
