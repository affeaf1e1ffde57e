// What a case works with: peers that speak for harness identities, sends that are logged, and
// waits with deadlines that return the first matching datagram (or what came instead).
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "conformance/settings.hpp"
#include "conformance/transport.hpp"
#include "conformance/wire_log.hpp"
#include "engine/core/rng.hpp"
#include "engine/wire/message.hpp"

namespace ptplab::conformance {

// A harness peer: one socket, speaking for one node id.
struct Peer {
  int index = -1;
  Address address;
  std::string node_id;
};

// A datagram a peer received, decoded when it could be.
struct Received {
  TimeNs at = 0;
  Address from;
  std::string bytes;
  std::optional<wire::Message> message;
  bool consumed = false;
};

// A test on a received datagram, with the words that describe it in "expected one of [...]".
struct Expectation {
  std::string description;
  std::function<bool(const Received&)> test;
};

// Everything one case needs, over either transport.
class Context {
 public:
  Context(Transport& transport, WireLog& log, const Settings& settings, std::uint64_t seed);

  // A new peer with a fresh node id. Like a spec-compliant node it ACKs every reliable datagram
  // the target sends it (spec §ACK: GETCERTIFICATE, CERTIFICATE, GETKEY, KEY, MESSAGE), which is
  // also how it proves its address to a target that validates addresses (ptplab's default
  // address_validation "ack", PROTOCOL.md R31), unless `auto_ack` is false: a peer that never ACKs
  // (cases about the unproved). On failure the case ends as a harness error.
  [[nodiscard]] Peer open_peer(bool auto_ack = true);
  // From now on `peer` leaves the datagrams that meet `e` un-ACKed and ACKs the rest as above: a
  // case about retransmission withholds the ACK of the one datagram it watches while the peer
  // still answers the target's other requests (its address probe among them).
  void withhold_acks(const Peer& peer, Expectation e);
  // Sends raw bytes (or a message) from `peer` to the target, or to `to`.
  void send(const Peer& peer, const std::string& bytes);
  void send(const Peer& peer, const wire::Message& message);
  void send_to(const Peer& peer, const Address& to, const std::string& bytes);

  // The first datagram at `peer` that meets `e` within `within` (default: the run's timeout).
  [[nodiscard]] std::optional<Received> expect(const Peer& peer, const Expectation& e);
  [[nodiscard]] std::optional<Received> expect(const Peer& peer, const Expectation& e, TimeNs within);
  // Every datagram at `peer` that meets `e` during the next `window` (waits the whole window).
  [[nodiscard]] std::vector<Received> watch(const Peer& peer, const Expectation& e, TimeNs window);
  // Every datagram `peer` has received so far (taken by expect/watch or not), in arrival order.
  [[nodiscard]] std::vector<Received> received(const Peer& peer) const;
  // What `peer` has received so far, one verb each ("nothing" if none): the "actual" of failures.
  [[nodiscard]] std::string seen(const Peer& peer) const;

  // Sends HELLO{node_id} from `peer` and waits for the target's HELLO; learns the target's id.
  [[nodiscard]] bool handshake(const Peer& peer);
  // The liveness probe: a fresh peer says HELLO and the target answers with a HELLO.
  [[nodiscard]] bool alive();
  // How long to wait for a HELLO answer: the longest legal interval plus the timeout.
  [[nodiscard]] TimeNs hello_wait() const { return settings_.hello_interval_max_ns + settings_.timeout_ns; }

  // The target's node id, learnt from its HELLO (or CERTIFICATE); "" when unknown.
  [[nodiscard]] const std::string& target_node_id() const { return target_node_id_; }
  void learn_target_node_id(const std::string& id) { target_node_id_ = id; }
  [[nodiscard]] Address target() const { return transport_.target(); }
  [[nodiscard]] TimeNs now() const { return transport_.now(); }
  // The target's wall clock as MESSAGE timestamps read it (ms since the Unix epoch).
  [[nodiscard]] std::int64_t epoch_ms() const { return transport_.epoch_ms(); }
  [[nodiscard]] TimeNs timeout() const { return settings_.timeout_ns; }
  [[nodiscard]] const Settings& settings() const { return settings_; }
  [[nodiscard]] Rng& rng() { return rng_; }
  // A fresh UUIDv4 string from the case's generator.
  [[nodiscard]] std::string new_id();
  // Lets time pass (in-process: virtually) while still logging what arrives.
  void idle(TimeNs duration);
  // Notes a line of evidence in the wire log.
  void note(const std::string& text);

  // True once Settings::stop is raised: waits return at once and sends are dropped.
  [[nodiscard]] bool stopping() const { return settings_.stop != nullptr && settings_.stop->load(); }

  [[nodiscard]] bool harness_failed() const { return !harness_error_.empty(); }
  [[nodiscard]] const std::string& harness_error() const { return harness_error_; }

 private:
  void pump(TimeNs deadline);
  // Sends HELLOs from `peer` until the target answers with one or hello_wait() passes.
  std::optional<Received> hello_exchange(const Peer& peer);
  std::optional<Received> take(const Peer& peer, const Expectation& e);
  // Remembers what `peer` sends, so that a reflection of it is not taken for the target's answer.
  void remember_sent(int peer, const std::string& bytes);
  // True when `r`, arriving at `peer`, is the peer's own datagram coming back (an echoing target):
  // the same (verb, msg_id) as one it sent, a HELLO carrying a node id it claims (never the
  // target's: a case may send HELLOs impersonating the target), an ACK of nothing
  // but its own ACK, or the same bytes when they do not decode. (A bare HELLO has no identity.)
  [[nodiscard]] bool reflected(int peer, const Received& r) const;

  static constexpr std::size_t kInboxMax = 4096;               // datagrams kept per peer
  static constexpr TimeNs kHelloRetryNs = 500 * kMillisecond;  // HELLO repeat while unanswered
  static constexpr TimeNs kStopPollNs = 100 * kMillisecond;    // longest wait between stop checks

  Transport& transport_;
  WireLog& log_;
  const Settings& settings_;
  Rng rng_;
  std::vector<std::vector<Received>> inbox_;          // per peer
  std::vector<bool> auto_ack_;                        // per peer
  std::vector<std::optional<Expectation>> withheld_;  // per peer: what it leaves un-ACKed (withhold_acks)
  std::vector<std::set<std::string>> sent_;           // per peer: keys of what it sent (see remember_sent)
  std::string target_node_id_;
  std::string harness_error_;
};

}  // namespace ptplab::conformance
