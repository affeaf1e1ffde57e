// Cases of MESSAGE through a relay: the harness plays the sender A and the recipient B, both
// peers of the target. A valid signed MESSAGE reaches B unaltered; forged, altered, spliced and
// replayed ones do not.
#include "conformance/cases/common.hpp"
#include "conformance/cases/sections.hpp"
#include "conformance/cases/signed_message.hpp"
#include "engine/wire/codec.hpp"

namespace ptplab::conformance {

namespace {

// Sender A (certificate on record at the target) and recipient B, both greeted.
struct Relay {
  Peer a, b;
  std::optional<Identity> a_id;
  std::string channel_id;
};

std::optional<Relay> set_up(Context& c, Outcome& failure) {
  Relay r{c.open_peer(), c.open_peer(), std::nullopt, c.new_id()};
  if (!greet(c, r.a)) {
    failure = no_hello_answer(c, r.a);
    return std::nullopt;
  }
  if (!greet(c, r.b)) {
    failure = no_hello_answer(c, r.b);
    return std::nullopt;
  }
  r.a_id = make_identity(r.a.node_id, c.rng());
  const std::string cid = c.new_id();
  c.send(r.a, wire::Certificate{cid, r.a.node_id, c.target_node_id(), r.a_id->certificate_der});
  (void)c.expect(r.a, ack_for(cid));
  return r;
}

Expectation message_with_id(const std::string& msg_id) {
  return message_where<wire::ChatMessage>(
      "MESSAGE{msg_id=" + msg_id + "}", [msg_id](const wire::ChatMessage& m) { return m.msg_id == msg_id; });
}

// Sends a valid MESSAGE from A to B and returns B's copy (nullopt: the target does not relay).
std::optional<wire::ChatMessage> relay_valid(Context& c, const Relay& r) {
  const auto m = signed_message(c, *r.a_id, r.channel_id, {r.b.node_id}, "hello B");
  c.send(r.a, m);
  const auto got = c.expect(r.b, message_with_id(m.msg_id));
  if (!got) return std::nullopt;
  return std::get<wire::ChatMessage>(*got->message);
}

constexpr std::int64_t kStaleAgeMs = 10 * 60 * 1000;  // older than any sane de-dup window

constexpr const char* kNoRelay =
    "the target does not relay a valid MESSAGE to a recipient peer (message/1), so rejection cannot be "
    "observed";

// The shared shape of the "must not be relayed" cases: relay works, then `bad` is not relayed.
Outcome not_relayed(Context& c, wire::ChatMessage (*make_bad)(Context&, const Relay&)) {
  Outcome failure;
  const auto r = set_up(c, failure);
  if (!r) return failure;
  if (!relay_valid(c, *r)) return Outcome::blocked("message/1", kNoRelay);
  const auto bad = make_bad(c, *r);
  c.send(r->a, bad);
  const auto leaked = c.watch(r->b, message_with_id(bad.msg_id), c.timeout());
  if (leaked.empty()) return Outcome::pass();
  return Outcome::fail({"nothing relayed to B"}, "B got " + show(leaked.front()));
}

wire::ChatMessage forged_signature(Context& c, const Relay& r) {
  const Identity mallory = make_identity(r.a.node_id, c.rng());  // A's node_id, another key
  return signed_message(c, mallory, r.channel_id, {r.b.node_id}, "forged");
}

wire::ChatMessage altered_body(Context& c, const Relay& r) {
  auto m = signed_message(c, *r.a_id, r.channel_id, {r.b.node_id}, "original text");
  auto e = engine::parse_envelope(m.message);
  e->body = "altered text!";  // same length class, signature left as it was
  m.message = engine::encode_envelope(*e);
  return m;
}

wire::ChatMessage spliced_channel(Context& c, const Relay& r) {
  auto m = signed_message(c, *r.a_id, r.channel_id, {r.b.node_id}, "spliced");
  m.channel_id = c.new_id();  // the head now disagrees with the signed envelope
  return m;
}

wire::ChatMessage spliced_msg_id(Context& c, const Relay& r) {
  auto m = signed_message(c, *r.a_id, r.channel_id, {r.b.node_id}, "renamed");
  m.msg_id = c.new_id();  // a new id on a signed envelope that names another
  return m;
}

wire::ChatMessage garbage_envelope(Context& c, const Relay& r) {
  auto m = signed_message(c, *r.a_id, r.channel_id, {r.b.node_id}, "garbage");
  m.message = "this is not an envelope at all";
  return m;
}

Outcome relays_valid(Context& c) {
  Outcome failure;
  const auto r = set_up(c, failure);
  if (!r) return failure;
  if (relay_valid(c, *r)) return Outcome::pass();
  return Outcome::fail({"the MESSAGE relayed to its recipient B"}, "B got " + c.seen(r->b));
}

Outcome relay_unaltered(Context& c) {
  Outcome failure;
  const auto r = set_up(c, failure);
  if (!r) return failure;
  const auto m = signed_message(c, *r->a_id, r->channel_id, {r->b.node_id}, "unaltered");
  c.send(r->a, m);
  const auto got = c.expect(r->b, message_with_id(m.msg_id));
  if (!got) return Outcome::blocked("message/1", kNoRelay);
  const auto& copy = std::get<wire::ChatMessage>(*got->message);
  if (copy.message == m.message && copy.node_id == m.node_id && copy.channel_id == m.channel_id &&
      copy.timestamp == m.timestamp)
    return Outcome::pass();
  return Outcome::fail({"the relayed copy with the same node_id, channel_id, timestamp and message"},
                       show(*got));
}

Outcome replay_not_relayed(Context& c) {
  Outcome failure;
  const auto r = set_up(c, failure);
  if (!r) return failure;
  const auto m = signed_message(c, *r->a_id, r->channel_id, {r->b.node_id}, "once");
  c.send(r->a, m);
  if (!c.expect(r->b, message_with_id(m.msg_id))) return Outcome::blocked("message/1", kNoRelay);
  c.send(r->a, m);
  const auto again = c.watch(r->b, message_with_id(m.msg_id), c.timeout());
  if (again.empty()) return Outcome::pass();
  return Outcome::fail({"the replay not relayed"}, "B got it again: " + show(again.front()));
}

Outcome replay_acked(Context& c) {
  Outcome failure;
  const auto r = set_up(c, failure);
  if (!r) return failure;
  const auto m = signed_message(c, *r->a_id, r->channel_id, {c.target_node_id()}, "twice");
  c.send(r->a, m);
  if (!c.expect(r->a, ack_for(m.msg_id)))
    return Outcome::blocked("ack/5", "the first MESSAGE was not acknowledged, so no replay was sent");
  c.send(r->a, m);
  if (c.expect(r->a, ack_for(m.msg_id))) return Outcome::pass();
  return Outcome::fail({"a second ACK{msg_id=" + m.msg_id + "} for the duplicate"}, c.seen(r->a));
}

Outcome attachment_accepted(Context& c) {
  Outcome failure;
  const auto r = set_up(c, failure);
  if (!r) return failure;
  auto m = signed_message(c, *r->a_id, r->channel_id, {c.target_node_id()}, "see attached");
  m.attachment.push_back(wire::Attachment{std::string("\x89PNG\r\n\x1a\n", 8), "image/png"});
  c.send(r->a, m);
  if (c.expect(r->a, ack_for(m.msg_id))) return Outcome::pass();
  const std::string seen = c.seen(r->a);
  const auto plain = signed_message(c, *r->a_id, r->channel_id, {c.target_node_id()}, "no attachment");
  c.send(r->a, plain);
  if (!c.expect(r->a, ack_for(plain.msg_id)))
    return Outcome::blocked("ack/5", "a MESSAGE without attachment was not acknowledged either");
  return Outcome::fail({"ACK{msg_id=" + m.msg_id + "} (attachments are optional, and allowed)"}, seen);
}

// Signed with a timestamp older than any de-dup window (a replay from long ago).
wire::ChatMessage stale(Context& c, const Relay& r) {
  wire::ChatMessage m;
  m.msg_id = c.new_id();
  m.node_id = r.a.node_id;
  m.recipient = {r.b.node_id};
  m.timestamp = c.epoch_ms() - kStaleAgeMs;
  m.channel = "conformance";
  m.channel_id = r.channel_id;
  m.message = engine::encode_envelope(plain_envelope(*r.a_id, m.msg_id, r.channel_id, m.timestamp, "old"));
  return m;
}

wire::ChatMessage timestamp_mismatch(Context& c, const Relay& r) {
  auto m = signed_message(c, *r.a_id, r.channel_id, {r.b.node_id}, "when?");
  m.timestamp += 1;  // the head disagrees with the signed envelope
  return m;
}

wire::ChatMessage sender_mismatch(Context& c, const Relay& r) {
  auto m = signed_message(c, *r.a_id, r.channel_id, {r.b.node_id}, "who?");
  m.node_id = r.b.node_id;  // claims another sender than the one who signed
  return m;
}

// A validly signed second message that reuses the msg_id of one already relayed.
Outcome reused_msg_id_not_relayed(Context& c) {
  Outcome failure;
  const auto r = set_up(c, failure);
  if (!r) return failure;
  const auto first = relay_valid(c, *r);
  if (!first) return Outcome::blocked("message/1", kNoRelay);
  wire::ChatMessage second = *first;
  second.hops.reset();
  second.message = engine::encode_envelope(
      plain_envelope(*r->a_id, first->msg_id, r->channel_id, first->timestamp, "other"));
  c.send(r->a, second);
  const auto leaked = c.watch(
      r->b,
      message_where<wire::ChatMessage>("MESSAGE{msg_id=" + first->msg_id + "} with other content",
                                       [&](const wire::ChatMessage& m) {
                                         return m.msg_id == first->msg_id && m.message != first->message;
                                       }),
      c.timeout());
  if (leaked.empty()) return Outcome::pass();
  return Outcome::fail({"nothing relayed to B"}, "B got " + show(leaked.front()));
}

// A forged copy that arrives first must not shadow the genuine MESSAGE with the same msg_id.
Outcome forged_copy_does_not_shadow(Context& c) {
  Outcome failure;
  const auto r = set_up(c, failure);
  if (!r) return failure;
  if (!relay_valid(c, *r)) return Outcome::blocked("message/1", kNoRelay);
  const auto genuine = signed_message(c, *r->a_id, r->channel_id, {r->b.node_id}, "genuine");
  auto forged = genuine;
  auto e = engine::parse_envelope(forged.message);
  e->body = "forged!";
  forged.message = engine::encode_envelope(*e);
  c.send(r->a, forged);
  c.idle(c.timeout() / 4);
  c.send(r->a, genuine);
  if (c.expect(r->b, message_with_id(genuine.msg_id))) return Outcome::pass();
  return Outcome::fail({"the genuine MESSAGE relayed to B after the forged copy"}, "B got " + c.seen(r->b));
}

Outcome c_forged(Context& c) { return not_relayed(c, forged_signature); }
Outcome c_altered(Context& c) { return not_relayed(c, altered_body); }
Outcome c_spliced_channel(Context& c) { return not_relayed(c, spliced_channel); }
Outcome c_spliced_id(Context& c) { return not_relayed(c, spliced_msg_id); }
Outcome c_garbage(Context& c) { return not_relayed(c, garbage_envelope); }
Outcome c_stale(Context& c) { return not_relayed(c, stale); }
Outcome c_timestamp(Context& c) { return not_relayed(c, timestamp_mismatch); }
Outcome c_sender(Context& c) { return not_relayed(c, sender_mismatch); }

}  // namespace

void add_message_cases(std::vector<Case>& cases) {
  cases.push_back({"message/1", "N-PROPAGATION", Level::kMay,
                   "a valid signed MESSAGE from peer A to recipient B (also a peer) is relayed to B",
                   relays_valid});
  cases.push_back({"message/2", "N-SIGNATURE", Level::kMust,
                   "the relayed copy keeps node_id, channel_id, timestamp and the signed message unaltered",
                   relay_unaltered});
  cases.push_back({"message/3", "MSG-1", Level::kMust,
                   "a MESSAGE signed with another key than the sender's certificate is not relayed",
                   c_forged});
  cases.push_back({"message/4", "N-SIGNATURE", Level::kMust,
                   "a MESSAGE whose body was altered after signing is not relayed", c_altered});
  cases.push_back({"message/5", "N-SIGNATURE", Level::kMust,
                   "a MESSAGE whose channel_id disagrees with its signed envelope is not relayed",
                   c_spliced_channel});
  cases.push_back({"message/6", "N-SIGNATURE", Level::kMust,
                   "a MESSAGE whose msg_id disagrees with its signed envelope is not relayed", c_spliced_id});
  cases.push_back({"message/7", "MSG-1", Level::kMust,
                   "a MESSAGE whose `message` is not a signed envelope is not relayed", c_garbage});
  cases.push_back({"message/8", "N-PROPAGATION", Level::kMust,
                   "a replayed MESSAGE (same msg_id) is not relayed a second time", replay_not_relayed});
  cases.push_back(
      {"message/9", "N-ACK", Level::kMust, "a replayed MESSAGE is acknowledged again", replay_acked});
  cases.push_back({"message/10", "MSG-3", Level::kMust, "a MESSAGE with an attachment is accepted (ACKed)",
                   attachment_accepted});
  cases.push_back(
      {"message/11", "N-SIGNATURE", Level::kShould,
       "a validly signed MESSAGE stamped 10 minutes ago (a replay from beyond the de-dup window) is "
       "not relayed",
       c_stale});
  cases.push_back({"message/12", "N-SIGNATURE", Level::kMust,
                   "a MESSAGE whose timestamp disagrees with its signed envelope is not relayed",
                   c_timestamp});
  cases.push_back({"message/13", "MSG-1", Level::kMust,
                   "a MESSAGE whose node_id is not the signer's (claims to be from B) is not relayed",
                   c_sender});
  cases.push_back(
      {"message/14", "N-PROPAGATION", Level::kMust,
       "a second, validly signed MESSAGE reusing a relayed msg_id with other content is not relayed",
       reused_msg_id_not_relayed});
  cases.push_back({"message/15", "N-SIGNATURE", Level::kMust,
                   "a forged copy arriving first does not shadow the genuine MESSAGE with the same msg_id",
                   forged_copy_does_not_shadow});
}

}  // namespace ptplab::conformance
