// Cases of GETKEY and KEY: the key of a closed channel goes only to members, wrapped for the
// requester's certificate, with the channel's cipher.
#include <variant>

#include "conformance/cases/channel_steps.hpp"
#include "conformance/cases/common.hpp"
#include "conformance/cases/sections.hpp"
#include "conformance/cases/signed_message.hpp"

namespace ptplab::conformance {

namespace {

constexpr std::size_t kChannelKeyBytes = 32;  // notes: 256-bit channel keys
// Notes: the ECIES info that binds a wrapped channel key to its channel.
std::string key_info(const std::string& channel_id) { return "ptplab-key:" + channel_id; }

// A member's request: our certificate, JOIN, then GETKEY for the target's closed channel.
struct KeyRequest {
  std::optional<wire::Channel> channel;
  std::optional<wire::Key> key;
};

KeyRequest request_as_member(Context& c, const Peer& p, const Identity& me, bool send_certificate) {
  KeyRequest out;
  out.channel = announced_channel(c, p, true);
  if (!out.channel) return out;
  const auto& ch = *out.channel;
  if (send_certificate) c.send(p, wire::Certificate{c.new_id(), p.node_id, ch.node_id, me.certificate_der});
  c.send(p, wire::Join{c.new_id(), p.node_id, ch.channel, ch.channel_id});
  c.send(p, wire::GetKey{c.new_id(), p.node_id, ch.channel, ch.channel_id});
  const auto r = c.expect(
      p, message_where<wire::Key>("KEY{channel_id=" + ch.channel_id + "}",
                                  [id = ch.channel_id](const wire::Key& k) { return k.channel_id == id; }));
  if (r) out.key = std::get<wire::Key>(*r->message);
  return out;
}

// What a member got: its peer, identity, the target's closed channel and the KEY for it.
struct MemberKey {
  Peer peer;
  Identity me;
  wire::Channel channel;
  wire::Key key;
};

// Greets the target as a new member and asks for its closed channel's key; the outcome that ends
// the case first when it cannot get one (no HELLO answer, no channel: unsupported, no KEY:
// blocked by key/1 for `why_blocked`).
std::variant<MemberKey, Outcome> member_key(Context& c, const std::string& why_blocked = "no KEY came") {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  Identity me = make_identity(p.node_id, c.rng());
  const auto req = request_as_member(c, p, me, true);
  if (!req.channel) return Outcome::unsupported(no_channel_note(true));
  if (!req.key) return Outcome::blocked("key/1", why_blocked);
  return MemberKey{p, std::move(me), *req.channel, *req.key};
}

Outcome member_gets_key(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  const Identity me = make_identity(p.node_id, c.rng());
  const auto req = request_as_member(c, p, me, true);
  if (!req.channel) return Outcome::unsupported(no_channel_note(true));
  if (req.key) return Outcome::pass();
  return Outcome::fail({"KEY{channel_id=" + req.channel->channel_id + "}"}, c.seen(p));
}

Outcome key_wrapped_for_us(Context& c) {
  auto got = member_key(c);
  if (auto* ended = std::get_if<Outcome>(&got)) return *ended;
  const auto& [p, me, channel, key] = std::get<MemberKey>(got);
  const auto plain = me.key.unwrap(key.key, key_info(channel.channel_id));
  if (plain && plain->size() >= kChannelKeyBytes) return Outcome::pass();
  return Outcome::fail(
      {"a key our private key unwraps (ECIES, info = \"ptplab-key:\" + channel_id) to 32 bytes"},
      plain ? std::to_string(plain->size()) + " bytes" : "a blob our key cannot unwrap");
}

Outcome key_fields(Context& c) {
  auto got = member_key(c);
  if (auto* ended = std::get_if<Outcome>(&got)) return *ended;
  const auto& [p, me, channel, k] = std::get<MemberKey>(got);
  if (k.recipient_id == p.node_id && k.node_id == channel.node_id && k.channel == channel.channel &&
      !k.msg_id.empty())
    return Outcome::pass();
  return Outcome::fail(
      {"KEY{recipient_id=" + p.node_id + ", node_id=" + channel.node_id + ", channel=" + channel.channel +
       "}"},
      "KEY{recipient_id=" + k.recipient_id + ", node_id=" + k.node_id + ", channel=" + k.channel + "}");
}

Outcome key_cipher(Context& c) {
  auto got = member_key(c);
  if (auto* ended = std::get_if<Outcome>(&got)) return *ended;
  const auto& [p, me, channel, key] = std::get<MemberKey>(got);
  if (key.cipher == "AES-256-GCM") return Outcome::pass();
  return Outcome::fail({"cipher=AES-256-GCM"}, "cipher=" + key.cipher);
}

// The control of the "no KEY" cases: a member (another peer) does get the key. nullopt if so.
std::optional<Outcome> blocked_unless_members_get_keys(Context& c) {
  auto got = member_key(c, "no member gets a KEY either, so a refusal shows nothing");
  if (auto* ended = std::get_if<Outcome>(&got)) return *ended;
  return std::nullopt;
}

// A node that never joined asks for the key: it must not get it.
Outcome non_member_refused(Context& c) {
  if (auto blocked = blocked_unless_members_get_keys(c)) return *blocked;
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  const auto ch = announced_channel(c, p, true);
  if (!ch) return Outcome::unsupported(no_channel_note(true));
  const Identity me = make_identity(p.node_id, c.rng());
  c.send(p, wire::Certificate{c.new_id(), p.node_id, ch->node_id, me.certificate_der});
  c.send(p, wire::GetKey{c.new_id(), p.node_id, ch->channel, ch->channel_id});
  const auto keys = c.watch(p, is_verb(wire::Verb::kKey), c.timeout());
  if (keys.empty()) return Outcome::pass();
  return Outcome::fail({"no KEY for a non-member"}, show(keys.front()));
}

// A channel the target does not know: no KEY.
Outcome unknown_channel_refused(Context& c) {
  if (auto blocked = blocked_unless_members_get_keys(c)) return *blocked;
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  const Identity me = make_identity(p.node_id, c.rng());
  c.send(p, wire::Certificate{c.new_id(), p.node_id, c.target_node_id(), me.certificate_der});
  c.send(p, wire::GetKey{c.new_id(), p.node_id, "conformance-unknown", c.new_id()});
  const auto keys = c.watch(p, is_verb(wire::Verb::kKey), c.timeout());
  if (keys.empty()) return Outcome::pass();
  return Outcome::fail({"no KEY for a channel the target does not know"}, show(keys.front()));
}

// Without our certificate the target cannot encrypt for us: it asks for it before any KEY.
Outcome certificate_before_key(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  const auto ch = announced_channel(c, p, true);
  if (!ch) return Outcome::unsupported(no_channel_note(true));
  c.send(p, wire::Join{c.new_id(), p.node_id, ch->channel, ch->channel_id});
  c.send(p, wire::GetKey{c.new_id(), p.node_id, ch->channel, ch->channel_id});
  const auto first = c.expect(
      p, Expectation{"GETCERTIFICATE or KEY", [](const Received& r) {
                       return r.message && (wire::verb_of(*r.message) == wire::Verb::kKey ||
                                            wire::verb_of(*r.message) == wire::Verb::kGetCertificate);
                     }});
  if (!first) return Outcome::fail({"GETCERTIFICATE (our certificate is needed to wrap the key)"}, c.seen(p));
  if (wire::verb_of(*first->message) == wire::Verb::kGetCertificate) return Outcome::pass();
  return Outcome::fail({"GETCERTIFICATE before any KEY"}, "a KEY without our certificate: " + show(*first));
}

Outcome left_member_refused(Context& c) {
  auto got = member_key(c);
  if (auto* ended = std::get_if<Outcome>(&got)) return *ended;
  const auto& [p, me, ch, key] = std::get<MemberKey>(got);
  c.send(p, wire::Leave{c.new_id(), p.node_id, ch.channel, ch.channel_id});
  c.send(p, wire::GetKey{c.new_id(), p.node_id, ch.channel, ch.channel_id});
  const auto keys = c.watch(p, is_verb(wire::Verb::kKey), c.timeout());
  if (keys.empty()) return Outcome::pass();
  return Outcome::fail({"no KEY after our LEAVE"}, show(keys.front()));
}

}  // namespace

void add_key_cases(std::vector<Case>& cases) {
  cases.push_back(
      {"key/1", "KEY-2", Level::kShould,
       "a member (JOIN sent, certificate known) asking GETKEY for the target's closed channel gets KEY",
       member_gets_key});
  cases.push_back({"key/2", "KEY-1", Level::kMust,
                   "the KEY's key is encrypted to the requester's certificate: our private key unwraps it",
                   key_wrapped_for_us});
  cases.push_back({"key/3", "KEY-3", Level::kMust,
                   "the KEY carries msg_id, the target's node_id, recipient_id = requester, channel",
                   key_fields});
  cases.push_back({"key/4", "N-KEY", Level::kShould, "the KEY's cipher is AES-256-GCM", key_cipher});
  cases.push_back(
      {"key/5", "N-KEY", Level::kMust, "a node that has not joined gets no KEY", non_member_refused});
  cases.push_back({"key/6", "KEY-2", Level::kMust,
                   "a GETKEY for a channel the target does not know gets no KEY", unknown_channel_refused});
  cases.push_back(
      {"key/7", "KEY-1", Level::kMust,
       "without the requester's certificate the target asks for it (GETCERTIFICATE) before any KEY",
       certificate_before_key});
  cases.push_back(
      {"key/8", "N-KEY", Level::kMust, "a member that sent LEAVE gets no KEY any more", left_member_refused});
}

}  // namespace ptplab::conformance
