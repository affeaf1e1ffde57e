// Test harness for the theory checks: real engine::Nodes on a loss-free sim::Network wired as a
// given overlay, and a tap that counts MESSAGE transmissions and which hosts received one.
#pragma once

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/node/node.hpp"
#include "engine/wire/codec.hpp"
#include "scenarios/topology/overlay.hpp"
#include "sim/network.hpp"

namespace ptplab::theory {

// Counts MESSAGE datagrams sent and the hosts a MESSAGE reached (delivered to the endpoint).
struct MessageTap final : sim::Observer {
  bool armed = false;               // counting starts when the test arms it
  std::uint64_t message_sends = 0;  // MESSAGE datagrams sent while armed
  std::set<sim::HostId> reached;    // hosts a MESSAGE datagram arrived at while armed
  void on_send(TimeNs, const sim::DatagramView& d) override {
    if (armed && is_message(d)) ++message_sends;
  }
  void on_delivery(TimeNs, const sim::DatagramView& d) override {
    if (armed && is_message(d)) reached.insert(d.dst_host);
  }
  static bool is_message(const sim::DatagramView& d) {
    const auto m = wire::decode(**d.bytes);
    return m && wire::verb_of(*m) == wire::Verb::kMessage;
  }
};

// n Nodes with the same params on public addresses, each edge of the overlay made a peering.
class OverlayNet {
 public:
  OverlayNet(std::uint32_t n, const std::vector<scenarios::Edge>& edges, const engine::NodeParams& params,
             std::uint64_t seed)
      : net_(sim_, config(seed), &tap) {
    for (std::uint32_t i = 0; i < n; ++i) {
      auto h = net_.add_host({.address = Address{0x0b000001u + i, 7000}}, [params](const sim::HostStart& s) {
        return std::make_unique<engine::Node>(params, s.seed);
      });
      hosts_.push_back(*h);
      net_.start_host(*h);
    }
    for (const auto& [a, b] : edges)  // b = b: clang 14 cannot capture a structured binding
      net_.act(hosts_[a], [&, b = b](Endpoint& e, Output& o) {
        static_cast<engine::Node&>(e).add_peer(sim_.now(), net_.address(hosts_[b]), o);
      });
  }
  sim::Simulator& sim() { return sim_; }
  sim::HostId host(std::uint32_t i) const { return hosts_[i]; }
  engine::Node& node(std::uint32_t i) { return static_cast<engine::Node&>(*net_.endpoint(hosts_[i])); }
  // Node i creates a channel of its own and sends one message on it; returns whether it went out.
  bool originate(std::uint32_t i) {
    bool ok = false;
    net_.act(hosts_[i], [&](Endpoint& e, Output& o) {
      auto& node = static_cast<engine::Node&>(e);
      const auto channel = node.create_channel(sim_.now(), "theory", false, o);
      tap.armed = true;
      ok = node.send_message(sim_.now(), channel, "probe", {}, o).has_value();
    });
    return ok;
  }
  MessageTap tap;

 private:
  static sim::NetworkConfig config(std::uint64_t seed) {
    sim::NetworkConfig c;
    c.seed = seed;
    return c;
  }
  sim::Simulator sim_;
  sim::Network net_;
  std::vector<sim::HostId> hosts_;
};

// Hop distances from `source` over the undirected edges (UINT32_MAX: unreachable).
std::vector<std::uint32_t> hop_distances(std::uint32_t n, const std::vector<scenarios::Edge>& edges,
                                         std::uint32_t source);

}  // namespace ptplab::theory
