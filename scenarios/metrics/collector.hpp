// The metrics collector: a sim::Observer that turns everything a run shows (sends, drops,
// deliveries, endpoint events, hosts going up and down) plus the runner's ground truth (which
// host is an attacker or a victim, node ids, channels, CONNECT attempts, table sizes) into the
// report's rows and the metric values expectations are checked against. Definitions follow
// reports/SCHEMA.md; in short:
// - delivery ratio: first deliveries to intended recipients / intended (message, recipient)
//   pairs, a recipient being intended when the scenario had made it a member of the channel
//   (and it was up) when the message was originated, whether or not its node managed to join
//   (the sender excluded); a message the scenario scheduled that was never sent (its origin
//   refused it, or no member could send it) counts its intended recipients as undelivered;
//   delivery_ratio_joined counts only the recipients that had joined, over sent messages;
//   latency: origin send -> first delivery;
// - join figures: memberships the scenario asked for, those whose node joined, and the time
//   from the scenario's request to the node's join;
// - collision costs: messages_wrongly_suppressed = undelivered intended pairs of messages whose
//   msg_id another message also has; messages_misrouted = deliveries to a host that was not an
//   intended recipient but shares its node_id with another host;
// - amplification factor: bytes honest hosts sent to an address an attacker's datagram had
//   shown them as its source (the attacker itself, or the victim it spoofed), after that
//   datagram arrived, divided by the bytes attackers sent.
// No allocation per datagram: verbs are scanned, counters are flat arrays, ids are interned
// once per message.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "engine/core/text_arena.hpp"
#include "engine/node/node.hpp"
#include "reports/records/sink.hpp"
#include "scenarios/adversaries/attack_window.hpp"
#include "scenarios/metrics/run_warnings.hpp"
#include "scenarios/metrics/sample.hpp"
#include "scenarios/metrics/traffic.hpp"
#include "sim/observer.hpp"

namespace ptplab::scenarios {

// Metric values by name (sorted, so reports list them in a stable order).
using MetricValues = std::map<std::string, double>;

// How the collector records.
struct CollectorOptions {
  std::size_t hosts = 0;
  bool full = true;  // per-message and per-delivery rows, exact percentiles
  TimeNs duration_ns = 10 * kSecond;
  TimeNs traffic_bucket_ns = kSecond;
  reports::RecordBuffer* rows = nullptr;  // where report rows go (null: none); the runner drains
                                          // it into the report between time slices
};

// What the runner knows about a host.
struct HostRole {
  bool attacker = false;
  bool victim = false;
  std::string_view nat_type = "public";  // a name of sim::kNatTypes (static text)
};

// Hash that lets maps keyed by std::string be searched with a string_view.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

// Observes one run and produces its metrics.
class Collector final : public sim::Observer {
 public:
  explicit Collector(const CollectorOptions& options);

  // --- ground truth from the runner ---
  void set_role(sim::HostId host, HostRole role);
  // The scenario group (index into the scenario's `nodes`, name) of an honest host; the
  // per-group results cover hosts given one.
  void set_group(sim::HostId host, std::uint32_t group, std::string_view name);
  // The node_id a host runs under (called at every start; restarts keep their identity). Returns
  // the collector's copy of `node_id`, valid as long as the collector (one copy per distinct id,
  // so the runner need not keep its own).
  std::string_view set_node_id(sim::HostId host, std::string_view node_id);
  // A channel of the workload, by the id its creator gave it.
  void add_channel(const std::string& channel_id);
  // The scenario made `host` a member of the channel (the creator and every joiner it picked),
  // whether or not its node manages to join; ignored for a host that is down (idempotent).
  void note_intended(TimeNs now, sim::HostId host, std::string_view channel_id);
  // `host`'s node joined the channel (idempotent); a join the scenario did not ask for first
  // makes the host an intended member at the same time.
  void note_member(TimeNs now, sim::HostId host, std::string_view channel_id);
  // The scenario made `host` leave the channel (idempotent).
  void note_left(TimeNs now, sim::HostId host, std::string_view channel_id);
  // A message the scenario scheduled in the channel was not sent: `origin`'s node refused it
  // (too_large, ...), or no member could send it (`origin` = sim::kNoHost). Its intended
  // recipients (the members up now, `origin` excluded) count as undelivered in delivery_ratio.
  void note_unsent(TimeNs now, sim::HostId origin, std::string_view channel_id);
  // A node dropped a copy of MESSAGE `msg_id` as a msg_id collision. With no other MESSAGE under
  // that id, the id is shared with another verb's datagram (JOIN, CHANNEL, LEAVE, GETKEY, KEY),
  // which the ground truth of message rows cannot see: the message counts as a collision.
  void note_msg_id_collision(std::string_view msg_id);
  // Whether the msg_id of message `first` (the first under its id) is held by another message:
  // another MESSAGE, or another verb's datagram a node reported (note_msg_id_collision).
  [[nodiscard]] bool shares_msg_id(std::uint32_t first) const;
  // Host `a` started a CONNECT towards host `b`.
  void note_connect(TimeNs now, sim::HostId a, sim::HostId b);
  // The periods during which any attack is on (honest_delivery_ratio counts messages sent then;
  // with no attacker host, every message).
  void set_attack_windows(std::vector<AttackWindow> windows);
  // One sample of a node's table sizes.
  void sample_tables(const engine::TableSizes& sizes);
  // Ends a round of samples at `now` (one timeseries point per table with the round's maximum).
  void end_sample_round(TimeNs now);

  // --- sim::Observer ---
  void on_send(TimeNs now, const sim::DatagramView& d) override;
  void on_drop(TimeNs now, const sim::DatagramView& d, sim::DropReason reason) override;
  void on_delivery(TimeNs now, const sim::DatagramView& d) override;
  void on_event(TimeNs now, sim::HostId host, const Event& e, const sim::EventCause& cause) override;
  void on_host_state(TimeNs now, sim::HostId host, bool up) override;

  // Computes the metrics at the end of the run (`end`: simulated time reached) and, when rows
  // are kept, adds the aggregate rows (scalars, statistics, histograms, time series,
  // traffic, collisions, NAT attempts).
  [[nodiscard]] MetricValues finish(TimeNs end);
  // What failed silently so far: drops by reason, MESSAGEs not sent, retransmissions given up,
  // CONNECT attempts that failed by reason.
  [[nodiscard]] RunDiagnostics diagnostics() const;
  // The `traffic` table's rows so far, as finish() writes them.
  [[nodiscard]] std::vector<reports::TrafficRecord> traffic_rows() const { return traffic_.records(); }
  // One `node` row per host, in host order, with what the host did so far: the result columns
  // (attack_target, joined_ns, left_ns, datagram and byte counts, messages_intended, deliveries,
  // duplicates); the runner fills in identity, group, role, NAT type, region and peers_at_end.
  [[nodiscard]] std::vector<reports::NodeRecord> node_rows() const;
  // The messages_intended column of node_rows(), by host (8 bytes a host, where node_rows()
  // builds whole records: at a million hosts that is most of a stopped run's exit time).
  [[nodiscard]] std::vector<std::uint64_t> messages_intended() const;
  // Row `host` of node_rows(), given its messages_intended.
  [[nodiscard]] reports::NodeRecord node_row(sim::HostId host, std::uint64_t messages_intended) const;
  // Delivery and latency per group set with set_group(), in group index order.
  [[nodiscard]] std::vector<reports::GroupTotals> group_totals() const;

 private:
  struct Message {
    sim::HostId origin = 0;
    std::uint32_t channel = 0;
    TimeNs sent_ns = 0;
    std::uint32_t intended = 0;
    std::uint32_t joined = 0;  // intended recipients whose node had joined when it was sent
    std::uint32_t delivered = 0;
    std::uint32_t delivered_joined = 0;
    std::uint32_t next_same_id = UINT32_MAX;  // another message with the same msg_id
    bool during_attack = false;
    bool collided = false;  // a node dropped a copy as a msg_id collision (kCollision, kMsgId)
  };
  // Per-recipient counts of a membership come from the channel's message count at its start and
  // end, less the messages its host originated meanwhile.

  // One membership the scenario asked for (a membership row): open while left_ns == kNever.
  struct Membership {
    TimeNs intended_ns = kNever;
    TimeNs joined_ns = kNever;
    TimeNs left_ns = kNever;
    std::uint64_t messages_at_start = 0;  // the channel's messages_ count when it opened
    std::uint64_t own_messages = 0;       // messages its host originated in the channel while open
    std::uint64_t messages_at_end = 0;    // the channel's messages_ count when it ended
    std::uint64_t messages_at_join = 0;   // the channel's messages_ count when its host joined
    [[nodiscard]] bool open() const { return intended_ns != kNever && left_ns == kNever; }
  };
  // A membership that ended and was followed by another of the same (channel, host).
  struct PastMembership {
    std::uint32_t channel = 0;
    sim::HostId host = 0;
    Membership m;
  };
  struct HostState {
    HostRole role;
    std::uint32_t node_id = UINT32_MAX;  // interned
    TimeNs up_ns = kNever;
    TimeNs down_ns = kNever;
    TimeNs joined_ns = kNever;  // first channel join of its node
    std::uint32_t group = UINT32_MAX;
    std::uint64_t datagrams_out = 0, bytes_out = 0, datagrams_in = 0, bytes_in = 0, bytes_induced = 0;
    std::uint64_t deliveries = 0, duplicates = 0;
    std::uint64_t unsent_intended = 0;  // intended (message, node) pairs of messages never sent
  };
  struct ConnectAttempt {
    sim::HostId a = 0, b = 0;
    TimeNs started_ns = 0;
    std::optional<TimeNs> connected_ns;
    bool done = false;
    std::string_view refused;   // why a rendezvous or the target refused a CONNECT between a and b
    bool nat_filtered = false;  // a datagram of a or b was filtered by a NAT while it was open
    std::string_view failure;   // once failed: refused, else "nat_filter", else the engine's reason
  };

  [[nodiscard]] bool intended_at(std::uint32_t channel, sim::HostId host, TimeNs t) const;
  [[nodiscard]] bool joined_at(std::uint32_t channel, sim::HostId host, TimeNs t) const;
  [[nodiscard]] bool up_at(sim::HostId host, TimeNs t) const;
  [[nodiscard]] bool intended(const Message& m, sim::HostId host) const;
  [[nodiscard]] bool joined(const Message& m, sim::HostId host) const;
  // Ends the open membership of (channel, host) at `now`, if any.
  void end_membership(TimeNs now, std::uint32_t channel, sim::HostId host);
  // Every membership of the run, ended or open, in (channel, host, intended_ns) order.
  void for_each_membership(const std::function<void(std::uint32_t, sim::HostId, const Membership&)>& f) const;
  // (message, recipient) pairs of a membership: messages of its channel originated while it was
  // open, other than its host's own.
  [[nodiscard]] std::uint64_t intended_pairs(std::uint32_t channel, const Membership& m) const;
  // Open, joined memberships whose host received no message at all although its channel carried
  // messages of others after the join (RunValue kSimMembersJoinedUnreached).
  [[nodiscard]] std::uint64_t members_joined_unreached() const;
  [[nodiscard]] bool attack_on(TimeNs t) const;
  [[nodiscard]] std::uint32_t intern_node_id(std::string_view id);
  void originated(TimeNs now, sim::HostId host, const Event& e);
  void delivered(TimeNs now, sim::HostId host, const Event& e);
  void connect_result(TimeNs now, sim::HostId host, const Event& e, bool ok);
  // Evidence for the open CONNECT attempts the refused CONNECT `d` belongs to: those of the same
  // initiator A and target B (every step of the spec's ####CONNECT names both; its form says
  // which is A). A refusal of a CONNECT a node started on its own (routing greetings) towards
  // another node, or from B towards A, is not evidence for a scenario's attempt.
  void connect_refused(const sim::DatagramView& d, std::string_view reason);
  void engine_dropped(TimeNs now, const Event& e, const sim::EventCause& cause, Reason reason);
  // The verb of the datagram being handled, scanned once per datagram however many events it
  // causes (a broadcast datagram is one buffer shared by its receivers: one scan for all).
  [[nodiscard]] std::size_t input_verb(const sim::DatagramView& d);
  void write_rows(TimeNs end, const MetricValues& metrics);
  [[nodiscard]] std::uint64_t named_key(sim::HostId host, const Address& a) const;

  CollectorOptions options_;
  std::vector<HostState> hosts_;
  std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> channel_index_;
  std::vector<std::string> channel_ids_;
  std::vector<std::vector<Membership>> membership_;  // [channel][host]: the latest membership
  std::vector<PastMembership> past_memberships_;     // earlier ones, replaced by a later one
  std::vector<std::uint32_t> intended_up_;           // [channel]: open memberships (hosts up)
  std::vector<std::uint32_t> joined_up_;             // [channel]: ... whose node has joined
  std::vector<std::uint64_t> channel_messages_;      // [channel]: messages originated so far
  std::vector<std::string> group_names_;             // by group index (set_group)
  std::vector<Sample> group_latency_;                // [group]: latency of deliveries to its hosts
  // Interned node_ids: the text once, in node_id_arena_ (stable addresses), viewed by the map's
  // keys and by index (two std::string copies per node before: ~160 bytes of a simulated node).
  TextArena node_id_arena_;
  std::unordered_map<std::string_view, std::uint32_t> node_ids_;
  std::vector<std::string_view> node_id_text_;
  // The hosts that ran under each interned node_id: how many, the first, and the others (pairs
  // of id and host: only colliding ids have any). A vector per id cost 56 bytes a node.
  std::vector<std::uint32_t> holders_;
  std::vector<sim::HostId> first_holder_;
  std::vector<std::pair<std::uint32_t, sim::HostId>> more_holders_;
  std::vector<std::uint64_t> misrouted_by_id_;  // by interned node_id
  std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> msg_index_;
  std::vector<std::string_view> msg_id_text_;  // views into msg_index_ keys, by message
  std::vector<Message> messages_;
  Sample latency_;
  TrafficTable traffic_;
  SharedBytes scanned_input_;  // the buffer input_verb() scanned last (held, so never reused)
  std::size_t scanned_input_verb_ = kVerbInvalid;
  std::vector<AttackWindow> attack_windows_;
  std::unordered_set<std::uint64_t> named_;  // (honest host, address) pairs attackers showed as source
  std::array<std::uint64_t, kVerbSlots> induced_bytes_{};
  std::uint64_t attacker_bytes_ = 0;
  std::uint64_t honest_bytes_ = 0;
  std::uint64_t honest_datagrams_ = 0;
  std::uint64_t victim_datagrams_ = 0;
  std::uint64_t duplicates_ = 0;
  std::uint64_t collisions_detected_ = 0;
  std::uint64_t signature_failures_ = 0;
  std::uint64_t unintended_deliveries_ = 0;
  std::uint64_t misrouted_ = 0;
  std::uint64_t unknown_deliveries_ = 0;
  std::uint64_t retransmissions_ = 0;
  std::uint64_t gave_up_ = 0;
  std::uint64_t messages_unsent_ = 0;              // scheduled messages never sent (note_unsent)
  std::uint64_t unsent_pairs_ = 0;                 // their intended (message, recipient) pairs
  std::uint64_t unsent_attack_pairs_ = 0;          // those of them scheduled while an attack was on
  std::map<Reason, std::uint64_t> unsent_;         // MESSAGEs a user action could not send, by reason
  std::map<Reason, std::uint64_t> unsent_copies_;  // copies of sent MESSAGEs refused for one peer
  std::map<Reason, std::uint64_t> not_sent_;  // engine drops about no datagram (Event::size 0), by reason
  std::vector<ConnectAttempt> connects_;
  std::size_t open_connects_ = 0;  // attempts not done yet (evidence is only looked for then)
  engine::TableSizes table_max_{}, round_max_{};
  std::vector<std::pair<TimeNs, engine::TableSizes>> table_series_;
};

// Bounds of the collector's ground-truth memory.
inline constexpr std::size_t kNamedAddressesMax = 1u << 20;  // (host, address) pairs for amplification
inline constexpr std::size_t kLatencyHistogramBins = 50;     // bins of the latency histogram
// The failure reason of a CONNECT attempt still open when the run ended.
inline constexpr std::string_view kConnectUnfinished = "unfinished";

}  // namespace ptplab::scenarios
