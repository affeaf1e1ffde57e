// The factory from behaviours to adversary endpoints: one maker per entry of kBehaviours.
#include <array>

#include "scenarios/adversaries/behaviours.hpp"

namespace ptplab::scenarios {
namespace {

struct MakerEntry {
  Behaviour value;
  std::unique_ptr<Endpoint> (*make)(AdversaryContext);
};

constexpr std::array<MakerEntry, kBehaviours.size()> kMakers = {{
    {Behaviour::kHelloFlood, make_hello_flood},
    {Behaviour::kMessageFlood, make_message_flood},
    {Behaviour::kSpoofedFlood, make_spoofed_flood},
    {Behaviour::kConnectReflection, make_connect_reflection},
    {Behaviour::kRoutingPoisoning, make_routing_poisoning},
    {Behaviour::kSybil, make_sybil},
    {Behaviour::kEclipse, make_eclipse},
    {Behaviour::kIdReuse, make_id_reuse},
    {Behaviour::kReplay, make_replay},
    {Behaviour::kMalformed, make_malformed},
    {Behaviour::kCertificateSpam, make_certificate_spam},
}};

// Entry i makes behaviour i, for every behaviour of the table.
constexpr bool makers_follow_table() {
  for (std::size_t i = 0; i < kMakers.size(); ++i) {
    if (kMakers[i].value != kBehaviours[i].value) return false;
  }
  return true;
}
static_assert(makers_follow_table());

}  // namespace

std::unique_ptr<Endpoint> make_adversary(Behaviour behaviour, AdversaryContext context) {
  return kMakers[static_cast<std::size_t>(behaviour)].make(std::move(context));
}

}  // namespace ptplab::scenarios
