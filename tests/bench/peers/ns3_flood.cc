// The ns-3 side of the ptplab-vs-ns-3 comparison (tools/bench-ns3): one message flooded over n
// random 8-regular nodes on UDP with 10 ms links, de-duplicated by id, every node forwarding
// once to every neighbour but the one it heard it from. Each overlay edge is a point-to-point
// link with its own /30 subnet. Prints the transmission count, which must equal 2|E| - n + 1.
// Usage: ns3_flood --n=1000 [--degree=8] [--seed=1] [--bytes=600]
#include <cstdint>
#include <cstdio>
#include <random>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

using namespace ns3;

namespace {

// A random d-regular simple graph: a circulant graph scrambled by degree-preserving edge swaps.
std::vector<std::pair<uint32_t, uint32_t>> random_regular(uint32_t n, uint32_t d, uint64_t seed) {
  std::set<std::pair<uint32_t, uint32_t>> edges;
  auto key = [](uint32_t a, uint32_t b) { return a < b ? std::make_pair(a, b) : std::make_pair(b, a); };
  for (uint32_t i = 0; i < n; ++i)
    for (uint32_t k = 1; k <= d / 2; ++k) edges.insert(key(i, (i + k) % n));
  std::vector<std::pair<uint32_t, uint32_t>> list(edges.begin(), edges.end());
  std::mt19937_64 rng(seed);
  const size_t swaps = 10 * list.size();
  for (size_t s = 0; s < swaps; ++s) {
    size_t i = rng() % list.size(), j = rng() % list.size();
    auto [a, b] = list[i];
    auto [c, e] = list[j];
    if (rng() & 1) std::swap(c, e);
    if (a == c || a == e || b == c || b == e) continue;
    auto n1 = key(a, c), n2 = key(b, e);
    if (edges.count(n1) || edges.count(n2)) continue;
    edges.erase(key(a, b));
    edges.erase(key(c, e));
    edges.insert(n1);
    edges.insert(n2);
    list[i] = n1;
    list[j] = n2;
  }
  return list;
}

struct Neighbour {
  uint32_t node;
  Ipv4Address address;  // the neighbour's address on the shared link
};

std::vector<std::vector<Neighbour>> g_neighbours;
std::vector<Ptr<Socket>> g_sockets;
std::vector<bool> g_seen;
std::unordered_map<uint32_t, uint32_t> g_address_owner;  // ipv4 -> node
uint64_t g_transmissions = 0;
uint32_t g_reached = 0;
uint32_t g_bytes = 600;

void Forward(uint32_t node, uint32_t except) {
  for (const auto& nb : g_neighbours[node]) {
    if (nb.node == except) continue;
    g_sockets[node]->SendTo(Create<Packet>(g_bytes), 0, InetSocketAddress(nb.address, 9));
    ++g_transmissions;
  }
}

void Receive(Ptr<Socket> socket) {
  const uint32_t node = socket->GetNode()->GetId();
  Address from;
  while (Ptr<Packet> p = socket->RecvFrom(from)) {
    if (g_seen[node]) continue;
    g_seen[node] = true;
    ++g_reached;
    const uint32_t sender = g_address_owner[InetSocketAddress::ConvertFrom(from).GetIpv4().Get()];
    Forward(node, sender);
  }
}

}  // namespace

int main(int argc, char** argv) {
  uint32_t n = 1000, degree = 8;
  uint64_t seed = 1;
  CommandLine cmd;
  cmd.AddValue("n", "number of nodes", n);
  cmd.AddValue("degree", "overlay degree", degree);
  cmd.AddValue("seed", "topology seed", seed);
  cmd.AddValue("bytes", "message size", g_bytes);
  cmd.Parse(argc, argv);

  const auto edges = random_regular(n, degree, seed);
  NodeContainer nodes;
  nodes.Create(n);
  InternetStackHelper internet;
  internet.Install(nodes);
  PointToPointHelper p2p;
  p2p.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
  p2p.SetChannelAttribute("Delay", StringValue("10ms"));
  Ipv4AddressHelper ipv4("10.0.0.0", "255.255.255.252");
  g_neighbours.assign(n, {});
  for (const auto& [a, b] : edges) {
    NetDeviceContainer devices = p2p.Install(nodes.Get(a), nodes.Get(b));
    Ipv4InterfaceContainer ifaces = ipv4.Assign(devices);
    ipv4.NewNetwork();
    g_neighbours[a].push_back({b, ifaces.GetAddress(1)});
    g_neighbours[b].push_back({a, ifaces.GetAddress(0)});
    g_address_owner[ifaces.GetAddress(0).Get()] = a;
    g_address_owner[ifaces.GetAddress(1).Get()] = b;
  }
  g_seen.assign(n, false);
  for (uint32_t i = 0; i < n; ++i) {
    Ptr<Socket> s = Socket::CreateSocket(nodes.Get(i), UdpSocketFactory::GetTypeId());
    s->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9));
    s->SetRecvCallback(MakeCallback(&Receive));
    g_sockets.push_back(s);
  }
  Simulator::Schedule(Seconds(1.0), [] {
    g_seen[0] = true;
    ++g_reached;
    Forward(0, UINT32_MAX);
  });
  Simulator::Stop(Seconds(30.0));
  Simulator::Run();
  Simulator::Destroy();
  const uint64_t expected = 2 * edges.size() - n + 1;
  std::printf("ns3 n=%u edges=%zu reached=%u transmissions=%llu expected=%llu\n", n, edges.size(), g_reached,
              static_cast<unsigned long long>(g_transmissions), static_cast<unsigned long long>(expected));
  return g_transmissions == expected && g_reached == n ? 0 : 1;
}
