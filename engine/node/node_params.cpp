// The by-name table of NodeParams fields: one row per field with its type and allowed range,
// shared by set_param, param_names and params_to_json so the three never disagree.
#include "engine/node/node_params.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <type_traits>

namespace ptplab::engine {
namespace {

using Error = Unexpected<std::string>;
using Ok = Expected<std::monostate, std::string>;

// A field reference of one of the types NodeParams uses.
using FieldPtr =
    std::variant<std::string NodeParams::*, int NodeParams::*, std::uint32_t NodeParams::*,
                 double NodeParams::*, bool NodeParams::*, TimeNs NodeParams::*, Propagation NodeParams::*,
                 ChannelCrypto NodeParams::*, IdScheme NodeParams::*, MsgIdScheme NodeParams::*>;

// One row of the table: name, field, and the accepted range (numbers).
struct ParamDef {
  std::string_view name;
  FieldPtr field;
  double min = 0;
  double max = 1e18;
};

// A field's value as JSON: choices by name, the rest as they are.
template <typename T>
nlohmann::json field_json(const T& value) {
  if constexpr (Choice<T>)
    return std::string(choice_name(value));
  else
    return value;
}

// Parses a choice by its table's names; the error lists them.
template <typename E>
Expected<E, std::string> parse_named(const nlohmann::json& v) {
  if (v.is_string())
    if (const auto e = parse_choice<E>(v.get<std::string>())) return *e;
  std::string list;
  for (auto c : choice_names(E{})) list += (list.empty() ? "\"" : ", \"") + std::string(c) + "\"";
  return Unexpected<std::string>{v.is_string() ? "one of " + list : "a string"};
}

const std::vector<ParamDef>& table() {
  static const std::vector<ParamDef> defs = {
      {"version", &NodeParams::version},
      {"id_scheme", &NodeParams::id_scheme},
      {"msg_id_scheme", &NodeParams::msg_id_scheme},
      {"node_id_bits", &NodeParams::node_id_bits, 8, 128},
      {"msg_id_bits", &NodeParams::msg_id_bits, 8, 128},
      {"hello_interval_min_ns", &NodeParams::hello_interval_min_ns, 1},
      {"hello_interval_max_ns", &NodeParams::hello_interval_max_ns, 1},
      {"peer_timeout_ns", &NodeParams::peer_timeout_ns, 1},
      {"peers_max", &NodeParams::peers_max, 1},
      {"housekeeping_interval_ns", &NodeParams::housekeeping_interval_ns, 1},
      {"ack_timeout_ns", &NodeParams::ack_timeout_ns, 1},
      {"retransmit_backoff", &NodeParams::retransmit_backoff, 1, 16},
      {"retransmit_max", &NodeParams::retransmit_max, 0, 64},
      {"pending_retransmissions_max", &NodeParams::pending_retransmissions_max, 1},
      {"dedup_window_ns", &NodeParams::dedup_window_ns, 1},
      {"dedup_entries_max", &NodeParams::dedup_entries_max, 1},
      {"certificates_max", &NodeParams::certificates_max, 1},
      {"pending_verifications_max", &NodeParams::pending_verifications_max, 1},
      {"pending_verification_timeout_ns", &NodeParams::pending_verification_timeout_ns, 1},
      {"key_request_interval_ns", &NodeParams::key_request_interval_ns, 1},
      {"certificate_in_message", &NodeParams::certificate_in_message},
      {"channel_crypto", &NodeParams::channel_crypto},
      {"rekey_on_leave", &NodeParams::rekey_on_leave},
      {"channel_refresh_interval_ns", &NodeParams::channel_refresh_interval_ns, 1},
      {"channels_max", &NodeParams::channels_max, 1},
      {"members_max", &NodeParams::members_max, 1},
      {"propagation", &NodeParams::propagation},
      {"gossip_fanout", &NodeParams::gossip_fanout, 1},
      {"hops_max", &NodeParams::hops_max, 1},
      {"verify_before_relay", &NodeParams::verify_before_relay},
      {"routing_enabled", &NodeParams::routing_enabled},
      {"routing_interval_ns", &NodeParams::routing_interval_ns, 1},
      {"routing_entries_max", &NodeParams::routing_entries_max, 1},
      {"routing_entry_timeout_ns", &NodeParams::routing_entry_timeout_ns, 1},
      {"routing_greetings_max", &NodeParams::routing_greetings_max, 0},
      {"connect_timeout_ns", &NodeParams::connect_timeout_ns, 1},
      {"connect_rate_per_s", &NodeParams::connect_rate_per_s, 0},
      {"connect_burst", &NodeParams::connect_burst, 1},
      {"connect_live_peers_only", &NodeParams::connect_live_peers_only},
      {"connect_attempts_max", &NodeParams::connect_attempts_max, 1},
      {"bounded_tables_enabled", &NodeParams::bounded_tables_enabled},
      {"rate_limit_enabled", &NodeParams::rate_limit_enabled},
      {"rate_datagrams_per_s", &NodeParams::rate_datagrams_per_s, 0},
      {"rate_burst_datagrams", &NodeParams::rate_burst_datagrams, 1},
      {"rate_bytes_per_s", &NodeParams::rate_bytes_per_s, 0},
      {"rate_burst_bytes", &NodeParams::rate_burst_bytes, 1},
      {"rate_sources_max", &NodeParams::rate_sources_max, 1},
      {"anti_amplification_enabled", &NodeParams::anti_amplification_enabled},
      {"amplification_factor_max", &NodeParams::amplification_factor_max, 1},
      {"certificate_answers_per_s", &NodeParams::certificate_answers_per_s, 0},
      {"certificate_answers_burst", &NodeParams::certificate_answers_burst, 1},
      {"max_datagram_bytes", &NodeParams::max_datagram_bytes, 512, 65507},
  };
  return defs;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::string range_text(const ParamDef& d) {
  std::string text = "a number >= " + nlohmann::json(d.min).dump();
  if (d.max < 1e18) text += " and <= " + nlohmann::json(d.max).dump();
  return text;
}

Ok check_range(const ParamDef& d, double v) {
  if (!std::isfinite(v) || v < d.min || v > d.max)
    return Error{"parameter \"" + std::string(d.name) + "\": expected " + range_text(d) + ", got " +
                 nlohmann::json(v).dump()};
  return std::monostate{};
}

Ok set_field(NodeParams& p, const ParamDef& d, const nlohmann::json& v) {
  const std::string name(d.name);
  auto expected = [&](std::string_view what) {
    return Error{"parameter \"" + name + "\": expected " + std::string(what) + ", got " + v.dump()};
  };
  std::optional<Ok> chosen;
  std::visit(
      [&](auto field) {
        using T = std::remove_reference_t<decltype(p.*field)>;
        if constexpr (Choice<T>) {
          const auto e = parse_named<T>(v);
          if (e) p.*field = *e;
          chosen = e ? Ok(std::monostate{}) : Ok(expected(e.error()));
        }
      },
      d.field);
  if (chosen) return *chosen;
  if (auto* f = std::get_if<std::string NodeParams::*>(&d.field)) {
    if (!v.is_string()) return expected("a string");
    p.*(*f) = v.get<std::string>();
  } else if (auto* b = std::get_if<bool NodeParams::*>(&d.field)) {
    if (!v.is_boolean()) return expected("true or false");
    p.*(*b) = v.get<bool>();
  } else if (auto* t = std::get_if<TimeNs NodeParams::*>(&d.field)) {
    TimeNs ns = 0;
    if (v.is_number_integer()) {
      ns = v.get<TimeNs>();
    } else if (v.is_number_float() && v.get<double>() == std::floor(v.get<double>()) &&
               std::abs(v.get<double>()) < 9.2e18) {
      ns = static_cast<TimeNs>(v.get<double>());  // 1e9 is 1000000000 ns
    } else if (v.is_string()) {
      const auto parsed = parse_duration(v.get<std::string>());
      if (!parsed) return expected("a duration such as \"250ms\" or \"15s\" (or integer nanoseconds)");
      ns = *parsed;
    } else {
      return expected("a duration such as \"250ms\" or \"15s\" (or integer nanoseconds)");
    }
    if (ns < static_cast<TimeNs>(d.min))
      return expected("a duration of at least " + std::to_string(d.min) + " ns");
    p.*(*t) = ns;
  } else if (auto* dbl = std::get_if<double NodeParams::*>(&d.field)) {
    if (!v.is_number()) return expected(range_text(d));
    if (auto r = check_range(d, v.get<double>()); !r) return r;
    p.*(*dbl) = v.get<double>();
  } else {
    // A whole number however it is written (1e3 is 1000), never a fraction, and never one the
    // field's type cannot hold: 4294967297 would wrap to 1 in a uint32 while the report kept it.
    // The bound named is the one that applies: the field's own, narrowed by its type's.
    const double x = v.is_number() ? v.get<double>() : 0.5;
    const bool is_int = std::holds_alternative<int NodeParams::*>(d.field);
    const double lo = std::max(d.min, is_int ? std::numeric_limits<int>::min() : 0.0);
    const double hi =
        std::min(d.max, is_int ? std::numeric_limits<int>::max()
                               : static_cast<double>(std::numeric_limits<std::uint32_t>::max()));
    if (!std::isfinite(x) || x != std::floor(x) || x < lo || x > hi) {
      const auto whole = [](double bound) { return std::to_string(static_cast<std::int64_t>(bound)); };
      return expected("an integer in [" + whole(lo) + ", " + whole(hi) + "]");
    }
    if (auto* i = std::get_if<int NodeParams::*>(&d.field)) p.*(*i) = static_cast<int>(x);
    if (auto* u = std::get_if<std::uint32_t NodeParams::*>(&d.field)) p.*(*u) = static_cast<std::uint32_t>(x);
  }
  return std::monostate{};
}

}  // namespace

Ok set_param(NodeParams& params, std::string_view name, const nlohmann::json& value) {
  const auto& defs = table();
  const auto it = std::find_if(defs.begin(), defs.end(), [&](const ParamDef& d) { return d.name == name; });
  if (it != defs.end()) return set_field(params, *it, value);
  const auto closest = std::min_element(defs.begin(), defs.end(), [&](const ParamDef& a, const ParamDef& b) {
    return edit_distance(a.name, name) < edit_distance(b.name, name);
  });
  return Error{"unknown parameter \"" + std::string(name) + "\"; did you mean \"" +
               std::string(closest->name) + "\"?"};
}

Ok set_params(NodeParams& params, const nlohmann::json& object) {
  if (!object.is_object()) return Error{"parameters: expected a JSON object, got " + object.dump()};
  for (const auto& [key, value] : object.items())
    if (auto r = set_param(params, key, value); !r) return r;
  return validate_params(params);
}

std::vector<std::string_view> param_names() {
  std::vector<std::string_view> names;
  for (const auto& d : table()) names.push_back(d.name);
  return names;
}

nlohmann::json params_to_json(const NodeParams& params) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& d : table())
    std::visit([&](auto field) { out[std::string(d.name)] = field_json(params.*field); }, d.field);
  return out;
}

Ok validate_params(const NodeParams& p) {
  if (p.hello_interval_min_ns > p.hello_interval_max_ns)
    return Error{"hello_interval_min_ns must not exceed hello_interval_max_ns"};
  // Round-trip every field through the table so out-of-range values set directly in C++ are caught too.
  NodeParams scratch;
  for (const auto& d : table()) {
    nlohmann::json v;
    std::visit([&](auto field) { v = field_json(p.*field); }, d.field);
    if (auto r = set_field(scratch, d, v); !r) return r;
  }
  return std::monostate{};
}

}  // namespace ptplab::engine
