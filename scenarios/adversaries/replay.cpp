// Replay: datagrams recorded as a peer and sent again later, unchanged.
#include <algorithm>
#include <deque>

#include "engine/core/time.hpp"
#include "engine/wire/codec.hpp"
#include "scenarios/adversaries/behaviours.hpp"
#include "scenarios/adversaries/ids.hpp"
#include "scenarios/metrics/verb_scan.hpp"

namespace ptplab::scenarios {
namespace {

// Datagrams a replay adversary keeps (oldest forgotten first).
constexpr std::size_t kReplayCapacity = 256;

// Records datagrams of one verb and replays them to its targets.
class Replay final : public Adversary {
 public:
  explicit Replay(AdversaryContext c) : Adversary(std::move(c)), node_id_(random_uuid4(rng())) {
    verb_ = static_cast<std::size_t>(
        *wire::verb_from_name(param_string("verb", std::string(verb_name(Verb::kMessage)))));
    delay_ns_ = param_duration("delay", 0);
  }

  void on_datagram(TimeNs now, const Address& from, const SharedBytes& bytes, Output& out) override {
    if (scan_verb(*bytes) == verb_) {
      auto decoded = wire::decode(*bytes);
      if (decoded && wire::verb_of(*decoded) == wire::Verb::kMessage) {
        out.send(from, make_bytes(wire::encode(wire::Ack{std::get<wire::ChatMessage>(*decoded).msg_id})));
      }
      if (recorded_.size() == kReplayCapacity) recorded_.pop_front();
      recorded_.push_back({now, bytes});
    }
    rearm(out);
  }

 private:
  void fire(TimeNs now, Output& out) override {
    keepalive(now, node_id_, out);
    const Address* target = next_target();
    if (target == nullptr) return;
    // The oldest recording that is old enough, then the next one at the next step.
    for (std::size_t i = 0; i < recorded_.size(); ++i) {
      const auto& r = recorded_[(cursor_ + i) % recorded_.size()];
      if (now - r.first >= delay_ns_) {
        out.send(*target, r.second);
        cursor_ = (cursor_ + i + 1) % recorded_.size();
        return;
      }
    }
  }
  std::string node_id_;
  std::size_t verb_ = 0;
  TimeNs delay_ns_ = 0;
  std::deque<std::pair<TimeNs, SharedBytes>> recorded_;
  std::size_t cursor_ = 0;
};

}  // namespace

std::unique_ptr<Endpoint> make_replay(AdversaryContext context) {
  return std::make_unique<Replay>(std::move(context));
}

}  // namespace ptplab::scenarios
