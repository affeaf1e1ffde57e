// What a run could not do that its headline figures hide: drops by reason, MESSAGEs an origin
// never sent, bounds hit, queues overflowed, retransmissions given up. The collector counts
// them (RunDiagnostics); run_warnings() turns them into the `warning:` lines the run summary
// prints, one per reason of the warning table below, naming the reason as the report's
// `traffic.drop_reason` does, so the rows behind a warning are one query away.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/name_table.hpp"
#include "reports/records/metrics.hpp"
#include "scenarios/metrics/traffic.hpp"

namespace ptplab::scenarios {

// A run's silent failures, as the collector counted them.
struct RunDiagnostics {
  std::vector<DropCount> drops;   // every non-zero drop reason, network and endpoints, largest first
  std::vector<DropCount> unsent;  // MESSAGEs an origin could not send (a user action's drop), by reason
  std::vector<DropCount> unsent_copies;  // copies of sent MESSAGEs the origin refused for one peer
  // Engine drops about no datagram (Event::size 0: a request never made, a peer or channel not
  // added, a MESSAGE refused before it was encoded), by reason: not in `traffic`; the report's
  // scalars "sim" "not_sent.<reason>". MESSAGEs of `unsent` with no datagram are counted here too.
  std::vector<DropCount> not_sent;
  std::uint64_t gave_up = 0;                // reliable sends whose retransmissions ran out (engine `gave_up`)
  std::vector<DropCount> connect_failures;  // failed CONNECT attempts by nat_attempt.failure_reason
  // Collision events the nodes raised (sim.collisions_detected): each node's own evidence, not
  // the collision table's ground truth (a peer heard at a new address while its old one still
  // talks reads as a node_id collision to the node that hears it).
  std::uint64_t collision_events = 0;
  std::uint64_t members_open = 0;             // memberships open at the end (node up, not left)
  std::uint64_t members_open_not_joined = 0;  // of those, the ones whose node never joined
  // Of the joined ones, those that received no message although their channel carried others'
  // after the join (sim.members_joined_unreached).
  std::uint64_t members_joined_unreached = 0;
  std::vector<DropCount> too_large_by_verb;  // datagrams a node would not send (too_large), by verb
  // Scheduled workload actions the runner could not carry out, by reason (kWorkloadSkipped
  // rules): they never reach the engine, so no traffic row records them.
  std::vector<DropCount> skipped;
  // Per-node report rows not written because the run was stopped while they were written
  // (sim.node_rows_unwritten; RunRequest::keep_writing_after_stop).
  std::uint64_t node_rows_unwritten = 0;
};

// Why the runner could not carry out a scheduled workload action: the reasons of
// RunDiagnostics::skipped. Their names are the reasons of kWarningRules' kWorkloadSkipped rules,
// in this order (skipped_name); the report counts each as the run value skipped_value gives.
enum class Skipped : std::uint8_t {
  kNoSender,      // a MESSAGE was due, but no member of its channel could send it
  kNoMembers,     // a channel was never created: no member was picked at set-up
  kWindowClosed,  // a channel's messages window closed before messages could begin
};

// Why a drop reason deserves a warning.
enum class WarningKind : std::uint8_t {
  kTableBound,       // a node table was at its bound: work was refused
  kQueueOverflow,    // a bandwidth queue was full: the network model congested
  kNetworkBound,     // the network model refused a datagram by its own bound (size)
  kWorkloadSkipped,  // the runner could not carry out a scheduled workload action (RunDiagnostics::skipped)
};

// One reason that is warned about whenever it occurs, with what it means and the setting that
// moves it (scenarios/README.md documents the settings).
struct WarningRule {
  std::string_view reason;
  WarningKind kind;
  std::string_view meaning;
};

inline constexpr auto kWarningRules = std::to_array<WarningRule>({
    {"peers_full", WarningKind::kTableBound, "HELLOs refused by a full peer table (NodeParams peers_max)"},
    {"channels_full", WarningKind::kTableBound, "channels refused by a full channel table (channels_max)"},
    {"retransmit_queue_full", WarningKind::kTableBound,
     "reliable sends refused by a full retransmission table (pending_retransmissions_max)"},
    {"verification_queue_full", WarningKind::kTableBound,
     "MESSAGEs awaiting a certificate or key dropped (pending_verifications_max)"},
    {"too_many_attempts", WarningKind::kTableBound,
     "CONNECT attempts refused at the bound of concurrent attempts (connect_attempts_max)"},
    {"queue_overflow", WarningKind::kQueueOverflow,
     "datagrams dropped at a full bandwidth queue (network bandwidth and queue_bytes)"},
    {"exceeds_mtu", WarningKind::kNetworkBound,
     "datagrams above the network's size bound dropped in flight (network max_datagram_bytes)"},
    {"no_sender", WarningKind::kWorkloadSkipped,
     "scheduled MESSAGEs not sent: no member of the channel was up, joined and (closed channel) holding "
     "its key when they were due (8 random draws among the members)"},
    {"no_members", WarningKind::kWorkloadSkipped,
     "channels never created: no member was picked at set-up (members groups all down, or members "
     "share x group size rounds to 0)"},
    {"window_closed", WarningKind::kWorkloadSkipped,
     "channels that sent no MESSAGE: their messages window (workload channels messages start, stop, "
     "and the run's duration) closed before messages can begin, 2 s after channel set-up at 1 s"},
});

// The name of `s` ("no_sender"): the reason of the kWorkloadSkipped rule at its position.
[[nodiscard]] constexpr std::string_view skipped_name(Skipped s) {
  auto n = static_cast<std::size_t>(s);
  for (const auto& rule : kWarningRules) {
    if (rule.kind == WarningKind::kWorkloadSkipped && n-- == 0) return rule.reason;
  }
  return {};
}
// How many kWorkloadSkipped rules the table has: one per Skipped value (static_assert below).
[[nodiscard]] constexpr std::size_t workload_rule_count() {
  std::size_t n = 0;
  for (const auto& rule : kWarningRules) n += rule.kind == WarningKind::kWorkloadSkipped ? 1 : 0;
  return n;
}
static_assert(workload_rule_count() > 0 && is_enumerator<Skipped, workload_rule_count() - 1>() &&
                  !is_enumerator<Skipped, workload_rule_count()>(),
              "one Skipped value per kWorkloadSkipped rule of kWarningRules, in table order");

// The report's run value that counts `s` (sim.skipped_<name>; the RunWarnings tests check the
// names agree).
[[nodiscard]] constexpr reports::RunValue skipped_value(Skipped s) {
  switch (s) {
    case Skipped::kNoSender: return reports::RunValue::kSimSkippedNoSender;
    case Skipped::kNoMembers: return reports::RunValue::kSimSkippedNoMembers;
    case Skipped::kWindowClosed: return reports::RunValue::kSimSkippedWindowClosed;
  }
  return reports::RunValue::kSimSkippedNoSender;
}

// Why an origin could not send a MESSAGE, for the reasons the engine gives (others: the name).
[[nodiscard]] std::string_view unsent_meaning(std::string_view reason);

// The `warning: ...` lines for `d` (no trailing newline), in a stable order: unsent MESSAGEs,
// then the warning table's reasons in table order ("N dropped as R", or "N skipped as R" for
// workload rules), then members up at the end that had not joined (with the amplification_limit drops, if
// any), then too_large drops of any verb (by verb), then given-up retransmissions. Empty when nothing failed
// silently.
[[nodiscard]] std::vector<std::string> run_warnings(const RunDiagnostics& d);

}  // namespace ptplab::scenarios
