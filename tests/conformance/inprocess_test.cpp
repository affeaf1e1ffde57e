// Every case against the engine's Node in-process (virtual time, with an open and a closed
// channel): the reference implementation must pass them all.
#include <gtest/gtest.h>

#include "conformance/engine_target.hpp"
#include "conformance/registry.hpp"
#include "conformance/runner.hpp"
#include "conformance/writers.hpp"

namespace ptplab::conformance {
namespace {

TEST(InProcessEngine, PassesEveryCase) {
  InProcessTarget target(engine_factory(reference_node_params(), default_target_channels()), "engine");
  RunOptions options;
  const auto results = run_cases(all_cases(), options, target);
  ASSERT_EQ(results.size(), all_cases().size());
  for (const auto& r : results) {
    const bool ok = (r.outcome.status == Status::kPass && !r.unexpected_pass) || r.expected_failure ||
                    (r.c->strict && r.outcome.status == Status::kSkipped);
    EXPECT_TRUE(ok) << r.c->id << ": " << status_name(r.outcome.status) << " " << r.outcome.note << "\n"
                    << failure_sentence(r.outcome) << "\n"
                    << r.wire_log;
  }
  EXPECT_EQ(exit_code(results, ExitPolicy{true, false}), 0);
}

TEST(InProcessEngine, IsDeterministicForOneSeed) {
  InProcessTarget target(engine_factory(reference_node_params(), default_target_channels()), "engine");
  const Case& c = all_cases().front();
  const auto a = run_case(c, Settings{}, target, 42);
  const auto b = run_case(c, Settings{}, target, 42);
  EXPECT_EQ(a.wire_log, b.wire_log);
  EXPECT_EQ(a.duration_ns, b.duration_ns);
}

}  // namespace
}  // namespace ptplab::conformance
