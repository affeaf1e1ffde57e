// Eclipse: fake peers around one target that claim every route.
#include <algorithm>

#include "engine/wire/codec.hpp"
#include "scenarios/adversaries/behaviours.hpp"
#include "scenarios/adversaries/fake_identities.hpp"

namespace ptplab::scenarios {
namespace {

// Number of ROUTING entries per forged table.
constexpr std::size_t kEclipseRoutingEntries = 32;

// Surrounds the first target with Sybil peers, each advertising routes to honest nodes.
class Eclipse final : public Adversary {
 public:
  explicit Eclipse(AdversaryContext c)
      : Adversary(std::move(c)),
        identities_(ctx().self, static_cast<std::size_t>(param_int("identities", 64))) {}

 private:
  void fire(TimeNs, Output& out) override {
    if (ctx().targets.empty()) return;
    const Address& victim = ctx().targets.front();
    const FakeIdentity& id = identities_.next(rng());
    out.send_spoofed(id.address, victim,
                     make_bytes(wire::encode(wire::Hello{id.node_id, std::string("ptplab-adversary")})));
    const auto& ids = ctx().population_node_ids;
    if (ids.empty()) return;
    wire::Routing r;
    r.node_id = id.node_id;
    for (std::size_t i = 0; i < std::min(kEclipseRoutingEntries, ids.size()); ++i) {
      r.nodes.push_back({ids[(cursor_ + i) % ids.size()], id.address.to_string()});
    }
    cursor_ += kEclipseRoutingEntries;
    out.send_spoofed(id.address, victim, make_bytes(wire::encode(r)));
  }
  FakeIdentities identities_;
  std::size_t cursor_ = 0;
};

}  // namespace

std::unique_ptr<Endpoint> make_eclipse(AdversaryContext context) {
  return std::make_unique<Eclipse>(std::move(context));
}

}  // namespace ptplab::scenarios
