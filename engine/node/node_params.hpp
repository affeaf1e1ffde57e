// Every behaviour knob of a ptpchat Node, with its documented default, and the by-name access
// that scenario files use ("params": {"gossip_fanout": 8, "peer_timeout_ns": "15s"}).
#pragma once

#include <array>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "engine/core/expected.hpp"
#include "engine/core/name_table.hpp"
#include "engine/core/time.hpp"
#include "engine/node/node_choices.hpp"

namespace ptplab::engine {

// All parameters of a Node. What each field means, its unit and its bounds are declared once, in
// the definition table of node_params.cpp (printed by `ptplab params` and in scenarios/README.md,
// "Node parameters"); a static_assert there fails the build when a field has no row. The named choices are
// enums (node_choices.hpp); scenario files and params_to_json spell them by the names in their tables. Names:
// bounds end in `_max`, durations in `_ns`.
// The longest duration any parameter accepts: one year (a run lasts at most 720h). Timers add
// such a duration, a few times over, to the clock; the bound keeps that far from INT64_MAX
// (review-tr finding 4: a HELLO interval near INT64_MAX wrapped the clock and spun the run).
inline constexpr TimeNs kParamDurationMax = 8760 * kHour;

struct NodeParams {
  // --- identity ---
  std::string version = "ptplab; 0.1";
  IdScheme id_scheme = IdScheme::kUuid4;
  MsgIdScheme msg_id_scheme = MsgIdScheme::kUuid4;
  int node_id_bits = 128;
  int msg_id_bits = 128;

  // --- peers ---
  TimeNs hello_interval_min_ns = 500 * kMillisecond;
  TimeNs hello_interval_max_ns = 2 * kSecond;
  TimeNs peer_timeout_ns = 15 * kSecond;
  TimeNs hello_retry_interval_ns = 0;  // 0: a peer not yet answering is HELLOed at the HELLO period
  std::uint32_t peers_max = 64;
  std::uint32_t peers_per_ip_max = 16;
  TimeNs housekeeping_interval_ns = 1 * kSecond;

  // --- reliability ---
  TimeNs ack_timeout_ns = 500 * kMillisecond;
  double retransmit_backoff = 2.0;
  std::uint32_t retransmit_max = 6;
  std::uint32_t pending_retransmissions_max = 512;
  TimeNs dedup_window_ns = 120 * kSecond;
  std::uint32_t dedup_entries_max = 4096;

  // --- certificates and keys ---
  std::uint32_t certificates_max = 256;
  std::uint32_t pending_verifications_max = 64;
  TimeNs pending_verification_timeout_ns = 60 * kSecond;
  TimeNs key_request_interval_ns = 2 * kSecond;
  bool certificate_in_message = true;
  ChannelCrypto channel_crypto = ChannelCrypto::kChannelKey;
  bool rekey_on_leave = false;

  // --- channels ---
  TimeNs channel_refresh_interval_ns = 30 * kSecond;
  std::uint32_t channels_max = 64;
  std::uint32_t members_max = 1024;

  // --- propagation and routing ---
  Propagation propagation = Propagation::kFlood;
  std::uint32_t gossip_fanout = 3;
  std::uint32_t mesh_degree = 6;
  std::uint32_t mesh_degree_low = 4;
  std::uint32_t mesh_degree_high = 12;
  ChannelDiscovery channel_discovery = ChannelDiscovery::kFlood;
  std::uint32_t hops_max = 32;
  bool verify_before_relay = false;
  bool routing_enabled = true;
  TimeNs routing_interval_ns = 2 * kSecond;
  std::uint32_t routing_entries_max = 256;
  std::uint32_t routes_per_address_max = 16;
  TimeNs routing_entry_timeout_ns = 30 * kSecond;
  std::uint32_t routing_greetings_max = 4;
  RoutingAdvert routing_advert = RoutingAdvert::kFull;
  std::uint32_t routing_sample_max = 16;
  bool routing_to_new_peer = false;

  // --- CONNECT ---
  TimeNs connect_timeout_ns = 10 * kSecond;
  double connect_rate_per_s = 10.0;
  double connect_burst = 20.0;
  bool connect_live_peers_only = true;
  std::uint32_t connect_attempts_max = 16;

  // --- abuse mitigations ---
  bool bounded_tables_enabled = true;
  bool rate_limit_enabled = true;
  double rate_datagrams_per_s = 200.0;
  double rate_burst_datagrams = 400.0;
  double rate_bytes_per_s = 262144.0;
  double rate_burst_bytes = 524288.0;
  std::uint32_t rate_sources_max = 256;
  bool anti_amplification_enabled = true;
  double amplification_factor_max = 3.0;
  std::uint32_t held_relays_max = 0;  // 0: a relay refused by that budget is dropped (the spec)
  AddressValidation address_validation = AddressValidation::kAck;
  double certificate_answers_per_s = 1.0;
  double certificate_answers_burst = 4.0;
  std::uint32_t max_datagram_bytes = 8192;
};

// The unit of a parameter's value, as catalogues print it.
enum class ParamUnit : std::uint8_t {
  kNone,
  kNanoseconds,
  kBits,
  kBytes,
  kCount,
  kPerSecond,
  kBytesPerSecond,
  kFactor
};
inline constexpr std::array<NameEntry<ParamUnit>, 8> kParamUnits = {{
    {ParamUnit::kNone, "", "no unit: a flag, a name or a text"},
    {ParamUnit::kNanoseconds, "ns",
     "a duration: integer nanoseconds, or a string such as \"250ms\", \"15s\", \"1.5m\""},
    {ParamUnit::kBits, "bits", "a width in bits"},
    {ParamUnit::kBytes, "bytes", "a size in bytes"},
    {ParamUnit::kCount, "count", "a number of entries, peers, datagrams or attempts"},
    {ParamUnit::kPerSecond, "1/s", "events per second of simulated (or real) time"},
    {ParamUnit::kBytesPerSecond, "bytes/s", "bytes per second"},
    {ParamUnit::kFactor, "factor", "a dimensionless multiplier"},
}};
static_assert(indexed_by_value(kParamUnits, kUnnamedFirst));

// The "used only when" column of the definition table: the field takes effect only while the field
// named `param` holds one of `values` (its choice names, or "true"/"false" for a flag); the engine
// reads it nowhere else (gossip_fanout under propagation "flood" changes nothing). A condition's
// own field may have one: the chain is followed (routing_sample_max needs routing_advert
// "sample", which needs routing_enabled). Empty `param`: the field always takes effect.
struct ParamCondition {
  std::string_view param;
  std::array<std::string_view, 4> values;  // the accepted values, the unused ones empty
};

// One NodeParams field as the definition table declares it, for catalogues (`ptplab params`).
struct ParamInfo {
  std::string_view name;
  std::string_view type;  // "string", "integer", "number", "bool", "duration" or "choice"
  ParamUnit unit;
  double min;                 // smallest accepted value (numbers and durations; 0 otherwise)
  std::optional<double> max;  // largest accepted value (the field's own bound or its type's), if any
  std::vector<std::string_view> choices;          // the accepted names of a choice or bool, else empty
  std::string_view meaning;                       // one line
  std::vector<std::string_view> choice_meanings;  // a choice's: what each of `choices` means
  ParamCondition used_when;                       // when the field takes effect (empty: always)
};

// Sets one field by name. Durations accept integers (ns) or strings ("15s"); booleans,
// numbers and strings must match the field's type and range. The error is a sentence naming
// the field and what was expected, or for unknown names, the closest known name.
[[nodiscard]] Expected<std::monostate, std::string> set_param(NodeParams& params, std::string_view name,
                                                              const nlohmann::json& value);
// Applies every member of a JSON object through set_param; stops at the first error.
[[nodiscard]] Expected<std::monostate, std::string> set_params(NodeParams& params,
                                                               const nlohmann::json& object);
// The names set_param accepts, in declaration order.
[[nodiscard]] std::vector<std::string_view> param_names();
// Every field as the definition table declares it, in declaration order.
[[nodiscard]] std::vector<ParamInfo> param_catalogue();
// All fields as a JSON object (durations as integer ns).
[[nodiscard]] nlohmann::json params_to_json(const NodeParams& params);
// Why setting `name` changes nothing under `params`: a sentence naming the first condition of its
// "used only when" chain (ParamCondition) that does not hold, e.g. `has no effect: gossip_fanout is
// used only when propagation is "gossip", and propagation is "flood"`; nullopt when every condition
// holds, the field has none, or `name` is no field.
[[nodiscard]] std::optional<std::string> param_without_effect(const NodeParams& params,
                                                              std::string_view name);
// The fields whose values decide whether `name` takes effect: its condition's field, that one's,
// and so on (routing_sample_max: routing_advert, routing_enabled); empty when it always does.
[[nodiscard]] std::vector<std::string_view> param_condition_chain(std::string_view name);
// "propagation is \"gossip\"", "id_scheme is \"random\" or \"key_derived\"", "routing_enabled is
// true"; empty for an empty condition.
[[nodiscard]] std::string condition_text(const ParamCondition& condition);
// Checks cross-field rules (min <= max, widths 8..128, known policy names); an error sentence if broken.
[[nodiscard]] Expected<std::monostate, std::string> validate_params(const NodeParams& params);

}  // namespace ptplab::engine
