// Console, JUnit and JSON renderings of a run.
#include "conformance/writers.hpp"

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

}  // namespace

std::string failure_sentence(const Outcome& outcome) {
  std::string s = "expected one of [";
  for (std::size_t i = 0; i < outcome.expected.size(); ++i) s += (i ? ", " : "") + outcome.expected[i];
  return s + "] / actual " + (outcome.actual.empty() ? "nothing" : outcome.actual);
}

std::string verdict_label(const CaseResult& r) {
  if (r.unexpected_pass) return "pass (UNEXPECTED: listed as an expected failure)";
  if (r.expected_failure) return std::string(status_name(r.outcome.status)) + " (expected)";
  return std::string(status_name(r.outcome.status));
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
      case Status::kUnsupported: ++t.unsupported; break;
      case Status::kSkipped: ++t.skipped; break;
      case Status::kHarnessError: ++t.harness_errors; break;
    }
  }
  return t;
}

void write_console(std::ostream& out, const std::vector<CaseResult>& results, const std::string& target,
                   bool verbose) {
  out << "ptplab conform against " << target << "\n";
  std::string section;
  for (const auto& r : results) {
    const std::string s = group_of(r.c->id);
    if (s != section) {
      section = s;
      out << "\n" << section << "\n";
    }
    out << "  " << (r.outcome.status == Status::kPass && !r.unexpected_pass ? "ok  " : "--  ") << r.c->id
        << "  [" << level_name(r.c->level) << "] " << verdict_label(r) << "\n";
    const bool bad =
        r.unexpected_pass ||
        (!r.expected_failure && (r.outcome.status == Status::kFail || r.outcome.status == Status::kWarn ||
                                 r.outcome.status == Status::kHarnessError));
    if (!r.outcome.note.empty()) out << "        " << r.outcome.note << "\n";
    if (bad || verbose) {
      out << "        requirement: " << r.c->requirement << "\n";
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
  const Tally t = tally(results);
  out << "\n"
      << t.passed << " passed, " << t.failed + t.unexpected_passes << " failed, " << t.warned << " warnings, "
      << t.unsupported << " unsupported, " << t.skipped << " skipped, " << t.harness_errors
      << " harness errors";
  if (t.expected_failures > 0) out << ", " << t.expected_failures << " expected failures";
  out << "\n";
}

void write_junit(std::ostream& out, const std::vector<CaseResult>& results, const std::string& target) {
  const Tally t = tally(results);
  double seconds = 0;
  for (const auto& r : results) seconds += static_cast<double>(r.duration_ns) / kSecond;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<testsuites>\n"
      << "  <testsuite name=\"ptplab-conform\" tests=\"" << results.size() << "\" failures=\""
      << t.failed + t.unexpected_passes << "\" errors=\"" << t.harness_errors << "\" skipped=\""
      << t.skipped + t.unsupported + t.expected_failures << "\" time=\"" << seconds << "\" hostname=\""
      << xml_escape(target) << "\">\n";
  for (const auto& r : results) {
    out << "    <testcase classname=\"conform." << xml_escape(group_of(r.c->id)) << "\" name=\""
        << xml_escape(r.c->id) << "\" time=\"" << static_cast<double>(r.duration_ns) / kSecond << "\">\n";
    std::string what = "[";
    what += level_name(r.c->level);
    what += "] ";
    what += r.c->requirement;
    if (r.unexpected_pass) {
      out << "      <failure message=\"" << xml_escape("unexpected pass: listed as an expected failure")
          << "\">" << xml_escape(what) << "</failure>\n";
    } else if (r.expected_failure) {
      out << "      <skipped message=\"" << xml_escape("expected failure: " + failure_sentence(r.outcome))
          << "\"/>\n";
    } else {
      switch (r.outcome.status) {
        case Status::kPass: break;
        case Status::kFail:
          out << "      <failure message=\"" << xml_escape(failure_sentence(r.outcome)) << "\">"
              << xml_escape(what + "\n" + r.wire_log) << "</failure>\n";
          break;
        case Status::kHarnessError:
          out << "      <error message=\"" << xml_escape(r.outcome.note) << "\">" << xml_escape(r.wire_log)
              << "</error>\n";
          break;
        case Status::kUnsupported:
        case Status::kSkipped:
          out << "      <skipped message=\""
              << xml_escape(std::string(status_name(r.outcome.status)) + ": " + r.outcome.note) << "\"/>\n";
          break;
        case Status::kWarn:
          out << "      <system-out>"
              << xml_escape("warning: " + failure_sentence(r.outcome) + "\n" + r.wire_log)
              << "</system-out>\n";
          break;
      }
    }
    out << "    </testcase>\n";
  }
  out << "  </testsuite>\n</testsuites>\n";
}

void write_json(std::ostream& out, const std::vector<CaseResult>& results, const std::string& target) {
  nlohmann::json doc;
  doc["target"] = target;
  const Tally t = tally(results);
  doc["summary"] = {{"passed", t.passed},
                    {"failed", t.failed + t.unexpected_passes},
                    {"warnings", t.warned},
                    {"unsupported", t.unsupported},
                    {"skipped", t.skipped},
                    {"harness_errors", t.harness_errors},
                    {"expected_failures", t.expected_failures}};
  nlohmann::json cases = nlohmann::json::array();
  for (const auto& r : results) {
    cases.push_back({{"id", r.c->id},
                     {"section", std::string(section_of(*r.c))},
                     {"level", std::string(level_name(r.c->level))},
                     {"requirement", r.c->requirement},
                     {"status", std::string(status_name(r.outcome.status))},
                     {"verdict", verdict_label(r)},
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
