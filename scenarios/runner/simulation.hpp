// One run of a scenario: builds the simulated network, the ptpchat nodes, the overlay, the
// workload, the timeline and the attackers on a sim::Simulator, runs it (cancellable through a
// flag polled during the build and every few hundred events), and hands the metrics
// collector's results back. run.hpp wraps it with the report.
// Report rows produced inside simulator events wait in a RecordBuffer; run() hands them to the
// sink between time slices (and finish() at the end), never from inside an event.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/crypto/parse_cache.hpp"
#include "engine/crypto/verify_cache.hpp"
#include "engine/node/encoding_cache.hpp"
#include "engine/node/node.hpp"
#include "engine/node/node_id_interner.hpp"
#include "reports/records/sink.hpp"
#include "scenarios/format/scenario.hpp"
#include "scenarios/metrics/collector.hpp"
#include "scenarios/runner/capture_tap.hpp"
#include "scenarios/runner/network_setup.hpp"
#include "scenarios/runner/part_comm.hpp"
#include "scenarios/runner/part_exchange.hpp"
#include "scenarios/runner/part_log.hpp"
#include "scenarios/topology/overlay.hpp"
#include "sim/network.hpp"
#include "sim/partition_plan.hpp"
#include "sim/simulator.hpp"

namespace ptplab::scenarios {

// Called between slices of simulated time: (simulated now, events so far).
using ProgressFn = std::function<void(TimeNs, std::uint64_t)>;
// Called after each phase of build() (names in kSetupPhases order): (phase, items it built).
using SetupFn = std::function<void(std::string_view phase, std::size_t items)>;
// The phases of build(), in order: "hosts" (honest nodes made and started: keys, the slow part
// at scale), "topology" (bootstrap peers), "attackers", "workload" (channels and messages
// scheduled), "timeline" (its events scheduled).
inline constexpr std::array<std::string_view, 5> kSetupPhases = {"hosts", "topology", "attackers", "workload",
                                                                 "timeline"};

// Simulated time run between two drains of report rows and two progress calls (the cancel flag
// is polled inside slices, every sim::Simulator::kCancelPollEvents events).
inline constexpr TimeNs kRunSlice_ns = 100 * kMillisecond;
// A slice pauses after this many events (a fraction of a second of wall time) to drain its rows
// all the same: a slice in which simulated time hardly moves (1 ns HELLO intervals) would
// otherwise buffer every row it makes until it ends or is stopped. The pauses change no result:
// the slices still end at the same simulated times.
inline constexpr std::uint64_t kRunSliceEventsMax = 50'000;
// Hosts (or NAT boxes) added, started or bootstrapped between two polls of the cancel flag
// during the build.
inline constexpr std::uint32_t kBuildPollHosts = 64;
// How often every node's table sizes are sampled.
inline constexpr TimeNs kTableSample_ns = kSecond;
// When channels are created (nodes have exchanged HELLOs by then) and how joins retry.
inline constexpr TimeNs kChannelSetup_ns = kSecond;
inline constexpr TimeNs kJoinRetry_ns = 500 * kMillisecond;
inline constexpr int kJoinAttemptsFast = 40;
inline constexpr TimeNs kJoinRetrySlow_ns = 5 * kSecond;
// A channel's invitation (Simulation::invitation_on_owner) that its creator cannot hand out yet.
inline constexpr std::string_view kInvitationPending = "-";
// Per-node report rows handed to the sink between two questions to finish()'s keep_writing.
inline constexpr std::size_t kNodeRowsChunk = 4096;
// Honest node ids an adversary is told about (for impersonation and poisoned routes).
inline constexpr std::size_t kAdversaryPopulationMax = 4096;

// Builds and runs one scenario.
class Simulation final : private sim::Observer {
 public:
  // `sink` (may be null: no report) receives the run's rows; its run must be open. `cancel`
  // (may be null), once raised, ends build() and run() early; the caller owns it (e.g. raised
  // by a signal handler) and it must outlive the simulation.
  // `parts` (may be null: the whole simulation in this process) makes it this rank's part of a
  // partitioned run (simulation_parts.cpp): only rank 0 may have a sink; every rank must build,
  // run and finish its Simulation, since they meet in collectives throughout.
  Simulation(const Scenario& scenario, reports::RecordSink* sink, const std::atomic<bool>* cancel = nullptr,
             PartComm* parts = nullptr);
  ~Simulation() override;
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  // Creates hosts, nodes and every scheduled action; an error sentence if the scenario cannot
  // be built (e.g. a NodeParams override the engine rejects). When the cancel flag is raised it
  // returns early with built() false: then neither run() nor finish() may be called.
  // `phase_done` (may be empty) hears of each phase of kSetupPhases as it ends.
  [[nodiscard]] Expected<std::monostate, std::string> build(const SetupFn& phase_done = {});
  [[nodiscard]] bool built() const { return built_; }
  // Runs to the scenario's duration in slices of kRunSlice_ns (at most kRunSliceEventsMax events
  // each), draining the rows of each slice into the sink after it; false if the cancel flag was
  // raised first (the rows of the events run so far are drained all the same).
  bool run(const ProgressFn& progress);
  // Metrics at the simulated time reached (hands the aggregate rows to the sink, if any).
  // `keep_writing` (may be empty: write every row) is asked after each kNodeRowsChunk per-node
  // rows; once it says false the rest are not written, and the run value
  // sim.node_rows_unwritten counts them (RunRequest::keep_writing_after_stop).
  [[nodiscard]] MetricValues finish(const std::function<bool()>& keep_writing = {});
  // What failed silently (drops by reason, MESSAGEs not sent, retransmissions given up).
  [[nodiscard]] RunDiagnostics diagnostics() const { return collector_.diagnostics(); }
  // Delivery and latency per group (reports::GroupTotals), in the scenario's group order.
  [[nodiscard]] std::vector<reports::GroupTotals> group_totals() const { return collector_.group_totals(); }

  [[nodiscard]] TimeNs now() const { return sim_.now(); }
  // Events run so far (a partitioned run: this rank's until finish(), then every rank's).
  [[nodiscard]] std::uint64_t events() const {
    return events_total_ != 0 ? events_total_ : sim_.events_executed();
  }
  // A partitioned run's plan, after build(): parts, hosts per part and overlay edges cut
  // ("" when not partitioned).
  [[nodiscard]] std::string partition_summary() const;
  // What a partitioned run's synchronisation cost, after finish() (a line for stderr: "partitioned:
  // K ranks, E of M overlay edges cut, W windows, C driver callbacks, R owner reads; X datagrams
  // crossed ranks (P bytes of payload), B bytes exchanged in all; host events per rank E0/E1/...";
  // X, P and B summed over every rank; "" when not partitioned).
  [[nodiscard]] std::string partition_costs() const;
  // Instead of build(): the plan a run over each K of `parts` (>= 1) ranks would use, as
  // partition_summary() words it, from the hosts and the overlay alone (no node starts). Errors:
  // the scenario's, and a latency without a positive minimum (no lookahead).
  [[nodiscard]] Expected<std::vector<std::string>, std::string> preview_partitions(
      const std::vector<std::uint32_t>& parts);
  [[nodiscard]] const NetworkPlan& plan() const { return plan_; }
  // The simulated network (its hosts' links, counters); only after build().
  [[nodiscard]] const sim::Network& network() const { return *net_; }
  // Also shows every send to `tap` (may be null: none), which run() flushes after each time
  // slice and finish() at the end; it must outlive them.
  void set_tap(CaptureTap* tap) { tap_ = tap; }
  // Adds to `d` what the run left undone: the scheduled workload actions it could not carry out
  // (RunDiagnostics::skipped) and, after finish(), the per-node rows it left unwritten
  // (RunDiagnostics::node_rows_unwritten).
  void add_run_gaps(RunDiagnostics& d) const;
  // Records that the scenario made `host` a member of workload channel `c` (member_of_).
  void make_member(std::size_t c, sim::HostId host);
  // `host`'s node has just learned of a channel: if the scenario made it a member of that
  // workload channel, it joins at once (deferred to the current instant, outside the engine's
  // call), so join times are the protocol's, not the try_join poll's.
  void on_channel_announced(sim::HostId host, std::string_view channel_id);
  // Joins `host` to workload channel `c` if its node knows the channel; true once it is a member.
  bool join_if_known(std::size_t c, sim::HostId host);
  // join_if_known's action, on `host`'s owner: whether the node joined at `now`.
  bool join_on_owner(std::size_t c, sim::HostId host, TimeNs now);
  // What workload channel `c`'s creator hands out as its invitation (engine::Invitation, PROTOCOL.md
  // "Presets", invite-discovery), read on the creator's owner: "" when it does not invite
  // (channel_discovery "flood", or propagation other than "mesh"), kInvitationPending while it
  // cannot yet (down, or no peer has told it its outside address), else the invitation as JSON.
  std::string invitation_on_owner(std::size_t c, TimeNs now);
  // On `host`'s owner: hands `host` an invitation (JSON, as invitation_on_owner makes it): a member
  // its channel's, the creator a member's answer; nothing for "" or kInvitationPending.
  void accept_on_owner(sim::HostId host, TimeNs now, const std::string& invitation);
  // What every rank records once `host` joined channel `c` at `now`.
  void joined(std::size_t c, sim::HostId host, TimeNs now);
  // A restarted `host` is made a member of its channels (member_of_) again and tries to rejoin.
  void rejoin(sim::HostId host);
  // The node_id of an honest host ("" before it first started).
  [[nodiscard]] std::string_view node_id(sim::HostId host) const { return node_ids_[host]; }

 private:
  // --- sim::Observer: forwards to the collector, and re-bootstraps restarted nodes ---
  // (A partitioned run logs what its part saw instead: rank 0 replays every rank's log.)
  void on_send(TimeNs now, const sim::DatagramView& d) override {
    if (parts_ != nullptr) return log_.on_send(stamp(), now, d);
    collector_.on_send(now, d);
    if (tap_ != nullptr) tap_->on_send(now, d);
  }
  void on_drop(TimeNs now, const sim::DatagramView& d, sim::DropReason r) override {
    if (parts_ != nullptr) return log_.on_drop(stamp(), now, d, r);
    collector_.on_drop(now, d, r);
  }
  void on_delivery(TimeNs now, const sim::DatagramView& d) override {
    if (parts_ != nullptr) return log_.on_delivery(stamp(), now, d);
    collector_.on_delivery(now, d);
    if (tap_ != nullptr) tap_->on_delivery(now, d);
  }
  void on_event(TimeNs now, sim::HostId host, const Event& e, const sim::EventCause& cause) override {
    if (parts_ != nullptr) {
      log_.on_event(stamp(), now, host, e, cause);
    } else {
      collector_.on_event(now, host, e, cause);
    }
    if (e.kind == EventKind::kChannelAnnounced) on_channel_announced(host, e.channel_id);
  }
  void on_host_state(TimeNs now, sim::HostId host, bool up) override;

  // build() steps (runner_build.cpp, runner_workload.cpp, runner_timeline.cpp, runner_attackers.cpp)
  [[nodiscard]] Expected<std::monostate, std::string> build_params();
  [[nodiscard]] Expected<std::monostate, std::string> build_hosts();
  void start_hosts();
  void build_topology();
  void bootstrap_all();
  void bootstrap(sim::HostId host);
  void build_workload();
  void schedule_channel(std::size_t c);
  void try_join(std::size_t c, sim::HostId host, int attempt);
  void schedule_next_message(std::size_t c, TimeNs after);
  void send_message(std::size_t c);
  void apply_membership(const MembershipChange& change);
  [[nodiscard]] Expected<std::monostate, std::string> build_timeline();
  void apply(const TimelineEvent& e);
  [[nodiscard]] Expected<std::monostate, std::string> build_attackers();
  void sample_tables();
  // The cancel flag, raised (a partitioned run's build ignores it: the ranks would part ways in
  // their collectives; its run loop stops every rank at the same window).
  // A stop seen inside one timeline entry, between two hosts: sequential runs only (a
  // partitioned run's ranks must take the same path through an entry's owner reads, so they
  // stop at the window's end, where the stop flags are gathered).
  [[nodiscard]] bool stopped_mid_action() const { return parts_ == nullptr && cancelled(); }
  [[nodiscard]] bool cancelled() const {
    return (parts_ == nullptr || running_) && cancel_ != nullptr && cancel_->load(std::memory_order_relaxed);
  }

  // --- what the driver does through these works alike sequentially and partitioned
  // (simulation_parts.cpp): on a partitioned run the driver runs on every rank, a node's state is
  // read by its owner and shared, an action runs on the owner only, the metrics are logged ---
  // A driver callback at `t` (>= now): the kernel's control origin, or the replicated queue.
  void drive_at(TimeNs t, std::function<void()> fn);
  // A callback at now, after the events at now, of a host's event (a rank-local deferred
  // callback when partitioned: it may touch that host only).
  void defer(std::function<void()> fn);
  // `f()` evaluated by `host`'s owner, known to every rank (one collective in driver callbacks:
  // a callback reads what it needs in one, see try_join and send_message).
  bool owner_bool(sim::HostId host, const std::function<bool()>& f);
  std::string owner_text(sim::HostId host, const std::function<std::string()>& f);
  // `pred(h)` for every honest host, each evaluated by its owner.
  std::vector<char> owner_flags(const std::function<bool(sim::HostId)>& pred);
  // `pred(hosts[i])` for each of `hosts` (honest hosts), each evaluated by its owner: one collective.
  std::vector<char> owner_flags_of(const std::vector<sim::HostId>& hosts,
                                   const std::function<bool(sim::HostId)>& pred);
  // Runs `f` (an action on `host`: act, start, crash, retune) on its owner.
  void act_on(sim::HostId host, const std::function<void()>& f);
  // The table sizes of every honest host up (nullopt when down), each read by its owner.
  std::vector<std::optional<engine::TableSizes>> owner_tables();
  // The collector's ground-truth inputs.
  void feed_channel(const std::string& channel_id);
  void feed_note(PartRecordKind kind, TimeNs now, sim::HostId host, std::string_view channel_id);
  // feed_note(kind, ...) if `happened`, which `host`'s owner alone may know: a driver callback logs
  // it there (every rank counts the step alike), so that it needs no collective.
  void feed_note_if(bool happened, PartRecordKind kind, TimeNs now, sim::HostId host,
                    std::string_view channel_id);
  void feed_tables(const engine::TableSizes& sizes);
  void feed_round(TimeNs now);
  void feed_connect(TimeNs now, sim::HostId a, sim::HostId b);
  // `host` joined workload channel c (channel_members_), as the driver state of every rank.
  void add_channel_member(std::size_t c, sim::HostId host);
  // A partitioned run's pieces.
  enum class Context : std::uint8_t { kDriver, kHost, kDeferred };
  [[nodiscard]] Stamp stamp();
  [[nodiscard]] bool replicated() const { return parts_ != nullptr && ctx_ == Context::kDriver; }
  [[nodiscard]] Expected<std::monostate, std::string> plan_parts();
  [[nodiscard]] sim::PartitionPlan plan_for(std::uint32_t parts) const;
  bool run_parts(const ProgressFn& progress);
  // One gather: datagrams, next times, stop flags and logs; false when a rank was stopped.
  bool gather(TimeNs& next);
  void apply(const std::vector<PartEntry>& merged);

  [[nodiscard]] engine::Node* node(sim::HostId host);
  // Honest hosts of a group by name ("" = every group).
  [[nodiscard]] std::vector<sim::HostId> group_hosts(const std::string& group) const;
  [[nodiscard]] std::vector<sim::HostId> groups_hosts(const std::vector<std::string>& groups) const;
  // The hosts a channel's members or a membership change may pick: those of `groups`, and when
  // none is named every client group's (scenarios/README.md: servers join only when named).
  [[nodiscard]] std::vector<sim::HostId> member_hosts(const std::vector<std::string>& groups) const;
  // `share` of `hosts` (or exactly `count`), drawn from the run's action stream.
  [[nodiscard]] std::vector<sim::HostId> pick(std::vector<sim::HostId> hosts, double share,
                                              std::optional<std::uint32_t> count);

  const Scenario& s_;
  reports::RecordSink* sink_;
  const std::atomic<bool>* cancel_;
  bool built_ = false;
  reports::RecordBuffer rows_;  // rows of the current slice, drained into sink_ between slices
  NetworkPlan plan_;
  std::vector<sim::NatId> nat_boxes_;  // simulator ids of plan_.nat_boxes, same order
  sim::Simulator sim_;
  Collector collector_;
  crypto::VerifyCache verify_cache_;
  crypto::ParseCache parse_cache_;
  engine::RelayCache relay_cache_;
  engine::AckCache ack_cache_;
  engine::NodeIdInterner node_id_interner_;  // outlives the nodes: net_, declared last, holds them
  // By group, shared by its nodes (one copy, not one per node); a set_param swaps in a new one.
  std::vector<std::shared_ptr<const engine::NodeParams>> group_params_;
  std::vector<std::string_view> node_ids_;                 // by host, viewing the collector's copy
  std::vector<std::vector<sim::HostId>> peers_of_;         // by host: whom it add_peers at (re)start
  std::vector<std::vector<sim::HostId>> channel_members_;  // by workload channel: hosts made members
  // By host: the workload channels the scenario made it a member of, until it made it leave; a
  // restarted node (crash/restart, churn) is made a member of them again and rejoins, as a user's
  // client would.
  std::vector<std::vector<std::size_t>> member_of_;
  std::uint64_t memberships_renewed_ = 0;  // memberships renewed at a restart
  std::uint64_t unreachable_edges_ = 0;    // overlay edges between two NATed hosts (not added)
  std::vector<bool> started_;              // by host: started at least once
  std::vector<std::string> channel_ids_;   // by workload channel ("" before creation)
  std::vector<sim::HostId> channel_creator_;
  // By workload channel: its invitation as invitation_on_owner read it (same on every rank), read
  // again while kInvitationPending.
  std::vector<std::string> channel_invitation_;
  std::uint64_t messages_without_sender_ = 0;   // due arrivals skipped: no member could send
  std::uint64_t channels_without_members_ = 0;  // channels never created: no member picked
  std::uint64_t node_rows_unwritten_ = 0;       // finish(): per-node rows left unwritten after a stop
  std::uint64_t windows_closed_ = 0;  // channels whose messages window closed before messages could begin
  Rng action_rng_;                    // crash/partition/membership draws
  Rng message_rng_;                   // message arrivals, senders and bodies
  CaptureTap* tap_ = nullptr;         // sees every send besides the collector
  // A partitioned run (null parts_: sequential, none of these used).
  PartComm* parts_ = nullptr;
  sim::PartitionPlan part_plan_;
  std::unique_ptr<PartExchange> exchange_;
  TimeNs lookahead_ = 0;
  PartLog log_;         // the observer's records: to rank 0
  PartLog driver_log_;  // node ids and driver records: to every rank
  Context ctx_ = Context::kDriver;
  bool running_ = false;
  std::uint64_t step_ = 0;     // the driver's replicated step counter
  std::uint64_t counter_ = 0;  // this rank's record counter
  TimeNs instant_t_ = -1;      // the last instant at which the driver ran, and its phase
  std::uint64_t instant_phase_ = 0;
  TimeNs eff_t_ = -1;  // the effective key of host events at (eff_t_, eff_phase_)
  std::uint64_t eff_phase_ = 0;
  std::uint64_t eff_key_ = 0;
  Stamp creator_;           // of the deferred callback running
  TimeNs deferred_t_ = -1;  // the instant and phase at which a deferred callback last ran,
  std::uint64_t deferred_phase_ = 0;
  Stamp deferred_creator_;                                                    // and its creator
  std::map<std::pair<TimeNs, std::uint64_t>, std::function<void()>> driver_;  // (time, sequence)
  std::uint64_t driver_seq_ = 0;
  std::uint64_t driver_events_ = 0;
  std::uint64_t windows_ = 0;                    // gathers of the window loop
  std::uint64_t reads_ = 0;                      // collectives of the driver's owner reads
  std::uint64_t gathered_bytes_ = 0;             // what this rank sent to the others in the window exchanges
  struct PartCosts {                             // every rank's, after finish()
    std::uint64_t datagrams = 0;                 // datagrams that crossed ranks
    std::uint64_t datagram_bytes = 0;            // their payload bytes
    std::uint64_t bytes = 0;                     // window exchange bytes between ranks
    std::vector<std::uint64_t> events_per_rank;  // host events each rank ran (its load)
  } costs_;
  std::uint64_t events_total_ = 0;          // every rank's events, after finish()
  std::vector<std::string> part_node_ids_;  // node_ids_ views these when partitioned
  std::unique_ptr<sim::Network> net_;       // last: destroyed first, while what it calls still lives
};

}  // namespace ptplab::scenarios
