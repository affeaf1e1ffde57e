// Cases of the spec's "Message Format": JSON datagrams, msg_type required, missing msg_data is
// null, other head keys ignored.
#include "conformance/cases/common.hpp"
#include "conformance/cases/sections.hpp"
#include "engine/wire/codec.hpp"

namespace ptplab::conformance {

namespace {

// HELLO with keys beside msg_type and msg_data (the later revision's ttl/flood/msg_id) is answered.
Outcome extra_head_keys_hello(Context& c) {
  const Peer p = c.open_peer();
  c.send(p, R"({"msg_type":"HELLO","msg_data":{"node_id":")" + p.node_id +
                R"("},"ttl":1,"flood":false,"msg_id":"x","sender_id":"y","zzz":[1,{"a":null}]})");
  if (c.expect(p, is_verb(wire::Verb::kHello), c.hello_wait())) return Outcome::pass();
  return Outcome::fail({"HELLO (extra head keys ignored)"}, c.seen(p));
}

// GETCERTIFICATE with extra head keys is still acknowledged.
Outcome extra_head_keys_getcertificate(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  const std::string id = c.new_id();
  c.send(p, R"({"ttl":32,"msg_type":"GETCERTIFICATE","target_id":"t","msg_data":{"msg_id":")" + id +
                R"(","node_id":")" + p.node_id + R"("},"extra":"ignored"})");
  if (c.expect(p, ack_for(id))) return Outcome::pass();
  const std::string seen = c.seen(p);
  if (auto blocked = blocked_unless_acks(c, p)) return *blocked;
  return Outcome::fail({"ACK{msg_id=" + id + "}"}, seen);
}

// Passes when a HELLO answers what `p` just sent and the target is a node: a HELLO carrying no
// identity is answered alike by an echo server (its own bytes back), so the target must also answer
// a HELLO with node_id by one with its own node_id (Context ignores reflections).
Outcome bare_hello_answered(Context& c, const Peer& p, const std::string& expected) {
  if (!c.expect(p, is_verb(wire::Verb::kHello), c.hello_wait())) return Outcome::fail({expected}, c.seen(p));
  if (greet(c, p)) return Outcome::pass();
  return Outcome::fail({expected + ", then a HELLO with the target's own node_id to a HELLO with ours"},
                       c.seen(p));
}

// A HELLO without msg_data is a HELLO with null msg_data: answered.
Outcome missing_msg_data(Context& c) {
  const Peer p = c.open_peer();
  c.send(p, R"({"msg_type":"HELLO"})");
  return bare_hello_answered(c, p, "HELLO (missing msg_data treated as null)");
}

// "msg_data": null is accepted the same way.
Outcome null_msg_data(Context& c) {
  const Peer p = c.open_peer();
  c.send(p, R"({"msg_type":"HELLO","msg_data":null})");
  return bare_hello_answered(c, p, "HELLO (null msg_data accepted)");
}

// Key order does not matter: msg_data before msg_type.
Outcome key_order(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  const std::string id = c.new_id();
  c.send(p, R"({"msg_data":{"node_id":")" + p.node_id + R"(","msg_id":")" + id +
                R"("},"msg_type":"GETCERTIFICATE"})");
  if (c.expect(p, ack_for(id))) return Outcome::pass();
  const std::string seen = c.seen(p);
  if (auto blocked = blocked_unless_acks(c, p)) return *blocked;
  return Outcome::fail({"ACK{msg_id=" + id + "} (as for the same keys in the usual order)"}, seen);
}

// Every datagram the target sends is one JSON object with a string msg_type naming a verb.
Outcome target_sends_json(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  c.send(p, wire::GetCertificate{c.new_id(), p.node_id});
  c.idle(c.timeout());
  const auto all = c.received(p);  // the HELLO of the handshake included: never an empty check
  for (const auto& r : all) {
    if (!r.message) return Outcome::fail({"a JSON object with msg_type naming a verb"}, show(r));
  }
  return Outcome::pass(std::to_string(all.size()) + " datagrams checked");
}

// Whitespace around and inside the JSON text is legal JSON.
Outcome whitespace(Context& c) {
  const Peer p = c.open_peer();
  c.send(p,
         "  \n{ \"msg_type\" :\t\"HELLO\" ,\r\n \"msg_data\" : { \"node_id\" : \"" + p.node_id + "\" } }\n ");
  if (c.expect(p, is_verb(wire::Verb::kHello), c.hello_wait())) return Outcome::pass();
  return Outcome::fail({"HELLO (JSON whitespace accepted)"}, c.seen(p));
}

// Sends `bytes` (a GETCERTIFICATE-like datagram the notes reject) and checks no ACK comes back.
Outcome rejected_without_ack(Context& c, const std::string& bytes) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  c.send(p, bytes);
  const auto acks = c.watch(p, any_ack(), c.timeout());
  if (!acks.empty()) return Outcome::fail({"no ACK: the datagram is dropped"}, show(acks.front()));
  if (auto blocked = blocked_unless_acks(c, p)) return *blocked;  // silence means something only then
  return Outcome::pass();
}

Outcome duplicate_msg_id_rejected(Context& c) {
  return rejected_without_ack(c, R"({"msg_type":"GETCERTIFICATE","msg_data":{"msg_id":")" + c.new_id() +
                                     R"(","msg_id":")" + c.new_id() + R"(","node_id":"x"}})");
}

Outcome empty_msg_id_rejected(Context& c) {
  return rejected_without_ack(c, R"({"msg_type":"GETCERTIFICATE","msg_data":{"msg_id":"","node_id":"x"}})");
}

Outcome trailing_content_rejected(Context& c) {
  return rejected_without_ack(
      c, wire::encode(wire::GetCertificate{c.new_id(), "x"}) + R"( {"msg_type":"HELLO"})");
}

Outcome verbs_case_sensitive(Context& c) {
  const Peer control = c.open_peer();
  if (!c.handshake(control)) return Outcome::blocked("hello/1", "the target answers no HELLO at all");
  const Peer p = c.open_peer();
  c.send(p, R"({"msg_type":"hello","msg_data":{"node_id":")" + p.node_id + R"("}})");
  const auto answers = c.watch(p, anything(), c.hello_wait());
  if (answers.empty()) return Outcome::pass();
  return Outcome::fail({"nothing: \"hello\" is not a verb"}, show(answers.front()));
}

}  // namespace

void add_head_cases(std::vector<Case>& cases) {
  cases.push_back(
      {"head/1", "FMT-4", Level::kShould,
       "a HELLO with other head keys (ttl, flood, msg_id, sender_id, ...) is answered: they are ignored",
       extra_head_keys_hello});
  cases.push_back({"head/2", "FMT-4", Level::kShould,
                   "a GETCERTIFICATE with other head keys is acknowledged: they are ignored",
                   extra_head_keys_getcertificate});
  cases.push_back({"head/3", "FMT-3", Level::kShould,
                   "a HELLO without msg_data is treated as null and answered", missing_msg_data});
  cases.push_back(
      {"head/4", "FMT-3", Level::kShould, "a HELLO whose msg_data is null is answered", null_msg_data});
  cases.push_back({"head/5", "FMT-1", Level::kMust,
                   "the order of head keys does not matter (msg_data before msg_type is acknowledged)",
                   key_order});
  cases.push_back(
      {"head/6", "N-TRANSPORT", Level::kMust,
       "every datagram the target sends is one JSON object whose msg_type names a verb of the spec",
       target_sends_json});
  cases.push_back({"head/7", "FMT-1", Level::kMust,
                   "JSON whitespace around and inside the object is accepted", whitespace});
  cases.push_back({"head/8", "N-TRANSPORT", Level::kMust,
                   "notes W7: a GETCERTIFICATE with msg_id twice in msg_data is dropped (not ACKed)",
                   duplicate_msg_id_rejected, true});
  cases.push_back({"head/9", "N-TRANSPORT", Level::kMust,
                   "notes W8: a GETCERTIFICATE with an empty msg_id is dropped (not ACKed)",
                   empty_msg_id_rejected, true});
  cases.push_back({"head/10", "N-TRANSPORT", Level::kMust,
                   "notes W1: a datagram with content after its JSON text is dropped (not ACKed)",
                   trailing_content_rejected, true});
  cases.push_back({"head/11", "FMT-2", Level::kMust,
                   "notes W4: msg_type is case-sensitive: \"hello\" is not answered", verbs_case_sensitive,
                   true});
}

}  // namespace ptplab::conformance
