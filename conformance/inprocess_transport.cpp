// The in-process target's event loop: deliveries to the endpoint and its wake-ups, in virtual
// time, in (time, sequence) order.
#include "conformance/inprocess_transport.hpp"

#include <algorithm>
#include <string>

namespace ptplab::conformance {

namespace {
constexpr int kPeersMax = 64;
}  // namespace

InProcessTransport::InProcessTransport(const EndpointFactory& factory, std::uint64_t seed)
    : endpoint_(factory(seed)) {
  endpoint_->start(now_, out_);
  drain();
}

void InProcessTransport::drain() {
  for (const OutDatagram& d : out_.datagrams()) deliver_to_peer(d.to, d.bytes);
  if (const auto t = out_.wake()) wake_ = *t;
  for (const Event& e : out_.events()) record(e);
  out_.clear();
}

Expected<int, std::string> InProcessTransport::open_peer() {
  if (static_cast<int>(peers_.size()) >= kPeersMax) return Unexpected(std::string("too many peers"));
  const auto n = static_cast<std::uint32_t>(peers_.size());
  peers_.push_back(Address{0x0a000100 + n + 1, static_cast<std::uint16_t>(40000 + n)});  // 10.0.1.N
  return static_cast<int>(peers_.size()) - 1;
}

void InProcessTransport::send(int peer, const Address& to, const std::string& bytes) {
  if (to != kTargetAddress) return;  // only the target lives here
  to_target_.emplace(std::tuple{now_ + kLatency, sequence_++}, std::pair{peers_.at(peer), make_bytes(bytes)});
}

void InProcessTransport::deliver_to_peer(const Address& to, const SharedBytes& bytes) {
  for (std::size_t i = 0; i < peers_.size(); ++i) {
    if (peers_[i] == to) {
      from_target_.push_back(Arrival{now_, static_cast<int>(i), kTargetAddress, *bytes});
      return;
    }
  }
}

void InProcessTransport::record(const Event& e) {
  if (events_.size() >= kEventsMax) return;
  std::string line(event_kind_name(e.kind));
  if (e.verb) line += " verb=" + std::string(verb_name(*e.verb));
  if (e.reason != Reason::kNone) line += " reason=" + std::string(reason_name(e.reason));
  if (!e.msg_id.empty()) line += " msg_id=" + std::string(e.msg_id);
  events_.push_back(std::move(line));
}

std::vector<std::string> InProcessTransport::drain_target_events() {
  auto out = std::move(events_);
  events_.clear();
  return out;
}

void InProcessTransport::poll_until(TimeNs deadline, std::vector<Arrival>& arrivals) {
  while (from_target_.empty()) {
    const TimeNs next_delivery = to_target_.empty() ? kNever : std::get<0>(to_target_.begin()->first);
    const TimeNs next = std::min(next_delivery, wake_);
    if (next > deadline) {
      now_ = std::max(now_, deadline);
      break;
    }
    now_ = std::max(now_, next);
    if (next_delivery <= wake_) {
      auto node = to_target_.extract(to_target_.begin());
      endpoint_->on_datagram(now_, node.mapped().first, node.mapped().second, out_);
    } else {
      wake_ = kNever;
      endpoint_->on_timer(now_, out_);
    }
    drain();
  }
  for (auto& a : from_target_) arrivals.push_back(std::move(a));
  from_target_.clear();
}

}  // namespace ptplab::conformance
