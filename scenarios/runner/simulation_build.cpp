// Building a simulation: node parameters per group, hosts and NAT boxes, and the initial overlay.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "scenarios/runner/simulation.hpp"

namespace ptplab::scenarios {

Expected<std::monostate, std::string> Simulation::build_params() {
  for (const auto& group : s_.nodes) {
    engine::NodeParams params;
    for (const auto& o : group.params) {
      const auto value = nlohmann::json::parse(o.value, nullptr, false);
      if (value.is_discarded())
        return Unexpected("group " + group.name + ": param " + o.name + " is not JSON");
      if (auto r = engine::set_param(params, o.name, value); !r)
        return Unexpected("group " + group.name + ": " + r.error());
    }
    if (auto r = engine::validate_params(params); !r)
      return Unexpected("group " + group.name + ": " + r.error());
    group_params_.push_back(std::make_shared<const engine::NodeParams>(std::move(params)));
  }
  return std::monostate{};
}

Expected<std::monostate, std::string> Simulation::build_hosts() {
  for (const auto& link : plan_.links) {
    if (auto profile = net_->add_link_profile(link); !profile) return Unexpected("link: " + profile.error());
  }
  for (std::size_t i = 0; i < plan_.nat_boxes.size(); ++i) {
    if (i % kBuildPollHosts == 0 && cancelled()) return std::monostate{};
    const auto& b = plan_.nat_boxes[i];
    auto id = net_->add_nat(b.public_ip, nat_config(b.type, s_.network.nat));
    if (!id) return Unexpected("NAT box: " + id.error());
    nat_boxes_.push_back(*id);
  }
  for (sim::HostId h = 0; h < plan_.hosts.size(); ++h) {
    if (h % kBuildPollHosts == 0 && cancelled()) return std::monostate{};
    const auto& p = plan_.hosts[h];
    HostRole role;
    role.attacker = p.attacker;
    role.nat_type = nat_type_name(p.nat_type);
    collector_.set_role(h, role);
    if (p.attacker) continue;  // added by build_attackers, after every honest host
    collector_.set_group(h, p.group, s_.nodes[p.group].name);
    sim::HostSpec spec;
    spec.address = p.address;
    spec.nat = p.nat_box == UINT32_MAX ? sim::kNoNat : nat_boxes_[p.nat_box];
    spec.region = p.region;
    spec.link_profile = p.link_profile;
    // Captures 16 bytes, within std::function's own storage (a third capture cost a heap block a host).
    auto id = net_->add_host(spec, [this, h](const sim::HostStart& start) {
      const std::uint64_t seed = Rng::derive(s_.seed, h)();
      auto n = std::make_unique<engine::Node>(
          group_params_[plan_.hosts[h].group], seed,
          engine::NodeShared{&verify_cache_, &parse_cache_, &relay_cache_, &ack_cache_, &node_id_interner_});
      // Same identity at every start; after a restart, choices (msg_ids) of a stream of its own.
      if (start.incarnation > 0) n->reseed(Rng::derive(seed, start.incarnation)());
      if (parts_ != nullptr) {
        driver_log_.node_id(stamp(), h, n->node_id());  // node_ids_ is set from the merged logs
      } else {
        node_ids_[h] = collector_.set_node_id(h, n->node_id());
      }
      return n;
    });
    if (!id) return Unexpected("host " + std::to_string(h) + ": " + id.error());
  }
  return std::monostate{};
}

void Simulation::start_hosts() {
  // Starting a host creates its node (its private key; the public key and certificate are made on
  // first use): the slow part of the build.
  for (sim::HostId h = 0; h < plan_.honest; ++h) {
    if (h % kBuildPollHosts == 0 && cancelled()) break;
    act_on(h, [this, h] { net_->start_host(h); });
  }
}

void Simulation::build_topology() {
  const auto n = static_cast<std::uint32_t>(plan_.honest);
  const auto is_public = [this](sim::HostId h) { return plan_.hosts[h].nat_type == NatType::kPublic; };
  const auto& t = s_.topology;
  const std::atomic<bool>* cancel = parts_ == nullptr ? cancel_ : nullptr;
  if (t.kind == Topology::Kind::kBootstrap) {
    std::vector<sim::HostId> servers;
    if (!t.bootstrap_groups.empty()) {
      servers = groups_hosts(t.bootstrap_groups);
    } else {
      for (sim::HostId h = 0; h < n; ++h) {
        if (s_.nodes[plan_.hosts[h].group].role == Role::kServer) servers.push_back(h);
      }
      if (servers.empty() && n > 0) servers.push_back(0);
    }
    for (sim::HostId h = 0; h < n; ++h) {
      for (const auto srv : servers) {
        // Servers link to the servers before them; everyone else to every server.
        const bool h_is_server = std::binary_search(servers.begin(), servers.end(), h);
        if (srv == h || (h_is_server && srv > h)) continue;
        if (is_public(srv)) {
          peers_of_[h].push_back(srv);
        } else if (is_public(h)) {
          peers_of_[srv].push_back(h);
        } else {
          ++unreachable_edges_;
        }
      }
    }
  } else {
    Rng rng = Rng::derive(s_.seed, 0x746f706f00000000ULL);  // "topo"
    std::vector<Edge> edges;
    switch (t.kind) {
      case Topology::Kind::kRandomRegular: edges = random_regular(n, t.degree, rng, cancel); break;
      case Topology::Kind::kErdosRenyi: edges = erdos_renyi(n, t.p, rng, cancel); break;
      case Topology::Kind::kWattsStrogatz: edges = watts_strogatz(n, t.k, t.beta, rng, cancel); break;
      case Topology::Kind::kBarabasiAlbert: edges = barabasi_albert(n, t.m, rng, cancel); break;
      default: edges = normalise_edges(t.edges, n); break;
    }
    if (cancelled()) return;
    for (const auto& [a, b] : edges) {
      // The NATed end (if any) initiates, so that its NAT opens a mapping towards the other.
      if (is_public(b)) {
        peers_of_[a].push_back(b);
      } else if (is_public(a)) {
        peers_of_[b].push_back(a);
      } else {
        ++unreachable_edges_;
      }
    }
  }
}

void Simulation::bootstrap_all() {
  for (sim::HostId h = 0; h < plan_.honest; ++h) {
    if (h % kBuildPollHosts == 0 && cancelled()) return;
    bootstrap(h);
  }
}

void Simulation::bootstrap(sim::HostId host) {
  const TimeNs now = sim_.now();
  act_on(host, [&] {
    for (const auto peer : peers_of_[host]) {
      const Address to = plan_.hosts[peer].address;
      net_->act(host,
                [&](Endpoint& e, Output& out) { static_cast<engine::Node&>(e).add_peer(now, to, out); });
    }
  });
}

}  // namespace ptplab::scenarios
