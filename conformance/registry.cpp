// The case registry and its listings.
#include "conformance/registry.hpp"

#include <map>
#include <ostream>

#include "conformance/cases/sections.hpp"
#include "conformance/requirements.hpp"

namespace ptplab::conformance {

const std::vector<Case>& all_cases() {
  static const std::vector<Case> cases = [] {
    std::vector<Case> all;
    add_head_cases(all);
    add_hello_cases(all);
    add_ack_cases(all);
    add_channel_cases(all);
    add_certificate_cases(all);
    add_key_cases(all);
    add_message_cases(all);
    add_connect_cases(all);
    add_routing_cases(all);
    add_robust_cases(all);
    return all;
  }();
  return cases;
}

void write_case_list(std::ostream& out, const std::vector<Case>& cases) {
  for (const auto& c : cases) {
    out << c.id << "  [" << level_name(c.level) << "] " << c.req << (c.strict ? " (strict)" : "") << "  "
        << c.requirement << "\n";
  }
  out << cases.size() << " cases\n";
}

namespace {
std::string cell(std::string_view text) {
  std::string out;
  for (const char ch : text) out += ch == '|' ? std::string("\\|") : std::string(1, ch);
  return out;
}
}  // namespace

void write_traceability_markdown(std::ostream& out, const std::vector<Case>& cases) {
  std::map<std::string_view, std::vector<const Case*>> by_req;
  for (const auto& c : cases) by_req[c.req].push_back(&c);
  int untested = 0;
  for (const auto& r : requirements()) untested += by_req.count(r.key) == 0 ? 1 : 0;
  out << "## Traceability: requirement -> cases\n\n"
      << requirements().size() << " requirements (spec, then our protocol notes), " << cases.size()
      << " cases, " << untested << " requirements untested.\n\n"
      << "| requirement | section | level | sentence | cases |\n|---|---|---|---|---|\n";
  for (const auto& r : requirements()) {
    out << "| " << r.key << " | " << cell(r.section) << " | " << level_name(r.level) << " | "
        << cell(r.sentence) << " | ";
    const auto it = by_req.find(r.key);
    if (it == by_req.end()) {
      out << "**untested**: " << cell(r.untested.empty() ? "no case yet" : r.untested);
    } else {
      for (std::size_t i = 0; i < it->second.size(); ++i)
        out << (i ? ", " : "") << "`" << it->second[i]->id << "`";
    }
    out << " |\n";
  }
  out << "\n## Cases\n\n| case | level | requirement | checks |\n|---|---|---|---|\n";
  for (const auto& c : cases) {
    out << "| `" << c.id << "` | " << level_name(c.level) << (c.strict ? " (strict)" : "") << " | " << c.req
        << " | " << cell(c.requirement) << " |\n";
  }
}

}  // namespace ptplab::conformance
