// Logged sends and deadline waits for cases.
#include "conformance/context.hpp"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <string_view>

#include "conformance/expectations.hpp"
#include "engine/wire/codec.hpp"

namespace ptplab::conformance {

namespace {
// The verbs the spec has acknowledged.
bool needs_ack(wire::Verb v) {
  return v == wire::Verb::kGetCertificate || v == wire::Verb::kCertificate || v == wire::Verb::kGetKey ||
         v == wire::Verb::kKey || v == wire::Verb::kMessage;
}

// A key of Context::sent_: "<kind>:<value>" (built by append: GCC 12 misreads '+' here, -Wrestrict).
std::string sent_key(std::string_view kind, std::string_view value) {
  std::string key;
  key.reserve(kind.size() + 1 + value.size());
  key.append(kind).append(1, ':').append(value);
  return key;
}
}  // namespace

Context::Context(Transport& transport, WireLog& log, const Settings& settings, std::uint64_t seed)
    : transport_(transport), log_(log), settings_(settings), rng_(seed) {}

std::string Context::new_id() {
  const std::uint64_t hi = (rng_() & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;  // version 4
  const std::uint64_t lo = (rng_() & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;  // variant 10
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                static_cast<unsigned>((hi >> 16) & 0xffff), static_cast<unsigned>(hi & 0xffff),
                static_cast<unsigned>(lo >> 48), static_cast<unsigned long long>(lo & 0xffffffffffffULL));
  return buf;
}

Peer Context::open_peer(bool auto_ack) {
  auto index = transport_.open_peer();
  if (!index) {
    if (harness_error_.empty()) harness_error_ = index.error();
    return Peer{};
  }
  inbox_.resize(static_cast<std::size_t>(*index) + 1);
  auto_ack_.resize(static_cast<std::size_t>(*index) + 1);
  auto_ack_[static_cast<std::size_t>(*index)] = auto_ack;
  withheld_.resize(static_cast<std::size_t>(*index) + 1);
  sent_.resize(static_cast<std::size_t>(*index) + 1);
  Peer peer{*index, transport_.peer_address(*index), new_id()};
  sent_.back().insert(sent_key("HELLO", peer.node_id));
  return peer;
}

void Context::withhold_acks(const Peer& peer, Expectation e) {
  if (peer.index < 0) return;
  withheld_.at(static_cast<std::size_t>(peer.index)) = std::move(e);
}

void Context::send_to(const Peer& peer, const Address& to, const std::string& bytes) {
  if (peer.index < 0 || stopping()) return;
  log_.sent(transport_.now(), peer.index, to, bytes);
  remember_sent(peer.index, bytes);
  transport_.send(peer.index, to, bytes);
}

void Context::remember_sent(int peer, const std::string& bytes) {
  auto& keys = sent_.at(static_cast<std::size_t>(peer));
  const auto m = wire::decode(bytes);
  if (!m) {
    keys.insert(sent_key("bytes", std::to_string(std::hash<std::string>{}(bytes))));
    return;
  }
  const std::string_view id = wire::msg_id_of(*m);
  if (!id.empty()) keys.insert(sent_key(wire::verb_name(wire::verb_of(*m)), id));
  if (!id.empty() && wire::verb_of(*m) != wire::Verb::kAck) keys.insert(sent_key("acknowledgeable", id));
  // Never the target's own node_id (a case impersonating the target): its real HELLOs carry it.
  if (const auto* hello = std::get_if<wire::Hello>(&*m);
      hello && hello->node_id && *hello->node_id != target_node_id_)
    keys.insert(sent_key("HELLO", *hello->node_id));
}

bool Context::reflected(int peer, const Received& r) const {
  const auto& keys = sent_.at(static_cast<std::size_t>(peer));
  if (!r.message) return keys.count(sent_key("bytes", std::to_string(std::hash<std::string>{}(r.bytes)))) > 0;
  const std::string_view id = wire::msg_id_of(*r.message);
  const wire::Verb verb = wire::verb_of(*r.message);
  // An ACK{X} is the target's when the peer sent something X to ACK, even if it ACKed an X itself
  // (CERTIFICATE X answers the target's GETCERTIFICATE X: both sides ACK X).
  if (verb == wire::Verb::kAck)
    return keys.count(sent_key("ACK", id)) > 0 && !keys.count(sent_key("acknowledgeable", id));
  if (!id.empty() && keys.count(sent_key(wire::verb_name(verb), id))) return true;
  // A HELLO naming the target is the target's, even if a peer sent one naming it before the
  // target's node_id was known.
  const auto* hello = std::get_if<wire::Hello>(&*r.message);
  return hello && hello->node_id && *hello->node_id != target_node_id_ &&
         keys.count(sent_key("HELLO", *hello->node_id));
}

void Context::send(const Peer& peer, const std::string& bytes) { send_to(peer, transport_.target(), bytes); }

void Context::send(const Peer& peer, const wire::Message& message) { send(peer, wire::encode(message)); }

void Context::note(const std::string& text) { log_.note(transport_.now(), text); }

void Context::pump(TimeNs deadline) {
  std::vector<Arrival> arrivals;
  if (stopping()) return;
  if (settings_.stop != nullptr) deadline = std::min(deadline, transport_.now() + kStopPollNs);
  transport_.poll_until(deadline, arrivals);
  for (const auto& line : transport_.drain_target_events()) log_.note(transport_.now(), "target: " + line);
  for (auto& a : arrivals) {
    log_.received(a.at, a.peer, a.from, a.bytes);
    auto& box = inbox_.at(static_cast<std::size_t>(a.peer));
    if (box.size() >= kInboxMax) continue;
    Received r{a.at, a.from, std::move(a.bytes), std::nullopt, false};
    if (auto m = wire::decode(r.bytes)) r.message = std::move(*m);
    if (reflected(a.peer, r)) {  // never the target's answer, nor anything to ACK
      std::string note = "p";
      note.append(std::to_string(a.peer)).append(": its own datagram reflected back, ignored");
      log_.note(transport_.now(), note);
      continue;
    }
    const auto& withheld = withheld_.at(static_cast<std::size_t>(a.peer));
    if (r.message && auto_ack_.at(static_cast<std::size_t>(a.peer)) && needs_ack(wire::verb_of(*r.message)) &&
        !(withheld && withheld->test(r))) {
      const std::string ack = wire::encode(wire::Ack{std::string(wire::msg_id_of(*r.message))});
      log_.sent(transport_.now(), a.peer, a.from, ack);
      remember_sent(a.peer, ack);
      transport_.send(a.peer, a.from, ack);
    }
    box.push_back(std::move(r));
  }
}

std::optional<Received> Context::take(const Peer& peer, const Expectation& e) {
  for (auto& r : inbox_.at(static_cast<std::size_t>(peer.index))) {
    if (!r.consumed && e.test(r)) {
      r.consumed = true;
      return r;
    }
  }
  return std::nullopt;
}

std::optional<Received> Context::expect(const Peer& peer, const Expectation& e) {
  return expect(peer, e, settings_.timeout_ns);
}

std::optional<Received> Context::expect(const Peer& peer, const Expectation& e, TimeNs within) {
  if (peer.index < 0) return std::nullopt;
  const TimeNs deadline = transport_.now() + within;
  while (true) {
    if (auto r = take(peer, e)) return r;
    if (transport_.now() >= deadline || stopping()) return std::nullopt;
    pump(deadline);
  }
}

std::vector<Received> Context::watch(const Peer& peer, const Expectation& e, TimeNs window) {
  std::vector<Received> out;
  if (peer.index < 0) return out;
  const TimeNs deadline = transport_.now() + window;
  while (transport_.now() < deadline && !stopping()) pump(deadline);
  while (auto r = take(peer, e)) out.push_back(std::move(*r));
  return out;
}

void Context::idle(TimeNs duration) {
  const TimeNs deadline = transport_.now() + duration;
  while (transport_.now() < deadline && !stopping()) pump(deadline);
}

std::vector<Received> Context::received(const Peer& peer) const {
  if (peer.index < 0) return {};
  return inbox_.at(static_cast<std::size_t>(peer.index));
}

std::string Context::seen(const Peer& peer) const {
  if (peer.index < 0 || inbox_.at(static_cast<std::size_t>(peer.index)).empty()) return "nothing";
  std::string out;
  for (const auto& r : inbox_.at(static_cast<std::size_t>(peer.index))) {
    if (!out.empty()) out += ", ";
    out += describe_datagram(r.bytes);
  }
  return out;
}

std::optional<Received> Context::hello_exchange(const Peer& peer) {
  // UDP may lose a HELLO (a flooded target's socket buffer overflows): say it again, as a node would.
  const TimeNs deadline = transport_.now() + hello_wait();
  while (transport_.now() < deadline && !stopping()) {
    send(peer, wire::Hello{peer.node_id, std::string("ptplab-conform")});
    const TimeNs wait = std::min(kHelloRetryNs, deadline - transport_.now());
    if (auto hello = expect(peer, is_verb(wire::Verb::kHello), wait)) return hello;
  }
  return std::nullopt;
}

bool Context::handshake(const Peer& peer) {
  const auto hello = hello_exchange(peer);
  if (!hello) return false;
  const auto& h = std::get<wire::Hello>(*hello->message);
  if (h.node_id && target_node_id_.empty()) target_node_id_ = *h.node_id;
  return true;
}

bool Context::alive() {
  const Peer probe = open_peer();
  note("liveness probe from p" + std::to_string(probe.index));
  return hello_exchange(probe).has_value();
}

}  // namespace ptplab::conformance
