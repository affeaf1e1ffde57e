// The faults of the broken targets.
#include "broken_target.hpp"

#include "engine/wire/codec.hpp"

namespace ptplab::conformance {

void BrokenTarget::start(TimeNs now, Output& out) {
  out_ = &out;
  inner_->start(now, *this);
}

void BrokenTarget::on_timer(TimeNs now, Output& out) {
  out_ = &out;
  if (!dead_) inner_->on_timer(now, *this);
}

void BrokenTarget::on_datagram(TimeNs now, const Address& from, const SharedBytes& bytes, Output& out) {
  out_ = &out;
  if (dead_) return;
  const auto m = wire::decode(*bytes);
  if (fault_ == Fault::kDiesOnMalformed && !m) {
    dead_ = true;  // as if it had crashed
    return;
  }
  if (fault_ == Fault::kForwardsForged && m && wire::verb_of(*m) == wire::Verb::kMessage) {
    for (const auto& s : sources_) {
      if (s != from) out.send(s, bytes);  // unchecked, unconditional relay
    }
  }
  sources_.insert(from);
  inner_->on_datagram(now, from, bytes, *this);
}

void BrokenTarget::send(const Address& to, const SharedBytes& bytes) {
  const auto m = wire::decode(*bytes);
  if (m && fault_ == Fault::kNoAck && wire::verb_of(*m) == wire::Verb::kAck) return;
  if (m && fault_ == Fault::kWrongCertificateMsgId && wire::verb_of(*m) == wire::Verb::kCertificate) {
    auto cert = std::get<wire::Certificate>(*m);
    cert.msg_id = "not-" + cert.msg_id;
    out_->send(to, make_bytes(wire::encode(cert)));
    return;
  }
  out_->send(to, bytes);
  if (m && fault_ == Fault::kHelloTooFast && wire::verb_of(*m) == wire::Verb::kHello) out_->send(to, bytes);
}

}  // namespace ptplab::conformance
