// CONNECT reflection: rendezvous requests on behalf of a forged source, so that the rendezvous
// and the node it reaches both send towards the victim.
#include "engine/wire/codec.hpp"
#include "scenarios/adversaries/behaviours.hpp"

namespace ptplab::scenarios {
namespace {

// Asks reflectors (as S) to connect a forged A (the target) with another reflector (B).
class ConnectReflection final : public Adversary {
 public:
  using Adversary::Adversary;

 private:
  void fire(TimeNs, Output& out) override {
    const Address* s = next_reflector();
    const Address* victim = next_target();
    if (s == nullptr || victim == nullptr) return;
    const Address* b = next_reflector();
    const Address dst = (b != nullptr && *b != *s) ? *b : *victim;
    wire::Connect c{dst.ip_string(), std::to_string(victim->port), std::nullopt, std::nullopt};
    out.send_spoofed(*victim, *s, make_bytes(wire::encode(c)));
  }
};

}  // namespace

std::unique_ptr<Endpoint> make_connect_reflection(AdversaryContext context) {
  return std::make_unique<ConnectReflection>(std::move(context));
}

}  // namespace ptplab::scenarios
