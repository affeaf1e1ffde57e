// ROUTING poisoning: a peer advertising honest node ids at addresses it chooses.
#include <algorithm>

#include "engine/wire/codec.hpp"
#include "scenarios/adversaries/behaviours.hpp"
#include "scenarios/adversaries/ids.hpp"

namespace ptplab::scenarios {
namespace {

// Sends ROUTING tables that map honest nodes to a black hole (itself) or to a victim.
class RoutingPoisoning final : public Adversary {
 public:
  explicit RoutingPoisoning(AdversaryContext c)
      : Adversary(std::move(c)),
        node_id_(random_uuid4(rng())),
        entries_(static_cast<std::size_t>(param_int("entries", 32))),
        redirect_victim_(param_string("redirect", "self") == "victim") {}

 private:
  void fire(TimeNs now, Output& out) override {
    keepalive(now, node_id_, out);
    const Address* target = next_target();
    const auto& ids = ctx().population_node_ids;
    if (target == nullptr || ids.empty()) return;
    const Address sink = redirect_victim_ && !ctx().targets.empty() ? ctx().targets.front() : ctx().self;
    wire::Routing r;
    r.node_id = node_id_;
    for (std::size_t i = 0; i < std::min(entries_, ids.size()); ++i) {
      r.nodes.push_back({ids[(cursor_ + i) % ids.size()], sink.to_string()});
    }
    cursor_ += entries_;
    out.send(*target, make_bytes(wire::encode(r)));
  }
  std::string node_id_;
  std::size_t entries_;
  bool redirect_victim_;
  std::size_t cursor_ = 0;
};

}  // namespace

std::unique_ptr<Endpoint> make_routing_poisoning(AdversaryContext context) {
  return std::make_unique<RoutingPoisoning>(std::move(context));
}

}  // namespace ptplab::scenarios
