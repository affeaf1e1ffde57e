// Replay: MESSAGE datagrams recorded as a peer and sent again later, unchanged.
#include <algorithm>

#include "engine/wire/codec.hpp"
#include "scenarios/adversaries/behaviours.hpp"
#include "scenarios/adversaries/ids.hpp"

namespace ptplab::scenarios {
namespace {

// Records MESSAGEs it receives and replays them to its targets.
class Replay final : public Adversary {
 public:
  explicit Replay(AdversaryContext c)
      : Adversary(std::move(c)),
        node_id_(random_uuid4(rng())),
        capacity_(static_cast<std::size_t>(std::clamp<std::int64_t>(param_int("capacity", 256), 1, 65536))) {}

  void on_datagram(TimeNs, const Address& from, const SharedBytes& bytes, Output& out) override {
    auto decoded = wire::decode(*bytes);
    if (decoded && wire::verb_of(*decoded) == wire::Verb::kMessage) {
      out.send(from, make_bytes(wire::encode(wire::Ack{std::get<wire::ChatMessage>(*decoded).msg_id})));
      if (recorded_.size() < capacity_) {
        recorded_.push_back(bytes);
      } else {
        recorded_[written_ % capacity_] = bytes;
      }
      ++written_;
    }
    rearm(out);
  }

 private:
  void fire(TimeNs now, Output& out) override {
    keepalive(now, node_id_, out);
    const Address* target = next_target();
    if (target == nullptr || recorded_.empty()) return;
    out.send(*target, recorded_[replayed_++ % recorded_.size()]);
  }
  std::string node_id_;
  std::size_t capacity_;
  std::vector<SharedBytes> recorded_;
  std::size_t written_ = 0;
  std::size_t replayed_ = 0;
};

}  // namespace

std::unique_ptr<Endpoint> make_replay(AdversaryContext context) {
  return std::make_unique<Replay>(std::move(context));
}

}  // namespace ptplab::scenarios
