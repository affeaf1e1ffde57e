// Run configuration lookups (see run_params.hpp).
#include "reports/html/run_params.hpp"

#include <algorithm>
#include <cstdlib>

namespace ptplab::reports::html {
namespace {

bool ends_with_key(const std::string& pointer, const std::string& key) {
  const std::string suffix = "/" + key;
  return pointer.size() >= suffix.size() &&
         pointer.compare(pointer.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

}  // namespace

std::string unquote(const std::string& json_text) {
  if (json_text.size() >= 2 && json_text.front() == '"' && json_text.back() == '"') {
    return json_text.substr(1, json_text.size() - 2);
  }
  return json_text;
}

std::vector<std::string> values_of(const std::vector<ParamRecord>& params, const std::string& key) {
  std::vector<std::string> out;
  for (const auto& p : params) {
    if (!ends_with_key(p.name, key)) continue;
    const std::string v = unquote(p.value);
    if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
  }
  return out;
}

std::string propagation_label(const std::vector<ParamRecord>& params) {
  const auto v = values_of(params, "propagation");
  return v.empty() ? "flood (default)" : join(v, "+");
}

int id_bits(const std::vector<ParamRecord>& params, const std::string& key) {
  int bits = 128;
  for (const auto& v : values_of(params, key)) {
    const int b = std::atoi(v.c_str());
    if (b > 0) bits = std::min(bits, b);
  }
  return bits;
}

std::string attack_label(const std::vector<ParamRecord>& params) {
  std::vector<std::string> behaviours;
  for (const auto& p : params) {
    if (!p.name.starts_with("/attackers/") || !ends_with_key(p.name, "behaviour")) continue;
    const std::string v = unquote(p.value);
    if (std::find(behaviours.begin(), behaviours.end(), v) == behaviours.end()) behaviours.push_back(v);
  }
  return join(behaviours, "+");
}

bool mitigations_on(const std::vector<ParamRecord>& params) {
  for (const char* key : {"rate_limit_enabled", "bounded_tables_enabled", "anti_amplification_enabled",
                          "connect_live_peers_only"}) {
    for (const auto& v : values_of(params, key)) {
      if (v == "false") return false;
    }
  }
  return true;
}

std::vector<std::pair<std::string, std::string>> swept_values(const std::string& sweep_point) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t start = 0;
  while (start < sweep_point.size()) {
    std::size_t end = sweep_point.find(' ', start);
    if (end == std::string::npos) end = sweep_point.size();
    const std::string token = sweep_point.substr(start, end - start);
    start = end + 1;
    const std::size_t eq = token.find('=');
    if (eq == std::string::npos || token.starts_with("seed=")) continue;
    out.emplace_back(token.substr(0, eq), unquote(token.substr(eq + 1)));
  }
  return out;
}

std::string short_name(const std::string& pointer) {
  const std::size_t slash = pointer.rfind('/');
  return slash == std::string::npos ? pointer : pointer.substr(slash + 1);
}

std::vector<std::string> short_names(const std::vector<std::string>& pointers) {
  std::vector<std::string> out;
  for (const auto& p : pointers) {
    const auto shared = [&](const std::string& suffix) {
      return std::any_of(pointers.begin(), pointers.end(), [&](const std::string& q) {
        return q != p && (q == suffix || q.ends_with("/" + suffix));
      });
    };
    std::size_t slash = p.rfind('/');
    while (slash != std::string::npos && slash > 0 && shared(p.substr(slash + 1)))
      slash = p.rfind('/', slash - 1);
    out.push_back(slash == std::string::npos ? p : p.substr(slash + 1));
  }
  return out;
}

}  // namespace ptplab::reports::html
