// Literal times, addresses and node_ids shared by the Node-level tests of this folder (its files
// are compiled together in unity builds, so each name is declared once, here).
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "engine/core/time.hpp"
#include "tests/engine/node/harness.hpp"

namespace ptplab::engine::test {

inline constexpr TimeNs kT0 = 1 * kSecond;  // when the tests start talking to a Node
inline const Address kA = addr(50);         // a neighbour, 10.0.0.50:4000
inline const Address kB = addr(51);         // another neighbour, 10.0.0.51:4000
inline const std::string kIdA = "6f1c2a3b-0000-4000-8000-000000000001";
inline const std::string kIdB = "6f1c2a3b-0000-4000-8000-000000000002";
// The node_id numbered i in kIdA's family ("6f1c2a3b-0000-4000-8000-" + i as 12 digits), for
// tests that need many distinct peers; kIdA is numbered_id(1).
inline std::string numbered_id(int i) {
  char text[40];
  std::snprintf(text, sizeof text, "6f1c2a3b-0000-4000-8000-%012d", i);
  return text;
}

// `n` meets a spec-compliant neighbour at `a` named `id` from `t` on: two HELLOs (the second
// answers ours, so `a` is verified), then the ACK of every GETCERTIFICATE `n` sent `a` (its address
// probe under the default address_validation "ack"), so that `a` has also proved its address and
// our sends to it escape the 3x anti-amplification budget (PROTOCOL.md R31). Uses t .. t + 2.
inline void meet_neighbour(Node& n, TimeNs t, const Address& a, const std::string& id, RecordingOutput& out) {
  const std::size_t before = out.sent().size();
  n.on_datagram(t, a, datagram(wire::Hello{id, "t"}), out);
  n.on_datagram(t + 1, a, datagram(wire::Hello{id, "t"}), out);
  std::vector<std::string> probes;
  for (const auto& s : out.sent().subspan(before)) {
    const auto m = wire::decode(*s.bytes);
    if (const auto* g = m ? std::get_if<wire::GetCertificate>(&m.value()) : nullptr; g && s.to == a)
      probes.push_back(g->msg_id);
  }
  for (const auto& id_ : probes) n.on_datagram(t + 2, a, datagram(wire::Ack{id_}), out);
}

}  // namespace ptplab::engine::test
