// MESSAGE flood: unverifiable MESSAGEs from ever new node ids, each making the victim ACK,
// fetch a certificate and try a signature.
#include "engine/wire/codec.hpp"
#include "scenarios/adversaries/behaviours.hpp"
#include "scenarios/adversaries/forge.hpp"
#include "scenarios/adversaries/ids.hpp"

namespace ptplab::scenarios {
namespace {

// Floods its targets with forged MESSAGEs.
class MessageFlood final : public Adversary {
 public:
  explicit MessageFlood(AdversaryContext c)
      : Adversary(std::move(c)),
        bytes_(static_cast<std::size_t>(std::clamp<std::int64_t>(param_int("size_bytes", 512), 1, 60000))) {}

 private:
  void fire(TimeNs now, Output& out) override {
    const Address* target = next_target();
    if (target == nullptr) return;
    out.send(*target, make_bytes(wire::encode(
                          forged_message(rng(), random_uuid4(rng()), random_uuid4(rng()), bytes_, now))));
  }
  std::size_t bytes_;
  std::string channel_id_ = param_string("channel_id", "");
};

}  // namespace

std::unique_ptr<Endpoint> make_message_flood(AdversaryContext context) {
  return std::make_unique<MessageFlood>(std::move(context));
}

}  // namespace ptplab::scenarios
