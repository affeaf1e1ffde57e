// JUnit XML writer.
#include "tools/ptplab/junit.hpp"

#include <cstdio>
#include <sstream>

#include "tools/ptplab/children.hpp"
#include "tools/ptplab/run_timeout.hpp"

namespace ptplab::cli {
namespace {

// Bytes of a child's output kept in a failure message.
constexpr std::size_t kOutputInXmlMax = 4000;

std::string xml_escape(const std::string& s) {
  std::string out;
  for (const unsigned char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default:
        if (c < 0x20 && c != '\n' && c != '\t') break;  // not allowed in XML 1.0
        out += static_cast<char>(c);
    }
  }
  return out;
}

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

}  // namespace

std::string junit_xml(const std::string& suite_name, const std::vector<SuiteCase>& cases) {
  std::size_t tests = 0, failures = 0, skipped = 0;
  std::ostringstream body;
  for (const auto& c : cases) {
    const std::string cls = xml_escape(c.name.empty() ? c.file : c.name);
    ++tests;
    body << "  <testcase classname=\"" << cls << "\" name=\"run " << xml_escape(c.file) << "\" time=\""
         << num(c.wall_seconds) << "\">";
    if (c.exit_code == kChildNotRun) {
      ++skipped;
      body << "<skipped message=\"not run: the suite was interrupted first\"/>";
    } else if (c.exit_code != 0) {
      ++failures;
      body << "\n    <failure message=\""
           << (c.exit_code == kTimedOutExitStatus ? std::string("timed out (--timeout)")
                                                  : "exit status " + std::to_string(c.exit_code))
           << "\">" << xml_escape(c.output.substr(0, kOutputInXmlMax)) << "</failure>\n  ";
    }
    body << "</testcase>\n";
    const auto open_case = [&](const reports::ExpectationRecord& e) {
      ++tests;
      const std::string name = e.metric + " " + e.op + " " + num(e.expected);
      body << "  <testcase classname=\"" << cls << "\" name=\"" << xml_escape(name) << "\">";
    };
    for (const auto& e : c.expectations) {
      open_case(e);
      if (!e.passed) {
        ++failures;
        body << "<failure message=\"actual " << (e.actual ? num(*e.actual) : std::string("none")) << "\"/>";
      }
      body << "</testcase>\n";
    }
    for (const auto& e : c.not_judged) {
      open_case(e);
      ++skipped;
      body << "<skipped message=\"not judged: the run "
           << (c.exit_code == kTimedOutExitStatus ? "timed out (--timeout)" : "did not complete") << "\"/>";
      body << "</testcase>\n";
    }
  }
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n<testsuite name=\""
      << xml_escape(suite_name) << "\" tests=\"" << tests << "\" failures=\"" << failures << "\" skipped=\""
      << skipped << "\">\n"
      << body.str() << "</testsuite>\n</testsuites>\n";
  return out.str();
}

}  // namespace ptplab::cli
