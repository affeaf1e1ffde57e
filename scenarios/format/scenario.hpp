// The scenario as plain structs: what scenarios/format/loader.hpp produces from a validated JSON
// file and what the runner builds a simulation from. Every default written here is the one the
// loader applies to an omitted field (and scenarios/README.md documents the same).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "engine/core/name_table.hpp"
#include "engine/core/time.hpp"
#include "engine/wire/message.hpp"
#include "sim/nat_config.hpp"
#include "sim/network_config.hpp"

namespace ptplab::scenarios {

// How much the report records: per-message rows, or aggregates only (for scale).
enum class RecordLevel : std::uint8_t { kFull, kSummary };
inline constexpr std::array<NameEntry<RecordLevel>, 2> kRecordLevels = {{
    {RecordLevel::kFull, "full", "per-message rows (messages, deliveries, traffic)"},
    {RecordLevel::kSummary, "summary", "aggregates only, for scale"},
}};
static_assert(indexed_by_value(kRecordLevels));

// The NAT vocabularies are the simulator's (sim/nat_config.hpp): a host sits behind a NatType,
// and NAT boxes allocate ports by PortAllocation.
using sim::NatType;
using sim::PortAllocation;

// How "nat"-placed hosts are spread over NAT boxes (`network.nat`), and the behaviour all boxes
// share; a box's mapping and filtering come from its NatType (sim::with_nat_type).
struct NatPopulation {
  // Share of "nat"-placed hosts behind each type (indexed by NatType), summing to 1.
  // Default: all public. Omitted shares are 0, except public which takes what the others leave.
  std::array<double, sim::kNatTypes.size()> mix = {1};
  std::uint32_t hosts_per_box = 1;
  // "mapping_timeout" -> mapping_timeout_ns, "hairpinning", "port_allocation"; the other
  // fields keep the simulator's defaults.
  sim::NatConfig box;
};

// Named regions (`network.regions`); their delays go to the latency model's matrix_ns.
struct Regions {
  std::vector<std::string> names;
};

// The simulator's network defaults, except where the scenario format documents its own:
// uniform latency [10 ms, 30 ms), Gilbert-Elliott p_bg 0.3, 64 KiB queues.
[[nodiscard]] sim::NetworkConfig scenario_network_defaults();

// The simulated Internet (`network`). The loader fills the simulator's own NetworkConfig:
//   latency.model/delay/min/max/mean/stddev -> config.latency (kind, constant_ns,
//     uniform_min_ns, uniform_max_ns, mean_ns, stddev_ns); regions.latency -> matrix_ns;
//   loss (per datagram, end to end) -> config.link.uplink_loss (the sender's uplink applies it
//     once): rate -> probability, p_gb/p_bg -> p_good_to_bad/p_bad_to_good, loss_good/loss_bad;
//   duplication.rate -> duplicate_probability; max_datagram_bytes -> datagram_bytes_max;
//   bandwidth uplink_bps/downlink_bps (bits/s) -> link.*_bytes_per_s (bits / 8), queue_bytes ->
//     both link.*_queue_bytes_max.
// config.seed is the scenario's seed (set by the runner's plan).
// A named access link (`network.link_classes.NAME`, e.g. servers in a data centre, clients at
// home): the simulator's LinkConfig, from the network-wide `bandwidth` and `loss` (config.link)
// except what the class sets: bandwidth uplink_bps/downlink_bps/queue_bytes as in `network`,
// uplink_loss (datagrams its hosts send; replaces network.loss) -> uplink_loss, downlink_loss
// (datagrams they receive; default none) -> downlink_loss, delay -> delay_ns (each way, on top
// of the latency model).
struct LinkClass {
  std::string name;
  sim::LinkConfig link;
};

// The keys of a link class or a group's own `link` object, in the order the effective document
// writes them.
inline constexpr std::array<std::string_view, 4> kLinkKeys = {"bandwidth", "uplink_loss", "downlink_loss",
                                                              "delay"};

struct Network {
  sim::NetworkConfig config = scenario_network_defaults();
  NatPopulation nat;
  Regions regions;
  std::vector<LinkClass> link_classes;  // in name order
};

// The access link of a group's hosts (`link`): a class name, an object of the class keys (the
// group's own link), or absent (network-wide bandwidth and loss: config.link).
struct LinkChoice {
  std::string class_name;              // a network.link_classes name; "" = none
  std::optional<sim::LinkConfig> own;  // the group's own link
};

// NodeParams every server group starts from, before its own `params` (which win): table bounds
// sized for a bootstrap contact and rendezvous that many clients peer with, instead of a
// client's 64 peers and 256 tracked sources. Field name, value as JSON text.
inline constexpr std::array<std::pair<std::string_view, std::string_view>, 2> kServerParamDefaults = {{
    {"peers_max", "1024"},
    {"rate_sources_max", "1024"},
}};

// What a node group runs as.
enum class Role : std::uint8_t { kClient, kServer };
inline constexpr std::array<NameEntry<Role>, 2> kRoles = {{
    {Role::kClient, "client", "joins channels and sends messages; placed \"nat\" by default"},
    {Role::kServer, "server", "a bootstrap node; placed \"public\" by default"},
}};
static_assert(indexed_by_value(kRoles));

// The placement that draws a NAT type from network.nat.mix; the others are kNatTypes names.
inline constexpr std::string_view kPlacementFromMix = "nat";

// Where a group's hosts sit: public, behind a NAT type drawn from network.nat.mix, or behind a
// given NAT type.
struct Placement {
  bool from_mix = false;                // "nat"
  NatType nat_type = NatType::kPublic;  // used when !from_mix
};

// One NodeParams override: field name and the value as JSON text (`8`, `"15s"`, `true`); give
// engine::set_param nlohmann::json::parse(value).
struct ParamOverride {
  std::string name;
  std::string value;
};

// A group of identical nodes (`nodes[i]`).
struct NodeGroup {
  std::string name;  // default "group<i>"
  std::uint32_t count = 1;
  Role role = Role::kClient;
  Placement placement;                // default: "public" for servers, "nat" for clients
  std::string region;                 // default: the first region ("" when there are none)
  std::vector<ParamOverride> params;  // servers: kServerParamDefaults not set here, then the file's
  LinkChoice link;                    // default: the network-wide link
};

// How nodes meet (`topology`): exactly one of the kinds.
struct Topology {
  // bootstrap: every node knows the nodes of the server groups (default: every group with role
  // server; with none, node 0); the generated overlays and `edges` give each node its initial
  // peers instead.
  enum class Kind : std::uint8_t {
    kBootstrap,
    kRandomRegular,
    kErdosRenyi,
    kWattsStrogatz,
    kBarabasiAlbert,
    kEdges
  };
  static constexpr std::array<NameEntry<Kind>, 6> kKinds = {{
      {Kind::kBootstrap, "bootstrap", "every node knows the server groups' nodes"},
      {Kind::kRandomRegular, "random_regular", "a random graph of the given degree"},
      {Kind::kErdosRenyi, "erdos_renyi", "each pair linked with probability p"},
      {Kind::kWattsStrogatz, "watts_strogatz", "a ring of k neighbours rewired with probability beta"},
      {Kind::kBarabasiAlbert, "barabasi_albert", "preferential attachment, m edges per new node"},
      {Kind::kEdges, "edges", "the given node index pairs"},
  }};
  Kind kind = Kind::kBootstrap;
  std::vector<std::string> bootstrap_groups;                   // bootstrap: "servers" (a name or a list)
  std::uint32_t degree = 4;                                    // random_regular
  double p = 0.1;                                              // erdos_renyi
  std::uint32_t k = 4;                                         // watts_strogatz: ring neighbours (even)
  double beta = 0.1;                                           // watts_strogatz: rewiring probability
  std::uint32_t m = 2;                                         // barabasi_albert: edges per new node
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;  // edges: node index pairs
};
static_assert(indexed_by_value(Topology::kKinds));

// Message sizes of a channel's workload (`size`).
struct SizeDistribution {
  // constant: bytes; uniform: [min, max]; exponential: mean bytes (capped at max).
  enum class Kind : std::uint8_t { kConstant, kUniform, kExponential };
  static constexpr std::array<NameEntry<Kind>, 3> kKinds = {{
      {Kind::kConstant, "constant", "every message has bytes"},
      {Kind::kUniform, "uniform", "uniform in [min, max]"},
      {Kind::kExponential, "exponential", "exponential with mean bytes, capped at max"},
  }};
  Kind kind = Kind::kConstant;
  std::uint32_t bytes = 200;  // constant, exponential (mean)
  std::uint32_t min_bytes = 1;
  std::uint32_t max_bytes = 1000;
};
static_assert(indexed_by_value(SizeDistribution::kKinds));

// Attachments added to each message (`attachments`).
struct Attachments {
  std::uint32_t count = 0;
  std::uint32_t bytes = 1024;  // size of each, before base64
  std::string type = "application/octet-stream";
};

// The messages sent on a channel (`messages`). Senders are drawn uniformly among the members.
struct MessageLoad {
  double rate_per_s = 0;   // Poisson arrivals for the whole channel (0 = none), or:
  TimeNs interval_ns = 0;  // periodic arrivals every interval (when set, rate_per_s is 0)
  SizeDistribution size;
  TimeNs start_ns = 0;
  TimeNs stop_ns = kNever;  // default: the end of the run
  Attachments attachments;
};

// Who joins a channel at start (`members`): the nodes of `groups` (default: every client
// group), of which a `share` drawn with the run's seed.
struct Members {
  std::vector<std::string> groups;
  double share = 1.0;
};

// A channel of the workload (`workload.channels[i]`); created by its first member at start_ns.
struct Channel {
  std::string name;  // default "channel<i>"
  bool closed = false;
  Members members;
  MessageLoad messages;
};

// A membership change over time (`workload.membership[i]`).
struct MembershipChange {
  enum class Kind : std::uint8_t { kJoin, kLeave };
  static constexpr std::array<NameEntry<Kind>, 2> kKinds = {{
      {Kind::kJoin, "join", "a share of the groups' non-members join"},
      {Kind::kLeave, "leave", "a share of the groups' members leave"},
  }};
  TimeNs at_ns = 0;
  Kind kind = Kind::kJoin;
  std::string channel;
  std::vector<std::string> groups;  // default: every client group
  double share = 1.0;               // of the groups' nodes (join: among non-members)
};
static_assert(indexed_by_value(MembershipChange::kKinds));

// The traffic of the run (`workload`).
struct Workload {
  std::vector<Channel> channels;
  std::vector<MembershipChange> membership;
};

// The keys a timeline entry may have, each spelled once here: every action's row below lists
// the ones it takes (others are errors), and the loader (read_workload.cpp) and the effective
// document (effective.cpp) read and write each by a switch over this enum, so a key added here
// is read and written, or the build warns (-Wswitch).
enum class TimelineKey : std::uint8_t {
  kAt,
  kAction,
  kGroup,
  kShare,
  kCount,
  kSides,
  kTo,
  kVia,
  kMeanUptime,
  kMeanDowntime,
  kName,
  kValue,
  kAttacker,
};
inline constexpr std::array<NameEntry<TimelineKey>, 13> kTimelineKeys = {{
    {TimelineKey::kAt, "at", "when (required, within the run)"},
    {TimelineKey::kAction, "action", "what happens (required)"},
    {TimelineKey::kGroup, "group", "the node group acted on (default every node group)"},
    {TimelineKey::kShare, "share", "share of the group's nodes (partition: on side one)"},
    {TimelineKey::kCount, "count", "exact number of the group's nodes, instead of share"},
    {TimelineKey::kSides, "sides", "partition sides, lists of groups"},
    {TimelineKey::kTo, "to", "the group CONNECT targets are drawn from (default every node group)"},
    {TimelineKey::kVia, "via", "the rendezvous group (required)"},
    {TimelineKey::kMeanUptime, "mean_uptime", "mean time a churning node stays up"},
    {TimelineKey::kMeanDowntime, "mean_downtime", "mean time a churning node stays down"},
    {TimelineKey::kName, "name", "a NodeParams field name (required)"},
    {TimelineKey::kValue, "value", "its value (required)"},
    {TimelineKey::kAttacker, "attacker", "an attacker group name (required)"},
}};
static_assert(indexed_by_value(kTimelineKeys));

// "at", "action", ...
[[nodiscard]] constexpr std::string_view timeline_key_name(TimelineKey k) {
  return name_of(kTimelineKeys, k);
}

// A timed fault or change (`timeline[i]`).
struct TimelineEvent {
  enum class Action : std::uint8_t {
    kPartition,
    kHeal,
    kCrash,
    kRestart,
    kChurnOn,
    kChurnOff,
    kSetParam,
    kAttackStart,
    kAttackStop,
    kConnect,
  };
  // One action: its name, the keys an entry of it may have, and what it does.
  struct ActionEntry {
    Action value;
    std::string_view name;
    std::span<const TimelineKey> keys;
    std::string_view meaning;

    // The names of `keys`, in order (check_keys' list of known keys).
    [[nodiscard]] std::vector<std::string_view> key_names() const {
      std::vector<std::string_view> out;
      for (const auto k : keys) out.push_back(timeline_key_name(k));
      return out;
    }
  };
  using K = TimelineKey;
  static constexpr TimelineKey kPartitionKeys[] = {K::kAt, K::kAction, K::kSides, K::kShare};
  static constexpr TimelineKey kHealKeys[] = {K::kAt, K::kAction};
  static constexpr TimelineKey kPickKeys[] = {K::kAt, K::kAction, K::kGroup, K::kShare, K::kCount};
  static constexpr TimelineKey kChurnOnKeys[] = {K::kAt, K::kAction, K::kGroup, K::kMeanUptime,
                                                 K::kMeanDowntime};
  static constexpr TimelineKey kChurnOffKeys[] = {K::kAt, K::kAction, K::kGroup};
  static constexpr TimelineKey kSetParamKeys[] = {K::kAt, K::kAction, K::kGroup, K::kName, K::kValue};
  static constexpr TimelineKey kAttackKeys[] = {K::kAt, K::kAction, K::kAttacker};
  static constexpr TimelineKey kConnectKeys[] = {K::kAt,  K::kAction, K::kGroup, K::kTo,
                                                 K::kVia, K::kShare,  K::kCount};
  static constexpr std::array<ActionEntry, 10> kActions = {{
      {Action::kPartition, "partition", kPartitionKeys,
       "sides (lists of groups) or, without sides, a random split by share"},
      {Action::kHeal, "heal", kHealKeys, "removes every partition"},
      {Action::kCrash, "crash", kPickKeys, "share/count of group's live nodes stop (state lost)"},
      {Action::kRestart, "restart", kPickKeys, "share/count of group's crashed nodes start again"},
      {Action::kChurnOn, "churn_on", kChurnOnKeys,
       "group's nodes alternate up (mean_uptime) and down (mean_downtime)"},
      {Action::kChurnOff, "churn_off", kChurnOffKeys, "churn stops"},
      {Action::kSetParam, "set_param", kSetParamKeys, "group's nodes get NodeParams name = value"},
      {Action::kAttackStart, "attack_start", kAttackKeys, "the attacker becomes active"},
      {Action::kAttackStop, "attack_stop", kAttackKeys, "the attacker stops"},
      {Action::kConnect, "connect", kConnectKeys,
       "share/count of group's live nodes CONNECT through a via node to a node of to"},
  }};

  TimeNs at_ns = 0;
  Action action = Action::kHeal;
  std::vector<std::vector<std::string>> sides;  // partition
  std::string group;                     // crash, restart, churn_*, set_param, connect: "" = every node group
  double share = 1.0;                    // partition (share on side one), crash, restart, connect
  std::optional<std::uint32_t> count;    // crash, restart, connect: exact count instead of share
  std::string to;                        // connect: the targets' group ("" = every node group)
  std::string via;                       // connect: the rendezvous group (required)
  TimeNs mean_uptime_ns = 60 * kSecond;  // churn_on
  TimeNs mean_downtime_ns = 10 * kSecond;  // churn_on
  ParamOverride param;                     // set_param ("name", "value")
  std::string attacker;                    // attack_start, attack_stop
};
static_assert(indexed_by_value(TimelineEvent::kActions));

// What an adversary host does (scenarios/adversaries/behaviours.hpp has what each one sends).
enum class Behaviour : std::uint8_t {
  kHelloFlood,
  kMessageFlood,
  kSpoofedFlood,
  kConnectReflection,
  kRoutingPoisoning,
  kSybil,
  kEclipse,
  kIdReuse,
  kReplay,
  kMalformed,
  kCertificateSpam,
};
// The kind of value a behaviour parameter takes; the loader rejects any other value with the
// parameter's JSON pointer (/attackers/N/params/KEY), so adversaries read validated values.
enum class ParamKind : std::uint8_t {
  kBool,       // true or false
  kInteger,    // an integer in [min, max]
  kDuration,   // "250ms", "10s" or 0 (scenarios/format/units.hpp)
  kName,       // one of `names`
  kChannel,    // the name of a workload channel
  kNodeIndex,  // the index of a node (attackers excluded): [0, node count)
};
// One `params` key of a behaviour: its name, kind, range (kInteger) or names (kName).
struct BehaviourParam {
  std::string_view key;
  ParamKind kind = ParamKind::kBool;
  std::int64_t min = 0;                          // kInteger, inclusive
  std::int64_t max = 0;                          // kInteger, inclusive
  std::span<const std::string_view> names = {};  // kName
};
// One behaviour: its name, the `params` it accepts, and what it does.
struct BehaviourEntry {
  Behaviour value;
  std::string_view name;
  std::span<const BehaviourParam> params;
  std::string_view meaning;
};
namespace behaviour_params {
// The requests a spoofed flood can bounce off a reflector.
inline constexpr std::string_view kReflectedVerbs[] = {verb_name(Verb::kHello), verb_name(Verb::kGetKey),
                                                       verb_name(Verb::kGetCertificate)};
inline constexpr std::string_view kRedirects[] = {"self", "victim"};
// Largest forged datagram payload, bytes.
inline constexpr std::int64_t kForgedBytesMax = 60000;
inline constexpr BehaviourParam kHelloFlood[] = {{"spoof_node_ids", ParamKind::kBool}};
inline constexpr BehaviourParam kMessageFlood[] = {{"channel", ParamKind::kChannel},
                                                   {"size_bytes", ParamKind::kInteger, 1, kForgedBytesMax}};
inline constexpr BehaviourParam kSpoofedFlood[] = {{"verb", ParamKind::kName, 0, 0, kReflectedVerbs}};
inline constexpr BehaviourParam kConnectReflection[] = {{"victim", ParamKind::kNodeIndex}};
inline constexpr BehaviourParam kRoutingPoisoning[] = {{"entries", ParamKind::kInteger, 1, 1024},
                                                       {"redirect", ParamKind::kName, 0, 0, kRedirects}};
inline constexpr BehaviourParam kIdentities[] = {{"identities", ParamKind::kInteger, 1, 20000}};
inline constexpr BehaviourParam kReplay[] = {{"verb", ParamKind::kName, 0, 0, wire::kVerbNames},
                                             {"delay", ParamKind::kDuration}};
inline constexpr BehaviourParam kMalformed[] = {{"size_bytes", ParamKind::kInteger, 1, kForgedBytesMax}};
inline constexpr BehaviourParam kCertificateSpam[] = {{"certificates", ParamKind::kInteger, 1, 4096}};
}  // namespace behaviour_params
inline constexpr std::array<BehaviourEntry, 11> kBehaviours = {{
    {Behaviour::kHelloFlood, "hello_flood", behaviour_params::kHelloFlood, "HELLO floods at the targets"},
    {Behaviour::kMessageFlood, "message_flood", behaviour_params::kMessageFlood,
     "MESSAGE floods with fresh msg_ids and bogus envelopes"},
    {Behaviour::kSpoofedFlood, "spoofed_flood", behaviour_params::kSpoofedFlood,
     "requests to reflectors with the source forged as a target (reflection)"},
    {Behaviour::kConnectReflection, "connect_reflection", behaviour_params::kConnectReflection,
     "CONNECT through a rendezvous on behalf of a forged source"},
    {Behaviour::kRoutingPoisoning, "routing_poisoning", behaviour_params::kRoutingPoisoning,
     "ROUTING that maps honest node ids to the adversary or the victim"},
    {Behaviour::kSybil, "sybil", behaviour_params::kIdentities,
     "many fake identities registered with the targets"},
    {Behaviour::kEclipse, "eclipse", behaviour_params::kIdentities,
     "sybils plus ROUTING that cut the first target off the honest overlay"},
    {Behaviour::kIdReuse, "id_reuse", {}, "takes an honest node id and answers MESSAGEs with forged ones"},
    {Behaviour::kReplay, "replay", behaviour_params::kReplay, "replays recorded datagrams of a verb"},
    {Behaviour::kMalformed, "malformed", behaviour_params::kMalformed, "malformed datagrams of every kind"},
    {Behaviour::kCertificateSpam, "certificate_spam", behaviour_params::kCertificateSpam,
     "unsolicited valid CERTIFICATEs for fresh node ids"},
}};
static_assert(indexed_by_value(kBehaviours));

// A group of adversary hosts (`attackers[i]`), placed after every node group.
struct Attacker {
  std::string name;  // default "attacker<i>"
  std::uint32_t count = 1;
  Behaviour behaviour = Behaviour::kHelloFlood;
  std::string target_group;                  // default: every node group
  std::optional<std::uint32_t> target_node;  // a single node index instead
  double rate_per_s = 100;                   // datagrams per second per attacker host
  TimeNs start_ns = 0;                       // default 0, or never when a timeline attack_start names it
  TimeNs stop_ns = kNever;
  Placement placement;                // default public
  std::vector<ParamOverride> params;  // behaviour-specific (kBehaviours lists the keys each accepts)
  LinkChoice link;                    // default: the network-wide link
};

// Comparison of an expectation.
enum class CompareOp : std::uint8_t { kLess, kLessEqual, kGreater, kGreaterEqual, kEqual, kNotEqual };
inline constexpr std::array<NameEntry<CompareOp>, 6> kCompareOps = {{
    {CompareOp::kLess, "<", "a < v + tolerance"},
    {CompareOp::kLessEqual, "<=", "a <= v + tolerance"},
    {CompareOp::kGreater, ">", "a > v - tolerance"},
    {CompareOp::kGreaterEqual, ">=", "a >= v - tolerance"},
    {CompareOp::kEqual, "==", "|a - v| <= tolerance"},
    {CompareOp::kNotEqual, "!=", "|a - v| > tolerance"},
}};
static_assert(indexed_by_value(kCompareOps));

// One expectation (`expect[i]`): `metric op value`. The tolerance widens the test in the
// passing direction: == is |a - v| <= tol, != is |a - v| > tol, < is a < v + tol, >= is
// a >= v - tol, and so on.
struct Expectation {
  std::string metric;
  CompareOp op = CompareOp::kGreaterEqual;
  double value = 0;
  double tolerance = 0;
};

// Parameter matrix of a sweep (`sweep`): expanded by scenarios/format/sweep.hpp.
struct Sweep {
  std::vector<std::pair<std::string, std::vector<std::string>>> parameters;  // pointer -> JSON texts
  std::uint32_t seeds = 1;  // seeds seed, seed+1, ..., seed+seeds-1
};

// A whole validated scenario.
struct Scenario {
  std::string name;
  std::string description;
  std::uint64_t seed = 1;
  TimeNs duration_ns = 10 * kSecond;
  RecordLevel record = RecordLevel::kFull;
  Network network;
  std::vector<NodeGroup> nodes;
  Topology topology;
  Workload workload;
  std::vector<TimelineEvent> timeline;
  std::vector<Attacker> attackers;
  std::vector<Expectation> expect;
  std::optional<Sweep> sweep;
  std::string document;  // the effective JSON document (after --set), compact, for run.scenario_text
  // "POINTER: sentence" for each value the loader found that changes nothing (a NodeParams field
  // the group's options make the engine ignore: format/param_warnings.hpp); the file loads anyway.
  std::vector<std::string> warnings;
};

// Stable names used in files and reports ("full_cone", "hello_flood", ">=", ...), from the tables.
[[nodiscard]] inline std::string_view nat_type_name(NatType t) { return name_of(sim::kNatTypes, t); }
[[nodiscard]] inline std::string_view behaviour_name(Behaviour b) { return name_of(kBehaviours, b); }
[[nodiscard]] inline std::string_view compare_op_name(CompareOp op) { return name_of(kCompareOps, op); }
[[nodiscard]] inline std::string_view role_name(Role r) { return name_of(kRoles, r); }

// Whether `actual` satisfies the expectation (see Expectation for the tolerance rule).
[[nodiscard]] bool expectation_holds(const Expectation& e, double actual);

// Total nodes of all groups (attackers excluded).
[[nodiscard]] std::uint64_t node_count(const Scenario& s);

}  // namespace ptplab::scenarios
