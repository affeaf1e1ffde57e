// Rendezvous: the state of the spec's five-step CONNECT (####CONNECT) for the attempts in which
// this node is A or B, the forwarding rate limit it applies as S, and the three socket forms a
// CONNECT's dst/src carry. The steps themselves, which send and add peers, are node_connect.cpp.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/address.hpp"
#include "engine/core/time.hpp"
#include "engine/node/token_bucket.hpp"

namespace ptplab::engine {

// The socket forms CONNECT carries: "ip:port", "ip", or "port" (decimal, <= 65535).
enum class ConnectForm : std::uint8_t { kFull, kIp, kPort, kInvalid };

// The form of a CONNECT dst/src string.
[[nodiscard]] ConnectForm connect_form(std::string_view s);
// The ip of `observed` with the claimed decimal `port` (a kPort string), or the observed port
// when 0 was claimed ("the port you see").
[[nodiscard]] Address with_claimed_port(const Address& observed, std::string_view port);

// A CONNECT attempt in which this node is A or B.
struct ConnectAttempt {
  std::string target_node_id;  // may be empty when the rendezvous did not name it
  std::optional<Address> target;
  TimeNs deadline = 0;
};

// Why: an attempt outlives the CONNECT datagrams that started it; it ends when any datagram
// from the other side arrives (success) or at its deadline (failure).
class Rendezvous {
 public:
  // Whether `max` (0: unbounded) attempts are under way.
  [[nodiscard]] bool full(std::size_t max) const;
  // Starts an attempt towards `target_node_id` (at `target`, when known) failing at `deadline`.
  void begin(std::string_view target_node_id, std::optional<Address> target, TimeNs deadline);
  // The attempt a step-4 CONNECT naming `node_id` completes (same id, or one begun without id).
  [[nodiscard]] ConnectAttempt* find_for(std::string_view node_id);
  // Removes and returns the attempts a datagram from `from` completes: matched by target
  // address, or by `hello_node_id` (from a HELLO; empty matches nothing).
  [[nodiscard]] std::vector<ConnectAttempt> complete(const Address& from, std::string_view hello_node_id);
  // Removes and returns the attempts whose deadline is at or before `now`.
  [[nodiscard]] std::vector<ConnectAttempt> take_expired(TimeNs now);
  // As S: takes one forwarding token (connect_rate_per_s, connect_burst, all sources together).
  [[nodiscard]] bool may_forward(TimeNs now, double rate_per_s, double burst);
  // Resets the forwarding budget to a full `burst` (at construction).
  void reset_forwarding(double burst) { forwarding_ = TokenBucket(burst, 0); }

  [[nodiscard]] std::size_t size() const { return attempts_.size(); }
  [[nodiscard]] const std::vector<ConnectAttempt>& all() const { return attempts_; }

 private:
  std::vector<ConnectAttempt> attempts_;
  TokenBucket forwarding_;
};

}  // namespace ptplab::engine
