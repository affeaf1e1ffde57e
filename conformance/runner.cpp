// The case runner.
#include "conformance/runner.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <atomic>
#include <sstream>
#include <thread>

#include "conformance/context.hpp"
#include "conformance/expectations.hpp"
#include "engine/core/rng.hpp"
#include "engine/wire/codec.hpp"

namespace ptplab::conformance {

namespace {

constexpr std::uint64_t kTranslationStream = 0x6e6174;  // Rng streams of the translation probe ("nat")
constexpr TimeNs kTranslationWaitNs = 6 * kSecond;      // three ROUTING periods of 2 s

// Higher is worse; used to keep the worst of several repeats.
int severity(Status s) {
  switch (s) {
    case Status::kPass: return 0;
    case Status::kSkipped: return 1;
    case Status::kBlocked: return 2;
    case Status::kUnsupported: return 3;
    case Status::kWarn: return 4;
    case Status::kHarnessError: return 5;
    case Status::kFail: return 6;
  }
  return 6;
}

CaseResult run_repeated(const Case& c, std::size_t index, const RunOptions& options, Target& target) {
  CaseResult total;
  total.c = &c;
  if (options.stop && options.stop->load()) {
    total.outcome = Outcome{Status::kSkipped, {}, {}, kInterruptedNote, {}};
    return total;
  }
  if (c.strict && !options.settings.strict) {
    total.outcome = Outcome{Status::kSkipped, {}, {}, "stricter than the spec: run with --strict", {}};
    return total;
  }
  for (int r = 0; r < options.repeat; ++r) {
    const auto seed = Rng::derive(options.settings.seed, index * 1000 + static_cast<std::uint64_t>(r))();
    CaseResult one = run_case(c, options.settings, target, seed);
    ++total.runs;
    if (one.outcome.status == Status::kPass) ++total.passes;
    if (total.runs == 1 || severity(one.outcome.status) > severity(total.outcome.status)) {
      total.outcome = std::move(one.outcome);
      total.wire_log = std::move(one.wire_log);
      total.duration_ns = one.duration_ns;
    }
  }
  if (total.passes > 0 && total.passes < total.runs) {
    total.outcome.note += (total.outcome.note.empty() ? "" : "; ") + std::string("flaky: passed ") +
                          std::to_string(total.passes) + " of " + std::to_string(total.runs) + " runs";
  }
  if (options.stop && options.stop->load()) {  // cut short: its verdict would say nothing
    total.outcome = Outcome{Status::kSkipped, {}, {}, kInterruptedNote, {}};
    return total;
  }
  if (options.expect_fail.count(c.id) > 0) {
    const Status s = total.outcome.status;
    if (s == Status::kFail || s == Status::kWarn || s == Status::kBlocked || s == Status::kUnsupported) {
      total.expected_failure = true;
    } else if (total.outcome.status == Status::kPass) {
      total.unexpected_pass = true;
    }
  }
  return total;
}

}  // namespace

bool selected(const std::string& id, const std::vector<std::string>& globs) {
  if (globs.empty()) return true;
  for (const auto& g : globs) {
    if (fnmatch(g.c_str(), id.c_str(), 0) == 0) return true;
  }
  return false;
}

CaseResult run_case(const Case& c, const Settings& settings, Target& target, std::uint64_t seed) {
  CaseResult result;
  result.c = &c;
  result.runs = 1;
  // Independent streams, so the harness's ids never repeat the target's.
  auto transport = target.open(Rng::derive(seed, 0)());
  const TimeNs start = transport->now();
  WireLog log(start);
  Context context(*transport, log, settings, Rng::derive(seed, 1)());
  Outcome outcome = c.run(context);
  if (context.harness_failed()) {
    outcome = Outcome::harness_error(context.harness_error());
  } else if (outcome.status == Status::kFail && c.level != Level::kMust) {
    outcome.status = Status::kWarn;
  }
  result.passes = outcome.status == Status::kPass ? 1 : 0;
  result.outcome = std::move(outcome);
  result.duration_ns = transport->now() - start;
  result.wire_log = log.text();
  return result;
}

std::string detect_address_translation(const Settings& settings, Target& target) {
  auto transport = target.open(Rng::derive(settings.seed, kTranslationStream)());
  WireLog log(transport->now());
  Context c(*transport, log, settings, Rng::derive(settings.seed, kTranslationStream + 1)());
  const Peer p = c.open_peer();
  if (!c.handshake(p)) return {};
  const Expectation names_me{"ROUTING naming the probe", [&](const Received& r) {
                               const auto* m = r.message ? std::get_if<wire::Routing>(&*r.message) : nullptr;
                               if (m == nullptr) return false;
                               for (const auto& n : m->nodes)
                                 if (n.node_id == p.node_id) return true;
                               return false;
                             }};
  const TimeNs deadline = c.now() + kTranslationWaitNs;
  while (c.now() < deadline && !c.stopping()) {
    c.send(p, wire::Hello{p.node_id, std::string("ptplab-conform")});
    const auto r = c.expect(p, names_me, std::min(kSecond, deadline - c.now()));
    if (!r) continue;
    for (const auto& n : std::get<wire::Routing>(*r->message).nodes) {
      if (n.node_id != p.node_id) continue;
      if (n.address == p.address.to_string()) return {};
      return "the target sees the harness socket " + p.address.to_string() + " as " + n.address +
             " (a NAT or proxy between them)";
    }
  }
  return {};
}

std::vector<CaseResult> run_cases(const std::vector<Case>& cases, const RunOptions& options, Target& target) {
  std::vector<std::size_t> parallel;
  std::vector<std::size_t> alone;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    if (!selected(cases[i].id, options.globs)) continue;
    (cases[i].exclusive || !target.concurrent() ? alone : parallel).push_back(i);
  }
  std::vector<CaseResult> by_index(cases.size());
  std::atomic<std::size_t> next{0};
  const auto worker = [&] {
    for (std::size_t k = next++; k < parallel.size(); k = next++) {
      by_index[parallel[k]] = run_repeated(cases[parallel[k]], parallel[k], options, target);
    }
  };
  std::vector<std::thread> threads;
  const int jobs = std::max(1, std::min<int>(options.jobs, static_cast<int>(parallel.size())));
  for (int j = 0; j < jobs && !parallel.empty(); ++j) threads.emplace_back(worker);
  for (auto& t : threads) t.join();
  for (const std::size_t i : alone) by_index[i] = run_repeated(cases[i], i, options, target);

  std::vector<CaseResult> results;
  for (auto& r : by_index) {
    if (r.c != nullptr) results.push_back(std::move(r));
  }
  return results;
}

bool must_not_run(const CaseResult& r) {
  return r.c->level == Level::kMust && !r.expected_failure &&
         (r.outcome.status == Status::kUnsupported || r.outcome.status == Status::kBlocked);
}

bool fails_run(const CaseResult& r, const ExitPolicy& policy) {
  if (r.unexpected_pass) return true;
  if (r.expected_failure) return false;
  switch (r.outcome.status) {
    case Status::kFail:
    case Status::kHarnessError: return true;
    case Status::kWarn: return policy.fail_on_warn;
    case Status::kUnsupported:
    case Status::kBlocked: return must_not_run(r) && !policy.allow_unsupported;
    case Status::kPass:
    case Status::kSkipped: return false;
  }
  return true;
}

int exit_code(const std::vector<CaseResult>& results, const ExitPolicy& policy) {
  bool failed = false, harness = false, not_run = false;
  for (const auto& r : results) {
    if (!fails_run(r, policy)) continue;
    if (r.outcome.status == Status::kHarnessError && !r.unexpected_pass) {
      harness = true;
    } else if (must_not_run(r)) {
      not_run = true;
    } else {
      failed = true;
    }
  }
  if (failed) return kExitFail;
  if (harness) return kExitHarness;
  return not_run ? kExitMustNotRun : kExitPass;
}

std::vector<CaseResult> not_run(const std::vector<Case>& cases, const std::vector<std::string>& globs,
                                const std::string& why) {
  std::vector<CaseResult> out;
  for (const auto& c : cases) {
    if (!selected(c.id, globs)) continue;
    CaseResult r;
    r.c = &c;
    r.outcome = Outcome::harness_error(why);
    out.push_back(std::move(r));
  }
  return out;
}

namespace {

// Each id of an expected-failure file with its 1-based line number: a line's first word.
std::vector<std::pair<int, std::string>> expect_fail_lines(const std::string& text) {
  std::vector<std::pair<int, std::string>> ids;
  std::istringstream in(text);
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    line = line.substr(0, line.find('#'));
    const auto b = line.find_first_not_of(" \t\r");
    if (b == std::string::npos) continue;
    // The id is the first word: the rest of the line is a status or a reason
    // (tests/interop/expected-failures.txt: "ack/4  blocked:cert/1  why").
    const auto e = line.find_first_of(" \t\r", b);
    ids.emplace_back(number, line.substr(b, e == std::string::npos ? std::string::npos : e - b));
  }
  return ids;
}

}  // namespace

std::set<std::string> parse_expect_fail(const std::string& text) {
  std::set<std::string> ids;
  for (auto& [number, id] : expect_fail_lines(text)) ids.insert(std::move(id));
  return ids;
}

Expected<std::set<std::string>, std::string> parse_expect_fail(const std::string& text,
                                                               const std::vector<Case>& cases) {
  std::set<std::string> ids;
  for (auto& [number, id] : expect_fail_lines(text)) {
    const std::string& wanted = id;  // clang 14 cannot capture a structured binding
    const bool known = std::any_of(cases.begin(), cases.end(), [&](const Case& c) { return c.id == wanted; });
    if (!known) return Unexpected("line " + std::to_string(number) + ": unknown case id '" + id + "'");
    ids.insert(std::move(id));
  }
  return ids;
}

}  // namespace ptplab::conformance
