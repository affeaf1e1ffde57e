// GETCERTIFICATE answers per address: a certificate never changes, so an address that asks again
// and again gets at most certificate_answers_burst CERTIFICATEs plus one per second, verified
// peer or not (spoofing a verified peer's address escapes the byte budget of the
// anti-amplification rule). With anti-amplification off, every request is answered.
#include <gtest/gtest.h>

#include "tests/engine/node/fixture.hpp"
#include "tests/engine/node/harness.hpp"

namespace ptplab::engine::test {
namespace {

const Address kPeer = addr(50);
const std::string kIdPeer = "6f1c2a3b-0000-4000-8000-000000000050";

// CERTIFICATEs a node sends a verified peer that asks `requests` times within 100 ms.
std::size_t answers(const NodeParams& p, int requests) {
  Node n(p, 4);
  RecordingOutput out;
  n.start(0, out);
  meet_neighbour(n, kT0, kPeer, kIdPeer, out);  // verified, and proved by ACKing our probe
  out.clear();
  for (int i = 0; i < requests; ++i)
    n.on_datagram(kT0 + 10 + i * 10 * kMillisecond, kPeer,
                  datagram(wire::GetCertificate{std::to_string(i + 1), kIdPeer}), out);
  EXPECT_EQ(out.sent_of(wire::Verb::kAck).size(), static_cast<std::size_t>(requests)) << "each is ACKed";
  return out.sent_of(wire::Verb::kCertificate).size();
}

TEST(CertificateAnswers, ARepeatingAddressGetsTheBurstThenOnePerSecond) {
  NodeParams p;
  EXPECT_EQ(answers(p, 10), static_cast<std::size_t>(p.certificate_answers_burst));
}

TEST(CertificateAnswers, WithoutAntiAmplificationEveryRequestIsAnswered) {
  NodeParams p;
  p.anti_amplification_enabled = false;
  EXPECT_EQ(answers(p, 10), 10u);
}

}  // namespace
}  // namespace ptplab::engine::test
