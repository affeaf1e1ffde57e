// Crypto steps of cases: signed MESSAGEs from a harness identity (the envelope of our notes),
// the target's certificate fetched with GETCERTIFICATE, and ephemeral seeds for key wrapping.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "conformance/context.hpp"
#include "conformance/identity.hpp"
#include "engine/crypto/certificate.hpp"
#include "engine/node/envelope.hpp"
#include "engine/wire/message.hpp"

namespace ptplab::conformance {

// The signed envelope of an open-channel MESSAGE with body `text`.
[[nodiscard]] engine::Envelope plain_envelope(const Identity& from, const std::string& msg_id,
                                              const std::string& channel_id, std::int64_t timestamp_ms,
                                              const std::string& text);

// A MESSAGE signed by `from` to `recipients` on channel `channel_id`, stamped with the case's clock.
[[nodiscard]] wire::ChatMessage signed_message(Context& c, const Identity& from,
                                               const std::string& channel_id,
                                               const std::vector<std::string>& recipients,
                                               const std::string& text);

// GETCERTIFICATE from `p`; the target's CERTIFICATE (ACKed), parsed. nullopt if none or unparsable.
[[nodiscard]] std::optional<crypto::PeerCertificate> fetch_target_certificate(Context& c, const Peer& p);

// 32 bytes from the case's generator (ephemeral keys for ECIES wrapping).
[[nodiscard]] std::array<std::uint8_t, 32> ephemeral_seed(Context& c);

}  // namespace ptplab::conformance
