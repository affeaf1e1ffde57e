// HELLO flood: a stream of HELLOs, by default each claiming a new node.
#include "engine/wire/codec.hpp"
#include "scenarios/adversaries/behaviours.hpp"
#include "scenarios/adversaries/ids.hpp"

namespace ptplab::scenarios {
namespace {

// Floods its targets with HELLOs.
class HelloFlood final : public Adversary {
 public:
  explicit HelloFlood(AdversaryContext c)
      : Adversary(std::move(c)),
        fresh_ids_(param_bool("spoof_node_ids", true)),
        node_id_(random_uuid4(rng())) {}

 private:
  void fire(TimeNs, Output& out) override {
    const Address* target = next_target();
    if (target == nullptr) return;
    out.send(*target, make_bytes(wire::encode(wire::Hello{fresh_ids_ ? random_uuid4(rng()) : node_id_,
                                                          std::string("ptplab-adversary")})));
  }
  bool fresh_ids_;
  std::string node_id_;
};

}  // namespace

std::unique_ptr<Endpoint> make_hello_flood(AdversaryContext context) {
  return std::make_unique<HelloFlood>(std::move(context));
}

}  // namespace ptplab::scenarios
