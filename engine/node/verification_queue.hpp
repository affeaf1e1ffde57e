// The verification queue: MESSAGEs (spec ####MESSAGE) that arrived before the certificate of
// their sender or the key of their closed channel, parked until it comes (then retried in
// arrival order) or until pending_verification_timeout_ns passes.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "engine/core/address.hpp"
#include "engine/core/time.hpp"
#include "engine/node/envelope.hpp"
#include "engine/wire/message.hpp"

namespace ptplab::engine {

// A MESSAGE held until the certificate (or channel key) it needs arrives.
struct PendingVerification {
  wire::ChatMessage message;
  Envelope envelope;
  Address from;
  TimeNs since = 0;
  bool relayed = false;  // already forwarded (verify_before_relay relays after the first success)
  std::size_t size = 0;  // bytes of the MESSAGE datagram it arrived in (for the events about it)
};

// Why: a bounded waiting room, so messages outrunning their sender's certificate are not lost
// and a flood of unverifiable ones cannot grow without limit.
class VerificationQueue {
 public:
  // Parks `pv`; false (and `pv` untouched) when `max` (0: unbounded) messages wait already.
  bool park(PendingVerification& pv, std::size_t max);
  // Removes and returns, in arrival order, the messages signed by `node_id` or sent to
  // `channel_id` (an empty argument matches nothing).
  [[nodiscard]] std::vector<PendingVerification> take_ready(std::string_view node_id,
                                                            std::string_view channel_id);
  // Removes and returns, in arrival order, the messages that waited `timeout_ns` or longer.
  [[nodiscard]] std::vector<PendingVerification> take_expired(TimeNs now, TimeNs timeout_ns);

  [[nodiscard]] std::size_t size() const { return waiting_.size(); }
  [[nodiscard]] const std::vector<PendingVerification>& all() const { return waiting_; }

 private:
  std::vector<PendingVerification> waiting_;
};

}  // namespace ptplab::engine
