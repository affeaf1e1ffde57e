// The port a node claims in CONNECT `src`: the one the rendezvous itself reported in its ROUTING,
// never one another peer reported (behind a NAT that maps per destination each peer sees another
// port), and 0 ("the port you see") when the rendezvous reported none.
#include <gtest/gtest.h>

#include "tests/engine/node/fixture.hpp"
#include "tests/engine/node/harness.hpp"

namespace ptplab::engine::test {
namespace {

const Address kS1 = addr(50);
const Address kS2 = addr(51);
const std::string kIdS1 = "6f1c2a3b-0000-4000-8000-000000000051";
const std::string kIdS2 = "6f1c2a3b-0000-4000-8000-000000000052";

// A node peered with two servers (HELLOs both ways, so both are live).
struct TwoServers {
  Node n{{}, 3};
  RecordingOutput out;
  TwoServers() {
    n.start(0, out);
    for (int i = 0; i < 2; ++i) {
      n.on_datagram(kT0 + i, kS1, datagram(wire::Hello{kIdS1, "t"}), out);
      n.on_datagram(kT0 + i, kS2, datagram(wire::Hello{kIdS2, "t"}), out);
    }
  }
  std::string claimed_src(const Address& rendezvous) {
    out.clear();
    n.connect(kT0 + 10, rendezvous, kIdB, out);
    const auto sent = out.sent_of(wire::Verb::kConnect);
    EXPECT_EQ(sent.size(), 1u);
    return sent.empty() ? "" : std::get<wire::Connect>(sent[0]).src;
  }
};

TEST(ConnectPort, WithoutRoutingTheClaimIsZero) {
  TwoServers t;
  EXPECT_EQ(t.claimed_src(kS2), "0");
}

TEST(ConnectPort, EachRendezvousGetsThePortItReported) {
  TwoServers t;
  const std::string self = t.n.node_id();
  // S1 sees us at :1111 and lists a route to us that S2 reported (:2222) after its own peers.
  t.n.on_datagram(kT0 + 5, kS1,
                  datagram(wire::Routing{
                      kIdS1, {{self, "30.0.0.1:1111"}, {kIdB, "30.0.0.9:4000"}, {self, "30.0.0.1:2222"}}}),
                  t.out);
  t.n.on_datagram(kT0 + 6, kS2, datagram(wire::Routing{kIdS2, {{self, "30.0.0.1:2222"}}}), t.out);
  EXPECT_EQ(t.claimed_src(kS1), "1111");
  EXPECT_EQ(t.claimed_src(kS2), "2222");
}

}  // namespace
}  // namespace ptplab::engine::test
