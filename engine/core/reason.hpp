// Why an endpoint dropped an input, removed a peer, gave up an attempt or reported a collision:
// the one vocabulary of reasons every Event carries. Each has a stable lower-case name (the
// table in reason.cpp) that logs, `ptplab node` JSON lines and report rows print; those names
// are part of the report format, so renaming one changes report digests.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace ptplab {

// Every reason code. The order is the order of the name table (reason.cpp) and nothing else:
// nothing persists the numeric values.
enum class Reason : std::uint8_t {
  kNone,  // "" (no reason: a plain duplicate, a success)
  // --- the decoder's errors (wire::DecodeErrorCode, same order) ---
  kTooLarge,        // datagram, certificate or MESSAGE over its size bound
  kNotJson,         // not parseable JSON
  kTooDeep,         // nesting deeper than the decoder's limit
  kNotObject,       // top level not an object
  kMissingMsgType,  // no "msg_type"
  kBadMsgType,      // "msg_type" not a string
  kUnknownVerb,     // a verb the spec does not define
  kBadMsgData,      // "msg_data" missing or not an object
  kMissingField,    // a required field is absent
  kWrongType,       // a field has the wrong JSON type
  kBadBase64,       // a base64 field does not decode
  kBadValue,        // a field's value is out of its domain
  // --- admission and anti-amplification (spec ###Message Format, PROTOCOL.md) ---
  kRateLimited,         // a source's token bucket is empty
  kAmplificationLimit,  // an answer would exceed 3x what an unverified address sent
  kAnswerRate,          // CERTIFICATE answers to one address over their rate
  // --- peers and routing (####HELLO, ####ROUTING) ---
  kPeersFull,  // the peer table is at its bound and no peer is stale
  kEvicted,    // a stale peer made room for a new one
  kTimeout,    // a peer or a CONNECT attempt went silent too long
  kNotAPeer,   // ROUTING or CONNECT from an address that is not a live peer
  kNoRoute,    // no address known for a node_id
  // --- reliability ---
  kRetransmitQueueFull,  // the retransmission table is at its bound
  // --- certificates (####GETCERTIFICATE, ####CERTIFICATE) ---
  kBadCertificate,           // not a parseable certificate
  kCertificateMismatch,      // the certificate names another node_id
  kNotKeyDerived,            // node_id is not derived from the certificate's key
  kBadCertificateSignature,  // the self-signature does not verify
  kNoCertificate,            // a GETKEY waits for its sender's certificate
  // --- channels and keys (####CHANNEL, ####GETKEY, ####KEY) ---
  kChannelsFull,  // the channel table is at its bound
  kNoKey,         // no key for a closed channel
  kNotMember,     // GETKEY or KEY from or for a non-member
  kNotForUs,      // KEY addressed to another node
  kBadKey,        // KEY does not unwrap to a 32-byte key
  kWrapFailed,    // wrapping a key for a certificate failed
  // --- MESSAGE (####MESSAGE) ---
  kBadEnvelope,            // the signed envelope does not parse
  kEnvelopeMismatch,       // envelope and MESSAGE fields disagree
  kMsgIdCollision,         // a seen msg_id arrived with other content
  kStale,                  // older than the de-dup window
  kVerificationQueueFull,  // no room to park a MESSAGE awaiting a certificate or key
  kVerificationTimeout,    // a parked MESSAGE waited too long
  kBadSignature,           // the envelope signature does not verify
  kBodyKind,               // body encryption does not fit the channel
  kBadBody,                // the body does not parse
  kNotARecipient,          // a multi_cert body has no copy for us
  kDecryptFailed,          // the body does not decrypt
  // --- collisions (kCollision events) ---
  kNodeId,  // evidence of two nodes with one node_id
  kMsgId,   // evidence of two messages with one msg_id
  // --- CONNECT (####CONNECT) ---
  kTooManyAttempts,       // at the bound of concurrent attempts
  kConnectTargetUnknown,  // the rendezvous does not know the target
  kUnexpectedConnect,     // a step-4 CONNECT matching no attempt
  kBadConnect,            // dst/src in no form the five steps use
};

// Stable lower-case name of a reason ("malformed", "rate_limited", ...; "" for kNone).
[[nodiscard]] std::string_view reason_name(Reason reason);
// The reason with this name, if any (reason_name's inverse).
[[nodiscard]] std::optional<Reason> reason_from_name(std::string_view name);

}  // namespace ptplab
