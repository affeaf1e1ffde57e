// Cases of CONNECT with the target as the rendezvous S (steps 2 and 4 rewritten correctly,
// only between live peers) and as B (step 3 returned through S, and B starts towards A).
#include "conformance/cases/common.hpp"
#include "conformance/cases/sections.hpp"
#include "engine/wire/codec.hpp"

namespace ptplab::conformance {

namespace {

constexpr int kConnectBurst = 100;  // CONNECTs sent at once for the rate bound
constexpr int kConnectTries = 3;    // A's step 1 sent up to this many times

// A, B greeted; A asks S (the target) for B (full address and node id, so any reading finds B).
struct Rendezvous {
  Peer a, b;
};

std::optional<Rendezvous> set_up(Context& c, Outcome& failure) {
  // A names B by the socket the harness bound; behind a NAT the target knows B by another.
  if (auto o = unsupported_behind_translation(c)) {
    failure = *o;
    return std::nullopt;
  }
  Rendezvous r{c.open_peer(), c.open_peer()};
  for (const Peer* p : {&r.a, &r.b}) {
    if (!greet(c, *p)) {
      failure = no_hello_answer(c, *p);
      return std::nullopt;
    }
  }
  return r;
}

wire::Connect step1(const Rendezvous& r) {
  return wire::Connect{r.b.address.to_string(), std::to_string(r.a.address.port), r.a.node_id, r.b.node_id};
}

// A sends step 1 and, as a node would over UDP, again if nothing reached B a third of the timeout
// later: a target that validates addresses (PROTOCOL.md R31) forwards to B only once B ACKed its
// probe, which may cross A's first CONNECT.
std::optional<wire::Connect> forwarded_to_b(Context& c, const Rendezvous& r) {
  for (int i = 0; i < kConnectTries; ++i) {
    c.send(r.a, step1(r));
    if (const auto got = c.expect(r.b, is_verb(wire::Verb::kConnect), c.timeout() / kConnectTries))
      return std::get<wire::Connect>(*got->message);
  }
  return std::nullopt;
}

Outcome step2_forwarded(Context& c) {
  Outcome failure;
  const auto r = set_up(c, failure);
  if (!r) return failure;
  if (forwarded_to_b(c, *r)) return Outcome::pass();
  return Outcome::fail({"CONNECT forwarded to B"}, "B got " + c.seen(r->b));
}

Outcome step2_rewritten(Context& c) {
  Outcome failure;
  const auto r = set_up(c, failure);
  if (!r) return failure;
  const auto m = forwarded_to_b(c, *r);
  if (!m) return Outcome::blocked("connect/1", "S did not forward the CONNECT");
  const std::string a_full = r->a.address.to_string();
  const std::string b_ip = r->b.address.ip_string();
  if (m->dst == a_full && m->src.rfind(b_ip, 0) == 0) return Outcome::pass();
  return Outcome::fail({"CONNECT{dst=" + a_full + ", src=" + b_ip + "[...]}"},
                       "CONNECT{dst=" + m->dst + ", src=" + m->src + "}");
}

// B returns step 3 with its new port; S forwards step 4 to A with both full sockets.
std::optional<wire::Connect> step4(Context& c, const Rendezvous& r, std::uint16_t b_port) {
  const auto m = forwarded_to_b(c, r);
  if (!m) return std::nullopt;
  wire::Connect back{m->dst, std::to_string(b_port), r.b.node_id, r.a.node_id};
  c.send(r.b, back);
  const auto got = c.expect(r.a, is_verb(wire::Verb::kConnect));
  if (!got) return std::nullopt;
  return std::get<wire::Connect>(*got->message);
}

Outcome step4_forwarded(Context& c) {
  Outcome failure;
  const auto r = set_up(c, failure);
  if (!r) return failure;
  if (!forwarded_to_b(c, *r)) return Outcome::blocked("connect/1", "S did not forward step 1");
  c.send(r->b, wire::Connect{r->a.address.to_string(), std::to_string(r->b.address.port), r->b.node_id,
                             r->a.node_id});
  if (c.expect(r->a, is_verb(wire::Verb::kConnect))) return Outcome::pass();
  return Outcome::fail({"CONNECT forwarded back to A"}, "A got " + c.seen(r->a));
}

Outcome step4_rewritten(Context& c) {
  Outcome failure;
  const auto r = set_up(c, failure);
  if (!r) return failure;
  const std::uint16_t b_port = r->b.address.port;
  const auto m = step4(c, *r, b_port);
  if (!m) return Outcome::blocked("connect/3", "S did not forward steps 2 and 4");
  const std::string b_full = r->b.address.ip_string() + ":" + std::to_string(b_port);
  const std::string a_full = r->a.address.to_string();
  if (m->dst == b_full && m->src == a_full) return Outcome::pass();
  return Outcome::fail({"CONNECT{dst=" + b_full + ", src=" + a_full + "}"},
                       "CONNECT{dst=" + m->dst + ", src=" + m->src + "}");
}

// S forwards only between live peers: a B that never said HELLO gets nothing.
Outcome only_live_peers(Context& c) {
  Outcome failure;
  const auto live = set_up(c, failure);
  if (!live) return failure;
  // Not forwarding means something only from a target that forwards between live peers.
  if (!forwarded_to_b(c, *live)) return Outcome::blocked("connect/1", "S forwards no CONNECT at all");
  const Peer& a = live->a;
  const Peer stranger = unknown_peer(c, true);
  c.send(a, wire::Connect{stranger.address.to_string(), std::to_string(a.address.port), a.node_id,
                          stranger.node_id});
  const auto got = c.watch(stranger, is_verb(wire::Verb::kConnect), c.timeout());
  if (got.empty()) return Outcome::pass();
  return Outcome::fail({"nothing sent to a node that is not a live peer"}, show(got.front()));
}

// The target as B: S (a harness peer) forwards step 2; B answers S with step 3 (src = a port).
std::optional<wire::Connect> as_b(Context& c, const Peer& s, const Peer& a) {
  c.send(s, wire::Connect{a.address.to_string(), c.target().ip_string(), a.node_id, c.target_node_id()});
  const auto got = c.expect(s, is_verb(wire::Verb::kConnect));
  if (!got) return std::nullopt;
  return std::get<wire::Connect>(*got->message);
}

Outcome b_returns_step3(Context& c) {
  const Peer s = c.open_peer();
  const Peer a = c.open_peer();
  if (!greet(c, s)) return no_hello_answer(c, s);
  const auto m = as_b(c, s, a);
  if (!m) return Outcome::fail({"CONNECT returned to S"}, "S got " + c.seen(s));
  const bool port_only = !m->src.empty() && m->src.find_first_not_of("0123456789") == std::string::npos;
  if (m->dst == a.address.to_string() && port_only) return Outcome::pass();
  return Outcome::fail({"CONNECT{dst=" + a.address.to_string() + ", src=<B's port>}"},
                       "CONNECT{dst=" + m->dst + ", src=" + m->src + "}");
}

Outcome b_contacts_a(Context& c) {
  const Peer s = c.open_peer();
  const Peer a = c.open_peer();
  if (!greet(c, s)) return no_hello_answer(c, s);
  if (!as_b(c, s, a)) return Outcome::blocked("connect/5", "the target did not answer step 2");
  if (c.expect(a, anything(), c.hello_wait())) return Outcome::pass();
  return Outcome::fail({"a datagram from B to A's socket (hole punching)"}, "A got " + c.seen(a));
}

// A burst of CONNECTs through S is not all forwarded: S bounds the rate.
Outcome rate_bounded(Context& c) {
  Outcome failure;
  const auto r = set_up(c, failure);
  if (!r) return failure;
  // Only a target seen to forward can be seen to bound (and B has proved its address by then).
  if (!forwarded_to_b(c, *r)) return Outcome::blocked("connect/1", "S forwarded no CONNECT");
  for (int i = 0; i < kConnectBurst; ++i) c.send(r->a, step1(*r));
  const auto got = c.watch(r->b, is_verb(wire::Verb::kConnect), c.timeout());
  if (got.size() < static_cast<std::size_t>(kConnectBurst)) return Outcome::pass();
  return Outcome::fail({"fewer than " + std::to_string(kConnectBurst) + " CONNECTs forwarded"},
                       std::to_string(got.size()) + " forwarded");
}

// S swaps the UDP-era extensions with src/dst: step 2 names A as dst_node_id, B as src_node_id.
Outcome node_ids_swapped(Context& c) {
  Outcome failure;
  const auto r = set_up(c, failure);
  if (!r) return failure;
  const auto m = forwarded_to_b(c, *r);
  if (!m) return Outcome::blocked("connect/1", "S did not forward the CONNECT");
  if (m->dst_node_id == r->a.node_id && m->src_node_id == r->b.node_id) return Outcome::pass();
  return Outcome::fail({"CONNECT{dst_node_id=" + r->a.node_id + ", src_node_id=" + r->b.node_id + "}"},
                       "CONNECT{dst_node_id=" + m->dst_node_id.value_or("") +
                           ", src_node_id=" + m->src_node_id.value_or("") + "}");
}

}  // namespace

void add_connect_cases(std::vector<Case>& cases) {
  cases.push_back({"connect/1", "CONNECT-2", Level::kMust,
                   "as S, the target forwards A's CONNECT to B (both live peers)", step2_forwarded});
  cases.push_back({"connect/2", "CONNECT-2", Level::kMust,
                   "as S, step 2 carries dst = A's IP:port as S sees it and src = B's IP", step2_rewritten});
  cases.push_back({"connect/3", "CONNECT-4", Level::kMust, "as S, the target forwards B's step 3 back to A",
                   step4_forwarded});
  cases.push_back({"connect/4", "CONNECT-4", Level::kMust,
                   "as S, step 4 carries dst = B's IP:B's new port and src = A's IP:port", step4_rewritten});
  cases.push_back({"connect/5", "CONNECT-3", Level::kMust,
                   "as B, the target returns the CONNECT to S with dst = A's socket and src = its port",
                   b_returns_step3});
  cases.push_back({"connect/6", "CONNECT-3", Level::kShould,
                   "as B, the target starts sending to A's socket (to get through A's NAT)", b_contacts_a});
  cases.push_back({"connect/7", "N-CONNECT", Level::kMust,
                   "as S, the target does not forward a CONNECT to an address that is not a live peer",
                   only_live_peers});
  cases.push_back({"connect/8", "N-CONNECT", Level::kShould,
                   "as S, the target does not forward a burst of 100 CONNECTs in full (bounded rate)",
                   rate_bounded, false, true});
  cases.push_back({"connect/9", "CONNECT-2", Level::kMay,
                   "as S, the UDP-era extensions are swapped too: dst_node_id = A, src_node_id = B",
                   node_ids_swapped, true});
}

}  // namespace ptplab::conformance
