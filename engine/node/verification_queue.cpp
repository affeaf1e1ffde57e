// Parking, retrying and expiring MESSAGEs that wait for a certificate or key.
#include "engine/node/verification_queue.hpp"

#include "engine/node/table_bound.hpp"

namespace ptplab::engine {

bool VerificationQueue::park(PendingVerification& pv, std::size_t max) {
  if (at_bound(waiting_.size(), max)) return false;
  waiting_.push_back(std::move(pv));
  return true;
}

std::vector<PendingVerification> VerificationQueue::take_ready(std::string_view node_id,
                                                               std::string_view channel_id) {
  std::vector<PendingVerification> ready;
  for (auto it = waiting_.begin(); it != waiting_.end();) {
    if ((!node_id.empty() && it->envelope.node_id == node_id) ||
        (!channel_id.empty() && it->envelope.channel_id == channel_id)) {
      ready.push_back(std::move(*it));
      it = waiting_.erase(it);
    } else {
      ++it;
    }
  }
  return ready;
}

std::vector<PendingVerification> VerificationQueue::take_expired(TimeNs now, TimeNs timeout_ns) {
  std::vector<PendingVerification> expired;
  for (auto it = waiting_.begin(); it != waiting_.end();) {
    if (now - it->since < timeout_ns) {
      ++it;
      continue;
    }
    expired.push_back(std::move(*it));
    it = waiting_.erase(it);
  }
  return expired;
}

}  // namespace ptplab::engine
