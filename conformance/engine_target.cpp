// The engine Node as the in-process target.
#include "conformance/engine_target.hpp"

namespace ptplab::conformance {

namespace {
constexpr std::uint32_t kReferencePeersMax = 1024;  // a conformance run opens ~200 peers in 30 s
// Over loopback every harness peer is a port of 127.0.0.1: with the default 16 per IP, a run's
// newcomers evicted 115 live harness peers and failed message/15. A quarter of the table holds a
// run and still leaves 768 slots that the ports of one host cannot take (review S4).
constexpr std::uint32_t kReferencePeersPerIpMax = kReferencePeersMax / 4;
// Every MESSAGE a run relays goes to every live harness peer, most of them closed sockets that
// never ACK: thousands of pending retransmissions, which must not crowd out the one a case watches.
constexpr std::uint32_t kReferencePendingMax = 16384;
}  // namespace

void NodeWithChannels::start(TimeNs now, Output& out) {
  node_.start(now, out);
  for (const auto& ch : channels_) (void)node_.create_channel(now, ch.name, ch.closed, out);
}

engine::NodeParams reference_node_params() {
  engine::NodeParams p;
  p.verify_before_relay = true;
  p.peers_max = kReferencePeersMax;
  p.peers_per_ip_max = kReferencePeersPerIpMax;
  p.rate_sources_max = kReferencePeersMax;
  p.pending_retransmissions_max = kReferencePendingMax;
  return p;
}

std::vector<ChannelSpec> default_target_channels() {
  return {ChannelSpec{"conformance", false}, ChannelSpec{"conformance-closed", true}};
}

std::optional<ChannelSpec> parse_channel_spec(const std::string& text) {
  const auto colon = text.find(':');
  const std::string name = text.substr(0, colon);
  if (name.empty()) return std::nullopt;
  if (colon == std::string::npos) return ChannelSpec{name, false};
  if (text.substr(colon + 1) == "closed") return ChannelSpec{name, true};
  return std::nullopt;
}

EndpointFactory engine_factory(engine::NodeParams params, std::vector<ChannelSpec> channels) {
  return [params = std::move(params), channels = std::move(channels)](std::uint64_t seed) {
    return std::make_unique<NodeWithChannels>(params, seed, channels);
  };
}

}  // namespace ptplab::conformance
