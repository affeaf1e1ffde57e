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

// Sends a JOIN, LEAVE or CHANNEL relay; under held_relays_max one that the anti-amplification
// budget refuses to a peer whose address is not proved yet is held until it proves it
// (release_held_relays), instead of dropped: the budget is what R31 asks, the loss is not.
void send_or_hold(NodeState& s, const Address& to, const SharedBytes& bytes, wire::Verb verb, Output& out) {
  const Peer* p =
      s.params->held_relays_max > 0 && s.params->anti_amplification_enabled ? s.peers.find(to) : nullptr;
  if (!p || s.address_proved(*p)) {
    s.send(to, bytes, verb, out);
    return;
  }
  if (s.try_send(to, bytes, out)) return;
  if (auto dropped = s.held().hold({to, bytes, verb}, s.params->held_relays_max))
    s.dropped(out, dropped->to, dropped->verb, Reason::kAmplificationLimit, dropped->bytes->size());
}

}  // namespace

void release_held_relays(NodeState& s, const Peer& p, Output& out) {
  if (s.held_count() == 0) return;
  for (const auto& r : s.held().take(p.address)) s.send(r.to, r.bytes, r.verb, out);
}

void drop_held_relays(NodeState& s, const Address& to, Output& out) {
  if (s.held_count() == 0) return;
  for (const auto& r : s.held().take(to))
    s.dropped(out, r.to, r.verb, Reason::kAmplificationLimit, r.bytes->size());
}

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
      send_or_hold(s, to, bytes, verb, out);
  }
}

}  // namespace ptplab::engine
