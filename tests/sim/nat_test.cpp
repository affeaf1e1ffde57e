// NAT boxes: UDP hole punching through every pair of RFC 3489 presets (the 4x4 matrix), mapping
// expiry, hairpinning, LAN traffic and port allocation.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "sim/network.hpp"
#include "tests/sim/test_endpoints.hpp"

namespace ptplab::sim {
namespace {

using testing::ScriptEndpoint;
using testing::ScriptFactory;

constexpr TimeNs kPunchInterval = 50 * kMillisecond;
constexpr int kPunchesMax = 20;

using testing::addr;
std::uint32_t ip(const char* text) { return *Address::parse_ip(text); }

// A rendezvous server and two peers behind NATs of the given presets. The peers register with
// the server, learn each other's address as the server observed it, then both send PUNCH to it
// repeatedly and answer every PUNCH with an ACK to the source they actually heard it from.
struct HolePunch {
  Simulator sim;
  Network net{sim, NetworkConfig{}};
  ScriptFactory factory;
  std::vector<Address> registered;
  std::vector<Address> target{2};
  std::vector<bool> heard_peer{false, false};
  std::vector<int> punches{0, 0};

  HolePunch(const std::string& a_preset, const std::string& b_preset) {
    const Address server = addr("192.0.2.1:3478");
    factory.configure = [&, server](const HostStart& s, ScriptEndpoint& e) {
      if (s.host == 0) {
        e.on_receive = [&](TimeNs, const Address& from, const std::string&, Output& out) {
          registered.push_back(from);
          if (registered.size() == 2) {
            out.send(registered[0], make_bytes("PEER " + registered[1].to_string()));
            out.send(registered[1], make_bytes("PEER " + registered[0].to_string()));
          }
        };
        return;
      }
      const int me = static_cast<int>(s.host) - 1;
      e.on_start = [server](TimeNs, Output& out) { out.send(server, make_bytes("REG")); };
      e.on_receive = [&, me](TimeNs now, const Address& from, const std::string& text, Output& out) {
        if (text.rfind("PEER ", 0) == 0) {
          target[me] = *Address::parse(text.substr(5));
          out.wake_at(now);
        } else if (text == "PUNCH") {
          heard_peer[me] = true;
          out.send(from, make_bytes("ACK"));
        } else if (text == "ACK") {
          heard_peer[me] = true;
        }
      };
      e.on_tick = [&, me](TimeNs now, Output& out) {
        if (punches[me]++ >= kPunchesMax) return;
        out.send(target[me], make_bytes("PUNCH"));
        out.wake_at(now + kPunchInterval);
      };
    };
    const NatId na = *net.add_nat(ip("203.0.113.10"), *nat_preset(a_preset));
    const NatId nb = *net.add_nat(ip("198.51.100.20"), *nat_preset(b_preset));
    const HostId s = *net.add_host({.address = server}, factory.factory());
    const HostId a = *net.add_host({.address = addr("10.0.0.2:5000"), .nat = na}, factory.factory());
    const HostId b = *net.add_host({.address = addr("192.168.1.2:5000"), .nat = nb}, factory.factory());
    for (HostId h : {s, a, b}) net.start_host(h);
    sim.run_until(3 * kSecond);
  }
  [[nodiscard]] bool succeeded() const { return heard_peer[0] && heard_peer[1]; }
};

TEST(NatHolePunching, FullMatrixOfPresets) {
  const std::vector<std::string> presets{"full_cone", "restricted", "port_restricted", "symmetric"};
  for (const auto& a : presets) {
    for (const auto& b : presets) {
      SCOPED_TRACE(a + " x " + b);
      const bool symmetric_a = a == "symmetric";
      const bool symmetric_b = b == "symmetric";
      const bool expect_success = !(symmetric_a && (b == "port_restricted" || symmetric_b)) &&
                                  !(symmetric_b && a == "port_restricted");
      HolePunch run(a, b);
      ASSERT_EQ(run.registered.size(), 2u);
      EXPECT_EQ(run.succeeded(), expect_success);
    }
  }
}

// One private host behind a NAT and one public server, for the single-NAT tests.
struct OneNat {
  Simulator sim;
  testing::CountingObserver obs;
  Network net{sim, NetworkConfig{}, &obs};
  ScriptFactory factory;
  NatId box;
  HostId inside, server, inside2;

  explicit OneNat(const NatConfig& config) {
    box = *net.add_nat(ip("203.0.113.1"), config);
    inside = *net.add_host({.address = addr("10.0.0.2:4000"), .nat = box}, factory.factory());
    inside2 = *net.add_host({.address = addr("10.0.0.3:4000"), .nat = box}, factory.factory());
    server = *net.add_host({.address = addr("192.0.2.9:53")}, factory.factory());
    for (HostId h : {inside, inside2, server}) net.start_host(h);
  }
  ScriptEndpoint& at(HostId h) { return *factory.latest[h]; }
};

TEST(NatBox, MappingExpiresAfterTimeoutWithoutOutboundTraffic) {
  OneNat t(NatConfig::full_cone());
  testing::send_text(t.net, t.inside, addr("192.0.2.9:53"), "hello");
  t.sim.run_until(kSecond);
  ASSERT_EQ(t.at(t.server).received.size(), 1u);
  const Address mapped = t.at(t.server).received[0].from;
  EXPECT_EQ(mapped.ip, ip("203.0.113.1"));
  // Inbound traffic does not refresh: replies at 60 s and 110 s arrive, one at 121 s does not.
  t.sim.run_until(60 * kSecond);
  testing::send_text(t.net, t.server, mapped, "r1");
  t.sim.run_until(110 * kSecond);
  testing::send_text(t.net, t.server, mapped, "r2");
  t.sim.run_until(121 * kSecond);
  testing::send_text(t.net, t.server, mapped, "r3");
  t.sim.run_until(122 * kSecond);
  ASSERT_EQ(t.at(t.inside).received.size(), 2u);
  EXPECT_EQ(t.obs.count(DropReason::kNatFilter), 1u);
  EXPECT_EQ(t.net.nat(t.box).live_mappings(t.sim.now()), 0u);
}

TEST(NatBox, OutboundTrafficRefreshesTheMapping) {
  OneNat t(NatConfig::full_cone());
  for (int i = 0; i < 4; ++i) {
    testing::send_text(t.net, t.inside, addr("192.0.2.9:53"), "keepalive");
    t.sim.run_until((i + 1) * 100 * kSecond);
  }
  const Address mapped = t.at(t.server).received.back().from;
  EXPECT_EQ(t.at(t.server).received.front().from, mapped);  // same mapping all along
  testing::send_text(t.net, t.server, mapped, "late");
  t.sim.run_until(401 * kSecond);
  EXPECT_EQ(t.at(t.inside).received.size(), 1u);
}

TEST(NatBox, HairpinningDeliversThroughThePublicAddress) {
  for (const bool hairpin : {true, false}) {
    SCOPED_TRACE(hairpin);
    NatConfig config = NatConfig::full_cone();
    config.hairpinning = hairpin;
    OneNat t(config);
    testing::send_text(t.net, t.inside, addr("192.0.2.9:53"), "a");
    testing::send_text(t.net, t.inside2, addr("192.0.2.9:53"), "b");
    t.sim.run_until(kSecond);
    ASSERT_EQ(t.at(t.server).received.size(), 2u);
    const Address public_a = t.at(t.server).received[0].from;
    const Address public_b = t.at(t.server).received[1].from;
    testing::send_text(t.net, t.inside, public_b, "hairpin");
    t.sim.run_until(2 * kSecond);
    if (hairpin) {
      ASSERT_EQ(t.at(t.inside2).received.size(), 1u);
      EXPECT_EQ(t.at(t.inside2).received[0].from, public_a);
    } else {
      EXPECT_TRUE(t.at(t.inside2).received.empty());
      EXPECT_EQ(t.obs.count(DropReason::kNatFilter), 1u);
    }
  }
}

TEST(NatBox, HostsBehindOneBoxReachEachOtherPrivately) {
  OneNat t(NatConfig::symmetric());
  testing::send_text(t.net, t.inside, addr("10.0.0.3:4000"), "lan");
  t.sim.run_until(kSecond);
  ASSERT_EQ(t.at(t.inside2).received.size(), 1u);
  EXPECT_EQ(t.at(t.inside2).received[0].from, addr("10.0.0.2:4000"));
  EXPECT_EQ(t.net.nat(t.box).live_mappings(t.sim.now()), 0u);
}

TEST(NatBox, SymmetricMappingsDependOnDestinationAndAllocateSequentially) {
  NatBox box(ip("203.0.113.1"), NatConfig::symmetric(), Rng(1));
  const Address in = addr("10.0.0.2:4000");
  EXPECT_EQ(box.outbound(0, in, addr("192.0.2.1:1")), 1024);
  EXPECT_EQ(box.outbound(0, in, addr("192.0.2.1:2")), 1025);
  EXPECT_EQ(box.outbound(0, in, addr("192.0.2.2:1")), 1026);
  EXPECT_EQ(box.outbound(1, in, addr("192.0.2.1:1")), 1024);
  // Port-dependent filtering: only the exact remote gets in on each mapping.
  EXPECT_EQ(box.inbound(2, addr("192.0.2.1:1"), 1024), in);
  EXPECT_FALSE(box.inbound(2, addr("192.0.2.1:2"), 1024));
  EXPECT_FALSE(box.inbound(2, addr("192.0.2.1:1"), 1027));
}

TEST(NatBox, AddressDependentMappingSharesAPortPerRemoteIp) {
  NatConfig config;
  config.mapping = NatMapping::kAddressDependent;
  config.filtering = NatFiltering::kAddressDependent;
  NatBox box(ip("203.0.113.1"), config, Rng(1));
  const Address in = addr("10.0.0.2:4000");
  const auto p1 = box.outbound(0, in, addr("192.0.2.1:1"));
  EXPECT_EQ(box.outbound(0, in, addr("192.0.2.1:2")), p1);
  EXPECT_NE(box.outbound(0, in, addr("192.0.2.2:1")), p1);
  EXPECT_EQ(box.inbound(1, addr("192.0.2.1:999"), *p1), in);  // any port of a contacted IP
  EXPECT_FALSE(box.inbound(1, addr("192.0.2.3:1"), *p1));
}

TEST(NatBox, RandomAllocationStaysInRangeWithoutReuse) {
  NatConfig config = NatConfig::symmetric();
  config.port_allocation = PortAllocation::kRandom;
  config.port_min = 40000;
  config.port_max = 40063;
  NatBox box(ip("203.0.113.1"), config, Rng(7));
  std::set<std::uint16_t> ports;
  for (std::uint16_t i = 0; i < 64; ++i) {
    const auto p = box.outbound(0, addr("10.0.0.2:4000"), Address{ip("192.0.2.1"), i});
    ASSERT_TRUE(p);
    EXPECT_GE(*p, 40000);
    EXPECT_LE(*p, 40063);
    ports.insert(*p);
  }
  EXPECT_EQ(ports.size(), 64u);
  EXPECT_FALSE(box.outbound(0, addr("10.0.0.2:4000"), addr("192.0.2.1:9999")));  // exhausted
  // After the timeout the ports are free again.
  EXPECT_TRUE(box.outbound(121 * kSecond, addr("10.0.0.2:4000"), addr("192.0.2.1:9999")));
}

TEST(NatBox, PreservingAllocationKeepsTheInternalPortWhenFree) {
  NatConfig config = NatConfig::symmetric();
  config.port_allocation = PortAllocation::kPreserving;
  NatBox box(ip("203.0.113.1"), config, Rng(1));
  // The first mapping of 10.0.0.2:7000 keeps 7000 (RFC 4787 4.1 port preservation).
  EXPECT_EQ(box.outbound(0, addr("10.0.0.2:7000"), addr("192.0.2.1:1")), 7000);
  // Another internal host on the same port, or a second mapping of the same one (symmetric),
  // finds 7000 taken and falls back to the sequential scan from port_min.
  EXPECT_EQ(box.outbound(0, addr("10.0.0.3:7000"), addr("192.0.2.1:1")), config.port_min);
  EXPECT_EQ(box.outbound(0, addr("10.0.0.2:7000"), addr("192.0.2.9:1")), config.port_min + 1);
  // An internal port outside [port_min, port_max] is not preserved.
  EXPECT_EQ(box.outbound(0, addr("10.0.0.4:80"), addr("192.0.2.1:1")), config.port_min + 2);
  // Once the mapping on 7000 has expired, the port is preserved again.
  EXPECT_EQ(box.outbound(121 * kSecond, addr("10.0.0.3:7000"), addr("192.0.2.1:1")), 7000);
}

TEST(NatBox, EachAllocationGivesItsOwnFirstPort) {
  // The same first datagram through a box of each allocation: the public port tells them apart.
  std::set<std::uint16_t> first_ports;
  for (const auto& a : kPortAllocations) {
    NatConfig config;
    config.port_allocation = a.value;
    NatBox box(ip("203.0.113.1"), config, Rng(3));
    const auto port = box.outbound(0, addr("10.0.0.2:7000"), addr("192.0.2.1:1"));
    ASSERT_TRUE(port) << a.name;
    first_ports.insert(*port);
  }
  EXPECT_EQ(first_ports.size(), kPortAllocations.size());
}

TEST(NatConfig, PresetsAndNames) {
  EXPECT_EQ(nat_preset("symmetric")->mapping, NatMapping::kAddressAndPortDependent);
  EXPECT_EQ(nat_preset("restricted")->filtering, NatFiltering::kAddressDependent);
  EXPECT_EQ(nat_preset("full_cone")->filtering, NatFiltering::kEndpointIndependent);
  EXPECT_FALSE(nat_preset("cone"));
  EXPECT_FALSE(nat_preset("public"));  // not a NAT box
  EXPECT_EQ(NatConfig{}.mapping_timeout_ns, 120 * kSecond);
  // Every RFC 3489 name is the mapping/filtering pair its table entry gives.
  for (const auto& t : kNatTypes) {
    if (t.value == NatType::kPublic) continue;
    const auto c = nat_preset(t.name);
    ASSERT_TRUE(c) << t.name;
    EXPECT_EQ(c->mapping, t.mapping) << t.name;
    EXPECT_EQ(c->filtering, t.filtering) << t.name;
  }
  EXPECT_EQ(NatConfig::port_restricted().filtering, NatConfig{}.filtering);
  EXPECT_EQ(parse_name(kNatFilterings, name_of(kNatFilterings, NatFiltering::kAddressDependent)),
            NatFiltering::kAddressDependent);
  EXPECT_EQ(parse_name(kNatMappings, "address-and-port-dependent"), NatMapping::kAddressAndPortDependent);
}

}  // namespace
}  // namespace ptplab::sim
