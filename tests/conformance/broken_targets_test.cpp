// The harness catches faults, and no case passes vacuously: a table gives, for every registered
// case, a deliberately broken target (the reference Node minus one behaviour) against which that
// case must fail (MUST) or warn (SHOULD/MAY). Against the target that never ACKs, exactly the
// ACK cases fail and the cases that need an ACK as a precondition are blocked by them.
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <set>
#include <string>

#include "broken_target.hpp"
#include "conformance/engine_target.hpp"
#include "conformance/registry.hpp"
#include "conformance/runner.hpp"

namespace ptplab::conformance {
namespace {

// Every case's result against the reference Node behind `fault` (none: the Node itself), strict
// cases included.
std::map<std::string, Outcome> verdicts(std::optional<Fault> fault) {
  auto params = reference_node_params();
  // A target that never sends GETCERTIFICATE cannot ask a peer to prove its address with one
  // (address_validation "ack", PROTOCOL.md R31): its inner Node takes the spec-literal reading, so
  // that what fails is the missing request, not every case needing more than 3x.
  if (fault == Fault::kNoGetCertificate) params.address_validation = engine::AddressValidation::kReply;
  const auto inner = engine_factory(params, default_target_channels());
  InProcessTarget target(
      [&](std::uint64_t seed) -> std::unique_ptr<Endpoint> {
        if (!fault) return inner(seed);
        return std::make_unique<BrokenTarget>(inner(seed), *fault);
      },
      "broken");
  RunOptions options;
  options.settings.strict = true;
  std::map<std::string, Outcome> out;
  for (auto& r : run_cases(all_cases(), options, target)) out[r.c->id] = std::move(r.outcome);
  return out;
}

bool failed(const Outcome& o) { return o.status == Status::kFail || o.status == Status::kWarn; }

// The cases that fail against `fault` but not against the reference Node (which fails the
// strict hello/6).
std::set<std::string> new_failures(Fault fault) {
  static const auto reference = verdicts(std::nullopt);
  std::set<std::string> out;
  for (const auto& [id, o] : verdicts(fault))
    if (failed(o) && !failed(reference.at(id))) out.insert(id);
  return out;
}

// The broken target each case must fail against.
const std::map<std::string, Fault>& case_to_fault() {
  static const std::map<std::string, Fault> table = {
      {"head/1", Fault::kStrictHead},
      {"head/2", Fault::kStrictHead},
      {"head/3", Fault::kNeedsMsgData},
      {"head/4", Fault::kNeedsMsgData},
      {"head/5", Fault::kKeyOrder},
      {"head/6", Fault::kSendsNonJson},
      {"head/7", Fault::kNoWhitespace},
      {"head/8", Fault::kLenient},
      {"head/9", Fault::kLenient},
      {"head/10", Fault::kLenient},
      {"head/11", Fault::kLenient},
      {"hello/1", Fault::kNoHello},
      {"hello/2", Fault::kHelloOnce},
      {"hello/3", Fault::kHelloTooFast},
      {"hello/4", Fault::kHelloOnce},
      {"hello/5", Fault::kStrictHelloData},
      {"hello/6", Fault::kNeedsMsgData},
      {"hello/7", Fault::kBareHello},
      {"hello/8", Fault::kBareHello},
      {"hello/9", Fault::kAcksHello},
      {"ack/1", Fault::kNoAck},
      {"ack/2", Fault::kNoAck},
      {"ack/3", Fault::kNoAck},
      {"ack/4", Fault::kNoAck},
      {"ack/5", Fault::kNoAck},
      {"ack/6", Fault::kAckOnce},
      {"ack/7", Fault::kNoRetransmit},
      {"ack/8", Fault::kRetransmitsForever},
      {"ack/9", Fault::kNoBackoff},
      {"ack/10", Fault::kNoAck},
      {"channel/1", Fault::kNoLeave},
      {"channel/2", Fault::kWrongJoinLeaveNodeId},
      {"channel/3", Fault::kLeavesAlways},
      {"channel/4", Fault::kNoChannel},
      {"channel/5", Fault::kNoChannelMembers},
      {"channel/6", Fault::kNoJoin},
      {"channel/7", Fault::kWrongJoinLeaveNodeId},
      {"cert/1", Fault::kNoCertificate},
      {"cert/2", Fault::kWrongCertificateMsgId},
      {"cert/3", Fault::kWrongRecipient},
      {"cert/4", Fault::kBadCertificate},
      {"cert/5", Fault::kCertificateNodeId},
      {"cert/6", Fault::kBadSignature},
      {"cert/7", Fault::kCertificateNodeId},
      {"cert/8", Fault::kUnstableCertificate},
      {"cert/9", Fault::kForgetsCertificates},
      {"cert/10", Fault::kNoGetCertificate},
      {"cert/11", Fault::kWrongGetCertNodeId},
      {"cert/12", Fault::kNoAckForAnswers},
      {"cert/13", Fault::kRetransmitsForever},
      {"key/1", Fault::kNoKey},
      {"key/2", Fault::kBadKeyMessage},
      {"key/3", Fault::kWrongRecipient},
      {"key/4", Fault::kBadKeyMessage},
      {"key/5", Fault::kKeyToAnyone},
      {"key/6", Fault::kKeyToAnyone},
      {"key/7", Fault::kNoGetCertificate},
      {"key/8", Fault::kKeyToAnyone},
      {"message/1", Fault::kNoRelay},
      {"message/2", Fault::kAltersRelay},
      {"message/3", Fault::kForwardsForged},
      {"message/4", Fault::kForwardsForged},
      {"message/5", Fault::kForwardsForged},
      {"message/6", Fault::kForwardsForged},
      {"message/7", Fault::kForwardsForged},
      {"message/8", Fault::kForwardsForged},
      {"message/9", Fault::kAckOnce},
      {"message/10", Fault::kRejectsAttachments},
      {"message/11", Fault::kForwardsForged},
      {"message/12", Fault::kForwardsForged},
      {"message/13", Fault::kForwardsForged},
      {"message/14", Fault::kForwardsForged},
      {"message/15", Fault::kDedupBeforeVerify},
      {"connect/1", Fault::kNoConnectForward},
      {"connect/2", Fault::kConnectUnrewritten},
      {"connect/3", Fault::kEveryOtherConnect},
      {"connect/4", Fault::kConnectUnrewritten},
      {"connect/5", Fault::kNoConnectForward},
      {"connect/6", Fault::kOnlyKnownAddresses},
      {"connect/7", Fault::kForwardsToAnyone},
      {"connect/8", Fault::kForwardsToAnyone},
      {"connect/9", Fault::kConnectUnrewritten},
      {"routing/1", Fault::kNoRouting},
      {"routing/2", Fault::kRoutingEmptyIds},
      {"routing/3", Fault::kRoutingBadAddresses},
      {"routing/4", Fault::kRoutingBadAddresses},
      {"routing/5", Fault::kRoutingOnce},
      {"routing/6", Fault::kHugeRouting},
      {"routing/7", Fault::kRoutingEmptyIds},
      {"routing/8", Fault::kRoutingToUnverified},
      {"robust/1", Fault::kDiesOnMalformed},
      {"robust/2", Fault::kDiesOnMalformed},
      {"robust/3", Fault::kDiesOnMalformed},
      {"robust/4", Fault::kDiesOnHostile},
      {"robust/5", Fault::kDiesOnMalformed},
      {"robust/6", Fault::kDiesOnMalformed},
      {"robust/7", Fault::kDiesOnMalformed},
      {"robust/8", Fault::kDiesOnMalformed},
      {"robust/9", Fault::kDiesOnMalformed},
      {"robust/10", Fault::kDiesOnMalformed},
      {"robust/11", Fault::kDiesOnMalformed},
      {"robust/12", Fault::kDiesOnMalformed},
      {"robust/13", Fault::kDiesOnMalformed},
      {"robust/14", Fault::kDiesOnMalformed},
      {"robust/15", Fault::kDiesOnMalformed},
      {"robust/16", Fault::kDiesOnMalformed},
      {"robust/17", Fault::kDiesOnHostile},
      {"robust/18", Fault::kDiesOnMalformed},
      {"robust/19", Fault::kDiesOnMalformed},
      {"robust/20", Fault::kDiesOnHostile},
      {"robust/21", Fault::kDiesOnMalformed},
      {"robust/22", Fault::kDiesOnHostile},
      {"robust/23", Fault::kDiesOnMalformed},
      {"robust/24", Fault::kDiesOnHostile},
      {"robust/25", Fault::kAmplifies},
      {"robust/26", Fault::kDiesOnHostile},
  };
  return table;
}

TEST(BrokenTargets, EveryCaseHasABrokenTarget) {
  for (const auto& c : all_cases())
    EXPECT_EQ(case_to_fault().count(c.id), 1u) << c.id << " has no broken target";
  EXPECT_EQ(case_to_fault().size(), all_cases().size());
}

TEST(BrokenTargets, EveryCaseFailsAgainstItsBrokenTarget) {
  std::map<Fault, std::map<std::string, Outcome>> by_fault;
  std::set<std::string> ids;
  for (const auto& c : all_cases()) ids.insert(c.id);
  for (const auto& [id, fault] : case_to_fault()) {
    if (by_fault.count(fault) == 0) by_fault[fault] = verdicts(fault);
    const Outcome& o = by_fault[fault].at(id);
    EXPECT_TRUE(failed(o)) << id << " against fault " << static_cast<int>(fault) << ": "
                           << status_name(o.status) << (o.blocked_by.empty() ? "" : " by " + o.blocked_by)
                           << " " << o.note;
  }
  // Whatever a case is blocked by is a registered case.
  for (const auto& [fault, results] : by_fault) {
    for (const auto& [id, o] : results) {
      if (o.status == Status::kBlocked) {
        EXPECT_EQ(ids.count(o.blocked_by), 1u) << id << " blocked by " << o.blocked_by;
      }
    }
  }
}

TEST(BrokenTargets, NoAckFailsTheAckCasesAndBlocksTheirDependents) {
  std::map<std::string, std::string> blocked;
  for (const auto& [id, o] : verdicts(Fault::kNoAck)) {
    if (o.status == Status::kBlocked) blocked[id] = o.blocked_by;
  }
  EXPECT_EQ(new_failures(Fault::kNoAck),
            (std::set<std::string>{"ack/1", "ack/2", "ack/3", "ack/4", "ack/5", "ack/10"}));
  // A precondition that needs an ACK: never a second failure, never a pass.
  const std::map<std::string, std::string> want = {
      {"head/2", "ack/1"},    {"head/5", "ack/1"},    {"head/8", "ack/1"}, {"head/9", "ack/1"},
      {"head/10", "ack/1"},   {"hello/9", "ack/1"},   {"ack/6", "ack/3"},  {"cert/12", "ack/2"},
      {"message/9", "ack/5"}, {"message/10", "ack/5"}};
  for (const auto& [id, by] : want) EXPECT_EQ(blocked[id], by) << id;
}

// A plain UDP echo server answers nothing: the harness's own datagrams coming back (its HELLO with
// its own node_id, its GETCERTIFICATE, its ACK) are never the target's answers, so no case passes.
TEST(BrokenTargets, EchoServerPassesNoCase) {
  std::set<std::string> passed;
  for (const auto& [id, o] : verdicts(Fault::kEcho))
    if (o.status == Status::kPass) passed.insert(id);
  EXPECT_EQ(passed, std::set<std::string>{});
}

TEST(BrokenTargets, WrongCertificateMsgIdFailsOnlyCert2) {
  EXPECT_EQ(new_failures(Fault::kWrongCertificateMsgId), (std::set<std::string>{"cert/2"}));
}

}  // namespace
}  // namespace ptplab::conformance
