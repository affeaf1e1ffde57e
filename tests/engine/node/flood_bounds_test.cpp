// A flood of HELLOs with distinct node_ids (issue 15, item 3): one source address holds one
// peer entry whatever ids it claims, many sources fill the peer table only up to peers_max, a
// peer's ROUTING lists fill the route table only up to routing_entries_max, and the ROUTING we
// send stays one datagram of at most max_datagram_bytes. One address holds at most
// routes_per_address_max routes however many node_ids a peer lists at it (review 11 M1).
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

// Review 11 M1 (routing_flood.py, SAMEADDR): a peer's ROUTINGs naming 1,600 node_ids at one
// address filled the route table (256) with it, and 100 of the 102 entries of every ROUTING we
// then sent carried that address.
TEST(FloodBounds, OneAddressHoldsAtMostRoutesPerAddressMax) {
  Node node({}, 5);
  RecordingOutput out;
  node.start(0, out);
  node.on_datagram(kT0, kA, datagram(wire::Hello{kIdA, "t"}), out);
  node.on_datagram(kT0 + kMillisecond, kA, datagram(wire::Hello{kIdA, "t"}), out);
  const std::string crowded = "10.9.0.1:7000";
  const std::size_t per_address = node.params().routes_per_address_max;
  out.clear();
  for (int batch = 0; batch < 20; ++batch) {
    wire::Routing r;
    r.node_id = kIdA;
    for (int j = 0; j < 80; ++j) r.nodes.push_back({numbered_id(30'000 + batch * 80 + j), crowded});
    // Two honest routes each time: other addresses are still learned.
    r.nodes.push_back({numbered_id(40'000 + batch), "10.9.1." + std::to_string(batch) + ":4000"});
    node.on_datagram(kT0 + kSecond + batch * 10 * kMillisecond, kA, datagram(r), out);
  }
  EXPECT_EQ(node.table_sizes().routing, per_address + 20);
  std::size_t refusals = 0;
  for (const auto& e : out.recorded())
    refusals += e.kind == EventKind::kDropped && e.reason == "routes_per_address" && e.peer == kA;
  EXPECT_EQ(refusals, 20u);  // one per ROUTING that had entries refused
  out.clear();
  node.on_timer(kT0 + kSecond + node.params().routing_interval_ns, out);
  std::size_t at_crowded = 0;
  std::size_t routings = 0;
  for (const auto& s : out.sent()) {
    const auto m = wire::decode(*s.bytes);
    if (!m || wire::verb_of(m.value()) != wire::Verb::kRouting) continue;
    ++routings;
    for (const auto& e : std::get<wire::Routing>(m.value()).nodes) at_crowded += e.address == crowded;
  }
  ASSERT_GT(routings, 0u);
  EXPECT_EQ(at_crowded, routings * per_address);
}

}  // namespace
}  // namespace ptplab::engine::test
