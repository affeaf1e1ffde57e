// The name table of Reason: the one place the reason strings of reports are written.
#include "engine/core/reason.hpp"

#include <array>

namespace ptplab {
namespace {

constexpr auto kNames = std::to_array<std::string_view>({
    "",
    "too_large",
    "not_json",
    "too_deep",
    "not_object",
    "missing_msg_type",
    "bad_msg_type",
    "unknown_verb",
    "bad_msg_data",
    "missing_field",
    "wrong_type",
    "bad_base64",
    "bad_value",
    "rate_limited",
    "amplification_limit",
    "answer_rate",
    "peers_full",
    "evicted",
    "timeout",
    "not_a_peer",
    "no_route",
    "retransmit_queue_full",
    "bad_certificate",
    "certificate_mismatch",
    "not_key_derived",
    "bad_certificate_signature",
    "no_certificate",
    "channels_full",
    "no_key",
    "not_member",
    "not_for_us",
    "bad_key",
    "wrap_failed",
    "bad_envelope",
    "envelope_mismatch",
    "msg_id_collision",
    "stale",
    "verification_queue_full",
    "verification_timeout",
    "bad_signature",
    "body_kind",
    "bad_body",
    "not_a_recipient",
    "decrypt_failed",
    "node_id",
    "msg_id",
    "too_many_attempts",
    "connect_target_unknown",
    "unexpected_connect",
    "bad_connect",
});
static_assert(static_cast<std::size_t>(Reason::kBadConnect) + 1 == kNames.size(),
              "one name per Reason, in declaration order");

}  // namespace

std::string_view reason_name(Reason reason) { return kNames[static_cast<std::size_t>(reason)]; }

std::optional<Reason> reason_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == name) return static_cast<Reason>(i);
  return std::nullopt;
}

}  // namespace ptplab
