// Shared case steps.
#include "conformance/cases/common.hpp"

#include "conformance/wire_log.hpp"

namespace ptplab::conformance {

namespace {
constexpr int kUnknownPeerTries = 3;  // sockets tried for one whose port the target does not know
}  // namespace

bool greet(Context& c, const Peer& p) {
  if (!c.handshake(p)) return false;
  c.send(p, wire::Hello{p.node_id, std::string("ptplab-conform")});
  return true;
}

Outcome no_hello_answer(Context& c, const Peer& p) {
  return Outcome::blocked(
      "hello/1", "the target answered no HELLO: " + c.seen(p) + " within " + format_duration(c.hello_wait()));
}

std::optional<Outcome> blocked_unless_acks(Context& c, const Peer& p) {
  const std::string id = c.new_id();
  c.send(p, wire::GetCertificate{id, p.node_id});
  if (c.expect(p, ack_for(id))) return std::nullopt;
  return Outcome::blocked("ack/1", "a plain GETCERTIFICATE was not acknowledged either (" + c.seen(p) + ")");
}

std::optional<Outcome> unsupported_behind_translation(const Context& c) {
  if (c.settings().address_translation.empty()) return std::nullopt;
  return Outcome::unsupported("about addresses: " + c.settings().address_translation +
                              "; the harness cannot know the addresses this case compares");
}

Peer unknown_peer(Context& c, bool auto_ack) {
  Peer p = c.open_peer(auto_ack);
  for (int i = 0; i < kUnknownPeerTries; ++i) {
    c.idle(c.settings().hello_interval_max_ns + c.timeout() / 4);
    if (c.received(p).empty()) break;
    p = c.open_peer(auto_ack);
    std::string note = "that port was known to the target (reused): another socket, p";
    note += std::to_string(p.index);
    c.note(note);
  }
  return p;
}

Outcome survives(Context& c, const std::vector<std::string>& datagrams) {
  const Peer p = c.open_peer();
  for (const auto& d : datagrams) c.send(p, d);
  if (c.alive()) return Outcome::pass();
  return Outcome::fail(
      {"HELLO answered by the target after the hostile input"},
      "no HELLO within " + format_duration(c.hello_wait()) + " (the target stopped answering)");
}

std::string show(const Received& r) { return printable(r.bytes, 200); }

std::optional<Received> expect_routing(Context& c, const Peer& p, const Expectation& e) {
  const TimeNs deadline = c.now() + routing_wait(c);
  while (c.now() < deadline && !c.stopping()) {
    if (auto r = c.expect(p, e, std::min(kSecond, deadline - c.now()))) return r;
    c.send(p, wire::Hello{p.node_id, std::string("ptplab-conform")});
  }
  return std::nullopt;
}

Outcome no_routing(const Context& c, const std::string& to) {
  return Outcome::blocked("routing/1",
                          "the target sent no ROUTING" + to + " within " + format_duration(routing_wait(c)));
}

}  // namespace ptplab::conformance
