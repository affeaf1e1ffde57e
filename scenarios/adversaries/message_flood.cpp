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
      : Adversary(std::move(c)), bytes_(static_cast<std::size_t>(param_int("size_bytes", 512))) {}

 private:
  void fire(TimeNs now, Output& out) override {
    const Address* target = next_target();
    if (target == nullptr) return;
    auto m = forged_message(rng(), random_uuid4(rng()), random_uuid4(rng()), bytes_, now);
    if (!channel_id_.empty()) {  // the workload channel named by `channel` (its id set by the runner)
      m.channel = channel_;
      m.channel_id = channel_id_;
    }
    out.send(*target, make_bytes(wire::encode(m)));
  }
  std::size_t bytes_;
  std::string channel_ = param_string("channel", "");
  std::string channel_id_ = param_string("channel_id", "");
};

}  // namespace

std::unique_ptr<Endpoint> make_message_flood(AdversaryContext context) {
  return std::make_unique<MessageFlood>(std::move(context));
}

}  // namespace ptplab::scenarios
