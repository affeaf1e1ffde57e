// load_scenario: parse (comments allowed), apply --set overrides, read every section, then
// cross-check names. Errors from all sections are returned together.
#include "scenarios/format/loader.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "scenarios/format/duplicate_keys.hpp"
#include "scenarios/format/json_checker.hpp"
#include "scenarios/format/json_error_place.hpp"
#include "scenarios/format/overrides.hpp"
#include "scenarios/format/param_warnings.hpp"
#include "scenarios/format/sections.hpp"

namespace ptplab::scenarios {
namespace {

using nlohmann::json;

void read_top(JsonChecker& c, const json& doc, Scenario& s) {
  c.check_keys(doc, "",
               {"name", "description", "seed", "duration", "record", "network", "nodes", "topology",
                "workload", "timeline", "attackers", "expect", "sweep"});
  if (c.require_key(doc, "", "name")) c.name(doc, "", "name", s.name);
  c.string(doc, "", "description", s.description);
  c.integer(doc, "", "seed", s.seed, 0, (std::uint64_t{1} << 63) - 1);
  c.duration(doc, "", "duration", s.duration_ns, {kDurationMax, /*positive=*/true});
  read_choice(c, doc, "", "record", kRecordLevels, s.record);
}

// Thrown from the parser's callback when the cancel flag is raised: ends json::parse at once.
struct ParseCancelled {};

ValidationErrors cancelled_load() { return ValidationErrors{{"", std::string(kLoadCancelled)}}; }

}  // namespace

std::string ValidationError::to_string() const {
  return (pointer.empty() ? std::string("(document)") : pointer) + ": " + message;
}

Expected<Scenario, ValidationErrors> load_scenario(std::string_view text,
                                                   const std::vector<std::string>& overrides,
                                                   const std::atomic<bool>* cancel) {
  const auto cancelled = [cancel] { return cancel != nullptr && cancel->load(std::memory_order_relaxed); };
  // The structure pass comes first: it refuses nesting too deep to build (kNestingMax).
  auto duplicates = find_duplicate_keys(text, cancel);
  if (!duplicates.empty() && nesting_too_deep(duplicates.back())) return Unexpected(std::move(duplicates));
  if (cancelled()) return Unexpected(cancelled_load());
  json doc;
  try {
    // With a cancel flag, the parser polls it every 4096 values (a callback that keeps every value).
    std::size_t values = 0;
    const json::parser_callback_t poll = [&](int, json::parse_event_t, json&) {
      if ((++values & 4095U) == 0 && cancelled()) throw ParseCancelled{};
      return true;
    };
    doc = json::parse(text.begin(), text.end(), cancel != nullptr ? poll : nullptr, /*allow_exceptions=*/true,
                      /*ignore_comments=*/true);
  } catch (const ParseCancelled&) {
    return Unexpected(cancelled_load());
  } catch (const json::parse_error& e) {
    return Unexpected(ValidationErrors{{"", "not valid JSON: " + without_library_tag(e.what())}});
  } catch (const json::exception& e) {
    // out_of_range for a number beyond a double (1e999): the file's, and its message has no place.
    const auto place = json_error_place(text);
    const bool overflow = place && place->number_overflow;
    return Unexpected(ValidationErrors{
        {"",
         "not valid JSON: " + without_library_tag(e.what()) +
             (overflow ? " at " + place->to_string() + " (beyond the largest double, about 1.8e308)" : "")}});
  }
  // Repeated keys are reported with every other error of the file (the document holds the last
  // of each, as nlohmann/json keeps it), so one pass shows everything to fix.
  JsonChecker c;
  for (auto& d : duplicates) c.error(std::move(d.pointer), std::move(d.message));
  if (!c.require_object(doc, "", "a JSON object")) return Unexpected(c.take_errors());
  ValidationErrors override_errors;
  // The same path twice is an error, as a key given twice in a file is: the first value would
  // be dropped silently (review-tr finding 21).
  for (std::size_t i = 0; i < overrides.size(); ++i) {
    const auto path = overrides[i].substr(0, overrides[i].find('='));
    for (std::size_t j = 0; j < i; ++j) {
      if (overrides[j].substr(0, overrides[j].find('=')) != path) continue;
      override_errors.push_back({path, "--set " + path + " given twice (" + overrides[j] + ", then " +
                                           overrides[i] + "); give each path once"});
      break;
    }
  }
  for (const auto& o : overrides) {
    auto errs = apply_override(doc, o);
    override_errors.insert(override_errors.end(), errs.begin(), errs.end());
  }
  if (!override_errors.empty()) {
    ValidationErrors all = c.take_errors();
    all.insert(all.end(), override_errors.begin(), override_errors.end());
    return Unexpected(std::move(all));
  }

  Scenario s;
  // The sections in document order, the cancel flag polled between them.
  using Section = void (*)(JsonChecker&, const json&, Scenario&);
  static constexpr Section kSections[] = {read_top,       read_network,  read_nodes,
                                          read_topology,  read_workload, read_timeline,
                                          read_attackers, read_expect,   read_sweep};
  for (const Section read : kSections) {
    if (cancelled()) return Unexpected(cancelled_load());
    read(c, doc, s);
  }
  if (cancelled()) return Unexpected(cancelled_load());
  check_references(c, doc, s);
  check_totals(c, s);
  if (!c.errors().empty()) return Unexpected(c.take_errors());
  if (cancelled()) return Unexpected(cancelled_load());
  // Warned about: what the file (or --set) gives, before the server defaults join the document.
  s.warnings = unused_param_warnings(doc, s);
  // The effective document (the report's run_param rows) holds NodeParams numbers as the engine
  // took them: 1e3 is written 1000.
  for (std::size_t g = 0; g < s.nodes.size(); ++g) {
    for (const auto& o : s.nodes[g].params) {
      auto& given = doc["nodes"][g]["params"][o.name];
      if (given.dump() != o.value) given = json::parse(o.value);
    }
  }
  s.document = doc.dump();
  return s;
}

Expected<Scenario, ValidationErrors> load_scenario_file(const std::string& path,
                                                        const std::vector<std::string>& overrides,
                                                        const std::atomic<bool>* cancel) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return Unexpected(ValidationErrors{{"", "no such file"}});
  if (std::filesystem::is_directory(path, ec)) {
    return Unexpected(ValidationErrors{{"", "is a folder, not a scenario file"}});
  }
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return Unexpected(ValidationErrors{{"", std::string("cannot read the file: ") + std::strerror(errno)}});
  std::ostringstream text;
  text << in.rdbuf();
  if (cancel != nullptr && cancel->load(std::memory_order_relaxed)) return Unexpected(cancelled_load());
  return load_scenario(text.str(), overrides, cancel);
}

}  // namespace ptplab::scenarios
