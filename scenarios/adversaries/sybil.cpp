// Sybil: one host, many registered identities.
#include <algorithm>

#include "engine/wire/codec.hpp"
#include "scenarios/adversaries/behaviours.hpp"
#include "scenarios/adversaries/fake_identities.hpp"

namespace ptplab::scenarios {
namespace {

// Keeps a pool of fake nodes registered as peers of every target.
class Sybil final : public Adversary {
 public:
  explicit Sybil(AdversaryContext c)
      : Adversary(std::move(c)),
        identities_(ctx().self, static_cast<std::size_t>(param_int("identities", 64))) {}

 private:
  void fire(TimeNs, Output& out) override {
    const FakeIdentity& id = identities_.next(rng());
    const auto hello = make_bytes(wire::encode(wire::Hello{id.node_id, std::string("ptplab-adversary")}));
    for (const auto& t : ctx().targets) out.send_spoofed(id.address, t, hello);
  }
  FakeIdentities identities_;
};

}  // namespace

std::unique_ptr<Endpoint> make_sybil(AdversaryContext context) {
  return std::make_unique<Sybil>(std::move(context));
}

}  // namespace ptplab::scenarios
