#include "reports/capture/pcap_writer.hpp"

#include <pcap/pcap.h>

#include <algorithm>
#include <cstring>

namespace ptplab::reports {

struct PcapWriter::Handles {
  pcap_t* pcap = nullptr;
  pcap_dumper_t* dumper = nullptr;
  ~Handles() {
    if (dumper != nullptr) pcap_dump_close(dumper);
    if (pcap != nullptr) pcap_close(pcap);
  }
};

namespace {

constexpr std::size_t kIpHeader = 20;
constexpr std::size_t kUdpHeader = 8;
constexpr std::uint8_t kProtocolUdp = 17;

void put16(std::string& b, std::size_t at, std::uint32_t v) {
  b[at] = static_cast<char>((v >> 8) & 0xff);
  b[at + 1] = static_cast<char>(v & 0xff);
}

void put32(std::string& b, std::size_t at, std::uint32_t v) {
  put16(b, at, v >> 16);
  put16(b, at + 2, v & 0xffff);
}

// RFC 791 header checksum: the ones' complement of the ones' complement sum of 16-bit words.
std::uint16_t ip_checksum(const std::string& b) {
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i < kIpHeader; i += 2) {
    sum += (static_cast<std::uint8_t>(b[i]) << 8) | static_cast<std::uint8_t>(b[i + 1]);
  }
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<std::uint16_t>(~sum & 0xffff);
}

}  // namespace

PcapWriter::PcapWriter(std::unique_ptr<Handles> h) : h_(std::move(h)) {}

PcapWriter::~PcapWriter() = default;

Expected<std::unique_ptr<PcapWriter>, std::string> PcapWriter::open(const std::string& path) {
  auto h = std::make_unique<Handles>();
  h->pcap = pcap_open_dead_with_tstamp_precision(DLT_RAW, 65535, PCAP_TSTAMP_PRECISION_NANO);
  if (h->pcap == nullptr) return Unexpected(std::string("libpcap: cannot open a capture handle"));
  h->dumper = pcap_dump_open(h->pcap, path.c_str());
  if (h->dumper == nullptr) {
    // libpcap's message names the file already ("F: No such file or directory").
    const std::string why = pcap_geterr(h->pcap);
    return Unexpected("cannot write the capture " + (why.rfind(path, 0) == 0 ? why : path + ": " + why));
  }
  return std::unique_ptr<PcapWriter>(new PcapWriter(std::move(h)));
}

void PcapWriter::datagram(TimeNs t_ns, const Address& from, const Address& to, std::string_view payload) {
  if (!h_) return;
  const std::size_t kept = std::min(payload.size(), kMaxPayload);
  const std::size_t udp_len = std::min<std::size_t>(kUdpHeader + payload.size(), 0xffff);
  const std::size_t ip_len = std::min<std::size_t>(kIpHeader + udp_len, 0xffff);
  packet_.assign(kIpHeader + kUdpHeader, '\0');
  packet_[0] = 0x45;  // version 4, header length 5 words
  put16(packet_, 2, static_cast<std::uint32_t>(ip_len));
  put16(packet_, 4, static_cast<std::uint32_t>(packets_ & 0xffff));
  packet_[8] = 64;  // TTL
  packet_[9] = static_cast<char>(kProtocolUdp);
  put32(packet_, 12, from.ip);
  put32(packet_, 16, to.ip);
  put16(packet_, 10, ip_checksum(packet_));
  put16(packet_, kIpHeader + 0, from.port);
  put16(packet_, kIpHeader + 2, to.port);
  put16(packet_, kIpHeader + 4, static_cast<std::uint32_t>(udp_len));
  packet_.append(payload.substr(0, kept));

  pcap_pkthdr hdr{};
  const TimeNs t = std::max<TimeNs>(t_ns, 0);
  hdr.ts.tv_sec = static_cast<time_t>(t / 1'000'000'000);
  hdr.ts.tv_usec = static_cast<suseconds_t>(t % 1'000'000'000);  // nanoseconds: the file's precision
  hdr.caplen = static_cast<bpf_u_int32>(packet_.size());
  hdr.len = static_cast<bpf_u_int32>(kIpHeader + kUdpHeader + payload.size());
  pcap_dump(reinterpret_cast<u_char*>(h_->dumper), &hdr, reinterpret_cast<const u_char*>(packet_.data()));
  ++packets_;
}

Expected<std::monostate, std::string> PcapWriter::close() {
  if (!h_) return std::monostate{};
  const bool flushed = pcap_dump_flush(h_->dumper) == 0;
  h_.reset();
  if (!flushed) return Unexpected(std::string("capture: flushing the file failed"));
  return std::monostate{};
}

}  // namespace ptplab::reports
