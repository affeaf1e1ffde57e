// `--set path=value`: JSON-or-string values, and setting a JSON pointer that may not exist yet.
#include "scenarios/format/overrides.hpp"

#include <algorithm>
#include <vector>

#include "scenarios/format/duplicate_keys.hpp"
#include "scenarios/format/json_checker.hpp"

namespace ptplab::scenarios {
namespace {

using nlohmann::json;

// Why `pointer` cannot be set in `doc` without inventing array items or writing below a scalar,
// as a validation error at the deepest pointer that goes wrong; none when it can. nlohmann/json
// would fill a gap in an array with nulls (/nodes/7 on two groups made /nodes/2../nodes/6 null
// and reported those) and throws a terse message below a scalar.
ValidationErrors path_problem(const json& doc, const json::json_pointer& pointer, const std::string& shown) {
  std::vector<std::string> tokens;
  for (auto p = pointer; !p.empty(); p = p.parent_pointer()) tokens.push_back(p.back());
  std::reverse(tokens.begin(), tokens.end());
  const json* at = &doc;
  std::string here;
  // Below a missing or null member nlohmann/json creates what the tokens name: an object for a
  // key, an array of index + 1 items for a number (/new/7370955162 asked for 117 GB; found by
  // overrides_fuzz). Only index 0 or "-" (one item) may be created that way.
  const auto created_from = [&](std::size_t first) -> ValidationErrors {
    std::string p = here;
    for (std::size_t i = first; i < tokens.size(); ++i) {
      const std::string& t = tokens[i];
      p = child_pointer(p, t);
      const bool digits =
          !t.empty() && std::all_of(t.begin(), t.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
      if (digits && t != "0")
        return {{p, "--set " + shown +
                        ": expected index 0 (or \"-\") in an array the path creates, found \"" + t + "\""}};
    }
    return {};
  };
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string& token = tokens[i];
    const std::string next = child_pointer(here, token);
    if (at->is_null()) return created_from(i);  // created from here on
    if (at->is_object()) {
      if (!at->contains(token)) {
        here = next;
        return created_from(i + 1);
      }
      at = &(*at)[token];
    } else if (at->is_array()) {
      const bool digits = !token.empty() && std::all_of(token.begin(), token.end(),
                                                        [](char ch) { return ch >= '0' && ch <= '9'; });
      const std::string size = std::to_string(at->size());
      const std::string range =
          at->empty() ? "0 (or \"-\") to add the first item"
                      : "0 to " + std::to_string(at->size() - 1) + ", or " + size + " (or \"-\") to add one";
      // Appending: the item is created, so the rest of the path is checked as created (an
      // index past 0 below it would allocate that many items; found by overrides_fuzz).
      if (token == "-") {
        here = next;
        return created_from(i + 1);
      }
      if (!digits || token.size() > 9 || std::stoul(token) > at->size()) {
        return {{next, "--set " + shown + ": " + (here.empty() ? "the document" : here) + " has " + size +
                           (at->size() == 1 ? " item" : " items") + "; expected an index " + range +
                           ", found \"" + token + "\""}};
      }
      if (std::stoul(token) == at->size()) {
        here = next;
        return created_from(i + 1);
      }
      at = &(*at)[std::stoul(token)];
    } else {
      return {{here, "--set " + shown + ": cannot set " + next + " below " + describe(*at) +
                         "; expected an object or an array at " + here}};
    }
    here = next;
  }
  return {};
}

}  // namespace

nlohmann::json parse_override_value(std::string_view text) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception&) {  // not JSON, or a number beyond a double (1e999)
    return std::string(text);
  }
}

ValidationErrors apply_override(nlohmann::json& doc, std::string_view assignment) {
  // Scenario files are parsed as UTF-8 JSON; an override must be text of the same kind, or the
  // effective document could not be written out (nlohmann/json throws on invalid UTF-8).
  try {
    (void)nlohmann::json(std::string(assignment)).dump();
  } catch (const nlohmann::json::type_error&) {
    return {{"", "--set: expected UTF-8 text, found bytes that are not UTF-8"}};
  }
  const auto eq = assignment.find('=');
  const std::string shown(assignment);
  if (eq == std::string_view::npos) {
    return {{"", "--set " + shown + ": expected path=value, found no '='"}};
  }
  const std::string path(assignment.substr(0, eq));
  if (path.empty() || path.front() != '/') {
    return {
        {path, "--set " + shown +
                   ": expected a JSON pointer path starting with '/' (RFC 6901), such as /nodes/0/count=" +
                   std::string(assignment.substr(eq + 1))}};
  }
  try {
    const nlohmann::json::json_pointer pointer(path);
    if (pointer.empty()) return {{path, "--set " + shown + ": expected a path below the document root"}};
    if (auto problem = path_problem(doc, pointer, shown); !problem.empty()) return problem;
    // A value is checked as a file is: a repeated key is an error, not "the last one wins".
    auto repeated = find_duplicate_keys(assignment.substr(eq + 1));
    for (auto& e : repeated) {
      e.pointer = path + e.pointer;
      e.message = "--set " + shown + ": " + e.message;
    }
    if (!repeated.empty()) return repeated;
    // json_pointer creates missing objects; an array index must exist or be its end ("-" or size).
    doc[pointer] = parse_override_value(assignment.substr(eq + 1));
  } catch (const nlohmann::json::exception& e) {
    return {{path, "--set " + shown + ": cannot set this path (" + without_library_tag(e.what()) + ")"}};
  }
  return {};
}

}  // namespace ptplab::scenarios
