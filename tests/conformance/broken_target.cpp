// The faults of the broken targets.
#include "broken_target.hpp"

#include "engine/wire/codec.hpp"

namespace ptplab::conformance {

void BrokenTarget::start(TimeNs now, Output& out) {
  inner_->start(now, inner_out_);
  pass(out);
}

void BrokenTarget::on_timer(TimeNs now, Output& out) {
  if (dead_) return;
  inner_->on_timer(now, inner_out_);
  pass(out);
}

void BrokenTarget::on_datagram(TimeNs now, const Address& from, const SharedBytes& bytes, Output& out) {
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
  inner_->on_datagram(now, from, bytes, inner_out_);
  pass(out);
}

void BrokenTarget::pass(Output& out) {
  for (const OutDatagram& d : inner_out_.datagrams()) send(d.to, d.bytes, out);
  if (const auto t = inner_out_.wake()) out.wake_at(*t);
  for (const Event& e : inner_out_.events()) out.event(e);
  inner_out_.clear();
}

void BrokenTarget::send(const Address& to, const SharedBytes& bytes, Output& out) const {
  const auto m = wire::decode(*bytes);
  if (m && fault_ == Fault::kNoAck && wire::verb_of(*m) == wire::Verb::kAck) return;
  if (m && fault_ == Fault::kWrongCertificateMsgId && wire::verb_of(*m) == wire::Verb::kCertificate) {
    auto cert = std::get<wire::Certificate>(*m);
    cert.msg_id = "not-" + cert.msg_id;
    out.send(to, make_bytes(wire::encode(cert)));
    return;
  }
  out.send(to, bytes);
  if (m && fault_ == Fault::kHelloTooFast && wire::verb_of(*m) == wire::Verb::kHello) out.send(to, bytes);
}

}  // namespace ptplab::conformance
