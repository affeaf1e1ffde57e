// Validation of `network`: latency, loss, duplication, bandwidth, datagram size, NAT, regions.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "scenarios/format/sections.hpp"
#include "scenarios/format/units.hpp"

namespace ptplab::scenarios {
namespace {

using nlohmann::json;

void read_latency(JsonChecker& c, const json& j, const std::string& p, sim::LatencyConfig& out) {
  using sim::LatencyKind;
  if (!c.require_object(j, p)) return;
  read_choice(c, j, p, "model", sim::kLatencyKinds, out.kind);
  switch (out.kind) {
    case LatencyKind::kConstant: c.check_keys(j, p, {"model", "delay"}); break;
    case LatencyKind::kUniform: c.check_keys(j, p, {"model", "min", "max"}); break;
    case LatencyKind::kNormal:
    case LatencyKind::kLognormal: c.check_keys(j, p, {"model", "mean", "stddev", "floor"}); break;
    case LatencyKind::kMatrix: c.check_keys(j, p, {"model"}); break;
  }
  c.duration(j, p, "delay", out.constant_ns);
  c.duration(j, p, "min", out.uniform_min_ns);
  c.duration(j, p, "max", out.uniform_max_ns);
  c.duration(j, p, "mean", out.mean_ns);
  c.duration(j, p, "stddev", out.stddev_ns);
  c.duration(j, p, "floor", out.floor_ns);
  if (out.kind == LatencyKind::kUniform && out.uniform_min_ns > out.uniform_max_ns) {
    c.error(p + "/max", "expected a duration at least min (" + format_duration(out.uniform_min_ns) +
                            "), found " + format_duration(out.uniform_max_ns));
  }
  if (out.kind == LatencyKind::kLognormal && out.mean_ns <= 0) {
    c.error(p + "/mean", "expected a positive duration for a lognormal model, found 0");
  }
}

void read_loss(JsonChecker& c, const json& j, const std::string& p, sim::LossConfig& out) {
  using sim::LossKind;
  if (!c.require_object(j, p)) return;
  read_choice(c, j, p, "model", sim::kLossKinds, out.kind);
  if (!j.contains("model")) {  // the parameters given name the model
    if (j.contains("rate")) out.kind = LossKind::kBernoulli;
    for (const auto* k : {"p_gb", "p_bg", "loss_good", "loss_bad"}) {
      if (j.contains(k)) out.kind = LossKind::kGilbertElliott;
    }
  }
  switch (out.kind) {
    case LossKind::kNone: c.check_keys(j, p, {"model"}); break;
    case LossKind::kBernoulli: c.check_keys(j, p, {"model", "rate"}); break;
    case LossKind::kGilbertElliott:
      c.check_keys(j, p, {"model", "p_gb", "p_bg", "loss_good", "loss_bad"});
      break;
  }
  c.number(j, p, "rate", out.probability, 0, 1);
  c.number(j, p, "p_gb", out.p_good_to_bad, 0, 1);
  c.number(j, p, "p_bg", out.p_bad_to_good, 0, 1);
  c.number(j, p, "loss_good", out.loss_good, 0, 1);
  c.number(j, p, "loss_bad", out.loss_bad, 0, 1);
  if (out.kind == LossKind::kGilbertElliott && out.p_good_to_bad + out.p_bad_to_good <= 0) {
    c.error(p + "/p_bg", "expected p_gb + p_bg > 0, found both 0");
  }
}

// A member that is a number or a string with a unit, parsed by `parse`.
template <class Parse>
void quantity(JsonChecker& c, const json& j, const std::string& p, std::string_view key, std::uint64_t& out,
              Parse parse, std::string_view example) {
  if (!j.contains(key)) return;
  const auto& v = j.at(key);
  std::optional<std::uint64_t> parsed;
  if (v.is_number()) {
    parsed = integral_value(v);
  } else if (v.is_string()) {
    parsed = parse(v.get<std::string>());
  }
  if (parsed) {
    out = *parsed;
  } else {
    c.error(child_pointer(p, key), "expected a non-negative integer or a string such as \"" +
                                       std::string(example) + "\", found " + describe(v));
  }
}

// Bits per second in the file, bytes per second in the simulator; one queue size for both directions.
void read_bandwidth(JsonChecker& c, const json& j, const std::string& p, sim::LinkConfig& out) {
  if (!c.require_object(j, p)) return;
  c.check_keys(j, p, {"uplink_bps", "downlink_bps", "queue_bytes"});
  std::uint64_t uplink_bps = out.uplink_bytes_per_s * 8, downlink_bps = out.downlink_bytes_per_s * 8;
  quantity(c, j, p, "uplink_bps", uplink_bps, parse_bitrate, "38Mbit/s");
  quantity(c, j, p, "downlink_bps", downlink_bps, parse_bitrate, "38Mbit/s");
  quantity(c, j, p, "queue_bytes", out.uplink_queue_bytes_max, parse_byte_size, "64KiB");
  // The simulator counts whole bytes per second, and 0 means unlimited: 1-7 bit/s would
  // silently become an unlimited link, so they are refused.
  for (auto [key, bps] : {std::pair{"uplink_bps", uplink_bps}, std::pair{"downlink_bps", downlink_bps}}) {
    if (bps > 0 && bps < 8) {
      c.error(child_pointer(p, key),
              "expected 0 (unlimited) or at least 8 bit/s (one byte per second), found " +
                  std::to_string(bps) + " bit/s");
    }
  }
  out.uplink_bytes_per_s = uplink_bps / 8;
  out.downlink_bytes_per_s = downlink_bps / 8;
  out.downlink_queue_bytes_max = out.uplink_queue_bytes_max;
}

// A link class body: what it sets replaces the network-wide link `out` starts as; a loss
// object given starts from no loss (its fields name the model, as in network.loss).
void read_link(JsonChecker& c, const json& j, const std::string& p, sim::LinkConfig& out) {
  if (!c.require_object(j, p, "an object with " + quoted_list(kLinkKeys))) return;
  c.check_keys(j, p, kLinkKeys);
  if (j.contains("bandwidth")) read_bandwidth(c, j["bandwidth"], p + "/bandwidth", out);
  for (auto [key, loss] :
       {std::pair{"uplink_loss", &out.uplink_loss}, std::pair{"downlink_loss", &out.downlink_loss}}) {
    if (!j.contains(key)) continue;
    *loss = scenario_network_defaults().link.uplink_loss;
    read_loss(c, j[key], child_pointer(p, key), *loss);
  }
  c.duration(j, p, "delay", out.delay_ns);
}

void read_link_classes(JsonChecker& c, const json& j, const std::string& p, Network& n) {
  if (!c.require_object(j, p, "an object of link classes by name")) return;
  for (const auto& [name, body] : j.items()) {
    const std::string cp = child_pointer(p, name);
    if (name.empty()) c.error(cp, "expected a non-empty link class name, found \"\"");
    LinkClass k{name, n.config.link};
    read_link(c, body, cp, k.link);
    n.link_classes.push_back(std::move(k));
  }
}

void read_nat(JsonChecker& c, const json& j, const std::string& p, NatPopulation& out) {
  if (!c.require_object(j, p)) return;
  c.check_keys(j, p, {"mix", "hosts_per_box", "mapping_timeout", "hairpinning", "port_allocation"});
  if (j.contains("mix") && c.require_object(j["mix"], p + "/mix")) {
    static constexpr auto kTypes = names_of(sim::kNatTypes);
    const std::string mp = p + "/mix";
    c.check_keys(j["mix"], mp, kTypes);
    std::array<double, kTypes.size()> shares{};
    shares[0] = -1;  // public: what the others leave
    const std::size_t errors_before = c.errors().size();
    for (std::size_t i = 0; i < kTypes.size(); ++i) c.number(j["mix"], mp, kTypes[i], shares[i], 0, 1);
    const bool shares_valid = c.errors().size() == errors_before;  // else a sum would mislead
    double others = 0;
    for (std::size_t i = 1; i < shares.size(); ++i) others += shares[i];
    if (shares[0] < 0) shares[0] = std::max(0.0, 1 - others);
    const double total = shares[0] + others;
    if (shares_valid && std::fabs(total - 1) > 1e-9) {
      char found[32];
      std::snprintf(found, sizeof found, "%.6g", total);
      c.error(mp, std::string("expected shares summing to 1, found ") + found);
    } else if (shares_valid) {
      out.mix = shares;
    }
  }
  c.integer(j, p, "hosts_per_box", out.hosts_per_box, 1, 65'535);
  c.duration(j, p, "mapping_timeout", out.box.mapping_timeout_ns);
  c.boolean(j, p, "hairpinning", out.box.hairpinning);
  read_choice(c, j, p, "port_allocation", sim::kPortAllocations, out.box.port_allocation);
}

// Region names, and their delays as the latency model's row-major matrix.
void read_regions(JsonChecker& c, const json& j, const std::string& p, Regions& out,
                  sim::LatencyConfig& latency) {
  if (!c.require_object(j, p)) return;
  c.check_keys(j, p, {"names", "latency"});
  if (c.require_key(j, p, "names")) c.string_list(j, p, "names", out.names);
  if (!c.require_key(j, p, "latency")) return;
  const auto& m = j["latency"];
  const std::string mp = p + "/latency";
  const std::size_t n = out.names.size();
  const std::string shape = "a " + std::to_string(n) + " x " + std::to_string(n) + " array of durations";
  if (!c.require_array(m, mp, shape)) return;
  if (m.size() != n) {
    c.error(mp, "expected " + shape + ", found " + std::to_string(m.size()) + " rows");
    return;
  }
  latency.regions = static_cast<std::uint32_t>(std::max<std::size_t>(n, 1));
  latency.matrix_ns.assign(n * n, 0);
  for (std::size_t r = 0; r < n; ++r) {
    const std::string rp = child_pointer(mp, r);
    if (!c.require_array(m[r], rp, "a row of " + std::to_string(n) + " durations")) continue;
    if (m[r].size() != n) {
      c.error(rp,
              "expected a row of " + std::to_string(n) + " durations, found " + std::to_string(m[r].size()));
      continue;
    }
    for (std::size_t col = 0; col < n; ++col)
      c.duration_value(m[r][col], child_pointer(rp, col), latency.matrix_ns[r * n + col]);
  }
}

}  // namespace

void read_network(JsonChecker& c, const json& doc, Scenario& s) {
  if (!doc.contains("network")) return;
  const auto& j = doc["network"];
  const std::string p = "/network";
  if (!c.require_object(j, p)) return;
  c.check_keys(j, p,
               {"latency", "loss", "duplication", "bandwidth", "max_datagram_bytes", "nat", "regions",
                "link_classes"});
  Network& n = s.network;
  sim::NetworkConfig& net = n.config;
  if (j.contains("latency")) read_latency(c, j["latency"], p + "/latency", net.latency);
  if (j.contains("loss")) read_loss(c, j["loss"], p + "/loss", net.link.uplink_loss);
  if (j.contains("duplication") && c.require_object(j["duplication"], p + "/duplication")) {
    c.check_keys(j["duplication"], p + "/duplication", {"rate"});
    c.number(j["duplication"], p + "/duplication", "rate", net.duplicate_probability, 0, 1);
  }
  if (j.contains("bandwidth")) read_bandwidth(c, j["bandwidth"], p + "/bandwidth", net.link);
  c.integer(j, p, "max_datagram_bytes", net.datagram_bytes_max, 1, 65'507);
  if (j.contains("nat")) read_nat(c, j["nat"], p + "/nat", n.nat);
  if (j.contains("regions")) read_regions(c, j["regions"], p + "/regions", n.regions, net.latency);
  // After bandwidth and loss: a class starts from the network-wide link.
  if (j.contains("link_classes")) read_link_classes(c, j["link_classes"], p + "/link_classes", n);
  if (net.latency.kind == sim::LatencyKind::kMatrix && n.regions.names.empty()) {
    c.error(p + "/latency/model",
            "expected /network/regions with names and latency for model \"matrix\", found none");
  }
}

void read_link_choice(JsonChecker& c, const json& object, std::string_view pointer, const Network& network,
                      LinkChoice& out) {
  if (!object.contains("link")) return;
  const auto& v = object["link"];
  const std::string p = child_pointer(pointer, "link");
  if (v.is_string()) {
    out.class_name = v.get<std::string>();
    if (out.class_name.empty()) c.error(p, "expected a link class name or a link object, found \"\"");
    return;  // an unknown name is reported by check_references
  }
  if (!v.is_object()) {
    c.error(p, "expected a link class name (network.link_classes) or an object with " +
                   quoted_list(kLinkKeys) + ", found " + describe(v));
    return;
  }
  out.own = network.config.link;
  read_link(c, v, p, *out.own);
}

}  // namespace ptplab::scenarios
