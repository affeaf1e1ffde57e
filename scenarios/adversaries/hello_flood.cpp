// HELLO flood: a fresh identity per HELLO, optionally from a fresh source port each time.
#include "engine/wire/codec.hpp"
#include "scenarios/adversaries/behaviours.hpp"
#include "scenarios/adversaries/forge.hpp"
#include "scenarios/adversaries/ids.hpp"

namespace ptplab::scenarios {
namespace {

// Floods its targets with HELLOs that each claim a new node.
class HelloFlood final : public Adversary {
 public:
  explicit HelloFlood(AdversaryContext c)
      : Adversary(std::move(c)), spoof_ports_(ctx().params.value("spoof_ports", false)) {}

 private:
  void fire(TimeNs, Output& out) override {
    const Address* target = next_target();
    if (target == nullptr) return;
    const auto bytes =
        make_bytes(wire::encode(wire::Hello{random_uuid4(rng()), std::string("ptplab-adversary")}));
    if (spoof_ports_) {
      out.send_spoofed(Address{ctx().self.ip, identity_port(step_++)}, *target, bytes);
    } else {
      out.send(*target, bytes);
    }
  }
  bool spoof_ports_;
  std::size_t step_ = 0;
};

}  // namespace

std::unique_ptr<Endpoint> make_hello_flood(AdversaryContext context) {
  return std::make_unique<HelloFlood>(std::move(context));
}

}  // namespace ptplab::scenarios
