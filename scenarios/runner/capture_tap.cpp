// CaptureTap: filters each send, buffers it, and writes the buffer when flushed.
#include "scenarios/runner/capture_tap.hpp"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "scenarios/format/json_checker.hpp"

namespace ptplab::scenarios {

Expected<CaptureTap, std::string> CaptureTap::make(const CaptureRequest& request, const Scenario& scenario,
                                                   const NetworkPlan& plan) {
  CaptureTap tap;
  tap.sink_ = request.sink;
  tap.all_hosts_ = request.hosts.empty();
  tap.hosts_.assign(plan.hosts.size(), false);
  tap.box_ips_.assign(plan.hosts.size(), 0);
  for (std::size_t h = 0; h < plan.hosts.size(); ++h) {
    const auto& host = plan.hosts[h];
    if (host.nat_box < plan.nat_boxes.size()) {
      tap.box_ips_[h] = plan.nat_boxes[host.nat_box].public_ip;
    } else {
      tap.owner_[host.address] = static_cast<sim::HostId>(h);
    }
  }
  for (const auto& name : request.hosts) {
    if (auto ip = Address::parse_ip(name)) {
      tap.ips_.push_back(*ip);
      continue;
    }
    const auto g = std::find_if(scenario.nodes.begin(), scenario.nodes.end(),
                                [&](const auto& group) { return group.name == name; });
    if (g == scenario.nodes.end()) {
      return Unexpected("--pcap-hosts: '" + name +
                        "' is neither a node group of the scenario nor an IPv4 address");
    }
    const auto index = static_cast<std::uint32_t>(g - scenario.nodes.begin());
    for (std::size_t h = 0; h < plan.honest; ++h) {
      if (plan.hosts[h].group == index) tap.hosts_[h] = true;
    }
  }
  tap.verbs_.fill(request.verbs.empty());
  std::array<std::string_view, kVerbSlots> names{};
  for (std::size_t slot = 0; slot < kVerbSlots; ++slot) names[slot] = verb_slot_name(slot);
  for (const auto& v : request.verbs) {
    const auto slot = static_cast<std::size_t>(std::find(names.begin(), names.end(), v) - names.begin());
    if (slot == kVerbSlots) return Unexpected("--pcap-verbs: " + one_of_found(names, nlohmann::json(v)));
    tap.verbs_[slot] = true;
  }
  return tap;
}

bool CaptureTap::host_kept(const sim::DatagramView& d) const {
  if (all_hosts_) return true;
  const auto named = [&](sim::HostId h) { return h < hosts_.size() && hosts_[h]; };
  if (named(d.src_host) || named(d.dst_host)) return true;
  if (const auto o = owner_.find(d.to); o != owner_.end() && named(o->second)) return true;
  return std::any_of(ips_.begin(), ips_.end(),
                     [&](std::uint32_t ip) { return ip == d.from.ip || ip == d.to.ip; });
}

void CaptureTap::on_send(TimeNs now, const sim::DatagramView& d) {
  if (sink_ == nullptr || d.bytes == nullptr || !*d.bytes) return;
  const std::string_view payload = **d.bytes;
  if (!verbs_[scan_verb(payload)] || !host_kept(d)) return;
  pending_.push_back({now, d.from, d.to, *d.bytes});
}

void CaptureTap::on_delivery(TimeNs now, const sim::DatagramView& d) {
  (void)now;
  if (all_hosts_ || d.src_host >= box_ips_.size()) return;
  // Only a NATed host's own mapping: a spoofed source names someone else's address.
  if (box_ips_[d.src_host] != 0 && d.from.ip == box_ips_[d.src_host]) owner_[d.from] = d.src_host;
}

void CaptureTap::flush() {
  for (const auto& s : pending_) sink_->datagram(s.t_ns, s.from, s.to, *s.payload);
  pending_.clear();
}

}  // namespace ptplab::scenarios
