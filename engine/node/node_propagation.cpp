// Propagation: the Node side of the propagation policy (propagation_policy.hpp). The policy
// picks targets through a view of the peer table, the route table and the source guard; the
// Node sends, MESSAGE reliably (spec ####ACK), the rest once.
#include <algorithm>

#include "engine/node/node_handlers.hpp"

namespace ptplab::engine {
namespace {

// The policy's window on one NodeState at one instant.
class StateView final : public PropagationView {
 public:
  StateView(NodeState& s, TimeNs now) : s_(s), now_(now) {}
  std::vector<Address> live_peers(std::optional<Address> except) const override {
    return s_.peers.live_addresses(now_, s_.params->peer_timeout_ns, except);
  }
  std::optional<Address> address_of(std::string_view node_id) const override {
    return s_.address_of(node_id);
  }
  std::optional<Address> next_hop(std::string_view node_id) const override {
    return s_.next_hop(node_id, now_);
  }
  void note_contact(const Address& a) override { s_.note_contact(now_, a); }
  std::vector<Address> member_peers(const std::vector<std::string>& ids, std::optional<Address> except,
                                    std::size_t max) const override {
    std::vector<Address> out;
    for (const auto& p : s_.peers.all()) {
      if (out.size() >= max) break;
      if (!p.verified || p.node_id.empty() || p.node_id == s_.node_id || (except && p.address == *except) ||
          !s_.live(p, now_) || std::find(ids.begin(), ids.end(), p.node_id) == ids.end())
        continue;
      out.push_back(p.address);
    }
    return out;
  }
  bool names_us(const std::vector<std::string>& ids) const override {
    return std::find(ids.begin(), ids.end(), s_.node_id) != ids.end();
  }

 private:
  NodeState& s_;
  TimeNs now_;
};

}  // namespace

void propagate(NodeState& s, TimeNs now, const SharedBytes& bytes, wire::Verb verb, std::string_view msg_id,
               const std::vector<std::string>& recipients, std::optional<Address> from, Output& out,
               bool discovery) {
  StateView view(s, now);
  const PropagationRequest request{
      verb, recipients, from, s.params->gossip_fanout, discovery, s.params->mesh_degree_high};
  for (const auto& to : propagation_policy(s.params->propagation).targets(request, view, s.rng)) {
    if (verb == wire::Verb::kMessage)
      s.send_reliable(now, to, bytes, msg_id, verb, out);
    else
      s.send(to, bytes, verb, out);
  }
}

}  // namespace ptplab::engine
