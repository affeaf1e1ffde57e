// The runner's verdicts: selection by glob, SHOULD failures as warnings, expected failures and
// unexpected passes, flaky repeats, and the exit code.
#include "conformance/runner.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <sstream>

#include "conformance/context.hpp"
#include "conformance/expectations.hpp"
#include "conformance/writers.hpp"
#include "engine/wire/codec.hpp"

namespace ptplab::conformance {
namespace {

Outcome always_pass(Context&) { return Outcome::pass(); }
Outcome always_fail(Context&) { return Outcome::fail({"A", "B"}, "C"); }
// Passes on even seeds only: a flaky case.
Outcome flaky(Context& c) { return c.rng()() % 2 == 0 ? Outcome::pass() : Outcome::fail({"x"}, "y"); }

// A target whose endpoint never says anything.
class Silent final : public Endpoint {
 public:
  void start(TimeNs, Output&) override {}
  void on_datagram(TimeNs, const Address&, const SharedBytes&, Output&) override {}
  void on_timer(TimeNs, Output&) override {}
};

// A target that answers every datagram with HELLO{node_id = kGreeterId}, and says nothing else.
constexpr const char* kGreeterId = "6f1c2a3b-0000-4000-8000-0000000000aa";
class Greeter final : public Endpoint {
 public:
  void start(TimeNs, Output&) override {}
  void on_datagram(TimeNs, const Address& from, const SharedBytes&, Output& out) override {
    out.send(from, make_bytes(wire::encode(wire::Hello{std::string(kGreeterId), std::string("g")})));
  }
  void on_timer(TimeNs, Output&) override {}
};

InProcessTarget silent() {
  return InProcessTarget([](std::uint64_t) { return std::make_unique<Silent>(); }, "silent");
}

TEST(Runner, SelectsByGlob) {
  EXPECT_TRUE(selected("hello/1", {}));
  EXPECT_TRUE(selected("hello/1", {"hello/*"}));
  EXPECT_TRUE(selected("ack/3", {"hello/*", "ack/3"}));
  EXPECT_FALSE(selected("ack/31", {"ack/3"}));
}

TEST(Runner, ShouldFailureIsAWarningAndMustFailureFailsTheRun) {
  auto target = silent();
  const std::vector<Case> cases = {{"x/1", "FMT-1", Level::kShould, "s", always_fail},
                                   {"x/2", "FMT-1", Level::kMust, "m", always_pass}};
  const auto results = run_cases(cases, RunOptions{}, target);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].outcome.status, Status::kWarn);
  EXPECT_EQ(exit_code(results, ExitPolicy{}), 0);
  EXPECT_EQ(exit_code(results, ExitPolicy{true, false}), 1);
  const std::vector<Case> must = {{"x/3", "FMT-1", Level::kMust, "m", always_fail}};
  EXPECT_EQ(exit_code(run_cases(must, RunOptions{}, target), ExitPolicy{}), 1);
}

TEST(Runner, ExpectedFailuresAndUnexpectedPasses) {
  auto target = silent();
  const std::vector<Case> cases = {{"x/1", "FMT-1", Level::kMust, "f", always_fail},
                                   {"x/2", "FMT-1", Level::kMust, "p", always_pass}};
  RunOptions options;
  options.expect_fail = {"x/1"};
  EXPECT_EQ(exit_code(run_cases(cases, options, target), ExitPolicy{}), 0);
  options.expect_fail = {"x/1", "x/2"};
  const auto results = run_cases(cases, options, target);
  EXPECT_TRUE(results[1].unexpected_pass);
  EXPECT_EQ(exit_code(results, ExitPolicy{}), 1);
}

TEST(Runner, RepeatReportsFlakes) {
  auto target = silent();
  const std::vector<Case> cases = {{"x/1", "FMT-1", Level::kMust, "f", flaky}};
  RunOptions options;
  options.repeat = 16;
  const auto results = run_cases(cases, options, target);
  EXPECT_EQ(results[0].runs, 16);
  EXPECT_GT(results[0].passes, 0);
  EXPECT_LT(results[0].passes, 16);
  EXPECT_EQ(results[0].outcome.status, Status::kFail);
  EXPECT_NE(results[0].outcome.note.find("flaky"), std::string::npos);
}

TEST(Runner, StrictCasesAreSkippedUnlessAsked) {
  auto target = silent();
  const std::vector<Case> cases = {{"x/1", "FMT-1", Level::kMust, "f", always_fail, true}};
  EXPECT_EQ(run_cases(cases, RunOptions{}, target)[0].outcome.status, Status::kSkipped);
  RunOptions strict;
  strict.settings.strict = true;
  EXPECT_EQ(run_cases(cases, strict, target)[0].outcome.status, Status::kFail);
}

// SIGINT/SIGTERM raise RunOptions::stop: the case running then is cut short (its verdict would
// say nothing) and no later case starts; all are recorded as not run, none as failed.
std::atomic<bool> g_stop{false};  // Case::run is a plain function: the stop it raises is global
Outcome raise_stop(Context&) {
  g_stop = true;
  return Outcome::fail({"A"}, "B");
}

TEST(Runner, AStopMarksTheCasesNotRunAsSkipped) {
  auto target = silent();
  const std::vector<Case> cases = {{"x/1", "FMT-1", Level::kMust, "f", always_pass},
                                   {"x/2", "FMT-1", Level::kMust, "f", raise_stop},
                                   {"x/3", "FMT-1", Level::kMust, "f", always_fail}};
  RunOptions options;
  options.jobs = 1;
  options.stop = &g_stop;
  const auto results = run_cases(cases, options, target);
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0].outcome.status, Status::kPass);
  for (std::size_t i = 1; i < 3; ++i) {
    EXPECT_EQ(results[i].outcome.status, Status::kSkipped) << results[i].c->id;
    EXPECT_EQ(results[i].outcome.note, kInterruptedNote);
  }
  EXPECT_EQ(exit_code(results, options.policy), kExitPass);
}

TEST(Runner, ParsesExpectFailFiles) {
  EXPECT_EQ(parse_expect_fail("# known\nhello/3  # too fast\n\n  ack/1\r\n"),
            (std::set<std::string>{"hello/3", "ack/1"}));
}

// The project's own file format: ID, whitespace, status and reason (review finding M8: the
// whole line was taken as the id).
TEST(Runner, ExpectFailLinesMayGiveAReasonAfterTheId) {
  EXPECT_EQ(parse_expect_fail("ack/4       blocked:cert/1     no CERTIFICATE: why\nhello/3\tfail reason\n"),
            (std::set<std::string>{"ack/4", "hello/3"}));
}

TEST(Runner, AnExpectFailIdNamingNoCaseIsAnErrorWithItsLine) {
  const std::vector<Case> cases = {{"hello/3", "HELLO-3", Level::kMust, "r", always_fail},
                                   {"ack/1", "ACK-1", Level::kMust, "r", always_fail}};
  const auto ok = parse_expect_fail("hello/3\n# c\nack/1  # x\n", cases);
  ASSERT_TRUE(ok.has_value()) << ok.error();
  EXPECT_EQ(*ok, (std::set<std::string>{"hello/3", "ack/1"}));
  const auto typo = parse_expect_fail("hello/3\n\n  ack/l  # typo\n", cases);
  ASSERT_FALSE(typo.has_value());
  EXPECT_EQ(typo.error(), "line 3: unknown case id 'ack/l'");
}

TEST(Context, AHelloImpersonatingTheTargetDoesNotHideTheTargetsHellos) {
  InProcessTarget target([](std::uint64_t) { return std::make_unique<Greeter>(); }, "greeter");
  const Case c{"x/1", "FMT-1", Level::kMust, "impersonation", [](Context& ctx) {
                 const Peer p = ctx.open_peer();
                 if (!ctx.handshake(p)) return Outcome::fail({"first HELLO"}, "none");
                 // A case impersonating the target: its HELLO names the target's node_id.
                 ctx.send(p, wire::Hello{ctx.target_node_id(), std::string("x")});
                 return ctx.expect(p, is_verb(wire::Verb::kHello), kSecond)
                            ? Outcome::pass()
                            : Outcome::fail({"HELLO"}, "none");
               }};
  const std::vector<Case> cases = {c};
  const auto results = run_cases(cases, RunOptions{}, target);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome.status, Status::kPass) << results[0].wire_log;
}

TEST(Writers, FailureSentenceListsTheAcceptableAnswers) {
  EXPECT_EQ(failure_sentence(Outcome::fail({"A", "B"}, "C")), "expected one of [A, B] / actual C");
}

TEST(Writers, JunitHasOneTestcasePerCaseAndEscapes) {
  auto target = silent();
  const std::vector<Case> cases = {{"x/1", "FMT-1", Level::kMust, "a <b> & \"c\"", always_fail},
                                   {"x/2", "FMT-1", Level::kMust, "p", always_pass}};
  std::ostringstream out;
  auto results = run_cases(cases, RunOptions{}, target);
  results[0].duration_ns = results[1].duration_ns = 2 * kSecond;  // ran side by side
  write_junit(out, results, "t", ExitPolicy{}, 2500 * kMillisecond);
  const std::string xml = out.str();
  EXPECT_NE(xml.find("skipped=\"0\" time=\"2.5\""), std::string::npos) << xml;  // the wall time, not 4
  EXPECT_NE(xml.find("name=\"x/1\" time=\"2\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("tests=\"2\" failures=\"1\""), std::string::npos);
  EXPECT_NE(xml.find("a &lt;b&gt; &amp; &quot;c&quot;"), std::string::npos);
  EXPECT_EQ(xml.find("<b>"), std::string::npos);
}

// The MUST cases that could not run state the run's real exit: 1 when a MUST also failed
// (review finding M9: the summary said "exit 3" while the run exited 1).
TEST(Writers, MustCasesNotRunStateTheRealExit) {
  auto target = silent();
  const Case blocked{"x/1", "FMT-1", Level::kMust, "b",
                     [](Context&) { return Outcome::blocked("x/2", "no"); }};
  const Case failing{"x/2", "FMT-1", Level::kMust, "f", always_fail};
  const auto text = [&](std::vector<Case> cases) {
    std::ostringstream out;
    const auto results = run_cases(cases, RunOptions{}, target);
    write_console(out, results, "t", ExitPolicy{}, false);
    return out.str();
  };
  const auto only_blocked = text({blocked});
  EXPECT_NE(only_blocked.find("1 MUST case could not run (exit 3;"), std::string::npos) << only_blocked;
  const auto with_failure = text({blocked, failing});
  EXPECT_NE(with_failure.find("1 MUST case could not run (exit 1 for what failed above, else 3;"),
            std::string::npos)
      << with_failure;
}

TEST(Context, SilentTargetFailsTheHandshakeAtTheDeadline) {
  auto target = silent();
  const Case c{"x/1", "FMT-1", Level::kMust, "handshake", [](Context& ctx) {
                 return ctx.handshake(ctx.open_peer()) ? Outcome::pass() : Outcome::fail({}, "");
               }};
  const auto r = run_case(c, Settings{}, target, 1);
  EXPECT_EQ(r.outcome.status, Status::kFail);
  EXPECT_EQ(r.duration_ns, Settings{}.hello_interval_max_ns + Settings{}.timeout_ns);
}

}  // namespace
}  // namespace ptplab::conformance
