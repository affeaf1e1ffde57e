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
  return Outcome::fail({"ACK{msg_id=" + id + "}"}, c.seen(p));
}

// A HELLO without msg_data is a HELLO with null msg_data: answered.
Outcome missing_msg_data(Context& c) {
  const Peer p = c.open_peer();
  c.send(p, R"({"msg_type":"HELLO"})");
  if (c.expect(p, is_verb(wire::Verb::kHello), c.hello_wait())) return Outcome::pass();
  return Outcome::fail({"HELLO (missing msg_data treated as null)"}, c.seen(p));
}

// "msg_data": null is accepted the same way.
Outcome null_msg_data(Context& c) {
  const Peer p = c.open_peer();
  c.send(p, R"({"msg_type":"HELLO","msg_data":null})");
  if (c.expect(p, is_verb(wire::Verb::kHello), c.hello_wait())) return Outcome::pass();
  return Outcome::fail({"HELLO (null msg_data accepted)"}, c.seen(p));
}

// Key order does not matter: msg_data before msg_type.
Outcome key_order(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  const std::string id = c.new_id();
  c.send(p, R"({"msg_data":{"node_id":")" + p.node_id + R"(","msg_id":")" + id +
                R"("},"msg_type":"GETCERTIFICATE"})");
  if (c.expect(p, ack_for(id))) return Outcome::pass();
  return Outcome::fail({"ACK{msg_id=" + id + "}"}, c.seen(p));
}

// Every datagram the target sends is one JSON object with a string msg_type naming a verb.
Outcome target_sends_json(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  c.send(p, wire::GetCertificate{c.new_id(), p.node_id});
  const auto all = c.watch(p, anything(), c.timeout());
  for (const auto& r : all) {
    if (!r.message) return Outcome::fail({"a JSON object with msg_type naming a verb"}, show(r));
  }
  return Outcome::pass();
}

// Whitespace around and inside the JSON text is legal JSON.
Outcome whitespace(Context& c) {
  const Peer p = c.open_peer();
  c.send(p,
         "  \n{ \"msg_type\" :\t\"HELLO\" ,\r\n \"msg_data\" : { \"node_id\" : \"" + p.node_id + "\" } }\n ");
  if (c.expect(p, is_verb(wire::Verb::kHello), c.hello_wait())) return Outcome::pass();
  return Outcome::fail({"HELLO (JSON whitespace accepted)"}, c.seen(p));
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
}

}  // namespace ptplab::conformance
