// The reliable sender: datagrams of the ACKed verbs (GETCERTIFICATE, CERTIFICATE, GETKEY, KEY,
// MESSAGE; spec ####ACK) kept until an ACK echoing their msg_id arrives from their destination,
// resent after ack_timeout_ns and then after waits multiplied by retransmit_backoff, up to
// retransmit_max times. It decides; the Node sends, schedules and reports (node_reliability.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/address.hpp"
#include "engine/core/bytes.hpp"
#include "engine/core/time.hpp"
#include "engine/wire/message.hpp"

namespace ptplab::engine {

// An un-ACKed datagram waiting for its ACK.
struct Pending {
  std::uint32_t serial = 0;  // stable handle for its retransmission timer
  Address to;
  SharedBytes bytes;
  std::string msg_id;
  wire::Verb verb{};
  std::uint32_t attempts = 0;      // retransmissions so far
  TimeNs wait_ns = 0;              // the current wait before the next retransmission
  bool ack_proves_contact = true;  // false for answers to unverified sources (see on_ack)
};

// What a retransmission timer should do.
struct RetransmitStep {
  enum class Kind : std::uint8_t {
    kNothing,  // the datagram was ACKed meanwhile
    kGiveUp,   // retransmit_max reached: forgotten
    kResend,   // send `entry.bytes` again and wake after `entry.wait_ns`
  };
  Kind kind = Kind::kNothing;
  Pending entry;  // a copy (for kGiveUp, of the entry just removed)
};

// Why: one table of what is in flight, so an ACK, a CERTIFICATE answering a GETCERTIFICATE and
// "is a request already outstanding?" all look in the same place.
class ReliableSender {
 public:
  // Keeps `bytes` for `to` under `msg_id` with a first wait of `wait_ns`. Its serial (for the
  // timer), or nullopt when `max` (0: unbounded) datagrams are already pending.
  [[nodiscard]] std::optional<std::uint32_t> add(const Address& to, const SharedBytes& bytes,
                                                 std::string_view msg_id, wire::Verb verb, TimeNs wait_ns,
                                                 bool ack_proves_contact, std::size_t max);
  // An ACK of `msg_id` from `from`: forgets the datagram. Its ack_proves_contact, or nullopt when
  // nothing such was pending.
  [[nodiscard]] std::optional<bool> acknowledge(const Address& from, std::string_view msg_id);
  // Forgets a pending `verb` datagram to `to` under `msg_id` (answered other than by an ACK).
  void cancel(const Address& to, std::string_view msg_id, wire::Verb verb);
  // Whether a `verb` datagram to `to` is pending (under `msg_id`, unless it is nullopt).
  [[nodiscard]] bool holds(const Address& to, wire::Verb verb,
                           std::optional<std::string_view> msg_id = std::nullopt) const;
  // The retransmission timer of `serial` fired: gives up after `retransmit_max` attempts, else
  // counts an attempt and multiplies the wait by `backoff` (rounded to whole ns, at most
  // kParamDurationMax).
  [[nodiscard]] RetransmitStep step(std::uint32_t serial, std::uint32_t retransmit_max, double backoff);

  [[nodiscard]] std::size_t size() const { return pending_.size(); }
  // Entries the table's storage holds room for (0 once it is empty: release_if_empty).
  [[nodiscard]] std::size_t capacity() const { return pending_.capacity(); }
  [[nodiscard]] const std::vector<Pending>& all() const { return pending_; }

 private:
  // Frees the table's storage once nothing is pending (reports/BENCHMARKS.md, "[P] idle memory,
  // session 13").
  void release_if_empty();
  std::vector<Pending> pending_;
  std::uint32_t next_serial_ = 1;
};

}  // namespace ptplab::engine
