// The conformance section: results per suite as a tree of spec sections, each case with its
// level and verdict, failures with their evidence (see sections.hpp).
#include <map>

#include "reports/html/escape.hpp"
#include "reports/html/palette.hpp"
#include "reports/html/sections.hpp"

namespace ptplab::reports::html {
namespace {

// Evidence shown per failure at most (the database keeps all of it).
constexpr std::size_t kEvidenceCharsMax = 8000;

std::string badge(const std::string& result) {
  return "<span class=\"verdict\" style=\"background:" + std::string(verdict_colour(result)) + "\">" +
         escape(result) + "</span>";
}

bool is_failure(const std::string& result) { return result == "fail" || result == "harness-error"; }

}  // namespace

std::string conformance_section(const ReportSource& src) {
  if (src.conformance.empty()) {
    return "<p class=\"nodata\">No data: this file holds no conformance results (table "
           "conformance_result).</p>\n";
  }
  // suite -> section -> rows
  std::map<std::string, std::map<std::string, std::vector<const ConformanceRow*>>> tree;
  for (const auto& row : src.conformance) tree[row.suite][row.section].push_back(&row);
  std::string out;
  for (const auto& [suite, sections] : tree) {
    std::map<std::string, int> totals;
    for (const auto& [section, rows] : sections) {
      for (const auto* r : rows) ++totals[r->result];
    }
    out += "<h3>Suite " + escape(suite.empty() ? "(unnamed)" : suite) + "</h3>\n<p>";
    for (const auto& [result, n] : totals) out += badge(result) + " " + std::to_string(n) + " &nbsp; ";
    out += "</p>\n";
    for (const auto& [section, rows] : sections) {
      int failed = 0;
      for (const auto* r : rows) failed += is_failure(r->result) ? 1 : 0;
      out += std::string("<details") + (failed > 0 ? " open" : "") + "><summary>" +
             escape(section.empty() ? "(no section)" : section) + " — " + std::to_string(rows.size()) +
             " cases" + (failed > 0 ? ", " + std::to_string(failed) + " failed" : std::string()) +
             "</summary>\n<ul>\n";
      for (const auto* r : rows) {
        out += "<li>" + badge(r->result) + " <code>" + escape(r->case_id) + "</code> " + escape(r->level);
        if (is_failure(r->result) && !r->evidence.empty()) {
          std::string evidence = r->evidence.substr(0, kEvidenceCharsMax);
          if (r->evidence.size() > kEvidenceCharsMax) evidence += "\n(evidence cut here)";
          out += "<pre class=\"evidence\">" + escape(evidence) + "</pre>";
        }
        out += "</li>\n";
      }
      out += "</ul></details>\n";
    }
  }
  return out;
}

}  // namespace ptplab::reports::html
