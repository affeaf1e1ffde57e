// Malformed input: every way a datagram can be wrong, in turn.
#include <algorithm>

#include "scenarios/adversaries/behaviours.hpp"
#include "scenarios/adversaries/ids.hpp"

namespace ptplab::scenarios {
namespace {

// Nesting depth of the deeply nested variant (beyond any sane decoder limit).
constexpr std::size_t kMalformedDepth = 200;

// Sends broken datagrams to its targets.
class Malformed final : public Adversary {
 public:
  explicit Malformed(AdversaryContext c)
      : Adversary(std::move(c)), bytes_(static_cast<std::size_t>(param_int("size_bytes", 256))) {}

 private:
  void fire(TimeNs, Output& out) override {
    const Address* target = next_target();
    if (target == nullptr) return;
    out.send(*target, make_bytes(variant(step_++ % 7)));
  }
  std::string variant(std::size_t which) {
    switch (which) {
      case 0: return random_bytes(rng(), bytes_);
      case 1: return R"({"msg_type":"MESSAGE","msg_data":{"msg_id":")" + random_uuid4(rng());
      case 2: return std::string(kMalformedDepth, '[') + std::string(kMalformedDepth, ']');
      case 3: return R"({"msg_type":42,"msg_data":{}})";
      case 4: return R"({"msg_type":"RELAY","msg_data":{"msg_id":")" + random_uuid4(rng()) + "\"}}";
      case 5:
        return R"({"msg_type":"CERTIFICATE","msg_data":{"msg_id":")" + random_uuid4(rng()) +
               R"(","node_id":")" + random_uuid4(rng()) +
               R"(","recipient_id":"x","certificate":"%%not base64%%"}})";
      default: return R"({"msg_type":"ACK","msg_data":{"msg_id":)" + std::string(bytes_, '9') + "}}";
    }
  }
  std::size_t bytes_;
  std::size_t step_ = 0;
};

}  // namespace

std::unique_ptr<Endpoint> make_malformed(AdversaryContext context) {
  return std::make_unique<Malformed>(std::move(context));
}

}  // namespace ptplab::scenarios
