// Logged sends and deadline waits for cases.
#include "conformance/context.hpp"

#include <algorithm>
#include <cstdio>

#include "conformance/expectations.hpp"
#include "engine/wire/codec.hpp"

namespace ptplab::conformance {

namespace {
// The verbs the spec has acknowledged.
bool needs_ack(wire::Verb v) {
  return v == wire::Verb::kGetCertificate || v == wire::Verb::kCertificate || v == wire::Verb::kGetKey ||
         v == wire::Verb::kKey || v == wire::Verb::kMessage;
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
  return Peer{*index, transport_.peer_address(*index), new_id()};
}

void Context::send_to(const Peer& peer, const Address& to, const std::string& bytes) {
  if (peer.index < 0) return;
  log_.sent(transport_.now(), peer.index, to, bytes);
  transport_.send(peer.index, to, bytes);
}

void Context::send(const Peer& peer, const std::string& bytes) { send_to(peer, transport_.target(), bytes); }

void Context::send(const Peer& peer, const wire::Message& message) { send(peer, wire::encode(message)); }

void Context::note(const std::string& text) { log_.note(transport_.now(), text); }

void Context::pump(TimeNs deadline) {
  std::vector<Arrival> arrivals;
  transport_.poll_until(deadline, arrivals);
  for (const auto& line : transport_.drain_target_events()) log_.note(transport_.now(), "target: " + line);
  for (auto& a : arrivals) {
    log_.received(a.at, a.peer, a.from, a.bytes);
    auto& box = inbox_.at(static_cast<std::size_t>(a.peer));
    if (box.size() >= kInboxMax) continue;
    Received r{a.at, a.from, std::move(a.bytes), std::nullopt, false};
    if (auto m = wire::decode(r.bytes)) r.message = std::move(*m);
    if (r.message && auto_ack_.at(static_cast<std::size_t>(a.peer)) && needs_ack(wire::verb_of(*r.message))) {
      const std::string ack = wire::encode(wire::Ack{std::string(wire::msg_id_of(*r.message))});
      log_.sent(transport_.now(), a.peer, a.from, ack);
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
    if (transport_.now() >= deadline) return std::nullopt;
    pump(deadline);
  }
}

std::vector<Received> Context::watch(const Peer& peer, const Expectation& e, TimeNs window) {
  std::vector<Received> out;
  if (peer.index < 0) return out;
  const TimeNs deadline = transport_.now() + window;
  while (transport_.now() < deadline) pump(deadline);
  while (auto r = take(peer, e)) out.push_back(std::move(*r));
  return out;
}

void Context::idle(TimeNs duration) {
  const TimeNs deadline = transport_.now() + duration;
  while (transport_.now() < deadline) pump(deadline);
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
  while (transport_.now() < deadline) {
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
