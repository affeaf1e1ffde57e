// Where a run's datagrams go when it is captured: DatagramSink is the interface the scenarios'
// capture tap hands each sent datagram to and an output adapter (reports/capture's pcap writer)
// implements; tools/ wires the two, so neither the simulator nor scenarios know libpcap.
#pragma once

#include <string_view>

#include "engine/core/address.hpp"
#include "engine/core/time.hpp"

namespace ptplab::reports {

// Receives datagrams in the order they were sent.
class DatagramSink {
 public:
  DatagramSink() = default;
  DatagramSink(const DatagramSink&) = delete;
  DatagramSink& operator=(const DatagramSink&) = delete;
  virtual ~DatagramSink() = default;
  // One UDP datagram: `t_ns` simulated (or real) time in nanoseconds, `from`/`to` the IPv4
  // addresses and ports it carried, `payload` the UDP payload (valid only during the call).
  virtual void datagram(TimeNs t_ns, const Address& from, const Address& to, std::string_view payload) = 0;
};

}  // namespace ptplab::reports
