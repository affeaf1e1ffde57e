// The in-process reference target: the engine's Node, subscribed to channels created when it
// starts, so that channel and key cases have something to work on.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "conformance/inprocess_transport.hpp"
#include "engine/node/node.hpp"

namespace ptplab::conformance {

// A channel the target creates at start.
struct ChannelSpec {
  std::string name;
  bool closed = false;
};

// The engine Node as an Endpoint that creates `channels` right after it starts.
class NodeWithChannels final : public Endpoint {
 public:
  NodeWithChannels(const engine::NodeParams& params, std::uint64_t seed, std::vector<ChannelSpec> channels)
      : node_(params, seed), channels_(std::move(channels)) {}

  void start(TimeNs now, Output& out) override;
  void on_datagram(TimeNs now, const Address& from, const SharedBytes& bytes, Output& out) override {
    node_.on_datagram(now, from, bytes, out);
  }
  void on_timer(TimeNs now, Output& out) override { node_.on_timer(now, out); }
  [[nodiscard]] engine::Node& node() { return node_; }

 private:
  engine::Node node_;
  std::vector<ChannelSpec> channels_;
};

// The parameters of the reference node (`ptplab node`, the in-process target): the engine's
// defaults, except that a MESSAGE is relayed only once its signature checked out (the spec's
// MUST; the engine's default relays first for speed in simulations), and that its peer and
// rate-limit tables hold a full conformance run (a few hundred peers within a peer timeout, all of
// one IP over loopback: peers_per_ip_max 256 of peers_max 1,024), and so does its table of
// pending retransmissions.
[[nodiscard]] engine::NodeParams reference_node_params();

// The channels the reference target is started with: one open, one closed.
[[nodiscard]] std::vector<ChannelSpec> default_target_channels();

// Parses "NAME" or "NAME:closed"; nullopt for an empty name or another suffix.
[[nodiscard]] std::optional<ChannelSpec> parse_channel_spec(const std::string& text);

// A factory of engine Nodes with `params` and `channels`, seeded per case.
[[nodiscard]] EndpointFactory engine_factory(engine::NodeParams params, std::vector<ChannelSpec> channels);

}  // namespace ptplab::conformance
