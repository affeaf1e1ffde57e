// Network configuration and host placement.
#include "scenarios/runner/network_setup.hpp"

#include <algorithm>
#include <cmath>

#include "engine/core/rng.hpp"
#include "sim/nat_config.hpp"

namespace ptplab::scenarios {
namespace {

constexpr std::uint32_t kHonestPublicBase = 0x14000000;          // 20.0.0.0
constexpr std::uint32_t kAttackerBase = 0x42000000;              // 66.0.0.0
constexpr std::uint32_t kNatPublicBase = 0x1e000000;             // 30.0.0.0
constexpr std::uint32_t kPrivateBase = 0x0a000000;               // 10.0.0.0
constexpr std::uint64_t kNatDrawStream = 0x6e61740000000000ULL;  // Rng stream of NAT type draws

sim::NetworkConfig network_config(const Scenario& s) {
  const auto& n = s.network;
  sim::NetworkConfig c;
  c.seed = s.seed;
  switch (n.latency.kind) {
    case LatencyModel::Kind::kConstant:
      c.latency.kind = sim::LatencyKind::kConstant;
      c.latency.constant_ns = n.latency.delay_ns;
      break;
    case LatencyModel::Kind::kUniform:
      c.latency.kind = sim::LatencyKind::kUniform;
      c.latency.uniform_min_ns = n.latency.min_ns;
      c.latency.uniform_max_ns = n.latency.max_ns;
      break;
    case LatencyModel::Kind::kNormal:
      c.latency.kind = sim::LatencyKind::kNormal;
      c.latency.normal_mean_ns = n.latency.mean_ns;
      c.latency.normal_stddev_ns = n.latency.stddev_ns;
      break;
    case LatencyModel::Kind::kLognormal: {
      // The scenario gives the mean and stddev of the delay; the model wants median and sigma.
      c.latency.kind = sim::LatencyKind::kLognormal;
      const double mean = static_cast<double>(std::max<TimeNs>(n.latency.mean_ns, 1));
      const double cv2 = std::pow(static_cast<double>(n.latency.stddev_ns) / mean, 2);
      c.latency.lognormal_sigma = std::sqrt(std::log1p(cv2));
      c.latency.lognormal_median_ns = static_cast<TimeNs>(mean / std::sqrt(1 + cv2));
      break;
    }
    case LatencyModel::Kind::kMatrix: {
      c.latency.kind = sim::LatencyKind::kMatrix;
      const auto r = n.regions.names.size();
      c.latency.regions = static_cast<std::uint32_t>(std::max<std::size_t>(r, 1));
      c.latency.constant_ns = n.latency.delay_ns;
      for (const auto& row : n.regions.latency_ns)
        c.latency.matrix_ns.insert(c.latency.matrix_ns.end(), row.begin(), row.end());
      break;
    }
  }
  // The scenario's loss is per datagram, end to end: the sender's uplink applies it once.
  switch (n.loss.kind) {
    case LossModel::Kind::kNone: break;
    case LossModel::Kind::kBernoulli:
      c.link.uplink_loss.kind = sim::LossKind::kBernoulli;
      c.link.uplink_loss.probability = n.loss.rate;
      break;
    case LossModel::Kind::kGilbertElliott:
      c.link.uplink_loss.kind = sim::LossKind::kGilbertElliott;
      c.link.uplink_loss.p_good_to_bad = n.loss.p_gb;
      c.link.uplink_loss.p_bad_to_good = n.loss.p_bg;
      c.link.uplink_loss.loss_good = n.loss.loss_good;
      c.link.uplink_loss.loss_bad = n.loss.loss_bad;
      break;
  }
  c.link.uplink_bytes_per_s = n.bandwidth.uplink_bps / 8;
  c.link.downlink_bytes_per_s = n.bandwidth.downlink_bps / 8;
  c.link.uplink_queue_bytes_max = n.bandwidth.queue_bytes;
  c.link.downlink_queue_bytes_max = n.bandwidth.queue_bytes;
  c.duplicate_probability = n.duplication_rate;
  c.datagram_bytes_max = n.max_datagram_bytes;
  return c;
}

NatType draw_nat_type(const NatConfig& nat, Rng& rng) {
  double total = 0;
  for (const double share : nat.mix) total += share;
  if (total <= 0) return NatType::kPublic;
  double x = rng.uniform() * total;
  for (std::size_t i = 0; i < 5; ++i) {
    if (x < nat.mix[i]) return static_cast<NatType>(i);
    x -= nat.mix[i];
  }
  return NatType::kPublic;
}

std::uint32_t region_index(const Scenario& s, const std::string& name) {
  const auto& names = s.network.regions.names;
  const auto it = std::find(names.begin(), names.end(), name);
  return it == names.end() ? 0 : static_cast<std::uint32_t>(it - names.begin());
}

}  // namespace

sim::NatConfig nat_config(NatType type, const NatConfig& common) {
  sim::NatConfig c;
  switch (type) {
    case NatType::kFullCone: c = sim::NatConfig::full_cone(); break;
    case NatType::kRestricted: c = sim::NatConfig::restricted(); break;
    case NatType::kSymmetric: c = sim::NatConfig::symmetric(); break;
    default: c = sim::NatConfig::port_restricted(); break;
  }
  c.mapping_timeout_ns = common.mapping_timeout_ns;
  c.hairpinning = common.hairpinning;
  c.port_allocation = common.port_allocation == PortAllocation::kRandom ? sim::PortAllocation::kRandom
                                                                        : sim::PortAllocation::kSequential;
  return c;
}

NetworkPlan plan_network(const Scenario& s) {
  NetworkPlan plan;
  plan.config = network_config(s);
  const std::uint32_t per_box = std::max<std::uint32_t>(1, s.network.nat.hosts_per_box);
  // The box currently filling up per NAT type, and how many hosts it holds.
  std::uint32_t open_box[5] = {UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX};
  std::uint32_t open_fill[5] = {};
  std::uint32_t public_count = 0, private_count = 0, attacker_count = 0;
  // Honest and adversary hosts are placed alike; a public attacker gets an address of its own
  // range, a NATed one sits behind a box like anyone else (and cannot spoof through it).
  const auto place = [&](HostPlan& h, const Placement& placement) {
    if (placement.from_mix) {
      Rng rng = Rng::derive(s.seed, kNatDrawStream + static_cast<std::uint64_t>(plan.hosts.size()));
      h.nat_type = draw_nat_type(s.network.nat, rng);
    } else {
      h.nat_type = placement.nat_type;
    }
    if (h.nat_type == NatType::kPublic) {
      h.address = h.attacker ? Address{kAttackerBase + ++attacker_count, kNodePort}
                             : Address{kHonestPublicBase + ++public_count, kNodePort};
      return;
    }
    const auto t = static_cast<std::size_t>(h.nat_type);
    if (open_box[t] == UINT32_MAX || open_fill[t] == per_box) {
      open_box[t] = static_cast<std::uint32_t>(plan.nat_boxes.size());
      open_fill[t] = 0;
      plan.nat_boxes.push_back({kNatPublicBase + open_box[t] + 1, h.nat_type});
    }
    ++open_fill[t];
    h.nat_box = open_box[t];
    h.address = {kPrivateBase + ++private_count, kNodePort};
  };
  for (std::uint32_t g = 0; g < s.nodes.size(); ++g) {
    const auto& group = s.nodes[g];
    for (std::uint32_t i = 0; i < group.count; ++i) {
      HostPlan h;
      h.group = g;
      h.region = region_index(s, group.region);
      place(h, group.placement);
      plan.hosts.push_back(h);
    }
  }
  plan.honest = plan.hosts.size();
  for (std::uint32_t a = 0; a < s.attackers.size(); ++a) {
    for (std::uint32_t i = 0; i < s.attackers[a].count; ++i) {
      HostPlan h;
      h.group = a;
      h.attacker = true;
      place(h, s.attackers[a].placement);
      plan.hosts.push_back(h);
    }
  }
  return plan;
}

}  // namespace ptplab::scenarios
