// The harness catches faults: against each deliberately broken target exactly the cases that
// check the missing behaviour fail (MUST) or warn (SHOULD); all others still pass.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "broken_target.hpp"
#include "conformance/engine_target.hpp"
#include "conformance/registry.hpp"
#include "conformance/runner.hpp"

namespace ptplab::conformance {
namespace {

// Ids of the cases that failed or warned against the target with `fault`.
std::set<std::string> broken_cases(Fault fault) {
  const auto inner = engine_factory(reference_node_params(), default_target_channels());
  InProcessTarget target(
      [&](std::uint64_t seed) { return std::make_unique<BrokenTarget>(inner(seed), fault); }, "broken");
  RunOptions options;
  std::set<std::string> ids;
  for (const auto& r : run_cases(all_cases(), options, target)) {
    if (r.expected_failure) continue;
    if (r.outcome.status == Status::kFail || r.outcome.status == Status::kWarn ||
        r.outcome.status == Status::kHarnessError)
      ids.insert(r.c->id);
  }
  return ids;
}

using Ids = std::set<std::string>;

TEST(BrokenTargets, NoAck) {
  EXPECT_EQ(broken_cases(Fault::kNoAck), (Ids{"ack/1", "ack/2", "ack/3", "ack/4", "ack/5", "ack/6", "cert/12",
                                              "head/2", "head/5", "message/9", "message/10"}));
}

TEST(BrokenTargets, WrongCertificateMsgId) {
  EXPECT_EQ(broken_cases(Fault::kWrongCertificateMsgId), (Ids{"cert/2"}));
}

TEST(BrokenTargets, HelloTooFast) { EXPECT_EQ(broken_cases(Fault::kHelloTooFast), (Ids{"hello/3"})); }

TEST(BrokenTargets, DiesOnMalformedInput) {
  EXPECT_EQ(broken_cases(Fault::kDiesOnMalformed),
            // Every case whose input the codec rejects (robust/4 and robust/17 are well-formed, only big).
            (Ids{"robust/1", "robust/2", "robust/3", "robust/5", "robust/6", "robust/7", "robust/8",
                 "robust/9", "robust/10", "robust/11", "robust/12", "robust/13", "robust/14", "robust/15",
                 "robust/16", "robust/18", "robust/19", "robust/21", "robust/23"}));
}

TEST(BrokenTargets, ForwardsForgedMessages) {
  EXPECT_EQ(broken_cases(Fault::kForwardsForged),
            (Ids{"message/3", "message/4", "message/5", "message/6", "message/7", "message/8", "message/11",
                 "message/12", "message/13", "message/14"}));
}

}  // namespace
}  // namespace ptplab::conformance
