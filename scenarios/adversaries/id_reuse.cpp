// Id reuse: a node that claims someone else's node_id and answers each MESSAGE it sees with a
// forged MESSAGE carrying the same msg_id, racing the real one through the overlay.
#include <algorithm>
#include <unordered_set>

#include "engine/wire/codec.hpp"
#include "scenarios/adversaries/behaviours.hpp"
#include "scenarios/adversaries/forge.hpp"
#include "scenarios/adversaries/ids.hpp"

namespace ptplab::scenarios {
namespace {

// Forged copies the adversary may have in hand (one credited per step, so rate_per_s bounds them).
constexpr int kIdReuseBudgetMax = 16;
// msg_ids remembered so that each is reused once.
constexpr std::size_t kIdReuseSeenMax = 4096;

// Steals a node id and reuses the msg_ids it observes.
class IdReuse final : public Adversary {
 public:
  explicit IdReuse(AdversaryContext c) : Adversary(std::move(c)) {
    if (!ctx().target_node_ids.empty()) {
      stolen_ = ctx().target_node_ids.front();
    } else if (!ctx().population_node_ids.empty()) {
      stolen_ = ctx().population_node_ids.front();
    } else {
      stolen_ = random_uuid4(rng());
    }
  }

  void on_datagram(TimeNs now, const Address& from, const SharedBytes& bytes, Output& out) override {
    auto decoded = wire::decode(*bytes);
    if (decoded && wire::verb_of(*decoded) == wire::Verb::kMessage) {
      const auto& m = std::get<wire::ChatMessage>(*decoded);
      out.send(from, make_bytes(wire::encode(wire::Ack{m.msg_id})));
      if (active(now) && budget_ > 0 && seen_.size() < kIdReuseSeenMax && seen_.insert(m.msg_id).second) {
        --budget_;
        const auto forged =
            make_bytes(wire::encode(forged_message(rng(), stolen_, m.msg_id, m.message.size(), now)));
        for (const auto& t : ctx().targets) {
          if (t != from) out.send(t, forged);
        }
      }
    }
    rearm(out);
  }

 private:
  void fire(TimeNs now, Output& out) override {
    keepalive(now, stolen_, out);
    budget_ = std::min(budget_ + 1, kIdReuseBudgetMax);
  }
  std::string stolen_;
  int budget_ = 0;
  std::unordered_set<std::string> seen_;
};

}  // namespace

std::unique_ptr<Endpoint> make_id_reuse(AdversaryContext context) {
  return std::make_unique<IdReuse>(std::move(context));
}

}  // namespace ptplab::scenarios
