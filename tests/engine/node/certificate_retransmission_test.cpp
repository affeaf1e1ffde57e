// A CERTIFICATE answer and a GETCERTIFICATE probe are held for retransmission without their
// bytes (re-encoded from the msg_id, the recipient, our node_id and our certificate:
// reports/BENCHMARKS.md, "[P] idle memory, session 15"): every retransmission must be the very
// datagram first sent.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <vector>

#include "tests/engine/node/fixture.hpp"
#include "tests/engine/node/harness.hpp"

namespace ptplab::engine::test {
namespace {

// The CERTIFICATEs a node sends to kA over 10 s after kA asks once with `msg_id` as `asker`,
// never ACKed.
std::vector<std::string> certificate_sends(const std::string& msg_id, const std::string& asker) {
  NodeParams p;
  p.retransmit_max = 3;
  p.anti_amplification_enabled = false;
  Node n(p, 7);
  RecordingOutput out;
  n.start(0, out);
  std::vector<std::string> sends;
  const auto collect = [&] {
    for (const auto& d : out.sent()) {
      const auto m = wire::decode(*d.bytes);
      if (d.to == kA && m && wire::verb_of(m.value()) == wire::Verb::kCertificate) sends.push_back(*d.bytes);
    }
    out.clear();
  };
  out.clear();
  n.on_datagram(kT0, kA, datagram(wire::GetCertificate{msg_id, asker}), out);
  collect();
  for (TimeNs t = kT0; t <= kT0 + 10 * kSecond; t += 10 * kMillisecond) {
    n.on_timer(t, out);
    collect();
  }
  return sends;
}

TEST(CertificateRetransmission, EveryResendIsTheFirstDatagramByteForByte) {
  const auto sends = certificate_sends("m1", kIdA);
  ASSERT_EQ(sends.size(), 4u);  // the answer and retransmit_max resends
  for (const auto& s : sends) EXPECT_EQ(s, sends[0]);
  const auto m = wire::decode(sends[0]);
  ASSERT_TRUE(m);
  const auto& c = std::get<wire::Certificate>(m.value());
  EXPECT_EQ(c.msg_id, "m1");
  EXPECT_EQ(c.recipient_id, kIdA);
}

RC_GTEST_PROP(CertificateRetransmission, ResendsEqualTheAnswerForAnyMsgIdAndAsker, ()) {
  const auto text = [](int min, int max) {
    return rc::gen::resize(
        max, rc::gen::suchThat(
                 rc::gen::container<std::string>(rc::gen::elementOf(std::string("0123456789abcdef-"))),
                 [min](const std::string& s) { return s.size() >= static_cast<std::size_t>(min); }));
  };
  const auto msg_id = *text(1, 40);
  const auto asker = *text(1, 40);
  const auto sends = certificate_sends(msg_id, asker);
  RC_ASSERT(sends.size() == 4u);
  for (const auto& s : sends) RC_ASSERT(s == sends[0]);
}

// The GETCERTIFICATE probe a node sends a neighbour that greeted it twice (address_validation
// "ack": it asks for the neighbour's certificate to prove its address), never answered.
TEST(CertificateRetransmission, AnUnansweredProbeIsResentByteForByte) {
  NodeParams p;
  p.retransmit_max = 3;
  p.amplification_factor_max = 100;  // the resends fit the budget two HELLOs earn
  Node n(p, 7);
  RecordingOutput out;
  n.start(0, out);
  out.clear();
  n.on_datagram(kT0, kA, datagram(wire::Hello{kIdA, "t"}), out);
  n.on_datagram(kT0 + 1, kA, datagram(wire::Hello{kIdA, "t"}), out);
  std::vector<std::string> probes;
  for (TimeNs t = kT0 + 2; t <= kT0 + 10 * kSecond; t += 10 * kMillisecond) {
    for (const auto& d : out.sent()) {
      const auto m = wire::decode(*d.bytes);
      if (d.to == kA && m && wire::verb_of(m.value()) == wire::Verb::kGetCertificate)
        probes.push_back(*d.bytes);
    }
    out.clear();
    n.on_timer(t, out);
  }
  ASSERT_EQ(probes.size(), 4u);  // the probe and retransmit_max resends
  for (const auto& pr : probes) EXPECT_EQ(pr, probes[0]);
  const auto m = wire::decode(probes[0]);
  ASSERT_TRUE(m);
  EXPECT_EQ(std::get<wire::GetCertificate>(m.value()).node_id, n.node_id());
}

}  // namespace
}  // namespace ptplab::engine::test
