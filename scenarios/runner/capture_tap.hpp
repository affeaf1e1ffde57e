// What `ptplab run --pcap` captures: every datagram a host's endpoint sends, at its send time,
// with the addresses it carried when it left the host (private ones behind a NAT, spoofed ones
// as spoofed), before any network model acts on it. That is the set the report's `traffic`
// table counts as datagrams_sent, so a capture's verb counts equal the report's: datagrams the
// network later drops (loss, queues, NAT filters, partitions) are in it, network duplicates
// and what NAT boxes rewrite are not. Filters narrow it to some hosts and some verbs.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/core/expected.hpp"
#include "reports/records/datagram_sink.hpp"
#include "scenarios/format/scenario.hpp"
#include "scenarios/metrics/verb_scan.hpp"
#include "scenarios/runner/network_setup.hpp"
#include "sim/observer.hpp"

namespace ptplab::scenarios {

// Where and what to capture.
struct CaptureRequest {
  reports::DatagramSink* sink = nullptr;  // null: no capture
  // Node group names or IPv4 addresses ("10.0.0.3"); a datagram is kept when its source or
  // destination host is one of them (for a group: the datagram comes from one of its hosts or
  // is addressed to one, at its own address or at the NAT mapping a delivery showed). Empty:
  // every host.
  std::vector<std::string> hosts;
  // Verb names ("HELLO", "MESSAGE", "invalid" for datagrams without a known msg_type).
  // Empty: every verb.
  std::vector<std::string> verbs;
};

// Keeps the sends of a run that pass the filters and hands them to the request's sink when
// flushed: like the report's rows, the capture is written between time slices (Simulation::run
// flushes after each), never from inside a simulator event (issue 12, "outputs as data"). The
// sink gets them in send order with their send times.
class CaptureTap final : public sim::Observer {
 public:
  // Errors: a host that is neither a group of the scenario nor an IPv4 address, an unknown verb.
  [[nodiscard]] static Expected<CaptureTap, std::string> make(const CaptureRequest& request,
                                                              const Scenario& scenario,
                                                              const NetworkPlan& plan);
  // Buffers `d` when it passes the filters (its payload is shared, not copied).
  void on_send(TimeNs now, const sim::DatagramView& d) override;
  // Learns which host a NAT mapping belongs to from a delivered datagram's translated source,
  // so that later sends to that public address count as sent to the host. A datagram reaches
  // a NATed host only at a mapping someone received from it, so this finds every one.
  void on_delivery(TimeNs now, const sim::DatagramView& d) override;
  // Writes every buffered send to the sink, in order, and empties the buffer.
  void flush();
  // Sends buffered since the last flush.
  [[nodiscard]] std::size_t buffered() const { return pending_.size(); }

 private:
  // One kept send.
  struct Sent {
    TimeNs t_ns;
    Address from, to;
    SharedBytes payload;
  };
  std::vector<Sent> pending_;
  reports::DatagramSink* sink_ = nullptr;
  bool all_hosts_ = true;
  std::vector<bool> hosts_;             // by HostId
  std::vector<std::uint32_t> ips_;      // addresses named by the filter
  std::vector<std::uint32_t> box_ips_;  // by HostId: its NAT box's public IPv4, 0 when public
  // Who receives at an address: public hosts' own, and NAT mappings seen on deliveries.
  std::unordered_map<Address, sim::HostId> owner_;
  std::array<bool, kVerbSlots> verbs_{};
  [[nodiscard]] bool host_kept(const sim::DatagramView& d) const;
};

}  // namespace ptplab::scenarios
