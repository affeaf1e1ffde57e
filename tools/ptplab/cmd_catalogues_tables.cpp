// The catalogues, each built from its table (see cmd_catalogues_tables.hpp).
#include "tools/ptplab/cmd_catalogues_tables.hpp"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

#include "conformance/case.hpp"
#include "conformance/writers.hpp"
#include "engine/core/reason.hpp"
#include "engine/core/time.hpp"
#include "engine/node/node_params.hpp"
#include "reports/records/metrics.hpp"
#include "reports/text_table.hpp"
#include "scenarios/format/scenario.hpp"
#include "sim/drop_reason.hpp"

namespace ptplab::cli {
namespace {

// Names joined by ", ".
template <class Names>
std::string joined(const Names& names, std::string_view quote = "") {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += ", ";
    out += std::string(quote) + std::string(n) + std::string(quote);
  }
  return out;
}

// A bound as set_param accepts it: "8..128", ">= 1", a list of names, or "any".
std::string param_bound(const engine::ParamInfo& p) {
  if (!p.choices.empty()) return joined(p.choices);
  if (p.type == "string") return "any";
  const auto number = [](double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return std::string(buf);
  };
  const auto whole = [](double v) { return std::to_string(static_cast<std::int64_t>(v)); };
  if (p.type == "duration") return whole(p.min) + " ns.." + format_duration(static_cast<TimeNs>(*p.max));
  if (p.type == "integer") return whole(p.min) + ".." + whole(*p.max);
  return p.max ? number(p.min) + ".." + number(*p.max) : ">= " + number(p.min);
}

// A default as a scenario file would write it: durations as "500ms", names unquoted.
std::string param_default(const engine::ParamInfo& p, const nlohmann::json& v) {
  if (p.type == "duration") return format_duration(v.get<TimeNs>());
  return v.is_string() ? v.get<std::string>() : v.dump();
}

Catalogue params() {
  Catalogue c{"params",
              "scenarios/README.md",
              "Node parameters",
              "",
              {"name", "type", "default", "unit", "bound", "meaning", "used only when"},
              {}};
  c.intro =
      "Every NodeParams field a scenario's \"nodes\"[i].\"params\" (or a timeline set_param) may set, "
      "from the definition table in engine/node/node_params.cpp; the scenario loader checks the bound, "
      "and warns (`warning:`, in `ptplab validate` and the run summary) when a value is set that has "
      "no effect because the condition in \"used only when\" does not hold for its group. "
      "Units:";
  for (const auto& u : engine::kParamUnits)
    if (!u.name.empty()) c.intro += " " + std::string(u.name) + " (" + std::string(u.meaning) + ");";
  c.intro.back() = '.';
  const auto defaults = engine::params_to_json(engine::NodeParams{});
  for (const auto& p : engine::param_catalogue()) {
    std::string meaning(p.meaning);
    for (std::size_t i = 0; i < p.choice_meanings.size(); ++i)
      meaning +=
          (i == 0 ? ": " : "; ") + std::string(p.choices[i]) + " = " + std::string(p.choice_meanings[i]);
    c.rows.push_back({std::string(p.name), std::string(p.type),
                      param_default(p, defaults.at(std::string(p.name))),
                      std::string(name_of(engine::kParamUnits, p.unit)), param_bound(p), meaning,
                      p.used_when.param.empty() ? "always" : engine::condition_text(p.used_when)});
  }
  return c;
}

Catalogue metrics() {
  Catalogue c{"metrics", "reports/SCHEMA.md", "Metric catalogue", "", {"name", "unit", "better", "meaning"},
              {}};
  c.intro =
      "Every metric a run computes: scalar rows of module \"metrics\" in the report, the names an "
      "\"expect\" entry and `ptplab compare --fail-if-worse` use; from the metric table in "
      "reports/records/metrics.cpp, whose SQL definitions reports/SCHEMA.md explains. Better:";
  for (const auto& b : reports::kBetters)
    c.intro += " " + std::string(b.name) + " (" + std::string(b.meaning) + ");";
  c.intro.back() = '.';
  for (const auto& m : reports::metric_table()) {
    c.rows.push_back({std::string(m.name), std::string(m.unit), std::string(reports::better_name(m.better)),
                      std::string(m.meaning)});
  }
  c.intro +=
      " After the metrics, the other values a run stores (the run value table in the same file): scalar "
      "rows named by their key \"module.name\" (modules \"sim\" and \"abuse\") and statistics by name, "
      "which `ptplab compare` compares in the direction given. A key ending in an upper-case part is a "
      "family:";
  for (const auto& p : reports::kRunValueParts)
    if (!p.name.empty()) c.intro += " " + std::string(p.name) + " (" + std::string(p.meaning) + ");";
  c.intro.back() = '.';
  for (const auto& v : reports::run_value_table()) {
    std::string name(v.key);
    if (v.parts != reports::RunValueParts::kNone)
      name += "." + std::string(name_of(reports::kRunValueParts, v.parts));
    c.rows.push_back(
        {name, std::string(v.unit), std::string(reports::better_name(v.better)), std::string(v.meaning)});
  }
  return c;
}

// What a behaviour parameter accepts, in words.
std::string behaviour_param(const scenarios::BehaviourParam& p) {
  using K = scenarios::ParamKind;
  std::string what;
  switch (p.kind) {
    case K::kBool: what = "true or false"; break;
    case K::kInteger: what = std::to_string(p.min) + ".." + std::to_string(p.max); break;
    case K::kDuration: what = "a duration"; break;
    case K::kName: what = "one of " + joined(p.names); break;
    case K::kChannel: what = "a workload channel name"; break;
    case K::kNodeIndex: what = "a node index"; break;
  }
  return std::string(p.key) + " (" + what + ")";
}

Catalogue behaviours() {
  Catalogue c{"behaviours", "scenarios/README.md",         "Adversary behaviours",
              "",           {"name", "params", "meaning"}, {}};
  c.intro =
      "What an \"attackers\"[i].\"behaviour\" may name, with the \"params\" keys it accepts (others are "
      "errors at /attackers/N/params/KEY); from the behaviour table in scenarios/format/scenario.hpp.";
  for (const auto& b : scenarios::kBehaviours) {
    std::vector<std::string> ps;
    for (const auto& p : b.params) ps.push_back(behaviour_param(p));
    c.rows.push_back({std::string(b.name), ps.empty() ? "none" : joined(ps), std::string(b.meaning)});
  }
  return c;
}

Catalogue actions() {
  Catalogue c{"actions", "scenarios/README.md", "Timeline actions", "", {"action", "keys", "meaning"}, {}};
  c.intro =
      "What a \"timeline\"[i].\"action\" may name, with the keys its entry may have; from the action "
      "table in scenarios/format/scenario.hpp (scenarios/README.md \"timeline\" explains the keys).";
  for (const auto& a : scenarios::TimelineEvent::kActions)
    c.rows.push_back({std::string(a.name), joined(a.key_names()), std::string(a.meaning)});
  return c;
}

Catalogue reasons() {
  Catalogue c{"reasons", "reports/SCHEMA.md", "Drop and event reasons", "", {"reason", "layer", "meaning"},
              {}};
  c.intro =
      "The reasons reports (traffic.drop_reason), `ptplab node` JSON lines and run summaries print, by "
      "layer: engine reasons (a node dropped or refused something; engine/core/reason.hpp) and network "
      "reasons (the simulated network dropped a datagram; sim/drop_reason.hpp). No name is in both "
      "tables (a static_assert in sim/drop_reason.hpp), so a drop_reason names its layer. An engine "
      "drop about no datagram (a request never made, such as a GETCERTIFICATE with no_route) is no "
      "traffic row: the scalars \"sim\" \"not_sent.<reason>\" count those.";
  for (const auto& r : kReasons)
    if (!r.name.empty()) c.rows.push_back({std::string(r.name), "engine", std::string(r.meaning)});
  for (const auto& r : sim::kDropReasons)
    c.rows.push_back({std::string(r.name), "network", std::string(r.meaning)});
  return c;
}

Catalogue verdicts() {
  Catalogue c{"verdicts", "reports/SCHEMA.md", "Conformance verdicts", "", {"result", "meaning"}, {}};
  c.intro =
      "The values of conformance_result.result (`ptplab conform --report`): a case's status, from the "
      "status table in conformance/case.hpp, or \"" +
      std::string(conformance::kExpectedFailureResult) +
      "\" (conformance/writers.hpp). A case of --expect-fail that passed is written \"fail\".";
  for (const auto& v : conformance::kStatuses)
    c.rows.push_back({std::string(v.name), std::string(v.meaning)});
  c.rows.push_back(
      {std::string(conformance::kExpectedFailureResult), std::string(conformance::kExpectedFailureMeaning)});
  return c;
}

// Markdown-safe cell text.
std::string md_cell(const std::string& s) {
  std::string out;
  for (const char ch : s) {
    if (ch == '|' || ch == '*') out += '\\';
    out += ch;
  }
  return out;
}

}  // namespace

std::vector<Catalogue> all_catalogues() {
  return {params(), metrics(), behaviours(), actions(), reasons(), verdicts()};
}

Catalogue catalogue(std::string_view command) {
  for (auto& c : all_catalogues())
    if (c.command == command) return c;
  return {};
}

std::string render_text(const Catalogue& c) {
  reports::TextTable t(c.header);
  for (const auto& r : c.rows) t.row(r);
  return c.title + "\n" + c.intro + "\n\n" + t.render();
}

std::string render_markdown(const Catalogue& c) {
  std::ostringstream out;
  out << "#### " << c.title << "\n\n" << c.intro << " Printed by `ptplab " << c.command << "`.\n\n";
  for (const auto& h : c.header) out << "| " << h << " ";
  out << "|\n";
  for (std::size_t i = 0; i < c.header.size(); ++i) out << "|---";
  out << "|\n";
  for (const auto& r : c.rows) {
    for (std::size_t i = 0; i < r.size(); ++i)
      out << "| " << (i == 0 ? "`" + r[i] + "`" : md_cell(r[i])) << " ";
    out << "|\n";
  }
  return out.str();
}

}  // namespace ptplab::cli
