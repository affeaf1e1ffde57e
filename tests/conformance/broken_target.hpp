// Deliberately broken targets for the harness's own tests: the reference Node behind a filter
// that removes exactly one behaviour (no ACK, a wrong msg_id in CERTIFICATE, HELLOs too fast,
// dying on malformed input, forwarding forged MESSAGEs).
#pragma once

#include <memory>
#include <set>

#include "engine/core/endpoint.hpp"
#include "engine/core/rng.hpp"

namespace ptplab::conformance {

// The one behaviour a broken target lacks.
enum class Fault { kNoAck, kWrongCertificateMsgId, kHelloTooFast, kDiesOnMalformed, kForwardsForged };

// An Endpoint that runs `inner` and applies `fault` to what goes in and out.
class BrokenTarget final : public Endpoint {
 public:
  BrokenTarget(std::unique_ptr<Endpoint> inner, Fault fault) : inner_(std::move(inner)), fault_(fault) {}

  void start(TimeNs now, Output& out) override;
  void on_datagram(TimeNs now, const Address& from, const SharedBytes& bytes, Output& out) override;
  void on_timer(TimeNs now, Output& out) override;

 private:
  // Copies what `inner_` wrote to inner_out_ into `out`, with the fault applied to the sends.
  void pass(Output& out);
  void send(const Address& to, const SharedBytes& bytes, Output& out) const;

  std::unique_ptr<Endpoint> inner_;
  Fault fault_;
  Output inner_out_;
  bool dead_ = false;
  std::set<Address> sources_;
};

}  // namespace ptplab::conformance
