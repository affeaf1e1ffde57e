// The factory from behaviour names to adversary endpoints.
#include "scenarios/adversaries/behaviours.hpp"

namespace ptplab::scenarios {

Expected<std::unique_ptr<Endpoint>, std::string> make_adversary(std::string_view behaviour,
                                                                AdversaryContext context) {
  using Maker = std::unique_ptr<Endpoint> (*)(AdversaryContext);
  static constexpr std::array<Maker, kAdversaryBehaviours.size()> kMakers = {make_hello_flood,
                                                                             make_message_flood,
                                                                             make_spoofed_flood,
                                                                             make_connect_reflection,
                                                                             make_routing_poisoning,
                                                                             make_sybil,
                                                                             make_eclipse,
                                                                             make_id_reuse,
                                                                             make_replay,
                                                                             make_malformed,
                                                                             make_certificate_spam};
  for (std::size_t i = 0; i < kAdversaryBehaviours.size(); ++i) {
    if (kAdversaryBehaviours[i] == behaviour) return kMakers[i](std::move(context));
  }
  std::string known;
  for (const auto name : kAdversaryBehaviours) known += (known.empty() ? "" : ", ") + std::string(name);
  return Unexpected(std::string("unknown adversary behaviour \"") + std::string(behaviour) +
                    "\"; expected one of " + known);
}

}  // namespace ptplab::scenarios
