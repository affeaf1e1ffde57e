// Why an endpoint dropped an input, removed a peer, gave up an attempt or reported a collision:
// the one vocabulary of reasons every Event carries, declared once as the table kReasons. Each
// has a stable lower-case name that logs, `ptplab node` JSON lines and report rows print; those
// names are part of the report format, so renaming one changes report digests.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "engine/core/name_table.hpp"

namespace ptplab {

// Every reason code, in the order of kReasons (nothing persists the numeric values).
enum class Reason : std::uint8_t {
  kNone,
  // --- the decoder's errors (wire::DecodeErrorCode is Reason: kFirstDecodeError..kLastDecodeError) ---
  kTooLarge,
  kNotJson,
  kTooDeep,
  kNotObject,
  kMissingMsgType,
  kBadMsgType,
  kUnknownVerb,
  kBadMsgData,
  kMissingField,
  kWrongType,
  kBadBase64,
  kBadValue,
  // --- admission and anti-amplification (spec ###Message Format, PROTOCOL.md) ---
  kRateLimited,
  kAmplificationLimit,
  kAnswerRate,
  // --- peers and routing (####HELLO, ####ROUTING) ---
  kPeersFull,
  kEvicted,
  kTimeout,
  kNotAPeer,
  kNoRoute,
  kRoutesPerAddress,
  // --- reliability ---
  kRetransmitQueueFull,
  // --- certificates (####GETCERTIFICATE, ####CERTIFICATE) ---
  kBadCertificate,
  kCertificateMismatch,
  kNotKeyDerived,
  kBadCertificateSignature,
  kNoCertificate,
  // --- channels and keys (####CHANNEL, ####GETKEY, ####KEY) ---
  kChannelsFull,
  kNoKey,
  kNotMember,
  kNotForUs,
  kBadKey,
  kWrapFailed,
  // --- MESSAGE (####MESSAGE) ---
  kBadEnvelope,
  kEnvelopeMismatch,
  kMsgIdCollision,
  kStale,
  kVerificationQueueFull,
  kVerificationTimeout,
  kBadSignature,
  kBodyKind,
  kBadBody,
  kNotARecipient,
  kDecryptFailed,
  // --- collisions (kCollision events) ---
  kNodeId,
  kMsgId,
  // --- CONNECT (####CONNECT) ---
  kTooManyAttempts,
  kConnectTargetUnknown,
  kUnexpectedConnect,
  kBadConnect,
  kUnannounceableAddress,
};

// The name table: each reason's stable lower-case name, as logs, `ptplab node` JSON lines and
// report rows print it, and its meaning. kNone is the one unnamed entry (it prints as "").
inline constexpr std::array<NameEntry<Reason>, 52> kReasons = {{
    {Reason::kNone, "", "no reason: a plain duplicate, a success (prints as nothing)"},
    {Reason::kTooLarge, "too_large",
     "a datagram above the node's own bound (NodeParams max_datagram_bytes), or a certificate or MESSAGE "
     "over its size bound"},
    {Reason::kNotJson, "not_json", "not parseable JSON"},
    {Reason::kTooDeep, "too_deep", "nesting deeper than the decoder's limit"},
    {Reason::kNotObject, "not_object", "top level not an object"},
    {Reason::kMissingMsgType, "missing_msg_type", "no \"msg_type\""},
    {Reason::kBadMsgType, "bad_msg_type", "\"msg_type\" not a string"},
    {Reason::kUnknownVerb, "unknown_verb", "a verb the spec does not define"},
    {Reason::kBadMsgData, "bad_msg_data", "\"msg_data\" missing or not an object"},
    {Reason::kMissingField, "missing_field", "a required field is absent"},
    {Reason::kWrongType, "wrong_type", "a field has the wrong JSON type"},
    {Reason::kBadBase64, "bad_base64", "a base64 field does not decode"},
    {Reason::kBadValue, "bad_value", "a field's value is out of its domain"},
    {Reason::kRateLimited, "rate_limited", "a source's token bucket is empty"},
    {Reason::kAmplificationLimit, "amplification_limit",
     "an answer would exceed 3x what an unverified address sent"},
    {Reason::kAnswerRate, "answer_rate", "CERTIFICATE answers to one address over their rate"},
    {Reason::kPeersFull, "peers_full", "the peer table is at its bound and no peer is stale"},
    {Reason::kEvicted, "evicted", "a stale peer made room for a new one"},
    {Reason::kTimeout, "timeout", "a peer or a CONNECT attempt went silent too long"},
    {Reason::kNotAPeer, "not_a_peer", "ROUTING or CONNECT from an address that is not a live peer"},
    {Reason::kNoRoute, "no_route", "no address known for a node_id"},
    {Reason::kRoutesPerAddress, "routes_per_address",
     "a ROUTING some of whose routes were refused: their address already holds routes_per_address_max "
     "routes"},
    {Reason::kRetransmitQueueFull, "retransmit_queue_full", "the retransmission table is at its bound"},
    {Reason::kBadCertificate, "bad_certificate", "not a parseable certificate"},
    {Reason::kCertificateMismatch, "certificate_mismatch", "the certificate names another node_id"},
    {Reason::kNotKeyDerived, "not_key_derived", "node_id is not derived from the certificate's key"},
    {Reason::kBadCertificateSignature, "bad_certificate_signature", "the self-signature does not verify"},
    {Reason::kNoCertificate, "no_certificate", "a GETKEY waits for its sender's certificate"},
    {Reason::kChannelsFull, "channels_full", "the channel table is at its bound"},
    {Reason::kNoKey, "no_key", "no key for a closed channel"},
    {Reason::kNotMember, "not_member", "GETKEY or KEY from or for a non-member"},
    {Reason::kNotForUs, "not_for_us", "KEY addressed to another node"},
    {Reason::kBadKey, "bad_key", "KEY does not unwrap to a 32-byte key"},
    {Reason::kWrapFailed, "wrap_failed", "wrapping a key for a certificate failed"},
    {Reason::kBadEnvelope, "bad_envelope", "the signed envelope does not parse"},
    {Reason::kEnvelopeMismatch, "envelope_mismatch", "envelope and MESSAGE fields disagree"},
    {Reason::kMsgIdCollision, "msg_id_collision", "a seen msg_id arrived with other content"},
    {Reason::kStale, "stale", "older than the de-dup window"},
    {Reason::kVerificationQueueFull, "verification_queue_full",
     "no room to park a MESSAGE awaiting a certificate or key"},
    {Reason::kVerificationTimeout, "verification_timeout", "a parked MESSAGE waited too long"},
    {Reason::kBadSignature, "bad_signature", "the envelope signature does not verify"},
    {Reason::kBodyKind, "body_kind", "body encryption does not fit the channel"},
    {Reason::kBadBody, "bad_body", "the body does not parse"},
    {Reason::kNotARecipient, "not_a_recipient", "a multi_cert body has no copy for us"},
    {Reason::kDecryptFailed, "decrypt_failed", "the body does not decrypt"},
    {Reason::kNodeId, "node_id", "evidence of two nodes with one node_id"},
    {Reason::kMsgId, "msg_id", "evidence of two messages with one msg_id"},
    {Reason::kTooManyAttempts, "too_many_attempts", "at the bound of concurrent attempts"},
    {Reason::kConnectTargetUnknown, "connect_target_unknown", "the rendezvous does not know the target"},
    {Reason::kUnexpectedConnect, "unexpected_connect", "a step-4 CONNECT matching no attempt"},
    {Reason::kBadConnect, "bad_connect", "dst/src in no form the five steps use"},
    {Reason::kUnannounceableAddress, "unannounceable_address",
     "a CONNECT would carry an address of 240.0.0.0/4 (a real host's IPv6 stand-in), meaningless elsewhere"},
}};
static_assert(indexed_by_value(kReasons, kUnnamedFirst));

// The decoder's errors (wire::decode) are the reasons of this range, which a new one joins.
inline constexpr Reason kFirstDecodeError = Reason::kTooLarge;
inline constexpr Reason kLastDecodeError = Reason::kBadValue;

// Stable lower-case name of a reason ("too_large", "rate_limited", ...; "" for kNone).
[[nodiscard]] constexpr std::string_view reason_name(Reason reason) { return name_of(kReasons, reason); }
// The reason with this name, if any (reason_name's inverse; "" gives kNone).
[[nodiscard]] constexpr std::optional<Reason> reason_from_name(std::string_view name) {
  return parse_name(kReasons, name);
}

}  // namespace ptplab
