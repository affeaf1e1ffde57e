// The scenario as plain structs: what scenarios/format/loader.hpp produces from a validated JSON
// file and what the runner builds a simulation from. Every default written here is the one the
// loader applies to an omitted field (and scenarios/README.md documents the same).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/core/time.hpp"

namespace ptplab::scenarios {

// How much the report records: per-message rows, or aggregates only (for scale).
enum class RecordLevel : std::uint8_t { kFull, kSummary };

// One-way delay model of every link (`network.latency`).
struct LatencyModel {
  // constant: delay; uniform: [min, max]; normal: mean/stddev truncated at 0; lognormal: a
  // lognormal delay with this mean/stddev; matrix: region-to-region delays (network.regions).
  enum class Kind : std::uint8_t { kConstant, kUniform, kNormal, kLognormal, kMatrix };
  Kind kind = Kind::kConstant;
  TimeNs delay_ns = 20 * kMillisecond;  // constant ("delay")
  TimeNs min_ns = 10 * kMillisecond;    // uniform ("min")
  TimeNs max_ns = 30 * kMillisecond;    // uniform ("max")
  TimeNs mean_ns = 20 * kMillisecond;   // normal, lognormal ("mean")
  TimeNs stddev_ns = 5 * kMillisecond;  // normal, lognormal ("stddev")
};

// Datagram loss model per link direction (`network.loss`).
struct LossModel {
  // none; bernoulli: each datagram lost with `rate`; gilbert_elliott: two states (good, bad)
  // with transition probabilities p_gb, p_bg per datagram and a loss rate in each.
  enum class Kind : std::uint8_t { kNone, kBernoulli, kGilbertElliott };
  // Without "model": bernoulli when rate is given, gilbert_elliott when any of its fields is.
  Kind kind = Kind::kNone;
  double rate = 0;        // bernoulli
  double p_gb = 0.01;     // gilbert_elliott: good -> bad
  double p_bg = 0.3;      // gilbert_elliott: bad -> good
  double loss_good = 0;   // gilbert_elliott
  double loss_bad = 0.5;  // gilbert_elliott
};

// Per-host access link (`network.bandwidth`); 0 means unlimited.
struct Bandwidth {
  std::uint64_t uplink_bps = 0;           // bits per second ("38Mbit/s" or a number)
  std::uint64_t downlink_bps = 0;         // bits per second
  std::uint64_t queue_bytes = 64 * 1024;  // drop-tail queue per direction ("64KiB" or a number)
};

// The NAT types a host can sit behind (RFC 3489 names), and public (no NAT).
enum class NatType : std::uint8_t { kPublic, kFullCone, kRestricted, kPortRestricted, kSymmetric };

// How NAT boxes allocate external ports.
enum class PortAllocation : std::uint8_t { kSequential, kRandom, kPreserving };

// NAT boxes of the network (`network.nat`).
struct NatConfig {
  // Share of "nat"-placed hosts behind each type (indexed by NatType), summing to 1.
  // Default: all public. Omitted shares are 0, except public which takes what the others leave.
  double mix[5] = {1, 0, 0, 0, 0};
  std::uint32_t hosts_per_box = 1;
  TimeNs mapping_timeout_ns = 120 * kSecond;
  bool hairpinning = false;
  PortAllocation port_allocation = PortAllocation::kSequential;
};

// Named regions and their one-way delays (`network.regions`), used by latency model "matrix".
struct Regions {
  std::vector<std::string> names;
  std::vector<std::vector<TimeNs>> latency_ns;  // [from][to], names.size() square
};

// The simulated Internet (`network`).
struct Network {
  LatencyModel latency;
  LossModel loss;
  double duplication_rate = 0;  // `duplication.rate`: probability a datagram is delivered twice
  Bandwidth bandwidth;
  std::uint32_t max_datagram_bytes = 65507;  // larger datagrams are dropped ("size")
  NatConfig nat;
  Regions regions;
};

// What a node group runs as.
enum class Role : std::uint8_t { kClient, kServer };

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
  std::vector<ParamOverride> params;  // in file order
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
  Kind kind = Kind::kBootstrap;
  std::vector<std::string> bootstrap_groups;                   // bootstrap: "servers" (a name or a list)
  std::uint32_t degree = 4;                                    // random_regular
  double p = 0.1;                                              // erdos_renyi
  std::uint32_t k = 4;                                         // watts_strogatz: ring neighbours (even)
  double beta = 0.1;                                           // watts_strogatz: rewiring probability
  std::uint32_t m = 2;                                         // barabasi_albert: edges per new node
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;  // edges: node index pairs
};

// Message sizes of a channel's workload (`size`).
struct SizeDistribution {
  // constant: bytes; uniform: [min, max]; exponential: mean bytes (capped at max).
  enum class Kind : std::uint8_t { kConstant, kUniform, kExponential };
  Kind kind = Kind::kConstant;
  std::uint32_t bytes = 200;  // constant, exponential (mean)
  std::uint32_t min_bytes = 1;
  std::uint32_t max_bytes = 1000;
};

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
  TimeNs at_ns = 0;
  Kind kind = Kind::kJoin;
  std::string channel;
  std::vector<std::string> groups;  // default: every client group
  double share = 1.0;               // of the groups' nodes (join: among non-members)
};

// The traffic of the run (`workload`).
struct Workload {
  std::vector<Channel> channels;
  std::vector<MembershipChange> membership;
};

// A timed fault or change (`timeline[i]`).
struct TimelineEvent {
  enum class Action : std::uint8_t {
    kPartition,  // sides (lists of groups) or, without sides, a random split by share
    kHeal,       // removes every partition
    kCrash,      // share/count of group's live nodes stop (state lost)
    kRestart,    // share/count of group's crashed nodes start again
    kChurnOn,    // group's nodes alternate up (mean_uptime) and down (mean_downtime)
    kChurnOff,
    kSetParam,     // group's nodes get NodeParams `param` = `value`
    kAttackStart,  // attacker becomes active
    kAttackStop,
    kConnect,  // share/count of group's live nodes CONNECT through a `via` node to a node of `to`
  };
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

// What an adversary host does.
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
  std::vector<ParamOverride> params;  // behaviour-specific (metrics_catalog.hpp lists them)
};

// Comparison of an expectation.
enum class CompareOp : std::uint8_t { kLess, kLessEqual, kGreater, kGreaterEqual, kEqual, kNotEqual };

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
};

// Stable names used in files and reports ("full_cone", "hello_flood", ">=", ...).
[[nodiscard]] const char* nat_type_name(NatType t);
[[nodiscard]] const char* behaviour_name(Behaviour b);
[[nodiscard]] const char* compare_op_name(CompareOp op);
[[nodiscard]] const char* role_name(Role r);

// Whether `actual` satisfies the expectation (see Expectation for the tolerance rule).
[[nodiscard]] bool expectation_holds(const Expectation& e, double actual);

// Total nodes of all groups (attackers excluded).
[[nodiscard]] std::uint64_t node_count(const Scenario& s);

}  // namespace ptplab::scenarios
