// Console, JUnit and JSON renderings of a run.
#include "conformance/writers.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <ostream>

#include "conformance/requirements.hpp"

namespace ptplab::conformance {

namespace {

std::string xml_escape(const std::string& s) {
  std::string out;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // XML 1.0 forbids most control characters even escaped; the wire log has none left.
        if (c < 0x20 && c != '\n' && c != '\t') {
          out += '?';
        } else {
          out += ch;
        }
    }
  }
  return out;
}

std::string group_of(const std::string& id) { return id.substr(0, id.find('/')); }

constexpr std::size_t kVerdictWidth = 18;  // console column of the verdict ("blocked by message/1")

// Why a case did not pass, in one line: the failure sentence, or the note of a case not run.
std::string why_not(const Outcome& o) {
  if (o.status == Status::kFail || o.status == Status::kWarn) return failure_sentence(o);
  return o.note;
}

// The JUnit element of a result: "" (a plain pass), "failure", "error" or "skipped", and its message.
std::pair<std::string, std::string> junit_element(const CaseResult& r, const ExitPolicy& policy) {
  if (r.unexpected_pass) return {"failure", "unexpected pass: listed as an expected failure"};
  if (r.expected_failure) return {"skipped", verdict_label(r) + ": " + why_not(r.outcome)};
  const Outcome& o = r.outcome;
  switch (o.status) {
    case Status::kPass: return {"", ""};
    case Status::kFail: return {"failure", failure_sentence(o)};
    case Status::kHarnessError: return {"error", "harness error: " + o.note};
    case Status::kWarn:
      return {policy.fail_on_warn ? "failure" : "skipped",
              std::string("warning (") + std::string(level_name(r.c->level)) + " broken" +
                  (policy.fail_on_warn ? ", --fail-on-warn" : ", not a pass") + "): " + failure_sentence(o)};
    case Status::kBlocked:
    case Status::kUnsupported:
      return {fails_run(r, policy) ? "error" : "skipped",
              (fails_run(r, policy) ? "MUST not run: " : "") + verdict_label(r) + ": " + o.note};
    case Status::kSkipped: return {"skipped", "skipped: " + o.note};
  }
  return {"error", "unknown status"};
}

void write_section_summary(std::ostream& out, const std::vector<CaseResult>& results) {
  std::vector<std::pair<std::string, std::vector<CaseResult>>> sections;
  for (const auto& r : results) {
    const std::string s = group_of(r.c->id);
    if (sections.empty() || sections.back().first != s) sections.push_back({s, {}});
    sections.back().second.push_back(r);
  }
  out << "\nper section:  pass  fail  warn  blocked  unsupported  skipped  harness  expected\n";
  char line[160];
  for (const auto& [name, rs] : sections) {
    const Tally t = tally(rs);
    std::snprintf(line, sizeof line, "  %-10s %5d %5d %5d %8d %12d %8d %8d %9d\n", name.c_str(), t.passed,
                  t.failed + t.unexpected_passes, t.warned, t.blocked, t.unsupported, t.skipped,
                  t.harness_errors, t.expected_failures);
    out << line;
  }
}

}  // namespace

std::string failure_sentence(const Outcome& outcome) {
  std::string s = "expected one of [";
  for (std::size_t i = 0; i < outcome.expected.size(); ++i) s += (i ? ", " : "") + outcome.expected[i];
  return s + "] / actual " + (outcome.actual.empty() ? "nothing" : outcome.actual);
}

std::string report_result(const CaseResult& r) {
  if (r.unexpected_pass) return std::string(status_name(Status::kFail));
  if (r.expected_failure) return std::string(kExpectedFailureResult);
  return std::string(status_name(r.outcome.status));
}

std::string verdict_label(const CaseResult& r) {
  if (r.unexpected_pass) return "pass (UNEXPECTED: listed as an expected failure)";
  std::string label(status_name(r.outcome.status));
  if (r.outcome.status == Status::kBlocked && !r.outcome.blocked_by.empty())
    label += " by " + r.outcome.blocked_by;
  return r.expected_failure ? label + " (expected)" : label;
}

Tally tally(const std::vector<CaseResult>& results) {
  Tally t;
  for (const auto& r : results) {
    if (r.unexpected_pass) {
      ++t.unexpected_passes;
      continue;
    }
    if (r.expected_failure) {
      ++t.expected_failures;
      continue;
    }
    switch (r.outcome.status) {
      case Status::kPass: ++t.passed; break;
      case Status::kFail: ++t.failed; break;
      case Status::kWarn: ++t.warned; break;
      case Status::kBlocked: ++t.blocked; break;
      case Status::kUnsupported: ++t.unsupported; break;
      case Status::kSkipped: ++t.skipped; break;
      case Status::kHarnessError: ++t.harness_errors; break;
    }
  }
  return t;
}

void write_console(std::ostream& out, const std::vector<CaseResult>& results, const std::string& target,
                   const ExitPolicy& policy, bool verbose) {
  out << "ptplab conform against " << target << "\n";
  std::string section;
  for (const auto& r : results) {
    const std::string s = group_of(r.c->id);
    if (s != section) {
      section = s;
      out << "\n" << section << "\n";
    }
    std::string verdict = verdict_label(r);
    if (verdict.size() < kVerdictWidth) verdict.resize(kVerdictWidth, ' ');
    std::string level("[");
    level.append(level_name(r.c->level)).append("]").resize(8, ' ');
    out << "  " << (r.outcome.status == Status::kPass && !r.unexpected_pass ? "ok  " : "--  ") << r.c->id
        << "  " << level << " " << verdict << "  " << r.c->requirement << "\n";
    const bool bad = fails_run(r, policy) || r.outcome.status == Status::kWarn;
    if (!r.outcome.note.empty()) out << "        " << r.outcome.note << "\n";
    if (bad || verbose) {
      out << "        requirement " << r.c->req;
      if (const Requirement* q = find_requirement(r.c->req))
        out << " (" << q->section << "): " << q->sentence;
      out << "\n";
      if (r.outcome.status == Status::kFail || r.outcome.status == Status::kWarn)
        out << "        " << failure_sentence(r.outcome) << "\n";
      out << "        wire log:\n";
      std::string log = r.wire_log;
      std::size_t pos = 0;
      while (pos < log.size()) {
        const auto nl = log.find('\n', pos);
        out << "          " << log.substr(pos, nl - pos) << "\n";
        pos = nl == std::string::npos ? log.size() : nl + 1;
      }
    }
  }
  write_section_summary(out, results);
  std::vector<const CaseResult*> not_run;
  for (const auto& r : results) {
    if (must_not_run(r)) not_run.push_back(&r);
  }
  if (!not_run.empty()) {
    // The exit the run really has: a failure (1) or a harness error (2) outranks these (3).
    const int code = exit_code(results, policy);
    out << "\n"
        << not_run.size() << " MUST case" << (not_run.size() == 1 ? "" : "s") << " could not run"
        << (policy.allow_unsupported ? " (accepted: --allow-unsupported)"
            : code == kExitMustNotRun
                ? " (exit " + std::to_string(code) + "; --allow-unsupported accepts them)"
                : " (exit " + std::to_string(code) + " for what failed above, else " +
                      std::to_string(kExitMustNotRun) + "; --allow-unsupported accepts them)")
        << ":\n";
    for (const auto* r : not_run)
      out << "  " << r->c->id << "  " << verdict_label(*r) << ": " << r->outcome.note << "\n";
  }
  const Tally t = tally(results);
  out << "\n"
      << t.passed << " passed, " << t.failed + t.unexpected_passes << " failed, " << t.warned << " warnings, "
      << t.blocked << " blocked, " << t.unsupported << " unsupported, " << t.skipped << " skipped, "
      << t.harness_errors << " harness errors";
  if (t.expected_failures > 0) out << ", " << t.expected_failures << " expected failures";
  out << "\n";
}

void write_junit(std::ostream& out, const std::vector<CaseResult>& results, const std::string& target,
                 const ExitPolicy& policy, TimeNs wall_ns) {
  int failures = 0, errors = 0, skipped = 0;
  const double seconds = static_cast<double>(wall_ns) / kSecond;  // cases overlap: not their sum
  for (const auto& r : results) {
    const std::string kind = junit_element(r, policy).first;
    failures += kind == "failure" ? 1 : 0;
    errors += kind == "error" ? 1 : 0;
    skipped += kind == "skipped" ? 1 : 0;
  }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<testsuites>\n"
      << "  <testsuite name=\"ptplab-conform\" tests=\"" << results.size() << "\" failures=\"" << failures
      << "\" errors=\"" << errors << "\" skipped=\"" << skipped << "\" time=\"" << seconds << "\" hostname=\""
      << xml_escape(target) << "\">\n";
  for (const auto& r : results) {
    out << "    <testcase classname=\"conform." << xml_escape(group_of(r.c->id)) << "\" name=\""
        << xml_escape(r.c->id) << "\" time=\"" << static_cast<double>(r.duration_ns) / kSecond << "\">\n";
    std::string what("[");
    what.append(level_name(r.c->level)).append("] ").append(r.c->req).append(": ").append(r.c->requirement);
    const auto [kind, message] = junit_element(r, policy);
    if (kind == "skipped") {
      out << "      <skipped message=\"" << xml_escape(message) << "\"/>\n";
    } else if (!kind.empty()) {
      out << "      <" << kind << " message=\"" << xml_escape(message) << "\">"
          << xml_escape(what + "\n" + r.wire_log) << "</" << kind << ">\n";
    }
    if (kind == "skipped" && r.outcome.status == Status::kWarn)
      out << "      <system-out>" << xml_escape(what + "\n" + r.wire_log) << "</system-out>\n";
    out << "    </testcase>\n";
  }
  out << "  </testsuite>\n</testsuites>\n";
}

void write_json(std::ostream& out, const std::vector<CaseResult>& results, const std::string& target,
                const ExitPolicy& policy) {
  nlohmann::json doc;
  doc["target"] = target;
  doc["exit_code"] = exit_code(results, policy);
  const Tally t = tally(results);
  nlohmann::json not_run = nlohmann::json::array();
  for (const auto& r : results) {
    if (must_not_run(r)) not_run.push_back(r.c->id);
  }
  doc["must_not_run"] = std::move(not_run);
  doc["summary"] = {{"passed", t.passed},
                    {"failed", t.failed + t.unexpected_passes},
                    {"warnings", t.warned},
                    {"blocked", t.blocked},
                    {"unsupported", t.unsupported},
                    {"skipped", t.skipped},
                    {"harness_errors", t.harness_errors},
                    {"expected_failures", t.expected_failures}};
  nlohmann::json cases = nlohmann::json::array();
  for (const auto& r : results) {
    cases.push_back({{"id", r.c->id},
                     {"section", std::string(section_of(*r.c))},
                     {"level", std::string(level_name(r.c->level))},
                     {"req", r.c->req},
                     {"requirement", r.c->requirement},
                     {"status", std::string(status_name(r.outcome.status))},
                     {"blocked_by", r.outcome.blocked_by},
                     {"verdict", verdict_label(r)},
                     {"fails_run", fails_run(r, policy)},
                     {"expected", r.outcome.expected},
                     {"actual", r.outcome.actual},
                     {"note", r.outcome.note},
                     {"runs", r.runs},
                     {"passes", r.passes},
                     {"duration_ns", r.duration_ns},
                     {"wire_log", r.wire_log}});
  }
  doc["cases"] = std::move(cases);
  out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace ptplab::conformance
