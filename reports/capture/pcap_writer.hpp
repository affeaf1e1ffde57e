// A packet capture file of UDP datagrams: each datagram becomes one IPv4/UDP packet
// (LINKTYPE_RAW, nanosecond timestamps) written through libpcap's writer (pcap_open_dead,
// pcap_dump_open), so Wireshark and tshark open it as they would a real capture.
// Synthesized headers (RFC 791, RFC 768): IPv4 without options, TTL 64, DF clear, the header
// checksum computed, identification = packet number; UDP with its length and checksum 0
// ("not computed", allowed for IPv4 by RFC 768).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "engine/core/expected.hpp"
#include "reports/records/datagram_sink.hpp"

namespace ptplab::reports {

// Writes a pcap file; the file is complete (flushed) once the writer is destroyed or close()d.
class PcapWriter final : public DatagramSink {
 public:
  // Largest UDP payload a packet carries (IPv4 total length is 16 bits); longer payloads are
  // cut to it in the file (the packet's original length still records the full size).
  static constexpr std::size_t kMaxPayload = 65535 - 20 - 8;

  // Creates (truncates) `path`. Errors: libpcap's message (e.g. the file cannot be created).
  [[nodiscard]] static Expected<std::unique_ptr<PcapWriter>, std::string> open(const std::string& path);
  ~PcapWriter() override;

  // `t_ns` >= 0 becomes the packet's timestamp (seconds since the epoch, nanoseconds).
  void datagram(TimeNs t_ns, const Address& from, const Address& to, std::string_view payload) override;
  // Flushes and closes the file; later datagrams are ignored. Errors: a write or flush failed.
  [[nodiscard]] Expected<std::monostate, std::string> close();
  [[nodiscard]] std::uint64_t packets() const { return packets_; }

 private:
  struct Handles;
  explicit PcapWriter(std::unique_ptr<Handles> h);
  std::unique_ptr<Handles> h_;
  std::string packet_;  // reused buffer: IPv4 + UDP headers + payload
  std::uint64_t packets_ = 0;
};

}  // namespace ptplab::reports
