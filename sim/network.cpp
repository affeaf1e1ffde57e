// Hosts, routing through NAT boxes, the per-datagram path and the fault controls.
#include "sim/network.hpp"

namespace ptplab::sim {
namespace {

// Rng stream families: a stream id is (family << 40) | index, so families never collide.
constexpr std::uint64_t kStreamHostNetwork = std::uint64_t{1} << 40;
constexpr std::uint64_t kStreamNat = std::uint64_t{2} << 40;
constexpr std::uint64_t kStreamChurn = std::uint64_t{3} << 40;
constexpr std::uint64_t kStreamEndpoint = std::uint64_t{4} << 40;

// public_ips_ values with this bit name a NAT box rather than a host.
constexpr std::uint32_t kNatFlag = std::uint32_t{1} << 31;

}  // namespace

Network::Network(Simulator& sim, NetworkConfig config, Observer* observer)
    : sim_(sim),
      config_(std::move(config)),
      observer_(observer),
      kind_base_(sim.register_handler(*this, kKindCount)) {
  links_.push_back(config_.link);
}

Network::~Network() { sim_.unregister_handler(*this); }

Expected<NatId, std::string> Network::add_nat(std::uint32_t public_ip, const NatConfig& config,
                                              std::uint32_t region) {
  const auto id = static_cast<NatId>(nats_.size());
  if (id >= kNatFlag) return Unexpected{std::string("too many NAT boxes")};
  if (!public_ips_.insert(public_ip, kNatFlag | id)) {
    return Unexpected{"address " + Address{public_ip, 0}.ip_string() + " is already in use"};
  }
  nats_.emplace_back(public_ip, config, Rng::derive(config_.seed, kStreamNat | id));
  nat_regions_.push_back(region);
  return id;
}

Expected<std::uint16_t, std::string> Network::add_link_profile(const LinkConfig& link) {
  if (links_.size() >= kLinkProfilesMax) return Unexpected{std::string("too many link profiles")};
  links_.push_back(link);
  return static_cast<std::uint16_t>(links_.size() - 1);
}

Expected<HostId, std::string> Network::add_host(const HostSpec& spec, EndpointFactory factory) {
  const auto id = static_cast<HostId>(hosts_.size());
  if (hosts_.size() >= kHostsMax) return Unexpected{std::string("too many hosts")};
  if (spec.link_profile >= links_.size()) {
    return Unexpected{"unknown link profile " + std::to_string(spec.link_profile)};
  }
  if (spec.nat != kNoNat) {
    if (spec.nat >= nats_.size()) return Unexpected{"unknown NAT box " + std::to_string(spec.nat)};
    if (!nats_[spec.nat].attach(spec.address.ip, id)) {
      return Unexpected{"private address " + spec.address.ip_string() + " is already used behind NAT box " +
                        std::to_string(spec.nat)};
    }
  } else if (!public_ips_.insert(spec.address.ip, id)) {
    return Unexpected{"address " + spec.address.ip_string() + " is already in use"};
  }
  Host h;
  h.address = spec.address;
  h.nat = spec.nat;
  h.region = spec.region;
  h.link_profile = spec.link_profile;
  h.adversary = spec.adversary;
  h.factory = static_cast<std::uint32_t>(factories_.size());
  h.rng = Rng::derive(config_.seed, kStreamHostNetwork | id);
  hosts_.push_back(std::move(h));
  factories_.push_back(std::move(factory));
  return id;
}

std::optional<HostId> Network::public_host(std::uint32_t ip) const {
  const auto v = public_ips_.find(ip);
  if (!v || (*v & kNatFlag) != 0) return std::nullopt;
  return *v;
}

void Network::start_host(HostId id) {
  Host& h = hosts_[id];
  if (h.endpoint) return;
  if (h.started_once) ++h.incarnation;
  h.started_once = true;
  const std::uint64_t seed = Rng::derive(Rng::derive(config_.seed, kStreamEndpoint | id)(), h.incarnation)();
  auto endpoint = factories_[h.factory](HostStart{id, h.address, h.incarnation, seed});
  if (!endpoint) return;
  hosts_[id].endpoint = std::move(endpoint);
  if (observer_) observer_->on_host_state(sim_.now(), id, true);
  Output& out = outputs_.push();
  hosts_[id].endpoint->start(sim_.now(), out);
  drain(id, out, EventCause{CauseKind::kStart, nullptr});
  outputs_.pop();
}

void Network::crash_host(HostId id) {
  Host& h = hosts_[id];
  if (!h.endpoint) return;
  h.endpoint.reset();
  h.wake_ns = kNever;
  ++h.wake_generation;
  if (observer_) observer_->on_host_state(sim_.now(), id, false);
}

void Network::partition(std::span<const std::vector<HostId>> groups) {
  for (auto& h : hosts_) h.group = 0;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    for (const HostId id : groups[g]) {
      if (id < hosts_.size()) hosts_[id].group = static_cast<std::uint32_t>(g + 1);
    }
  }
}

void Network::heal() {
  for (auto& h : hosts_) h.group = 0;
}

void Network::start_churn(std::span<const HostId> hosts, const ChurnConfig& config) {
  while (churn_.size() < hosts_.size()) {
    const auto id = static_cast<std::uint64_t>(churn_.size());
    churn_.push_back(ChurnState{ChurnConfig{}, Rng::derive(config_.seed, kStreamChurn | id), 0, false});
  }
  for (const HostId id : hosts) {
    if (id >= churn_.size()) continue;
    ChurnState& c = churn_[id];
    c.config = config;
    c.enrolled = true;
    ++c.generation;
    schedule_churn(id, is_up(id));
  }
}

void Network::stop_churn() {
  for (auto& c : churn_) {
    c.enrolled = false;
    ++c.generation;
  }
}

void Network::schedule_churn(HostId id, bool leave) {
  ChurnState& c = churn_[id];
  const TimeNs length = draw_session_length(leave ? c.config.session : c.config.downtime, c.rng);
  const std::uint32_t payload = ((c.generation & 0x7fffffffu) << 1) | (leave ? 1u : 0u);
  sim_.schedule(sim_.now() + length, id, static_cast<std::uint8_t>(kind_base_ + kChurn), id, payload);
}

void Network::on_churn(HostId id, std::uint32_t payload) {
  if (id >= churn_.size()) return;
  const ChurnState& c = churn_[id];
  if (!c.enrolled || (payload >> 1) != (c.generation & 0x7fffffffu)) return;
  if ((payload & 1u) != 0) {
    crash_host(id);
    schedule_churn(id, false);
  } else {
    start_host(id);
    schedule_churn(id, true);
  }
}

void Network::drain(HostId id, Output& out, const EventCause& cause) {
  for (OutDatagram& d : out.datagrams()) {
    const bool forged = d.spoofed_from && hosts_[id].adversary;
    send_from(id, forged ? *d.spoofed_from : hosts_[id].address, d.to, std::move(d.bytes));
  }
  if (const auto t = out.wake()) set_wake(id, *t);
  if (observer_) {
    for (const Event& e : out.events()) observer_->on_event(sim_.now(), id, e, cause);
  }
}

void Network::set_wake(HostId id, TimeNs t) {
  Host& h = hosts_[id];
  if (t == h.wake_ns) return;
  h.wake_ns = t;
  ++h.wake_generation;
  if (t != kNever) sim_.schedule(t, id, static_cast<std::uint8_t>(kind_base_ + kWake), id, h.wake_generation);
}

void Network::on_wake(HostId id, std::uint32_t generation) {
  Host& h = hosts_[id];
  if (generation != h.wake_generation || !h.endpoint) return;
  h.wake_ns = kNever;
  Output& out = outputs_.push();
  h.endpoint->on_timer(sim_.now(), out);
  drain(id, out, EventCause{CauseKind::kTimer, nullptr});
  outputs_.pop();
}

void Network::report_drop(const DatagramView& d, DropReason reason) {
  ++counters_.dropped[static_cast<std::size_t>(reason)];
  if (observer_) observer_->on_drop(sim_.now(), d, reason);
}

void Network::drop(std::uint32_t slot, DropReason reason) {
  report_drop(in_flight_.view(slot), reason);
  in_flight_.erase(slot);
}

std::uint32_t Network::destination_part(const Datagram& d) const {
  if (d.dst_host != kNoHost) return parts_->host_part[d.dst_host];
  const auto v = public_ips_.find(d.to.ip);
  if (!v) return parts_->self;
  return (*v & kNatFlag) != 0 ? parts_->nat_part[*v & ~kNatFlag] : parts_->host_part[*v];
}

void Network::inject(RemoteDatagram r) {
  const Datagram d{std::move(r.bytes), r.sent_ns, r.src_host, r.dst_host, r.from, r.to};
  sim_.schedule_keyed(r.arrival_ns, r.key, static_cast<std::uint8_t>(kind_base_ + kArrive), 0,
                      in_flight_.insert(d));
}

void Network::launch(const Datagram& d, TimeNs arrival_ns) {
  if (exchange_ != nullptr) [[unlikely]] {
    if (const std::uint32_t part = destination_part(d); part != parts_->self) {
      if (arrival_ns >= kTimeLimit) return;  // never arrives (and schedule would reserve no key)
      ++posted_;
      exchange_->post(part, RemoteDatagram{arrival_ns, sim_.reserve_key(d.src_host), d.sent_ns, d.src_host,
                                           d.dst_host, d.from, d.to, d.bytes});
      return;
    }
  }
  sim_.schedule(arrival_ns, d.src_host, static_cast<std::uint8_t>(kind_base_ + kArrive), 0,
                in_flight_.insert(d));
}

void Network::send_from(HostId id, const Address& from, const Address& to, SharedBytes bytes) {
  const TimeNs now = sim_.now();
  ++counters_.sent;
  Datagram d{std::move(bytes), now, id, kNoHost, from, to};
  if (observer_) observer_->on_send(now, view_of(d));
  Host& h = hosts_[id];
  const LinkConfig& l = link(h);
  const std::uint64_t size = d.bytes ? d.bytes->size() : 0;
  if (size > config_.datagram_bytes_max) return report_drop(view_of(d), DropReason::kExceedsMtu);
  if (draw_loss(l.uplink_loss, h.up_loss, h.rng)) return report_drop(view_of(d), DropReason::kLoss);
  const auto departure = h.uplink.admit(now, size, l.uplink_bytes_per_s, l.uplink_queue_bytes_max);
  if (!departure) return report_drop(view_of(d), DropReason::kQueueOverflow);

  std::uint32_t dst_region = h.region;
  TimeNs fixed_latency = -1;
  if (h.nat != kNoNat) {
    NatBox& box = nats_[h.nat];
    if (const auto sibling = box.lan_host(to.ip)) {
      d.dst_host = *sibling;
      fixed_latency = config_.lan_latency_ns;
    } else {
      const auto port = box.outbound(now, from, to);
      if (!port) return report_drop(view_of(d), DropReason::kNatFilter);
      d.from = Address{box.public_ip(), *port};
    }
  }
  if (fixed_latency < 0 && config_.latency.kind == LatencyKind::kMatrix) {  // only the matrix needs it
    if (const auto v = public_ips_.find(to.ip)) {
      dst_region = (*v & kNatFlag) != 0 ? nat_regions_[*v & ~kNatFlag] : hosts_[*v].region;
    }
  }
  const auto draw = [&] {
    return fixed_latency >= 0 ? fixed_latency : draw_latency(config_.latency, h.rng, h.region, dst_region);
  };
  launch(d, *departure + l.delay_ns + draw());
  if (config_.duplicate_probability > 0 && h.rng.chance(config_.duplicate_probability)) {
    ++counters_.duplicated;
    launch(d, *departure + l.delay_ns + draw());
  }
}

void Network::on_arrive(std::uint32_t slot) {
  // What routing finds is written back to the record: a later drop reports it.
  HostId dst = in_flight_.dst_host(slot);
  const Address to = in_flight_.to(slot);
  const HostId src = in_flight_.src_host(slot);
  if (dst == kNoHost) {
    const auto v = public_ips_.find(to.ip);
    if (!v) return drop(slot, DropReason::kNoHost);
    if ((*v & kNatFlag) != 0) {
      const NatId nat = *v & ~kNatFlag;
      NatBox& box = nats_[nat];
      if (hosts_[src].nat == nat && !box.config().hairpinning) return drop(slot, DropReason::kNatFilter);
      const auto internal = box.inbound(sim_.now(), in_flight_.from(slot), to.port);
      if (!internal) return drop(slot, DropReason::kNatFilter);
      const auto host = box.lan_host(internal->ip);
      if (!host) return drop(slot, DropReason::kNoHost);
      dst = *host;
      in_flight_.set_destination(slot, dst, *internal);
    } else {
      if (hosts_[*v].address.port != to.port) return drop(slot, DropReason::kNoHost);
      dst = *v;
      in_flight_.set_destination(slot, dst, to);
    }
  } else if (hosts_[dst].address != to) {
    return drop(slot, DropReason::kNoHost);
  }
  Host& h = hosts_[dst];
  if (hosts_[src].group != h.group) return drop(slot, DropReason::kPartition);
  if (!h.endpoint) return drop(slot, DropReason::kHostDown);
  const LinkConfig& l = link(h);
  if (draw_loss(l.downlink_loss, h.down_loss, h.rng)) return drop(slot, DropReason::kLoss);
  const std::uint64_t size = in_flight_.size(slot);
  const auto done = h.downlink.admit(sim_.now(), size, l.downlink_bytes_per_s, l.downlink_queue_bytes_max);
  if (!done) return drop(slot, DropReason::kQueueOverflow);
  const TimeNs at = *done + l.delay_ns;
  if (at <= sim_.now()) return on_deliver(slot);
  sim_.schedule(at, dst, static_cast<std::uint8_t>(kind_base_ + kDeliver), dst, slot);
}

void Network::on_deliver(std::uint32_t slot) {
  const Datagram d = in_flight_.take(slot);
  if (!hosts_[d.dst_host].endpoint) return report_drop(view_of(d), DropReason::kHostDown);
  ++counters_.delivered;
  const DatagramView v = view_of(d);
  if (observer_) observer_->on_delivery(sim_.now(), v);
  Output& out = outputs_.push();
  hosts_[d.dst_host].endpoint->on_datagram(sim_.now(), d.from, d.bytes, out);
  drain(d.dst_host, out, EventCause{CauseKind::kDatagram, &v});
  outputs_.pop();
}

void Network::handle(const EventRecord& e) {
  switch (static_cast<Kind>(e.kind - kind_base_)) {
    case kArrive: return on_arrive(e.payload);
    case kDeliver: return on_deliver(e.payload);
    case kWake: return on_wake(e.target, e.payload);
    case kChurn: return on_churn(e.target, e.payload);
    case kKindCount: break;
  }
}

}  // namespace ptplab::sim
