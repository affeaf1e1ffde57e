// Encoding and parsing of the MESSAGE envelope; see envelope.hpp and engine/PROTOCOL.md.
#include "engine/node/envelope.hpp"

namespace ptplab::engine {
namespace {

void put_u16(std::string& out, std::size_t v) {
  out.push_back(static_cast<char>((v >> 8) & 0xff));
  out.push_back(static_cast<char>(v & 0xff));
}
void put_u32(std::string& out, std::size_t v) {
  for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<char>((v >> s) & 0xff));
}
void put_str16(std::string& out, std::string_view s) {
  put_u16(out, s.size());
  out.append(s);
}

// Reads big-endian integers and length-prefixed strings; any overrun sets `ok` false for good.
struct Reader {
  std::string_view in;
  bool ok = true;
  std::uint64_t uint(int bytes) {
    if (!ok || in.size() < static_cast<std::size_t>(bytes)) return ok = false, 0;
    std::uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v = (v << 8) | static_cast<std::uint8_t>(in[static_cast<std::size_t>(i)]);
    in.remove_prefix(static_cast<std::size_t>(bytes));
    return v;
  }
  std::string str(std::size_t n) {
    if (!ok || in.size() < n) return ok = false, std::string();
    std::string s(in.substr(0, n));
    in.remove_prefix(n);
    return s;
  }
};

}  // namespace

std::string envelope_signed_part(const Envelope& e) {
  std::string out;
  out.reserve(64 + e.msg_id.size() + e.node_id.size() + e.channel_id.size() + e.body.size());
  out.push_back(static_cast<char>(kEnvelopeVersion));
  put_str16(out, e.msg_id);
  put_str16(out, e.node_id);
  put_str16(out, e.channel_id);
  for (int s = 56; s >= 0; s -= 8)
    out.push_back(static_cast<char>((static_cast<std::uint64_t>(e.timestamp_ms) >> s) & 0xff));
  out.push_back(static_cast<char>(e.kind));
  put_u32(out, e.body.size());
  out.append(e.body);
  return out;
}

std::string encode_envelope(const Envelope& e) { return envelope_signed_part(e) + e.signature; }

std::optional<Envelope> parse_envelope(std::string_view bytes) {
  Reader r{bytes};
  Envelope e;
  if (r.uint(1) != kEnvelopeVersion) return std::nullopt;
  e.msg_id = r.str(r.uint(2));
  e.node_id = r.str(r.uint(2));
  e.channel_id = r.str(r.uint(2));
  e.timestamp_ms = static_cast<std::int64_t>(r.uint(8));
  const auto kind = r.uint(1);
  if (kind > static_cast<std::uint64_t>(BodyKind::kMultiCert)) return std::nullopt;
  e.kind = static_cast<BodyKind>(kind);
  e.body = r.str(r.uint(4));
  e.signature = r.str(kSignatureBytes);
  if (!r.ok || !r.in.empty()) return std::nullopt;
  return e;
}

std::string encode_multi_cert_body(const std::vector<WrappedCopy>& copies) {
  std::string out;
  put_u16(out, copies.size());
  for (const auto& c : copies) {
    put_str16(out, c.node_id);
    put_u32(out, c.wrapped.size());
    out.append(c.wrapped);
  }
  return out;
}

std::optional<std::vector<WrappedCopy>> parse_multi_cert_body(std::string_view body) {
  Reader r{body};
  const auto count = r.uint(2);
  std::vector<WrappedCopy> copies;
  for (std::uint64_t i = 0; i < count && r.ok; ++i) {
    WrappedCopy c;
    c.node_id = r.str(r.uint(2));
    c.wrapped = r.str(r.uint(4));
    copies.push_back(std::move(c));
  }
  if (!r.ok || !r.in.empty()) return std::nullopt;
  return copies;
}

std::string body_binding(std::string_view channel_id, std::string_view msg_id) {
  std::string out = "ptplab-body:";
  out.append(channel_id);
  out.push_back('\n');
  out.append(msg_id);
  return out;
}

void put_key_id(std::string& out, std::uint64_t key_id) {
  for (int s = 56; s >= 0; s -= 8) out.push_back(static_cast<char>((key_id >> s) & 0xff));
}

std::uint64_t get_key_id(std::string_view body) {
  std::uint64_t id = 0;
  for (std::size_t i = 0; i < kKeyIdBytes; ++i) id = (id << 8) | static_cast<std::uint8_t>(body[i]);
  return id;
}

}  // namespace ptplab::engine
