// The NodeParams definition table: one row per field with its unit, allowed range, meaning and
// when it takes effect ("used only when"),
// shared by set_param, param_names, params_to_json and param_catalogue (`ptplab params`,
// scenarios/README.md "Node parameters") so they never disagree; static_asserts tie it to the struct.
#include "engine/node/node_params.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <type_traits>

#include "engine/core/did_you_mean.hpp"

namespace ptplab::engine {
namespace {

using Error = Unexpected<std::string>;
using Ok = Expected<std::monostate, std::string>;

// A field reference of one of the types NodeParams uses.
using FieldPtr = std::variant<std::string NodeParams::*, int NodeParams::*, std::uint32_t NodeParams::*,
                              double NodeParams::*, bool NodeParams::*, TimeNs NodeParams::*,
                              Propagation NodeParams::*, ChannelCrypto NodeParams::*, IdScheme NodeParams::*,
                              MsgIdScheme NodeParams::*, RoutingAdvert NodeParams::*,
                              AddressValidation NodeParams::*, ChannelDiscovery NodeParams::*>;

// One row of the definition table: the field's name and member, its unit, the accepted range
// (numbers; durations use min only) and what it means, in one line.
struct ParamDef {
  // Rows without a condition leave the last column out.
  constexpr ParamDef(std::string_view name_, FieldPtr field_, ParamUnit unit_, double min_, double max_,
                     std::string_view meaning_, ParamCondition used_when_ = {})
      : name(name_),
        field(field_),
        unit(unit_),
        min(min_),
        max(max_),
        meaning(meaning_),
        used_when(used_when_) {}
  std::string_view name;
  FieldPtr field;
  ParamUnit unit;
  double min;
  double max;
  std::string_view meaning;
  ParamCondition used_when;  // "used only when": the field takes effect only then (empty: always)
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
  for (const auto& c : choice_names(E{})) list += (list.empty() ? "\"" : ", \"") + std::string(c.name) + "\"";
  return Unexpected<std::string>{v.is_string() ? "one of " + list : "a string"};
}

constexpr double kNoMax = 1e18;  // no bound of the field's own (its type's still applies)
using U = ParamUnit;

// The "used only when" conditions of the table's rows (ParamCondition), each what the code that
// reads such a field tests before it does: propagation_policy.cpp (gossip fanout, mesh degree;
// "direct" never relays, so hops_max is read only by the others), node_mesh.cpp, node_state.cpp
// (id schemes), node_routing.cpp and node_dispatch.cpp (ROUTING), source_guard.cpp (rate limits,
// anti-amplification, with address_validation in NodeState::may_answer), node_certificates.cpp
// (certificate answers) and NodeState::bound (every table bound).
constexpr ParamCondition kDrawnIds{"id_scheme", {"random", "key_derived"}};
constexpr ParamCondition kRandomMsgIds{"msg_id_scheme", {"random"}};
constexpr ParamCondition kGossip{"propagation", {"gossip"}};
constexpr ParamCondition kMesh{"propagation", {"mesh"}};
constexpr ParamCondition kRelaying{"propagation", {"flood", "gossip", "routed", "mesh"}};
constexpr ParamCondition kRouting{"routing_enabled", {"true"}};
constexpr ParamCondition kSampledRouting{"routing_advert", {"sample"}};
constexpr ParamCondition kRateLimited{"rate_limit_enabled", {"true"}};
constexpr ParamCondition kAntiAmplification{"anti_amplification_enabled", {"true"}};
constexpr ParamCondition kBounded{"bounded_tables_enabled", {"true"}};

// The NodeParams definition table: one row per field, in declaration order.
constexpr auto kDefs = std::to_array<ParamDef>({
    // --- identity ---
    {"version", &NodeParams::version, U::kNone, 0, kNoMax, "the HELLO \"version\" string"},
    {"id_scheme", &NodeParams::id_scheme, U::kNone, 0, kNoMax,
     "how node_id is drawn: a UUIDv4, node_id_bits random bits, or derived from the public key"},
    {"msg_id_scheme", &NodeParams::msg_id_scheme, U::kNone, 0, kNoMax,
     "how msg_id is drawn: a UUIDv4 or msg_id_bits random bits"},
    {"node_id_bits", &NodeParams::node_id_bits, U::kBits, 8, 128,
     "node_id width for the \"random\" and \"key_derived\" schemes", kDrawnIds},
    {"msg_id_bits", &NodeParams::msg_id_bits, U::kBits, 8, 128, "msg_id width for the \"random\" scheme",
     kRandomMsgIds},
    // --- peers ---
    {"hello_interval_min_ns", &NodeParams::hello_interval_min_ns, U::kNanoseconds, 1, kNoMax,
     "the HELLO period to a peer is drawn uniformly in [min, max]: the lower end"},
    {"hello_interval_max_ns", &NodeParams::hello_interval_max_ns, U::kNanoseconds, 1, kNoMax,
     "the upper end of the HELLO period"},
    {"peer_timeout_ns", &NodeParams::peer_timeout_ns, U::kNanoseconds, 1, kNoMax,
     "a peer silent this long is dropped"},
    {"hello_retry_interval_ns", &NodeParams::hello_retry_interval_ns, U::kNanoseconds, 0, kNoMax,
     "the HELLO period to a peer that has not answered yet (bootstrap, graft or CONNECT target), apart "
     "from the keep-alive period of live peers (RFC 8445 Sec. 14 paces checks, Sec. 11 keep-alives); "
     "0: the HELLO period, as the spec"},
    {"peers_max", &NodeParams::peers_max, U::kCount, 1, kNoMax,
     "peer table bound: new sources beyond it are ignored", kBounded},
    {"peers_per_ip_max", &NodeParams::peers_per_ip_max, U::kCount, 1, kNoMax,
     "peers sharing one IP address (hosts behind one NAT, ports of one host): a newcomer beyond it "
     "replaces that IP's quietest peer; when the table is full, a newcomer from a less crowded IP "
     "replaces the newest peer of the most crowded one",
     kBounded},
    {"housekeeping_interval_ns", &NodeParams::housekeeping_interval_ns, U::kNanoseconds, 1, kNoMax,
     "period of expiries, refreshes and retries"},
    // --- reliability ---
    {"ack_timeout_ns", &NodeParams::ack_timeout_ns, U::kNanoseconds, 1, kNoMax,
     "first retransmission after this long without ACK"},
    {"retransmit_backoff", &NodeParams::retransmit_backoff, U::kFactor, 1, 16,
     "each further wait for an ACK is the previous one times this"},
    {"retransmit_max", &NodeParams::retransmit_max, U::kCount, 0, 64, "retransmissions before giving up"},
    {"pending_retransmissions_max", &NodeParams::pending_retransmissions_max, U::kCount, 1, kNoMax,
     "un-ACKed messages kept for retransmission", kBounded},
    {"dedup_window_ns", &NodeParams::dedup_window_ns, U::kNanoseconds, 1, kNoMax,
     "how long a seen msg_id is remembered"},
    {"dedup_entries_max", &NodeParams::dedup_entries_max, U::kCount, 1, kNoMax,
     "de-duplication table bound (oldest evicted first)", kBounded},
    // --- certificates and keys ---
    {"certificates_max", &NodeParams::certificates_max, U::kCount, 1, kNoMax,
     "certificate cache bound (least recently used evicted)", kBounded},
    {"pending_verifications_max", &NodeParams::pending_verifications_max, U::kCount, 1, kNoMax,
     "MESSAGEs waiting for a certificate or key", kBounded},
    {"pending_verification_timeout_ns", &NodeParams::pending_verification_timeout_ns, U::kNanoseconds, 1,
     kNoMax, "how long such a MESSAGE may wait"},
    {"key_request_interval_ns", &NodeParams::key_request_interval_ns, U::kNanoseconds, 1, kNoMax,
     "GETKEY retry period while a closed channel lacks its key"},
    {"certificate_in_message", &NodeParams::certificate_in_message, U::kNone, 0, kNoMax,
     "MESSAGE carries the sender's certificate as an attachment (\"application/pkix-cert\"): verifiable "
     "without reaching the origin"},
    {"channel_crypto", &NodeParams::channel_crypto, U::kNone, 0, kNoMax,
     "closed channels: one key per channel distributed by GETKEY/KEY, or the text wrapped for each member"},
    {"rekey_on_leave", &NodeParams::rekey_on_leave, U::kNone, 0, kNoMax,
     "the creator draws a new channel key when a member leaves"},
    // --- channels ---
    {"channel_refresh_interval_ns", &NodeParams::channel_refresh_interval_ns, U::kNanoseconds, 1, kNoMax,
     "CHANNEL is announced again after this long quiet"},
    {"channels_max", &NodeParams::channels_max, U::kCount, 1, kNoMax, "known channels bound", kBounded},
    {"members_max", &NodeParams::members_max, U::kCount, 1, kNoMax, "members per channel bound", kBounded},
    // --- propagation and routing ---
    {"propagation", &NodeParams::propagation, U::kNone, 0, kNoMax,
     "how MESSAGE, CHANNEL, JOIN and LEAVE travel (PROTOCOL.md \"propagation and routing\")"},
    {"gossip_fanout", &NodeParams::gossip_fanout, U::kCount, 1, kNoMax,
     "peers per relay step under \"gossip\"", kGossip},
    {"mesh_degree", &NodeParams::mesh_degree, U::kCount, 1, kNoMax,
     "under \"mesh\": members a member grafts up to when below mesh_degree_low (GossipSub's D)", kMesh},
    {"mesh_degree_low", &NodeParams::mesh_degree_low, U::kCount, 0, kNoMax,
     "under \"mesh\": fewer member peers than this make a member graft more (GossipSub's D_low)", kMesh},
    {"mesh_degree_high", &NodeParams::mesh_degree_high, U::kCount, 1, kNoMax,
     "under \"mesh\": a channel's traffic goes to at most this many member peers (GossipSub's D_high)",
     kMesh},
    {"channel_discovery", &NodeParams::channel_discovery, U::kNone, 0, kNoMax,
     "under \"mesh\": how members learn of a channel: its first listing flooded to every node, or an "
     "invitation each member is handed (PROTOCOL.md \"Presets\", invite-discovery)",
     kMesh},
    {"hops_max", &NodeParams::hops_max, U::kCount, 1, kNoMax, "relays stop forwarding beyond this many hops",
     kRelaying},
    {"verify_before_relay", &NodeParams::verify_before_relay, U::kNone, 0, kNoMax,
     "relay a MESSAGE only after its signature checked out"},
    {"routing_enabled", &NodeParams::routing_enabled, U::kNone, 0, kNoMax, "send ROUTING periodically"},
    {"routing_interval_ns", &NodeParams::routing_interval_ns, U::kNanoseconds, 1, kNoMax, "ROUTING period",
     kRouting},
    {"routing_entries_max", &NodeParams::routing_entries_max, U::kCount, 1, kNoMax, "routing table bound",
     kBounded},
    {"routes_per_address_max", &NodeParams::routes_per_address_max, U::kCount, 1, kNoMax,
     "learned routes advertising one address (IP and port): a route beyond it is refused, so one peer's "
     "ROUTING naming thousands of node_ids at one address cannot fill the routing table with it",
     kBounded},
    {"routing_entry_timeout_ns", &NodeParams::routing_entry_timeout_ns, U::kNanoseconds, 1, kNoMax,
     "a learned route not refreshed this long is dropped"},
    {"routing_greetings_max", &NodeParams::routing_greetings_max, U::kCount, 0, kNoMax,
     "ROUTING-learned nodes greeted (HELLO, later CONNECT) per housekeeping tick; 0: routes stay routes"},
    {"routing_advert", &NodeParams::routing_advert, U::kNone, 0, kNoMax,
     "what ROUTING lists after our live peers: every route that fits (the spec) or a bounded random sample "
     "(PROTOCOL.md \"Presets\", bounded-routing)",
     kRouting},
    {"routing_sample_max", &NodeParams::routing_sample_max, U::kCount, 0, kNoMax,
     "learned routes one ROUTING lists under routing_advert \"sample\"", kSampledRouting},
    {"routing_to_new_peer", &NodeParams::routing_to_new_peer, U::kNone, 0, kNoMax,
     "a peer that just answered our HELLO gets at once a ROUTING naming it alone, at the address we see it "
     "from: its outside address, which mesh listings carry, without waiting for our next ROUTING round",
     kRouting},
    // --- CONNECT ---
    {"connect_timeout_ns", &NodeParams::connect_timeout_ns, U::kNanoseconds, 1, kNoMax,
     "a CONNECT attempt fails after this long without contact"},
    {"connect_rate_per_s", &NodeParams::connect_rate_per_s, U::kPerSecond, 0, kNoMax,
     "CONNECTs a rendezvous forwards per second (all sources)"},
    {"connect_burst", &NodeParams::connect_burst, U::kCount, 1, kNoMax,
     "CONNECTs a rendezvous forwards in a burst"},
    {"connect_live_peers_only", &NodeParams::connect_live_peers_only, U::kNone, 0, kNoMax,
     "forward CONNECT only between live peers"},
    {"connect_attempts_max", &NodeParams::connect_attempts_max, U::kCount, 1, kNoMax,
     "concurrent CONNECT attempts as A or B", kBounded},
    // --- abuse mitigations ---
    {"bounded_tables_enabled", &NodeParams::bounded_tables_enabled, U::kNone, 0, kNoMax,
     "false: the table bounds (the *_max counts) are not enforced"},
    {"rate_limit_enabled", &NodeParams::rate_limit_enabled, U::kNone, 0, kNoMax, "per-source token buckets"},
    {"rate_datagrams_per_s", &NodeParams::rate_datagrams_per_s, U::kPerSecond, 0, kNoMax,
     "sustained datagrams per source", kRateLimited},
    {"rate_burst_datagrams", &NodeParams::rate_burst_datagrams, U::kCount, 1, kNoMax,
     "bucket depth in datagrams", kRateLimited},
    {"rate_bytes_per_s", &NodeParams::rate_bytes_per_s, U::kBytesPerSecond, 0, kNoMax,
     "sustained bytes per source", kRateLimited},
    {"rate_burst_bytes", &NodeParams::rate_burst_bytes, U::kBytes, 1, kNoMax, "bucket depth in bytes",
     kRateLimited},
    {"rate_sources_max", &NodeParams::rate_sources_max, U::kCount, 1, kNoMax,
     "sources tracked by the token buckets", kBounded},
    {"anti_amplification_enabled", &NodeParams::anti_amplification_enabled, U::kNone, 0, kNoMax,
     "bound what is sent to sources that have not proven their address"},
    {"amplification_factor_max", &NodeParams::amplification_factor_max, U::kFactor, 1, kNoMax,
     "that bound: this multiple of the bytes the source sent", kAntiAmplification},
    {"held_relays_max", &NodeParams::held_relays_max, U::kCount, 0, kNoMax,
     "JOIN, LEAVE and CHANNEL relays that budget refuses to a peer not yet proving its address are held "
     "and sent once it proves it (RFC 9000 Sec. 8.1: a server blocked by the limit waits), at most this "
     "many per node, the oldest dropped first; 0: dropped at once",
     kAntiAmplification},
    {"address_validation", &NodeParams::address_validation, U::kNone, 0, kNoMax,
     "what proves a peer's address and so lifts that bound (PROTOCOL.md R31)", kAntiAmplification},
    {"certificate_answers_per_s", &NodeParams::certificate_answers_per_s, U::kPerSecond, 0, kNoMax,
     "with anti-amplification on, CERTIFICATEs sent in answer to one address, verified or not (a "
     "spoofed GETCERTIFICATE \"from\" a verified peer escapes the amplification bound)",
     kAntiAmplification},
    {"certificate_answers_burst", &NodeParams::certificate_answers_burst, U::kCount, 1, kNoMax,
     "such CERTIFICATE answers in a burst", kAntiAmplification},
    {"max_datagram_bytes", &NodeParams::max_datagram_bytes, U::kBytes, 512, 65507,
     "our datagrams stay below this size; larger input is dropped"},
});

// Stands in for any field's initializer, to count an aggregate's fields (never called).
struct AnyField {
  template <class T>
  constexpr operator T() const;  // NOLINT(google-explicit-constructor)
};

// The number of fields of aggregate T: the most initializers T{...} accepts.
template <class T, class... Fields>
constexpr std::size_t field_count() {
  if constexpr (requires { T{Fields{}..., AnyField{}}; })
    return field_count<T, Fields..., AnyField>();
  else
    return sizeof...(Fields);
}

// Every NodeParams field has its row: a field added without one fails the build here.
static_assert(field_count<NodeParams>() == kDefs.size(), "a NodeParams field lacks its row in kDefs");

// Rows name distinct fields (a row pasted twice with its name changed fails the build here).
constexpr bool distinct_fields() {
  for (std::size_t i = 0; i < kDefs.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (kDefs[i].field == kDefs[j].field || kDefs[i].name == kDefs[j].name) return false;
  return true;
}
static_assert(distinct_fields(), "two rows of kDefs name the same field or the same name");

// The row named `name`, or kDefs.size().
constexpr std::size_t row_of(std::string_view name) {
  for (std::size_t i = 0; i < kDefs.size(); ++i)
    if (kDefs[i].name == name) return i;
  return kDefs.size();
}

const std::array<ParamDef, kDefs.size()>& table() { return kDefs; }

// The value of `row`'s field under `p` as a condition compares it: a choice's name, "true" or
// "false" (other fields: their JSON text, never a condition's value).
std::string condition_value(const NodeParams& p, const ParamDef& row) {
  std::string text;
  std::visit(
      [&](auto field) {
        const auto j = field_json(p.*field);
        text = j.is_string() ? j.template get<std::string>() : j.dump();
      },
      row.field);
  return text;
}

// The rows of `name`'s chain: its own, then the row each condition names, up to a row without one
// or a name of no row (at most the table's size, should a chain ever loop).
std::vector<std::size_t> chain_rows(std::string_view name) {
  std::vector<std::size_t> rows;
  for (auto at = row_of(name); at != kDefs.size() && rows.size() < kDefs.size();
       at = row_of(kDefs[at].used_when.param)) {
    rows.push_back(at);
    if (kDefs[at].used_when.param.empty()) break;
  }
  return rows;
}

bool holds(const NodeParams& p, const ParamCondition& c) {
  const auto value = condition_value(p, kDefs[row_of(c.param)]);
  return std::find(c.values.begin(), c.values.end(), value) != c.values.end();
}

std::string range_text(const ParamDef& d) {
  // A field without a bound of its own still has kNoMax: say so (review M5: 1e300 was refused
  // with "expected a number >= 1.0", which it is).
  return "a number >= " + nlohmann::json(d.min).dump() + " and <= " + nlohmann::json(d.max).dump();
}

Ok check_range(const ParamDef& d, double v) {
  if (!std::isfinite(v) || v < d.min || v > d.max)
    return Error{"parameter \"" + std::string(d.name) + "\": expected " + range_text(d) + ", got " +
                 nlohmann::json(v).dump()};
  return std::monostate{};
}

Error expected_text(const ParamDef& d, const nlohmann::json& v, std::string_view what) {
  return Error{"parameter \"" + std::string(d.name) + "\": expected " + std::string(what) + ", got " +
               v.dump()};
}

// A duration field's value: integer nanoseconds, a whole float (1e9 is 1000000000 ns) or a
// string such as "250ms"; at least the row's minimum and at most kParamDurationMax.
Expected<TimeNs, std::string> read_duration(const ParamDef& d, const nlohmann::json& v) {
  constexpr std::string_view kWhat = "a duration such as \"250ms\" or \"15s\" (or integer nanoseconds)";
  TimeNs ns = 0;
  if (v.is_number_integer()) {
    ns = v.get<TimeNs>();
  } else if (v.is_number_float() && v.get<double>() == std::floor(v.get<double>()) &&
             std::abs(v.get<double>()) < 9.2e18) {
    ns = static_cast<TimeNs>(v.get<double>());
  } else if (v.is_string()) {
    const auto parsed = parse_duration(v.get<std::string>());
    if (!parsed) return expected_text(d, v, kWhat);
    ns = *parsed;
  } else {
    return expected_text(d, v, kWhat);
  }
  if (ns < static_cast<TimeNs>(d.min))
    return expected_text(d, v, "a duration of at least " + std::to_string(d.min) + " ns");
  if (ns > kParamDurationMax)
    return expected_text(d, v, "a duration of at most " + format_duration(kParamDurationMax));
  return ns;
}

// An int or uint32 field's value: a whole number however it is written (1e3 is 1000), never a
// fraction, and never one the field's type cannot hold (4294967297 would wrap to 1 in a uint32
// while the report kept it). The bound named is the one that applies: the row's own, narrowed
// by its type's.
Expected<double, std::string> read_whole(const ParamDef& d, const nlohmann::json& v) {
  const double x = v.is_number() ? v.get<double>() : 0.5;
  const bool is_int = std::holds_alternative<int NodeParams::*>(d.field);
  const double lo = std::max(d.min, is_int ? std::numeric_limits<int>::min() : 0.0);
  const double hi = std::min(d.max, is_int ? std::numeric_limits<int>::max()
                                           : static_cast<double>(std::numeric_limits<std::uint32_t>::max()));
  if (!std::isfinite(x) || x != std::floor(x) || x < lo || x > hi) {
    const auto whole = [](double bound) { return std::to_string(static_cast<std::int64_t>(bound)); };
    return expected_text(d, v, "an integer in [" + whole(lo) + ", " + whole(hi) + "]");
  }
  return x;
}

// Sets a choice (enum) field from its name; nullopt when the row's field is not a choice.
std::optional<Ok> set_choice(NodeParams& p, const ParamDef& d, const nlohmann::json& v) {
  std::optional<Ok> chosen;
  std::visit(
      [&](auto field) {
        using T = std::remove_reference_t<decltype(p.*field)>;
        if constexpr (Choice<T>) {
          const auto e = parse_named<T>(v);
          if (e) p.*field = *e;
          chosen = e ? Ok(std::monostate{}) : Ok(expected_text(d, v, e.error()));
        }
      },
      d.field);
  return chosen;
}

Ok set_field(NodeParams& p, const ParamDef& d, const nlohmann::json& v) {
  if (auto chosen = set_choice(p, d, v)) return *chosen;
  if (auto* f = std::get_if<std::string NodeParams::*>(&d.field)) {
    if (!v.is_string()) return expected_text(d, v, "a string");
    p.*(*f) = v.get<std::string>();
  } else if (auto* b = std::get_if<bool NodeParams::*>(&d.field)) {
    if (!v.is_boolean()) return expected_text(d, v, "true or false");
    p.*(*b) = v.get<bool>();
  } else if (auto* t = std::get_if<TimeNs NodeParams::*>(&d.field)) {
    const auto ns = read_duration(d, v);
    if (!ns) return Error{ns.error()};
    p.*(*t) = *ns;
  } else if (auto* dbl = std::get_if<double NodeParams::*>(&d.field)) {
    if (!v.is_number()) return expected_text(d, v, range_text(d));
    if (auto r = check_range(d, v.get<double>()); !r) return r;
    p.*(*dbl) = v.get<double>();
  } else {
    const auto x = read_whole(d, v);
    if (!x) return Error{x.error()};
    if (auto* i = std::get_if<int NodeParams::*>(&d.field)) p.*(*i) = static_cast<int>(*x);
    if (auto* u = std::get_if<std::uint32_t NodeParams::*>(&d.field))
      p.*(*u) = static_cast<std::uint32_t>(*x);
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

std::vector<ParamInfo> param_catalogue() {
  std::vector<ParamInfo> out;
  for (const auto& d : table()) {
    ParamInfo info{d.name, "", d.unit, d.min, std::nullopt, {}, d.meaning, {}, d.used_when};
    std::visit(
        [&](auto field) {
          using T = std::remove_reference_t<decltype(NodeParams{}.*field)>;
          if constexpr (Choice<T>) {
            info.type = "choice";
            for (const auto& c : choice_names(T{})) {
              info.choices.push_back(c.name);
              info.choice_meanings.push_back(c.meaning);
            }
          } else if constexpr (std::is_same_v<T, bool>) {
            info.type = "bool";
            info.choices = {"true", "false"};
          } else if constexpr (std::is_same_v<T, std::string>) {
            info.type = "string";
          } else if constexpr (std::is_same_v<T, TimeNs>) {
            info.type = "duration";
            info.max = static_cast<double>(kParamDurationMax);
          } else if constexpr (std::is_same_v<T, double>) {
            info.type = "number";
            if (d.max < kNoMax) info.max = d.max;
          } else {
            info.type = "integer";  // int or uint32: the field's bound narrowed by its type's, as set_field
            info.max = std::min(d.max, static_cast<double>(std::numeric_limits<T>::max()));
          }
        },
        d.field);
    out.push_back(std::move(info));
  }
  return out;
}

nlohmann::json params_to_json(const NodeParams& params) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& d : table())
    std::visit([&](auto field) { out[std::string(d.name)] = field_json(params.*field); }, d.field);
  return out;
}

std::string condition_text(const ParamCondition& condition) {
  if (condition.param.empty() || row_of(condition.param) == kDefs.size()) return std::string(condition.param);
  const auto& row = kDefs[row_of(condition.param)];
  const bool flag = std::holds_alternative<bool NodeParams::*>(row.field);
  std::string text = std::string(condition.param) + " is ";
  for (std::size_t i = 0; i < condition.values.size() && !condition.values[i].empty(); ++i) {
    if (i > 0) text += " or ";
    // Appended piecewise: gcc 12 warns falsely (-Wstringop-overflow) on "\"" + std::string.
    if (!flag) text += '"';
    text.append(condition.values[i]);
    if (!flag) text += '"';
  }
  return text;
}

std::optional<std::string> param_without_effect(const NodeParams& params, std::string_view name) {
  // The chain is checked from the field outwards: the first condition that fails is named.
  for (const std::size_t at : chain_rows(name)) {
    const auto& c = kDefs[at].used_when;
    if (c.param.empty() || row_of(c.param) == kDefs.size() || holds(params, c)) continue;
    const auto& cond = kDefs[row_of(c.param)];
    const bool flag = std::holds_alternative<bool NodeParams::*>(cond.field);
    const auto value = condition_value(params, cond);
    return "has no effect: " + std::string(kDefs[at].name) + " is used only when " + condition_text(c) +
           ", and " + std::string(c.param) + " is " + (flag ? value : "\"" + value + "\"");
  }
  return std::nullopt;
}

std::vector<std::string_view> param_condition_chain(std::string_view name) {
  std::vector<std::string_view> chain;
  for (const std::size_t at : chain_rows(name))
    if (!kDefs[at].used_when.param.empty()) chain.push_back(kDefs[at].used_when.param);
  return chain;
}

Ok validate_params(const NodeParams& p) {
  if (p.hello_interval_min_ns > p.hello_interval_max_ns)
    return Error{"hello_interval_min_ns must not exceed hello_interval_max_ns"};
  if (p.mesh_degree_low > p.mesh_degree || p.mesh_degree > p.mesh_degree_high)
    return Error{"mesh_degree_low <= mesh_degree <= mesh_degree_high is required"};
  // quiet-keepalive (PROTOCOL.md "Node: presets"): a peer not yet answering is dropped after
  // peer_timeout_ns, so a retry period at least that long never retries.
  if (p.hello_retry_interval_ns != 0 && p.hello_retry_interval_ns >= p.peer_timeout_ns)
    return Error{
        "hello_retry_interval_ns must be shorter than peer_timeout_ns (or 0, retries at the HELLO "
        "period): a peer not yet answering is dropped before its first retry"};
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
