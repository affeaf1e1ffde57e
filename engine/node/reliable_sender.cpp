// The retransmission table: add, acknowledge, cancel and the backoff step.
#include "engine/node/reliable_sender.hpp"

#include <algorithm>
#include <cmath>

#include "engine/node/node_params.hpp"
#include "engine/node/table_bound.hpp"

namespace ptplab::engine {

std::optional<std::uint32_t> ReliableSender::add(const Address& to, const SharedBytes& bytes,
                                                 std::string_view msg_id, wire::Verb verb, TimeNs wait_ns,
                                                 bool ack_proves_contact, std::size_t max) {
  if (at_bound(pending_.size(), max)) return std::nullopt;
  Pending p;
  p.serial = next_serial_++;
  p.to = to;
  p.bytes = bytes;
  // The entries of one relayed datagram (to each neighbour in turn) share one msg_id.
  p.msg_id =
      !pending_.empty() && pending_.back().msg_id == msg_id ? pending_.back().msg_id : SharedText(msg_id);
  p.verb = verb;
  p.wait_ns = wait_ns;
  p.ack_proves_contact = ack_proves_contact;
  pending_.push_back(std::move(p));
  return pending_.back().serial;
}

std::optional<std::uint32_t> ReliableSender::add_certificate(const Address& to, std::string_view msg_id,
                                                             std::string_view recipient_id, TimeNs wait_ns,
                                                             bool ack_proves_contact, std::size_t max) {
  const auto serial = add(to, nullptr, msg_id, wire::Verb::kCertificate, wait_ns, ack_proves_contact, max);
  if (serial) pending_.back().recipient = ids_->acquire(recipient_id);
  return serial;
}

ReliableSender::~ReliableSender() {
  if (ids_)
    for (const Pending& p : pending_) ids_->release(p.recipient);
}

void ReliableSender::erase_at(std::size_t i) {
  if (ids_) ids_->release(pending_[i].recipient);
  pending_.erase(pending_.begin() + static_cast<std::ptrdiff_t>(i));
}

std::optional<bool> ReliableSender::acknowledge(const Address& from, std::string_view msg_id) {
  const auto it = std::find_if(pending_.begin(), pending_.end(),
                               [&](const Pending& p) { return p.to == from && p.msg_id == msg_id; });
  if (it == pending_.end()) return std::nullopt;
  const bool proves = it->ack_proves_contact;
  erase_at(static_cast<std::size_t>(it - pending_.begin()));
  release_if_empty();
  return proves;
}

void ReliableSender::cancel(const Address& to, std::string_view msg_id, wire::Verb verb) {
  for (std::size_t i = pending_.size(); i-- > 0;) {
    const Pending& p = pending_[i];
    if (p.to == to && p.msg_id == msg_id && p.verb == verb) erase_at(i);
  }
  release_if_empty();
}

bool ReliableSender::holds(const Address& to, wire::Verb verb, std::optional<std::string_view> msg_id) const {
  return std::any_of(pending_.begin(), pending_.end(), [&](const Pending& p) {
    return p.to == to && p.verb == verb && (!msg_id || p.msg_id == *msg_id);
  });
}

void ReliableSender::release_if_empty() {
  // An idle node's table is empty but kept the capacity of its start-up burst (8 probes and 8
  // answers: ~1.3 KB); with thousands of idle simulated nodes that is most of what they hold.
  if (pending_.empty()) std::vector<Pending>().swap(pending_);
}

RetransmitStep ReliableSender::step(std::uint32_t serial, std::uint32_t retransmit_max, double backoff) {
  const auto it =
      std::find_if(pending_.begin(), pending_.end(), [&](const Pending& p) { return p.serial == serial; });
  if (it == pending_.end()) return {};
  if (it->attempts >= retransmit_max) {
    RetransmitStep step{RetransmitStep::Kind::kGiveUp, std::move(*it)};
    erase_at(static_cast<std::size_t>(it - pending_.begin()));
    release_if_empty();
    return step;
  }
  ++it->attempts;
  // Saturates at the longest parameter duration: 16^64 times a second would overflow TimeNs.
  it->wait_ns = static_cast<TimeNs>(std::llround(
      std::min(static_cast<double>(it->wait_ns) * backoff, static_cast<double>(kParamDurationMax))));
  return {RetransmitStep::Kind::kResend, *it};
}

}  // namespace ptplab::engine
