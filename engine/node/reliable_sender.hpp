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
#include "engine/node/node_id_interner.hpp"
#include "engine/node/shared_text.hpp"
#include "engine/wire/message.hpp"

namespace ptplab::engine {

// An un-ACKed datagram waiting for its ACK. 56 bytes (88 in session 14: a std::string msg_id,
// and fields padded; reports/BENCHMARKS.md, "[P] idle memory, session 15").
struct Pending {
  std::uint32_t serial = 0;  // stable handle for its retransmission timer
  Address to;
  wire::Verb verb{};
  bool ack_proves_contact = true;  // false for answers to unverified sources (see on_ack)
  std::uint32_t attempts = 0;      // retransmissions so far
  // Only when `bytes` is null: the recipient_id of our CERTIFICATE, interned (held while pending).
  NodeIdRef recipient = 0;
  TimeNs wait_ns = 0;  // the current wait before the next retransmission
  // Shared with the entry added just before when it names the same msg_id (a datagram relayed
  // to each neighbour in turn).
  SharedText msg_id;
  // What is sent again; null for a CERTIFICATE of ours (re-encoded on retransmission from
  // msg_id, recipient and our certificate: add_certificate) and our GETCERTIFICATE (from msg_id
  // and our node_id: NodeState::reencoded).
  SharedBytes bytes;
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
  // Interns the recipients of held CERTIFICATEs in `ids` (the node's shared table; it must
  // outlive the sender); null: add_certificate is not used (tests of the table alone).
  explicit ReliableSender(NodeIdInterner* ids = nullptr) : ids_(ids) {}
  ReliableSender(const ReliableSender&) = delete;
  ReliableSender& operator=(const ReliableSender&) = delete;
  // Releases the recipients still held.
  ~ReliableSender();

  // Keeps `bytes` for `to` under `msg_id` with a first wait of `wait_ns`. Its serial (for the
  // timer), or nullopt when `max` (0: unbounded) datagrams are already pending.
  [[nodiscard]] std::optional<std::uint32_t> add(const Address& to, const SharedBytes& bytes,
                                                 std::string_view msg_id, wire::Verb verb, TimeNs wait_ns,
                                                 bool ack_proves_contact, std::size_t max);
  // As add() for a CERTIFICATE of ours to `to`, keeping no bytes: the answer is re-encoded on
  // retransmission from `msg_id`, `recipient_id` (interned in the constructor's table, which
  // must not be null) and our certificate (a CERTIFICATE answer is ~700 bytes, held until its
  // ACK: the largest part of a node's start-up burst; reports/BENCHMARKS.md, "[P] idle memory,
  // session 15").
  [[nodiscard]] std::optional<std::uint32_t> add_certificate(const Address& to, std::string_view msg_id,
                                                             std::string_view recipient_id, TimeNs wait_ns,
                                                             bool ack_proves_contact, std::size_t max);
  // The recipient_id of a held CERTIFICATE without bytes (a view valid while it is pending).
  [[nodiscard]] std::string_view recipient_of(const Pending& p) const {
    return ids_ ? ids_->text(p.recipient) : std::string_view();
  }
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
  // kParamDurationMax). A kGiveUp entry's recipient is released: only kResend's may be read.
  [[nodiscard]] RetransmitStep step(std::uint32_t serial, std::uint32_t retransmit_max, double backoff);

  [[nodiscard]] std::size_t size() const { return pending_.size(); }
  // Entries the table's storage holds room for (0 once it is empty: release_if_empty).
  [[nodiscard]] std::size_t capacity() const { return pending_.capacity(); }
  [[nodiscard]] const std::vector<Pending>& all() const { return pending_; }

 private:
  // Removes pending_[i], releasing its recipient.
  void erase_at(std::size_t i);
  // Frees the table's storage once nothing is pending (reports/BENCHMARKS.md, "[P] idle memory,
  // session 13").
  void release_if_empty();
  NodeIdInterner* ids_ = nullptr;
  std::vector<Pending> pending_;
  std::uint32_t next_serial_ = 1;
};

}  // namespace ptplab::engine
