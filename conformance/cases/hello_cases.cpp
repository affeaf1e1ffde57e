// Cases of HELLO: reciprocity, the 0.5-2 s interval, msg_data optional and ignored.
#include <algorithm>

#include "conformance/cases/common.hpp"
#include "conformance/cases/sections.hpp"
#include "engine/wire/codec.hpp"

namespace ptplab::conformance {

namespace {

constexpr TimeNs kIntervalToleranceNs = 100 * kMillisecond;  // scheduling and loopback jitter
constexpr int kIntervalsObserved = 3;                        // gaps measured per interval case

Outcome answers_hello(Context& c) {
  const Peer p = c.open_peer();
  if (c.handshake(p)) return Outcome::pass();
  return Outcome::fail({"HELLO (the target answers a new peer's HELLO)"},
                       c.seen(p) + " within " + format_duration(c.hello_wait()));
}

// The longest HELLO period hello/2 waits for: "periodically" (HELLO-4) sets no period, that
// it is at most 2 s is hello/4's requirement (HELLO-2), not hello/2's.
constexpr TimeNs kPeriodicHelloMaxNs = 10 * kSecond;

// How long hello/2 waits for the periodic HELLOs it needs.
TimeNs periodic_wait(const Context& c) { return kPeriodicHelloMaxNs + c.timeout(); }

// The HELLOs the target sends `p` until `wanted` came or `deadline`, answering each as a
// well-behaved node that stays would.
void hello_train(Context& c, const Peer& p, std::vector<Received>& hellos, std::size_t wanted,
                 TimeNs deadline) {
  while (hellos.size() < wanted && c.now() < deadline) {
    auto h = c.expect(p, is_verb(wire::Verb::kHello), deadline - c.now());
    if (!h) break;
    hellos.push_back(*h);
    c.send(p, wire::Hello{p.node_id, std::string("ptplab-conform")});
  }
}

// The HELLOs the target sends `p` over enough time to see kIntervalsObserved gaps at the
// longest interval HELLO-2 allows.
std::vector<Received> hello_train(Context& c, const Peer& p) {
  std::vector<Received> hellos;
  hello_train(c, p, hellos, kIntervalsObserved + 1,
              c.now() + (kIntervalsObserved + 1) * c.settings().hello_interval_max_ns + c.timeout());
  return hellos;
}

// HELLO-4: after our HELLO the target keeps sending HELLOs. Two after its answer, each within
// kPeriodicHelloMaxNs of the one before, show it does, whatever the period (hello/3 and hello/4
// judge the period).
Outcome keeps_sending(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  std::vector<Received> hellos;
  for (std::size_t wanted = 1; wanted <= 2 && hellos.size() + 1 == wanted; ++wanted)
    hello_train(c, p, hellos, wanted, c.now() + periodic_wait(c));
  if (hellos.size() >= 2) return Outcome::pass();
  return Outcome::fail(
      {"2 periodic HELLOs, each within " + format_duration(periodic_wait(c)) + " of the last"},
      std::to_string(hellos.size()) + " HELLOs (" + c.seen(p) + ")");
}

std::vector<TimeNs> gaps(const std::vector<Received>& hellos) {
  std::vector<TimeNs> out;
  for (std::size_t i = 1; i < hellos.size(); ++i) out.push_back(hellos[i].at - hellos[i - 1].at);
  return out;
}

std::string show_gaps(const std::vector<TimeNs>& g) {
  std::string s = "HELLO gaps [";
  for (std::size_t i = 0; i < g.size(); ++i) s += (i ? ", " : "") + format_duration(g[i]);
  return s + "]";
}

Outcome interval_not_below_min(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  auto hellos = hello_train(c, p);
  // Blocked only when hello/2 would fail: no second HELLO even within its wait.
  for (std::size_t wanted = hellos.size() + 1; wanted <= 2; ++wanted) {
    const std::size_t had = hellos.size();
    hello_train(c, p, hellos, wanted, c.now() + periodic_wait(c));
    if (hellos.size() == had) break;
  }
  const auto g = gaps(hellos);
  if (g.empty())
    return Outcome::blocked("hello/2", "the target sent " + std::to_string(hellos.size()) +
                                           " periodic HELLOs, not two each within " +
                                           format_duration(periodic_wait(c)) + " of the last");
  const TimeNs shortest = *std::min_element(g.begin(), g.end());
  if (shortest + kIntervalToleranceNs >= c.settings().hello_interval_min_ns) return Outcome::pass();
  return Outcome::fail({"every gap >= " + format_duration(c.settings().hello_interval_min_ns)}, show_gaps(g));
}

Outcome interval_not_above_max(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  const auto hellos = hello_train(c, p);
  const auto g = gaps(hellos);
  if (static_cast<int>(g.size()) < kIntervalsObserved)
    return Outcome::fail({std::to_string(kIntervalsObserved) +
                          " gaps <= " + format_duration(c.settings().hello_interval_max_ns)},
                         show_gaps(g) + " then silence");
  const TimeNs longest = *std::max_element(g.begin(), g.end());
  if (longest <= c.settings().hello_interval_max_ns + kIntervalToleranceNs) return Outcome::pass();
  return Outcome::fail({"every gap <= " + format_duration(c.settings().hello_interval_max_ns)}, show_gaps(g));
}

// msg_data is ignored: unexpected content in it does not stop the answer.
Outcome msg_data_ignored(Context& c) {
  const Peer p = c.open_peer();
  c.send(p, R"({"msg_type":"HELLO","msg_data":{"node_id":")" + p.node_id +
                R"(","version":"other; 9","attributes":{"node_type":"client"},"x":[1,2,3]}})");
  if (c.expect(p, is_verb(wire::Verb::kHello), c.hello_wait())) return Outcome::pass();
  return Outcome::fail({"HELLO (unknown msg_data fields ignored)"}, c.seen(p));
}

// msg_data of another JSON type than an object: still a HELLO whose msg_data is ignored.
Outcome msg_data_non_object(Context& c) {
  const Peer p = c.open_peer();
  c.send(p, R"({"msg_type":"HELLO","msg_data":"hello there"})");
  if (c.expect(p, is_verb(wire::Verb::kHello), c.hello_wait())) return Outcome::pass();
  return Outcome::fail({"HELLO (msg_data ignored whatever its type)"}, c.seen(p));
}

// Our notes: HELLO carries msg_data {node_id, version} so peers can register us.
Outcome carries_node_id(Context& c) {
  const Peer p = c.open_peer();
  c.send(p, wire::Hello{p.node_id, std::string("ptplab-conform")});
  const auto h = c.expect(p, is_verb(wire::Verb::kHello), c.hello_wait());
  if (!h) return no_hello_answer(c, p);
  const auto& hello = std::get<wire::Hello>(*h->message);
  if (hello.node_id && !hello.node_id->empty() && hello.version) return Outcome::pass();
  return Outcome::fail({R"(HELLO{"msg_data":{"node_id":...,"version":...}})"}, show(*h));
}

bool is_uuid4(const std::string& s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char ch = s[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (ch != '-') return false;
    } else if (!std::isxdigit(static_cast<unsigned char>(ch))) {
      return false;
    }
  }
  return s[14] == '4' && std::string("89abAB").find(s[19]) != std::string::npos;
}

Outcome node_id_uuid4(Context& c) {
  const Peer p = c.open_peer();
  c.send(p, wire::Hello{p.node_id, std::string("ptplab-conform")});
  const auto h = c.expect(p, is_verb(wire::Verb::kHello), c.hello_wait());
  if (!h) return no_hello_answer(c, p);
  const auto& hello = std::get<wire::Hello>(*h->message);
  if (hello.node_id && is_uuid4(*hello.node_id)) return Outcome::pass();
  return Outcome::fail({"node_id as a UUIDv4 string"}, show(*h));
}

// HELLO needs no response: the target does not ACK it.
Outcome not_acked(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  const auto acks = c.watch(p, any_ack(), c.timeout());
  if (!acks.empty()) return Outcome::fail({"no ACK for a HELLO"}, show(acks.front()));
  if (auto blocked = blocked_unless_acks(c, p)) return *blocked;  // a target that never ACKs proves nothing
  return Outcome::pass();
}

}  // namespace

void add_hello_cases(std::vector<Case>& cases) {
  cases.push_back({"hello/1", "HELLO-4", Level::kMust,
                   "a HELLO from a new peer is answered with HELLO (the notes make reciprocity a rule)",
                   answers_hello});
  cases.push_back({"hello/2", "HELLO-4", Level::kShould,
                   "after a HELLO the target keeps sending HELLOs to that peer periodically", keeps_sending});
  cases.push_back({"hello/3", "HELLO-2", Level::kShould,
                   "consecutive HELLOs to a peer are at least 0.5 s apart", interval_not_below_min});
  cases.push_back({"hello/4", "HELLO-2", Level::kShould, "consecutive HELLOs to a peer are at most 2 s apart",
                   interval_not_above_max});
  cases.push_back({"hello/5", "HELLO-1", Level::kShould,
                   "unknown fields in a HELLO's msg_data are ignored (the HELLO is answered)",
                   msg_data_ignored});
  cases.push_back({"hello/6", "HELLO-1", Level::kShould,
                   "a HELLO whose msg_data is not an object is still answered (msg_data is ignored)",
                   msg_data_non_object, true});
  cases.push_back({"hello/7", "N-HELLO", Level::kShould,
                   "the target's HELLO carries msg_data {node_id, version}", carries_node_id});
  cases.push_back(
      {"hello/8", "N-IDS", Level::kMay, "the target's node_id is a UUIDv4 string", node_id_uuid4, true});
  cases.push_back({"hello/9", "HELLO-3", Level::kShould,
                   "a HELLO is not acknowledged (it requires no response)", not_acked});
}

}  // namespace ptplab::conformance
