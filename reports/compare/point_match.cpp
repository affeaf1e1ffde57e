// Matching sweep points by swept values (see point_match.hpp).
#include "reports/compare/point_match.hpp"

#include <algorithm>
#include <set>

#include "reports/html/run_params.hpp"

namespace ptplab::reports::compare {
namespace {

constexpr std::string_view kNotSet = "(not set)";

// The value a point ran for `pointer`: its parameter's value unquoted, or the leaves below it
// ("{latency/delay=20ms,...}") when the swept value is an object or array.
std::string value_at(const PointRuns& p, const std::string& pointer) {
  std::string leaves;
  for (const auto& param : p.params) {
    if (param.name == pointer) return html::unquote(param.value);
    if (param.name.starts_with(pointer + "/")) {
      leaves += leaves.empty() ? "{" : ",";
      leaves += param.name.substr(pointer.size() + 1) + "=" + html::unquote(param.value);
    }
  }
  return leaves.empty() ? std::string(kNotSet) : leaves + "}";
}

// The point's values on every swept pointer, in pointer order.
std::vector<std::string> key_of(const PointRuns& p, const std::vector<std::string>& pointers) {
  std::vector<std::string> key;
  for (const auto& pointer : pointers) key.push_back(value_at(p, pointer));
  return key;
}

// "gossip_fanout=4", each pointer by its shortest suffix the other swept pointers do not share.
std::string label_of(const std::vector<std::string>& key, const std::vector<std::string>& pointers) {
  const auto names = html::short_names(pointers);
  std::string out;
  for (std::size_t i = 0; i < pointers.size(); ++i) {
    if (!out.empty()) out += ' ';
    out += names[i] + "=" + key[i];
  }
  return out;
}

// "4, 8, 16": the distinct values of one pointer over a report's points, in value_less order.
std::string values_on(const ReportRuns& r, const std::string& pointer) {
  std::vector<std::string> seen;
  for (const auto& p : r.points) {
    const std::string v = value_at(p, pointer);
    if (std::find(seen.begin(), seen.end(), v) == seen.end()) seen.push_back(v);
  }
  std::sort(seen.begin(), seen.end(), value_less);
  std::string out;
  for (const auto& v : seen) out += (out.empty() ? "" : ", ") + v;
  return out;
}

}  // namespace

Expected<PointMatch, std::string> match_points(const ReportRuns& a, const ReportRuns& b) {
  std::set<std::string> swept;
  for (const auto* r : {&a, &b}) {
    for (const auto& p : r->points) swept.insert(p.swept.begin(), p.swept.end());
  }
  const std::vector<std::string> pointers(swept.begin(), swept.end());
  PointMatch out;
  std::vector<bool> b_matched(b.points.size(), false);
  for (const auto& pa : a.points) {
    const auto key = key_of(pa, pointers);
    bool matched = false;
    for (std::size_t j = 0; j < b.points.size(); ++j) {
      if (b_matched[j] || key_of(b.points[j], pointers) != key) continue;
      out.pairs.push_back({&pa, &b.points[j], label_of(key, pointers)});
      b_matched[j] = matched = true;
      break;
    }
    if (!matched) out.only_in_a.push_back(label_of(key, pointers));
  }
  for (std::size_t j = 0; j < b.points.size(); ++j) {
    if (!b_matched[j]) out.only_in_b.push_back(label_of(key_of(b.points[j], pointers), pointers));
  }
  if (out.pairs.empty()) {
    std::string why =
        "the two files share no point (points are matched by the values of the swept parameters)";
    if (a.points.empty() || b.points.empty()) why = "a file holds no run";
    bool unset = false;
    for (const auto& pointer : pointers) {
      const std::string in_a = values_on(a, pointer);
      const std::string in_b = values_on(b, pointer);
      why += "\n  " + pointer + ": A ran " + in_a + "; B ran " + in_b;
      unset = unset || in_a.find(kNotSet) != std::string::npos || in_b.find(kNotSet) != std::string::npos;
    }
    if (unset) {
      why +=
          "\n  (a parameter left at its default is not recorded: set it in the scenario or with --set "
          "to match it)";
    }
    return Unexpected(why);
  }
  return out;
}

}  // namespace ptplab::reports::compare
