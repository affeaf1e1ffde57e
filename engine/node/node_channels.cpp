// Channels: CHANNEL announce and refresh, JOIN/LEAVE with the spec's triggers, and relaying
// each unchanged (spec ####CHANNEL, ####JOIN, ####LEAVE), over the channel book, the de-dup
// window and the propagation policy.
#include <algorithm>

#include "engine/node/ids.hpp"
#include "engine/node/node_handlers.hpp"

namespace ptplab::engine {
namespace {

TimeNs refresh_delay(NodeState& s) {
  return static_cast<TimeNs>(static_cast<double>(s.params->channel_refresh_interval_ns) *
                             s.rng.uniform(1.0, 1.5));
}

void channel_event(Output& out, EventKind kind, const ChannelState& c) {
  Event e;
  e.kind = kind;
  e.channel_id = c.id;
  out.event(e);
}

// Whether a CHANNEL/JOIN/LEAVE was seen already; reports the duplicate if so, else records it.
bool seen_before(NodeState& s, TimeNs now, const Inbound& in, wire::Verb verb, std::string_view msg_id,
                 Output& out) {
  if (!s.dedup.find(msg_id)) {
    s.remember(msg_id, now);
    return false;
  }
  Event e;
  e.kind = EventKind::kDuplicate;
  e.verb = verb;
  e.msg_id = msg_id;
  e.peer = in.from;
  e.size = in.size();
  out.event(e);
  return true;
}

// Sends a fresh LEAVE for `c` to `recipients`.
void send_leave(NodeState& s, TimeNs now, const ChannelState& c, const std::vector<std::string>& recipients,
                Output& out) {
  const std::string msg_id = s.new_msg_id();
  s.remember(msg_id, now);
  propagate(s, now, make_bytes(wire::encode(wire::Leave{msg_id, s.node_id, c.name, c.id})),
            wire::Verb::kLeave, msg_id, recipients, std::nullopt, out);
}

// Merges a listing into `c`; true when it is news worth relaying: a channel we did not have, a
// change of `closed`, or a member we did not know. Relaying news only keeps announcements to
// new neighbours and refreshes from flooding the whole overlay each time.
bool merge_channel(NodeState& s, TimeNs now, ChannelState& c, const wire::Channel& m) {
  bool news = !c.announced || c.closed != m.closed;
  if (!c.announced) c.announcer = m.node_id;
  c.announced = true;
  c.closed = m.closed;
  if (c.name.empty()) c.name = m.channel;
  return ChannelBook::merge_listing(now, c, m.members, s.node_id,
                                    departed_memory_ns(s.params->channel_refresh_interval_ns),
                                    s.bound(s.params->members_max)) ||
         news;
}

}  // namespace

ChannelState* learn_channel(NodeState& s, std::string_view id, std::string_view name, bool closed,
                            std::size_t cause_size, Output& out) {
  ChannelState* c = s.channels.learn(id, name, closed, s.bound(s.params->channels_max));
  if (!c) s.dropped(out, Address{}, wire::Verb::kChannel, Reason::kChannelsFull, cause_size);
  return c;
}

namespace {

// Bytes a member adds to a CHANNEL listing: {"node_id":"<id>"} and a comma, and under "mesh"
// ,"address":"a.b.c.d:port" (at most 34).
std::size_t member_bytes(const NodeState& s, std::string_view id) {
  return id.size() + 14 + (s.params->propagation == Propagation::kMesh ? 34 : 0);
}

// The longest msg_id a scheme makes: a UUIDv4 (36 characters); `random` makes at most 32.
constexpr std::size_t kMsgIdMax = 36;

// Bytes of a CHANNEL listing of `c` whose members add `members` bytes: the keys and punctuation
// (under 128), msg_id, node_id, name and channel_id. An estimate: a name with characters JSON
// escapes can exceed it, which channel_listings checks on the encoding.
std::size_t listing_bytes(const NodeState& s, const ChannelState& c, std::size_t members) {
  return 128 + kMsgIdMax + s.node_id.size() + c.name.size() + c.id.size() + members;
}

}  // namespace

bool listing_fits_one_datagram(const NodeState& s, const ChannelState& c) {
  std::size_t members = 0;
  for (const auto& m : c.members) members += member_bytes(s, m);
  return listing_bytes(s, c, members) <= s.params->max_datagram_bytes;
}

std::vector<Listing> channel_listings(NodeState& s, TimeNs now, const ChannelState& c) {
  std::vector<Listing> pages;
  std::size_t next = 0;
  do {
    wire::Channel page{s.new_msg_id(), s.node_id, c.name, c.id, {s.node_id}, c.closed};
    std::size_t size = listing_bytes(s, c, member_bytes(s, s.node_id));
    std::vector<std::size_t> taken;  // indices into c.members of the members this page names
    for (; next < c.members.size(); ++next) {
      if (c.members[next] == s.node_id) continue;
      if (size + member_bytes(s, c.members[next]) > s.params->max_datagram_bytes && !taken.empty()) break;
      size += member_bytes(s, c.members[next]);
      page.members.push_back(c.members[next]);
      taken.push_back(next);
    }
    if (s.params->propagation == Propagation::kMesh) list_member_addresses(s, now, c, page);
    auto bytes = make_bytes(wire::encode(page));
    // Should the estimate fall short (an escaped name), the page gives members back.
    while (bytes->size() > s.params->max_datagram_bytes && taken.size() > 1) {
      page.members.pop_back();
      if (!page.member_addresses.empty()) page.member_addresses.pop_back();
      next = taken.back();
      taken.pop_back();
      bytes = make_bytes(wire::encode(page));
    }
    s.remember(page.msg_id, now);
    pages.push_back(Listing{std::move(page.msg_id), std::move(bytes)});
  } while (next < c.members.size());
  return pages;
}

void announce(NodeState& s, TimeNs now, ChannelState& c, Output& out, bool discovery) {
  const auto pages = channel_listings(s, now, c);
  c.refresh_at = now + refresh_delay(s);
  if (discovery) c.listed_own_address = own_outside_address(s, now).has_value();
  const std::vector<std::string> recipients = c.members;
  for (const auto& page : pages)
    propagate(s, now, page.bytes, wire::Verb::kChannel, page.msg_id, recipients, std::nullopt, out,
              discovery);
}

std::string create_channel(NodeState& s, TimeNs now, std::string_view name, bool closed, Output& out) {
  const std::string id = make_uuid4(s.rng);
  ChannelState* c = learn_channel(s, id, name, closed, 0, out);
  if (!c) return {};
  c->member = true;
  c->creator = true;
  c->announced = true;
  ChannelBook::add_member(*c, s.node_id, s.bound(s.params->members_max));
  if (closed) {
    ChannelKey key{};
    for (auto& b : key) b = static_cast<std::uint8_t>(s.rng());
    c->keys.keep(key);
  }
  channel_event(out, EventKind::kChannelJoined, *c);
  announce(s, now, *c, out, floods_discovery(*s.params));
  return id;
}

void announce_membership(NodeState& s, TimeNs now, ChannelState& c, Output& out) {
  // While our last JOIN is still remembered by the de-dup windows it is sent again under its own
  // msg_id: whoever has it drops the copy, whoever missed it relays it. A fresh msg_id for each
  // stale listing made every member re-flood a JOIN through the whole overlay: a 100-node
  // channel sent 275,000 JOIN datagrams in its first two seconds.
  if (c.join_msg_id.empty() || now - c.join_sent_at >= s.params->dedup_window_ns / 2) {
    c.join_msg_id = s.new_msg_id();
    c.join_sent_at = now;
    s.remember(c.join_msg_id, now);
  }
  propagate(s, now, join_datagram(s, c), wire::Verb::kJoin, c.join_msg_id, c.members, std::nullopt, out);
}

SharedBytes join_datagram(const NodeState& s, const ChannelState& c) {
  return make_bytes(wire::encode(wire::Join{c.join_msg_id, s.node_id, c.name, c.id}));
}

bool join_channel(NodeState& s, TimeNs now, std::string_view id, Output& out) {
  ChannelState* c = s.channels.find(id);
  if (!c || !c->announced || c->member) return false;
  c->member = true;
  ChannelBook::add_member(*c, s.node_id, s.bound(s.params->members_max));
  channel_event(out, EventKind::kChannelJoined, *c);
  c->refresh_at = now + refresh_delay(s);
  announce_membership(s, now, *c, out);
  if (c->closed && c->keys.empty()) request_key(s, now, *c, out);
  return true;
}

bool leave_channel(NodeState& s, TimeNs now, std::string_view id, Output& out) {
  ChannelState* c = s.channels.find(id);
  if (!c || !c->member) return false;
  const std::string msg_id = s.new_msg_id();
  s.remember(msg_id, now);
  const auto bytes = make_bytes(wire::encode(wire::Leave{msg_id, s.node_id, c->name, c->id}));
  const std::vector<std::string> recipients = c->members;
  c->member = false;
  c->creator = false;
  c->keys.clear();
  c->refresh_at = kNever;
  c->key_request_at = kNever;
  c->join_msg_id.clear();  // a later JOIN is news again
  ChannelBook::remove_member(*c, s.node_id);
  channel_event(out, EventKind::kChannelLeft, *c);
  propagate(s, now, bytes, wire::Verb::kLeave, msg_id, recipients, std::nullopt, out);
  return true;
}

void on_channel(NodeState& s, TimeNs now, const Inbound& in, const wire::Channel& m, Output& out) {
  if (seen_before(s, now, in, wire::Verb::kChannel, m.msg_id, out)) return;
  ChannelState* c = learn_channel(s, m.channel_id, m.channel, m.closed, in.size(), out);
  if (!c) return;
  const bool first_listing = !c->announced;
  const bool news = merge_channel(s, now, *c, m);
  // Under "mesh" a channel's first listing, and the one that first gives its creator's address,
  // go to every peer (discovery; not under channel_discovery "invite"); the rest only between members.
  const bool mesh = s.params->propagation == Propagation::kMesh;
  const bool discovery =
      mesh && (learn_member_addresses(s, *c, m) || first_listing) && floods_discovery(*s.params);
  if (first_listing) channel_event(out, EventKind::kChannelAnnounced, *c);
  const bool listed = std::find(m.members.begin(), m.members.end(), s.node_id) != m.members.end();
  const std::vector<std::string> recipients = c->members;
  if (c->member) {
    c->refresh_at = now + refresh_delay(s);
    if (c->closed && c->keys.empty()) c->key_request_at = std::min(c->key_request_at, now);
    // The spec's trigger: the listing leaves us out, so we announce our membership again.
    // A channel too large for one listing is listed in pages, and a page without us says
    // nothing of our membership: only a listing that could hold every member triggers it.
    if (!listed && listing_fits_one_datagram(s, *c)) announce_membership(s, now, *c, out);
  } else if (listed) {
    send_leave(s, now, *c, recipients, out);
  }
  if (in.bytes && (news || discovery))
    propagate(s, now, in.bytes, wire::Verb::kChannel, m.msg_id, recipients, in.from, out, discovery);
}

void on_join(NodeState& s, TimeNs now, const Inbound& in, const wire::Join& m, Output& out) {
  if (seen_before(s, now, in, wire::Verb::kJoin, m.msg_id, out)) return;
  // A JOIN does not say whether the channel is closed: a channel first heard of here stays
  // unavailable (not `announced`) until a CHANNEL listing arrives.
  ChannelState* c = learn_channel(s, m.channel_id, m.channel, false, in.size(), out);
  if (!c) return;
  if (m.node_id != s.node_id) ChannelBook::rejoin(*c, m.node_id, s.bound(s.params->members_max));
  const std::vector<std::string> recipients = c->members;
  if (in.bytes) propagate(s, now, in.bytes, wire::Verb::kJoin, m.msg_id, recipients, in.from, out);
}

void on_leave(NodeState& s, TimeNs now, const Inbound& in, const wire::Leave& m, Output& out) {
  if (seen_before(s, now, in, wire::Verb::kLeave, m.msg_id, out)) return;
  ChannelState* c = s.channels.find(m.channel_id);
  std::vector<std::string> recipients;
  if (c && m.node_id != s.node_id) {
    recipients = c->members;
    ChannelBook::depart(now, *c, m.node_id, s.bound(s.params->members_max));
    if (c->closed && c->creator && c->member && s.params->rekey_on_leave) rekey(s, now, *c, out);
  }
  if (in.bytes) propagate(s, now, in.bytes, wire::Verb::kLeave, m.msg_id, recipients, in.from, out);
}

}  // namespace ptplab::engine
