// NAT traversal against the mapping/filtering rules: CONNECT through a public rendezvous
// succeeds between any two endpoint-independent-mapping NATs (full cone, restricted,
// port-restricted), and with a symmetric NAT on one side only when the other side filters
// no more than by address (full cone, restricted); a mixed population's success rate then
// follows sum_ij p_i p_j S_ij.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <map>

#include "engine/node/node.hpp"
#include "sim/nat_config.hpp"
#include "sim/network.hpp"

namespace ptplab::theory {
namespace {

// The four NAT types of sim::kNatTypes, after "public", in its order (full cone ... symmetric).
constexpr std::array<std::string_view, 4> kTypes = {sim::kNatTypes[1].name, sim::kNatTypes[2].name,
                                                    sim::kNatTypes[3].name, sim::kNatTypes[4].name};
static_assert(sim::kNatTypes.size() == 5 && sim::kNatTypes[4].value == sim::NatType::kSymmetric);

// What the rules predict for an A behind `a` and a B behind `b`.
bool predicted(int a, int b) {
  const bool sym_a = a == 3, sym_b = b == 3;
  if (sym_a && sym_b) return false;
  if (sym_a) return b <= 1;
  if (sym_b) return a <= 1;
  return true;
}

// Records each CONNECT result host A reports about its target.
struct ConnectLog final : sim::Observer {
  std::map<std::pair<sim::HostId, std::string>, bool> result;
  void on_event(TimeNs, sim::HostId host, const Event& e, const sim::EventCause&) override {
    if (e.kind == EventKind::kConnectSucceeded || e.kind == EventKind::kConnectFailed)
      result.emplace(std::pair{host, std::string(e.node_id)}, e.kind == EventKind::kConnectSucceeded);
  }
};

// A rendezvous on a public address and clients each behind its own NAT box of the given type.
class NatPopulation {
 public:
  explicit NatPopulation(const std::vector<int>& types) : net_(sim_, {}, &log) {
    auto factory = [](const sim::HostStart& s) {
      return std::make_unique<engine::Node>(engine::NodeParams{}, s.seed);
    };
    server_ = *net_.add_host({.address = Address{0xc6336400u + 10, 9000}}, factory);
    net_.start_host(server_);
    for (std::size_t i = 0; i < types.size(); ++i) {
      const auto nat =
          *net_.add_nat(0xcb007100u + static_cast<std::uint32_t>(i) + 1, *sim::nat_preset(kTypes[types[i]]));
      clients_.push_back(*net_.add_host({.address = Address{0xc0a80102u, 5000}, .nat = nat}, factory));
      net_.start_host(clients_.back());
      net_.act(clients_.back(), [&](Endpoint& e, Output& o) {
        static_cast<engine::Node&>(e).add_peer(sim_.now(), net_.address(server_), o);
      });
    }
    sim_.run_until(5 * kSecond);
  }
  // Client a asks the rendezvous to connect it with client b; returns b's node_id.
  std::string connect(std::size_t a, std::size_t b) {
    const std::string target = node(b).node_id();
    net_.act(clients_[a], [&](Endpoint& e, Output& o) {
      static_cast<engine::Node&>(e).connect(sim_.now(), net_.address(server_), target, o);
    });
    return target;
  }
  engine::Node& node(std::size_t i) { return static_cast<engine::Node&>(*net_.endpoint(clients_[i])); }
  sim::HostId host(std::size_t i) const { return clients_[i]; }
  sim::Simulator& sim() { return sim_; }
  ConnectLog log;

 private:
  sim::Simulator sim_;
  sim::Network net_;
  sim::HostId server_ = 0;
  std::vector<sim::HostId> clients_;
};

TEST(NatTheory, PairMatrixFollowsMappingAndFilteringRules) {
  for (int a = 0; a < 4; ++a)
    for (int b = 0; b < 4; ++b) {
      NatPopulation pop({a, b});
      const auto target = pop.connect(0, 1);
      pop.sim().run_until(30 * kSecond);
      const auto it = pop.log.result.find({pop.host(0), target});
      ASSERT_NE(it, pop.log.result.end()) << kTypes[a] << " -> " << kTypes[b] << ": no result";
      EXPECT_EQ(it->second, predicted(a, b)) << kTypes[a] << " -> " << kTypes[b];
    }
}

TEST(NatTheory, MixedPopulationSuccessMatchesSumOfSharesTimesMatrix) {
  constexpr std::array<double, 4> kShares = {0.2, 0.3, 0.3, 0.2};
  constexpr std::size_t kClients = 40;
  Rng rng(17);
  std::vector<int> types;
  for (std::size_t i = 0; i < kClients; ++i) {
    const double u = rng.uniform();
    int t = 0;
    for (double acc = kShares[0]; u >= acc && t < 3; acc += kShares[++t]) {
    }
    types.push_back(t);
  }
  NatPopulation pop(types);
  // Each client connects to a random other one, 5 attempts per second (below the rendezvous' rate limit).
  std::vector<std::pair<std::size_t, std::string>> attempts;
  for (std::size_t a = 0; a < kClients; ++a) {
    std::size_t b = rng.below(kClients - 1);
    b += b >= a ? 1 : 0;
    attempts.emplace_back(a, pop.connect(a, b));
    pop.sim().run_until(pop.sim().now() + 200 * kMillisecond);
  }
  pop.sim().run_until(pop.sim().now() + 30 * kSecond);
  int ok = 0;
  for (const auto& [a, target] : attempts) {
    const auto it = pop.log.result.find({pop.host(a), target});
    ASSERT_NE(it, pop.log.result.end()) << "attempt from client " << a;
    ok += it->second ? 1 : 0;
  }
  double expected = 0;
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) expected += kShares[i] * kShares[j] * (predicted(i, j) ? 1.0 : 0.0);
  const double rate = static_cast<double>(ok) / kClients;
  EXPECT_NEAR(rate, expected, 4.0 * std::sqrt(expected * (1 - expected) / kClients))
      << ok << " of " << kClients << " succeeded";
}

}  // namespace
}  // namespace ptplab::theory
