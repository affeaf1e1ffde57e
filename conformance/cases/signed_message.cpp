// Signed MESSAGEs and certificate fetching for cases.
#include "conformance/cases/signed_message.hpp"

#include "conformance/expectations.hpp"

namespace ptplab::conformance {

engine::Envelope plain_envelope(const Identity& from, const std::string& msg_id,
                                const std::string& channel_id, std::int64_t timestamp_ms,
                                const std::string& text) {
  engine::Envelope e;
  e.msg_id = msg_id;
  e.node_id = from.node_id;
  e.channel_id = channel_id;
  e.timestamp_ms = timestamp_ms;
  e.kind = engine::BodyKind::kPlain;
  e.body = text;
  e.signature = from.key.sign(engine::envelope_signed_part(e));
  return e;
}

wire::ChatMessage signed_message(Context& c, const Identity& from, const std::string& channel_id,
                                 const std::vector<std::string>& recipients, const std::string& text) {
  wire::ChatMessage m;
  m.msg_id = c.new_id();
  m.node_id = from.node_id;
  m.recipient = recipients;
  // The target's clock base: ptplab node runs on the steady clock, in-process on virtual time.
  m.timestamp = c.epoch_ms();
  m.channel = "conformance";
  m.channel_id = channel_id;
  m.message = engine::encode_envelope(plain_envelope(from, m.msg_id, channel_id, m.timestamp, text));
  return m;
}

std::optional<crypto::PeerCertificate> fetch_target_certificate(Context& c, const Peer& p) {
  const std::string id = c.new_id();
  c.send(p, wire::GetCertificate{id, p.node_id});
  const auto r = c.expect(p, message_where<wire::Certificate>(
                                 "CERTIFICATE", [id](const wire::Certificate& m) { return m.msg_id == id; }));
  if (!r) return std::nullopt;
  const auto& cert = std::get<wire::Certificate>(*r->message);
  if (c.target_node_id().empty()) c.learn_target_node_id(cert.node_id);
  return crypto::PeerCertificate::parse(cert.certificate);
}

std::array<std::uint8_t, 32> ephemeral_seed(Context& c) {
  std::array<std::uint8_t, 32> seed{};
  for (std::size_t i = 0; i < seed.size(); i += 8) {
    const std::uint64_t word = c.rng()();
    for (std::size_t b = 0; b < 8; ++b) seed[i + b] = static_cast<std::uint8_t>(word >> (8 * b));
  }
  return seed;
}

}  // namespace ptplab::conformance
