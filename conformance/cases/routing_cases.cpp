// Cases of ROUTING: sent to direct peers, its shape, addresses as seen from outside, its
// period, and its size bound.
#include "conformance/cases/common.hpp"
#include "conformance/cases/sections.hpp"
#include "engine/wire/codec.hpp"

namespace ptplab::conformance {

namespace {

// How long a peer may have to wait to be listed: a ROUTING is bounded (ROUTING-2 lets a node
// omit entries), and a target that lists its peers oldest first (as ours does) lists a new
// peer only once the peers ahead of it have timed out (the notes' peer_timeout, 15 s in ours).
// Peers of other cases of the run (and of a run just before) crowd the table meanwhile.
constexpr TimeNs kListedWaitNs = 24 * kSecond;
constexpr TimeNs kKeepAliveNs = kSecond;  // HELLO period of the peers kept alive while waiting

// The first ROUTING at `receiver` meeting `e` within kListedWaitNs, while `alive` (the receiver
// among them) keep saying HELLO like nodes that stay.
std::optional<Received> expect_listed(Context& c, const Peer& receiver, const std::vector<Peer>& alive,
                                      const Expectation& e) {
  const TimeNs deadline = c.now() + kListedWaitNs;
  while (c.now() < deadline && !c.stopping()) {
    for (const auto& p : alive) c.send(p, wire::Hello{p.node_id, std::string("ptplab-conform")});
    if (auto r = c.expect(receiver, e, std::min(kKeepAliveNs, deadline - c.now()))) return r;
  }
  return std::nullopt;
}

std::optional<Received> first_routing(Context& c, const Peer& p) {
  return expect_routing(c, p, is_verb(wire::Verb::kRouting));
}

Outcome sent_to_peers(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  if (first_routing(c, p)) return Outcome::pass();
  return Outcome::fail({"ROUTING within " + format_duration(routing_wait(c))}, c.seen(p));
}

Outcome shape(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  const auto r = expect_routing(c, p, claims_verb(wire::Verb::kRouting));
  if (!r) return no_routing(c);
  if (!r->message) return Outcome::fail({"msg_data.nodes as [{node_id, address}]"}, show(*r));
  // decode() checked nodes: [{node_id: string, address: string}]; check no empty ids.
  for (const auto& n : std::get<wire::Routing>(*r->message).nodes) {
    if (n.node_id.empty()) return Outcome::fail({"every entry with a node_id"}, show(*r));
  }
  return Outcome::pass();
}

Outcome addresses_parse(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  const auto r = first_routing(c, p);
  if (!r) return no_routing(c);
  for (const auto& n : std::get<wire::Routing>(*r->message).nodes) {
    if (!Address::parse(n.address))
      return Outcome::fail({"addresses as \"ip:port\""}, "\"" + n.address + "\"");
  }
  return Outcome::pass();
}

// Another peer B appears in what A receives, with B's address as the target sees it.
Outcome lists_other_peer(Context& c) {
  if (auto o = unsupported_behind_translation(c)) return *o;
  const Peer a = c.open_peer();
  const Peer b = c.open_peer();
  if (!greet(c, a)) return no_hello_answer(c, a);
  if (!greet(c, b)) return no_hello_answer(c, b);
  const std::string want = b.address.to_string();
  const auto lists_b = message_where<wire::Routing>("ROUTING listing " + b.node_id + " at " + want,
                                                    [&](const wire::Routing& m) {
                                                      for (const auto& n : m.nodes) {
                                                        if (n.node_id == b.node_id && n.address == want)
                                                          return true;
                                                      }
                                                      return false;
                                                    });
  if (expect_listed(c, a, {a, b}, lists_b)) return Outcome::pass();
  return Outcome::fail({lists_b.description + " within " + format_duration(kListedWaitNs)}, c.seen(a));
}

Outcome periodic(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  if (!first_routing(c, p)) return no_routing(c);
  c.send(p, wire::Hello{p.node_id, std::string("ptplab-conform")});
  if (first_routing(c, p)) return Outcome::pass();
  return Outcome::fail({"a second ROUTING within " + format_duration(routing_wait(c))}, c.seen(p));
}

Outcome fits_datagram(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  // A crowd of peers, so that the table has something to list.
  for (int i = 0; i < 8; ++i) {
    const Peer extra = c.open_peer();
    c.send(extra, wire::Hello{extra.node_id, std::string("ptplab-conform")});
  }
  const auto r = first_routing(c, p);
  if (!r) return no_routing(c);
  if (r->bytes.size() <= kDatagramBytesMax) return Outcome::pass();
  return Outcome::fail({"at most " + std::to_string(kDatagramBytesMax) + " bytes"},
                       std::to_string(r->bytes.size()) + " bytes");
}

// ROUTING tells each peer its own address as the target observes it.
Outcome lists_recipient(Context& c) {
  if (auto o = unsupported_behind_translation(c)) return *o;
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  const std::string want = p.address.to_string();
  const auto lists_me =
      message_where<wire::Routing>("ROUTING listing the recipient at " + want, [&](const wire::Routing& m) {
        for (const auto& n : m.nodes) {
          if (n.node_id == p.node_id && n.address == want) return true;
        }
        return false;
      });
  if (expect_listed(c, p, {p}, lists_me)) return Outcome::pass();
  return Outcome::fail({lists_me.description + " within " + format_duration(kListedWaitNs)}, c.seen(p));
}

// A source that said HELLO once and never answered ours has not proved its address: no ROUTING.
Outcome not_to_unverified(Context& c) {
  const Peer p = unknown_peer(c, false);
  c.send(p, wire::Hello{p.node_id, std::string("ptplab-conform")});
  const auto got = c.watch(p, is_verb(wire::Verb::kRouting), routing_wait(c));
  if (!got.empty()) return Outcome::fail({"no ROUTING to an unverified address"}, show(got.front()));
  const Peer verified = c.open_peer();
  if (!greet(c, verified)) return no_hello_answer(c, verified);
  if (!first_routing(c, verified)) return no_routing(c, " to a verified peer either");
  return Outcome::pass();
}

}  // namespace

void add_routing_cases(std::vector<Case>& cases) {
  cases.push_back({"routing/1", "ROUTING-2", Level::kShould, "a direct peer receives ROUTING from the target",
                   sent_to_peers});
  cases.push_back({"routing/2", "ROUTING-1", Level::kMust,
                   "ROUTING's msg_data.nodes is a list of {node_id, address} entries", shape});
  cases.push_back({"routing/3", "N-ROUTING", Level::kShould, "ROUTING addresses are \"ip:port\" sockets",
                   addresses_parse});
  cases.push_back({"routing/4", "N-ROUTING", Level::kShould,
                   "ROUTING to peer A lists peer B with B's address as the target sees it",
                   lists_other_peer});
  cases.push_back(
      {"routing/5", "ROUTING-2", Level::kShould, "ROUTING is periodic: a second one follows", periodic});
  cases.push_back({"routing/6", "N-ROUTING", Level::kShould,
                   "ROUTING fits a datagram the UDP-era server reads (8192 bytes)", fits_datagram});
  cases.push_back({"routing/7", "N-ROUTING", Level::kShould,
                   "ROUTING lists its recipient with the address the target observes (its outside address)",
                   lists_recipient});
  cases.push_back(
      {"routing/8", "N-AMPLIFICATION", Level::kShould,
       "notes: no ROUTING to a source that never answered the target's HELLO (unverified address)",
       not_to_unverified, true});
}

}  // namespace ptplab::conformance
