// A flood of HELLOs with distinct node_ids (issue 15, item 3): one source address holds one
// peer entry whatever ids it claims, many sources fill the peer table only up to peers_max, a
// peer's ROUTING lists fill the route table only up to routing_entries_max, and the ROUTING we
// send stays one datagram of at most max_datagram_bytes.
#include <gtest/gtest.h>

#include <string>

#include "tests/engine/node/fixture.hpp"

namespace ptplab::engine::test {
namespace {

TEST(FloodBounds, DistinctNodeIdsNeverOutgrowTheTables) {
  Node node({}, 5);
  RecordingOutput out;
  node.start(0, out);
  for (int i = 0; i < 1000; ++i)  // one address claiming 1,000 identities
    node.on_datagram(kT0 + i * kMillisecond, kA, datagram(wire::Hello{numbered_id(i), "t"}), out);
  EXPECT_EQ(node.table_sizes().peers, 1u);
  for (int i = 0; i < 1000; ++i)  // 1,000 addresses, one identity each
    node.on_datagram(2 * kSecond + i * kMillisecond, addr(1000 + static_cast<std::uint32_t>(i)),
                     datagram(wire::Hello{numbered_id(10'000 + i), "t"}), out);
  EXPECT_EQ(node.table_sizes().peers, node.params().peers_max);
  EXPECT_LE(node.table_sizes().rate_sources, node.params().rate_sources_max);
  // kA is a verified peer by now (it sent after our HELLO): its ROUTING lists are taken.
  for (int batch = 0; batch < 20; ++batch) {
    wire::Routing r;
    r.node_id = numbered_id(0);
    for (int j = 0; j < 80; ++j) {
      const int n = 20'000 + batch * 80 + j;
      r.nodes.push_back(
          {numbered_id(n), "10.9." + std::to_string(n / 250) + "." + std::to_string(n % 250) + ":4000"});
    }
    const auto bytes = datagram(r);
    ASSERT_LE(bytes->size(), node.params().max_datagram_bytes);
    node.on_datagram(3 * kSecond + batch * 10 * kMillisecond, kA, bytes, out);
  }
  EXPECT_EQ(node.table_sizes().routing, node.params().routing_entries_max);
  out.clear();
  node.on_timer(3 * kSecond + node.params().routing_interval_ns, out);
  const auto sent = out.sent();
  std::size_t routings = 0;
  for (const auto& s : sent) {
    const auto m = wire::decode(*s.bytes);
    if (!m || wire::verb_of(m.value()) != wire::Verb::kRouting) continue;
    ++routings;
    EXPECT_LE(s.bytes->size(), node.params().max_datagram_bytes);
  }
  EXPECT_GT(routings, 0u);
}

}  // namespace
}  // namespace ptplab::engine::test
