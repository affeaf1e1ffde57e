// Deliberately broken targets for the harness's own tests: the reference Node behind a filter
// that removes or bends exactly one behaviour (no ACK, a wrong msg_id in CERTIFICATE, HELLOs too
// fast, dying on malformed input, forwarding forged MESSAGEs, ...). The table of case -> fault
// (broken_targets_test.cpp) shows that every case can fail: none passes vacuously.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>

#include "engine/core/endpoint.hpp"
#include "engine/core/rng.hpp"

namespace ptplab::conformance {

// The one behaviour a broken target lacks (or the one it adds).
enum class Fault {
  // Outbound: a verb never sent.
  kNoAck,
  kNoLeave,
  kNoJoin,
  kNoCertificate,
  kNoGetCertificate,
  kNoKey,
  kNoRelay,
  kNoConnectForward,
  kNoRouting,
  kNoChannel,
  kNoHello,
  // Outbound: a field bent.
  kWrongCertificateMsgId,
  kWrongRecipient,
  kCertificateNodeId,
  kWrongGetCertNodeId,
  kWrongJoinLeaveNodeId,
  kNoChannelMembers,
  kBadKeyMessage,
  kAltersRelay,
  kConnectUnrewritten,
  kRoutingEmptyIds,
  kRoutingBadAddresses,
  kHugeRouting,
  kBareHello,
  kBadCertificate,
  kBadSignature,
  kUnstableCertificate,
  // Outbound: timing and repetition.
  kHelloTooFast,
  kHelloOnce,
  kRoutingOnce,
  kAckOnce,
  kNoAckForAnswers,
  kEveryOtherConnect,
  kOnlyKnownAddresses,
  kNoRetransmit,
  kNoBackoff,
  kRetransmitsForever,
  kSendsNonJson,
  // Inbound: what it refuses, misreads or does on its own.
  kStrictHead,
  kNeedsMsgData,
  kKeyOrder,
  kNoWhitespace,
  kLenient,
  kStrictHelloData,
  kAcksHello,
  kRejectsAttachments,
  kDedupBeforeVerify,
  kForgetsCertificates,
  kKeyToAnyone,
  kForwardsToAnyone,
  kForwardsForged,
  kLeavesAlways,
  kRoutingToUnverified,
  kAmplifies,
  // Not a node at all: a plain UDP echo server (every datagram sent back to its source, nothing
  // sent of its own). The harness must not take its own reflected datagrams for answers.
  kEcho,
  // Inbound: crashes.
  kDiesOnMalformed,
  kDiesOnHostile,
};

// An Endpoint that runs `inner` and applies `fault` to what goes in and out.
class BrokenTarget final : public Endpoint {
 public:
  BrokenTarget(std::unique_ptr<Endpoint> inner, Fault fault) : inner_(std::move(inner)), fault_(fault) {}

  void start(TimeNs now, Output& out) override;
  void on_datagram(TimeNs now, const Address& from, const SharedBytes& bytes, Output& out) override;
  void on_timer(TimeNs now, Output& out) override;

 private:
  static constexpr TimeNs kResendNs = 500 * 1000 * 1000;  // kNoBackoff, kRetransmitsForever: fixed period

  // The inbound fault: the bytes the inner node gets (nullopt: dropped). May send on its own.
  std::optional<std::string> inbound(const Address& from, const std::string& text, Output& out);
  // Copies what `inner_` wrote to inner_out_ into `out`, with the fault applied to the sends.
  void pass(TimeNs now, Output& out);
  void send(const Address& to, const std::string& bytes, Output& out);
  std::optional<std::string> bend(const std::string& bytes);

  std::unique_ptr<Endpoint> inner_;
  Fault fault_;
  Output inner_out_;
  bool dead_ = false;
  std::set<Address> sources_;
  std::map<Address, int> received_;                                // datagrams per source
  std::set<std::string> seen_ids_;                                 // msg_ids (ACKed, relayed, ...) per fault
  std::set<std::pair<Address, std::string>> sent_;                 // (to, msg_id) of acknowledged verbs sent
  std::set<std::pair<Address, std::string>> once_;                 // (to, verb) sent once
  std::set<std::string> our_requests_;                             // msg_ids of GETCERTIFICATEs we sent
  std::map<std::string, std::pair<Address, std::string>> resend_;  // msg_id -> (to, bytes)
  TimeNs next_resend_ = 0;
  TimeNs now_ = 0;
  std::string closed_channel_, closed_channel_id_;
  int connects_ = 0, certificates_ = 0;
};

}  // namespace ptplab::conformance
