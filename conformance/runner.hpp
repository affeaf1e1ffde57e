// Runs the selected cases against a target: fresh sockets per case, independent cases side by
// side on real targets, floods alone; repeats for flake detection; applies the expected-failure
// list; and turns the results into the exit code.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "conformance/case.hpp"
#include "conformance/settings.hpp"
#include "conformance/target.hpp"
#include "engine/core/expected.hpp"

namespace ptplab::conformance {

// What turns results into the exit code (and into JUnit failures).
struct ExitPolicy {
  bool fail_on_warn = false;       // broken SHOULDs/MAYs fail the run
  bool allow_unsupported = false;  // MUST cases that could not run (unsupported, blocked) do not
};

// What the runner is asked to do besides the run-wide Settings.
struct RunOptions {
  Settings settings;
  std::vector<std::string> globs;     // case ids to run ("hello/*"); empty: all
  int repeat = 1;                     // runs per case (flake detection)
  std::set<std::string> expect_fail;  // case ids known to fail on this target
  int jobs = 8;                       // cases run at once against a concurrent target
  ExitPolicy policy;
  // Raised: no more cases start; the ones not run, or still running then, end as kSkipped with
  // the note kInterruptedNote. Null: never.
  const std::atomic<bool>* stop = nullptr;
};

// The note of the cases a stop (RunOptions::stop) kept from running to their end.
inline constexpr const char* kInterruptedNote = "not run: the run was interrupted";

// The result of one case over all its repeats.
struct CaseResult {
  const Case* c = nullptr;
  Outcome outcome;  // the worst outcome among the repeats
  int runs = 0;
  int passes = 0;                 // runs that passed (flaky when 0 < passes < runs)
  bool expected_failure = false;  // listed in --expect-fail and did not pass, as expected
  bool unexpected_pass = false;   // listed in --expect-fail but passed
  std::string wire_log;           // evidence of the worst run
  TimeNs duration_ns = 0;         // of the worst run, in the target's time
};

// The results of a run that could not start (the target unreachable, --exec failed): every
// selected case of `cases` (registry order) a harness error whose note is `why`, so that JUnit
// and JSON still list every case and CI that collects them sees the failure.
[[nodiscard]] std::vector<CaseResult> not_run(const std::vector<Case>& cases,
                                              const std::vector<std::string>& globs, const std::string& why);

// Whether case id `id` is selected by `globs` (fnmatch patterns; empty selects all).
[[nodiscard]] bool selected(const std::string& id, const std::vector<std::string>& globs);

// How the target sees a harness socket, from a ROUTING that lists it (routing/7's reading): ""
// when it sees the socket's own address or sends no such ROUTING within a few seconds; else a
// sentence naming both addresses (Settings::address_translation).
[[nodiscard]] std::string detect_address_translation(const Settings& settings, Target& target);

// Runs every selected case (in registry order in the results). Strict cases run only with
// settings.strict; others are reported skipped.
[[nodiscard]] std::vector<CaseResult> run_cases(const std::vector<Case>& cases, const RunOptions& options,
                                                Target& target);

// Runs one case once against a fresh transport from `target`.
[[nodiscard]] CaseResult run_case(const Case& c, const Settings& settings, Target& target,
                                  std::uint64_t seed);

// Whether `r` is a MUST case that could not run (unsupported or blocked; not an expected failure).
[[nodiscard]] bool must_not_run(const CaseResult& r);

// Whether `r` alone makes the exit code non-zero under `policy`.
[[nodiscard]] bool fails_run(const CaseResult& r, const ExitPolicy& policy);

// Exit codes (kExit*): 0 every selected MUST passed; 1 a MUST failed or an expected failure
// passed (or, with fail_on_warn, a SHOULD/MAY failed); 2 the harness itself could not run a
// case; 3 a MUST case could not run (unsupported or blocked) and allow_unsupported is off.
inline constexpr int kExitPass = 0, kExitFail = 1, kExitHarness = 2, kExitMustNotRun = 3;
[[nodiscard]] int exit_code(const std::vector<CaseResult>& results, const ExitPolicy& policy);

// Parses an expected-failure file: one case id per line, the line's first word (what follows it,
// a status or a reason, is ignored: "ack/4  blocked:cert/1  no CERTIFICATE"); '#' starts a comment.
[[nodiscard]] std::set<std::string> parse_expect_fail(const std::string& text);
// The same, checked against `cases`: an id naming no case (a typo would otherwise expect nothing)
// is an error, "line N: unknown case id 'X'" (N 1-based), for the first such line.
[[nodiscard]] Expected<std::set<std::string>, std::string> parse_expect_fail(const std::string& text,
                                                                             const std::vector<Case>& cases);

}  // namespace ptplab::conformance
