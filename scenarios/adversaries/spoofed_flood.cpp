// Spoofed-source flood: requests to reflectors with the victim's address as their source.
#include "engine/wire/codec.hpp"
#include "scenarios/adversaries/behaviours.hpp"
#include "scenarios/adversaries/ids.hpp"

namespace ptplab::scenarios {
namespace {

// Bounces requests off honest nodes onto its targets.
class SpoofedFlood final : public Adversary {
 public:
  explicit SpoofedFlood(AdversaryContext c)
      : Adversary(std::move(c)),
        verb_(*wire::verb_from_name(param_string("verb", std::string(verb_name(Verb::kGetCertificate))))) {}

 private:
  void fire(TimeNs, Output& out) override {
    const Address* reflector = next_reflector();
    const Address* victim = next_target();
    if (reflector == nullptr || victim == nullptr) return;
    out.send_spoofed(*victim, *reflector, make_bytes(wire::encode(request())));
  }
  // HELLO, GETKEY or GETCERTIFICATE (behaviour_params::kReflectedVerbs).
  wire::Message request() {
    if (verb_ == wire::Verb::kHello) return wire::Hello{random_uuid4(rng()), std::string("ptplab-adversary")};
    if (verb_ == wire::Verb::kGetKey)
      return wire::GetKey{random_uuid4(rng()), random_uuid4(rng()), "general", random_uuid4(rng())};
    return wire::GetCertificate{random_uuid4(rng()), random_uuid4(rng())};
  }
  wire::Verb verb_;
};

}  // namespace

std::unique_ptr<Endpoint> make_spoofed_flood(AdversaryContext context) {
  return std::make_unique<SpoofedFlood>(std::move(context));
}

}  // namespace ptplab::scenarios
