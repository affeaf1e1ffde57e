// The simulated Internet: hosts with IPv4 addresses (public, or private behind NAT boxes) that
// run any sans-I/O Endpoint, joined by access links with rates, drop-tail queues and loss, a
// latency model, duplication, partitions, crash/restart and churn. Every datagram event runs on
// the Simulator; everything observable goes to the Observer.
//
//   sim::Simulator s;
//   sim::Network net(s, config, &observer);
//   auto nat = net.add_nat(*Address::parse_ip("198.51.100.1"), sim::NatConfig::symmetric());
//   auto h = net.add_host({.address = *Address::parse("10.0.0.2:4000"), .nat = *nat}, factory);
//   net.start_host(*h);
//   s.run_until(60 * kSecond);
//
// A datagram's path: sender's uplink (loss, drop-tail queue) -> sender's NAT (translation) ->
// sender's link delay + latency -> destination NAT (mapping, filter) -> partition check ->
// receiver's downlink (loss, drop-tail queue, link delay) -> receiver's endpoint. The payload is one shared
// buffer throughout.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "engine/core/address.hpp"
#include "engine/core/endpoint.hpp"
#include "engine/core/expected.hpp"
#include "engine/core/rng.hpp"
#include "sim/churn.hpp"
#include "sim/drop_reason.hpp"
#include "sim/drop_tail_queue.hpp"
#include "sim/exchange.hpp"
#include "sim/host_id.hpp"
#include "sim/in_flight.hpp"
#include "sim/ip_map.hpp"
#include "sim/nat_box.hpp"
#include "sim/network_config.hpp"
#include "sim/observer.hpp"
#include "sim/simulator.hpp"

namespace ptplab::sim {

// How to place a host on the network.
struct HostSpec {
  Address address{};               // public address, or the private one when behind `nat`
  NatId nat = kNoNat;              // the NAT box in front of the host, if any
  std::uint32_t region = 0;        // for LatencyKind::kMatrix
  std::uint16_t link_profile = 0;  // 0: NetworkConfig::link; others from add_link_profile
  bool adversary = false;          // only adversaries' send_spoofed forges the source
};

// What an endpoint factory is told when a host (re)starts.
struct HostStart {
  HostId host = kNoHost;
  Address address{};              // the host's own (possibly private) address
  std::uint32_t incarnation = 0;  // 0 at the first start, +1 at every restart
  std::uint64_t seed = 0;         // a seed for the endpoint's own Rng, distinct per host and incarnation
};

// Builds a host's endpoint at every (re)start, so a crash loses all endpoint state.
using EndpointFactory = std::function<std::unique_ptr<Endpoint>(const HostStart&)>;

// Totals over a run (observers see the details).
struct NetworkCounters {
  std::uint64_t sent = 0;        // datagrams endpoints sent
  std::uint64_t delivered = 0;   // datagrams handed to endpoints (duplicates included)
  std::uint64_t duplicated = 0;  // extra copies made by the duplication model
  std::array<std::uint64_t, kDropReasonCount> dropped{};  // indexed by DropReason

  [[nodiscard]] std::uint64_t drops(DropReason r) const { return dropped[static_cast<std::size_t>(r)]; }
};

// The simulated network; owns hosts, their endpoints and NAT boxes.
class Network final : private EventHandler {
 public:
  // Bounds: host ids must fit the kernel's origin field; in-flight datagrams are indexed by 32 bits.
  static constexpr std::size_t kHostsMax = kOriginsMax - 1;
  static constexpr std::size_t kLinkProfilesMax = UINT16_MAX;

  Network(Simulator& sim, NetworkConfig config, Observer* observer = nullptr);
  Network(const Network&) = delete;
  Network& operator=(const Network&) = delete;
  ~Network() override;

  void set_observer(Observer* observer) { observer_ = observer; }
  [[nodiscard]] Simulator& simulator() { return sim_; }
  [[nodiscard]] const NetworkConfig& config() const { return config_; }
  [[nodiscard]] const NetworkCounters& counters() const { return counters_; }

  // A NAT box with a public IP no one else uses; `region` places it for LatencyKind::kMatrix.
  Expected<NatId, std::string> add_nat(std::uint32_t public_ip, const NatConfig& config,
                                       std::uint32_t region = 0);
  [[nodiscard]] NatBox& nat(NatId id) { return nats_[id]; }
  // A link profile for HostSpec::link_profile (at most kLinkProfilesMax of them).
  Expected<std::uint16_t, std::string> add_link_profile(const LinkConfig& link);
  // The access link profile host `id` was added with.
  [[nodiscard]] const LinkConfig& link_of(HostId id) const { return links_[hosts_[id].link_profile]; }

  // A host, down until start_host. Errors: address taken, unknown NAT or link profile, too many hosts.
  Expected<HostId, std::string> add_host(const HostSpec& spec, EndpointFactory factory);
  [[nodiscard]] std::size_t host_count() const { return hosts_.size(); }
  [[nodiscard]] Address address(HostId id) const { return hosts_[id].address; }
  [[nodiscard]] NatId nat_of(HostId id) const { return hosts_[id].nat; }
  // The public host owning `ip`, if any (NAT boxes and private hosts are not hosts there).
  [[nodiscard]] std::optional<HostId> public_host(std::uint32_t ip) const;

  // Builds the endpoint (via the factory) and calls start(); nothing if already up.
  void start_host(HostId id);
  // Destroys the endpoint (its state is lost) and forgets its wake-up; nothing if down.
  void crash_host(HostId id);
  [[nodiscard]] bool is_up(HostId id) const { return hosts_[id].endpoint != nullptr; }
  // The running endpoint, or nullptr when the host is down.
  [[nodiscard]] Endpoint* endpoint(HostId id) { return hosts_[id].endpoint.get(); }
  // Runs f(Endpoint&, Output&) on an up host (user actions: join, send, connect ...), then
  // carries out what the endpoint asked for; false if the host is down.
  template <class F>
  bool act(HostId id, F&& f) {
    Endpoint* e = endpoint(id);
    if (e == nullptr) return false;
    Output& out = outputs_.push();
    f(*e, out);
    drain(id, out, EventCause{CauseKind::kAction, nullptr});
    outputs_.pop();
    return true;
  }

  // Makes this Network one part of a partitioned run (sim/exchange.hpp): datagrams whose
  // destination host or NAT box `map` places on another part go to `exchange` instead of this
  // kernel. Every part adds every host and NAT box (their addresses, NATs, regions and partition
  // groups are known everywhere) but starts, crashes, churns and acts on its own hosts only.
  // Both must outlive the Network; call before the first send. Without it (the default) the
  // Network is the whole simulation.
  void set_partition(const PartMap* map, Exchange* exchange) {
    parts_ = map;
    exchange_ = exchange;
  }
  // True when this Network's part owns `id` (always, unpartitioned).
  [[nodiscard]] bool owns(HostId id) const {
    return parts_ == nullptr || parts_->host_part[id] == parts_->self;
  }
  // Queues a datagram another part's Network posted for this part, as the arrival event the
  // sequential run queues under the same key.
  void inject(RemoteDatagram d);
  // Datagrams this part handed to the exchange so far.
  [[nodiscard]] std::uint64_t posted() const { return posted_; }

  // Splits hosts into groups that cannot reach each other; hosts not listed form one more group.
  // Ids that name no host are ignored (here and in start_churn).
  void partition(std::span<const std::vector<HostId>> groups);
  // Removes every partition.
  void heal();

  // Puts `hosts` under churn from now on (up hosts leave after a session, down ones join after
  // a downtime); a later call replaces the configuration for the hosts it lists.
  void start_churn(std::span<const HostId> hosts, const ChurnConfig& config);
  // Stops all churn; hosts stay in their current state.
  void stop_churn();

 private:
  struct Host {
    Address address;
    NatId nat = kNoNat;
    std::uint32_t region = 0;
    std::uint32_t group = 0;  // partition group
    std::uint32_t factory = 0;
    std::uint32_t incarnation = 0;
    std::uint32_t wake_generation = 0;
    TimeNs wake_ns = kNever;
    std::uint16_t link_profile = 0;
    bool adversary = false;
    bool started_once = false;
    LossState up_loss;
    LossState down_loss;
    DropTailQueue uplink;
    DropTailQueue downlink;
    Rng rng;  // the host's network draws (latency, loss, duplication)
    std::unique_ptr<Endpoint> endpoint;
  };
  struct ChurnState {
    ChurnConfig config;
    Rng rng;
    std::uint32_t generation = 0;
    bool enrolled = false;
  };
  enum Kind : std::uint8_t { kArrive, kDeliver, kWake, kChurn, kKindCount };

  void handle(const EventRecord& e) override;
  // Carries out one endpoint call's outputs: sends, then the wake-up, then the events (to the
  // observer, with their cause).
  void drain(HostId id, Output& out, const EventCause& cause);
  void send_from(HostId id, const Address& from, const Address& to, SharedBytes bytes);
  void set_wake(HostId id, TimeNs t);
  void on_arrive(std::uint32_t slot);
  void on_deliver(std::uint32_t slot);
  void on_wake(HostId id, std::uint32_t generation);
  void on_churn(HostId id, std::uint32_t payload);
  void schedule_churn(HostId id, bool leave);
  void launch(const Datagram& d, TimeNs arrival_ns);
  // The part of the host or NAT box a datagram is addressed to (this part when no one owns it).
  [[nodiscard]] std::uint32_t destination_part(const Datagram& d) const;
  void drop(std::uint32_t slot, DropReason reason);
  void report_drop(const DatagramView& d, DropReason reason);
  [[nodiscard]] const LinkConfig& link(const Host& h) const { return links_[h.link_profile]; }

  Simulator& sim_;
  NetworkConfig config_;
  Observer* observer_;
  std::uint8_t kind_base_;
  std::vector<Host> hosts_;
  std::vector<EndpointFactory> factories_;
  std::vector<LinkConfig> links_;
  std::vector<NatBox> nats_;
  std::vector<std::uint32_t> nat_regions_;
  IpMap public_ips_;  // public IP -> host id or NAT box (kNatFlag | nat id)
  // Datagrams between send and delivery, by slot (an arrive or deliver event's payload): slot
  // pools rather than one vector (252,379 in flight at the JOIN floods' peak in flood-1k at 8,000
  // nodes would otherwise keep 14 MB for the rest of the run, reports/BENCHMARKS.md session 9),
  // the copies of a send burst sharing its payload record (session 14).
  InFlightTable in_flight_;
  std::vector<ChurnState> churn_;  // per host, sized at the first start_churn
  NetworkCounters counters_;
  const PartMap* parts_ = nullptr;  // null: not partitioned
  Exchange* exchange_ = nullptr;
  std::uint64_t posted_ = 0;
  OutputStack outputs_;  // endpoint calls' buffers, reused
};

}  // namespace ptplab::sim
