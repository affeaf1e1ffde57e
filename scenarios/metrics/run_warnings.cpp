// The run's warning lines (see run_warnings.hpp).
#include "scenarios/metrics/run_warnings.hpp"

#include <algorithm>
#include <array>

namespace ptplab::scenarios {

namespace {

// What an engine reason means for a MESSAGE its origin could not send (or a copy it refused),
// with the setting that moves it; reasons not listed are printed by name alone.
struct UnsentMeaning {
  std::string_view reason;
  std::string_view meaning;
};
constexpr auto kUnsentMeanings = std::to_array<UnsentMeaning>({
    {"too_large",
     "the MESSAGE with its recipient list exceeds the datagram bound, NodeParams max_datagram_bytes"},
    {"no_key", "the origin did not hold the closed channel's key yet"},
    {"wrap_failed", "the body could not be encrypted for a recipient's certificate"},
    {"retransmit_queue_full",
     "the origin's retransmission table was full, NodeParams pending_retransmissions_max"},
    {"amplification_limit",
     "the next hop had not proven its address yet, NodeParams amplification_factor_max"},
});

}  // namespace

std::string_view unsent_meaning(std::string_view reason) {
  for (const auto& m : kUnsentMeanings) {
    if (m.reason == reason) return m.meaning;
  }
  return reason;
}

namespace {

// "warning: <total> <what>: reason xN (meaning); ..." for non-empty `counts`, else nothing.
void add_counted_warning(std::vector<std::string>& out, const std::vector<DropCount>& counts,
                         std::string_view what) {
  std::uint64_t total = 0;
  for (const auto& u : counts) total += u.count;
  if (total == 0) return;
  std::string line = "warning: " + std::to_string(total) + " " + std::string(what) + ":";
  for (std::size_t i = 0; i < counts.size(); ++i) {
    line += (i == 0 ? " " : "; ") + counts[i].reason + " x" + std::to_string(counts[i].count);
    const auto meaning = unsent_meaning(counts[i].reason);
    if (meaning != counts[i].reason) line += " (" + std::string(meaning) + ")";
  }
  out.push_back(std::move(line));
}

// "; N dropped as amplification_limit ..." when the anti-amplification budget refused datagrams
// (at a hub it keeps members from learning of their channel), else "".
std::string amplification_note(const RunDiagnostics& d) {
  const auto it = std::find_if(d.drops.begin(), d.drops.end(),
                               [](const DropCount& c) { return c.reason == "amplification_limit"; });
  if (it == d.drops.end() || it->count == 0) return "";
  return "; " + std::to_string(it->count) +
         " datagrams dropped as amplification_limit: answers and relays to addresses that had not "
         "proven themselves, refused by the anti-amplification budget (NodeParams "
         "anti_amplification_enabled, amplification_factor_max), keep members of a hub from learning "
         "of their channel";
}

}  // namespace

std::vector<std::string> run_warnings(const RunDiagnostics& d) {
  std::vector<std::string> out;
  add_counted_warning(out, d.unsent, "MESSAGE(s) could not be sent by their origin");
  add_counted_warning(out, d.unsent_copies,
                      "copies of sent MESSAGEs were not sent to one of their next hops");
  for (const auto& rule : kWarningRules) {
    const bool skip = rule.kind == WarningKind::kWorkloadSkipped;
    const auto& counts = skip ? d.skipped : d.drops;
    const auto it = std::find_if(counts.begin(), counts.end(),
                                 [&](const DropCount& c) { return c.reason == rule.reason; });
    if (it == counts.end() || it->count == 0) continue;
    out.push_back("warning: " + std::to_string(it->count) + (skip ? " skipped as " : " dropped as ") +
                  std::string(rule.reason) + ": " + std::string(rule.meaning));
  }
  if (d.members_open_not_joined > 0) {
    out.push_back("warning: " + std::to_string(d.members_open_not_joined) + " of " +
                  std::to_string(d.members_open) +
                  " channel members up at the end had not joined (the membership table's rows with "
                  "joined_ns NULL and left_ns NULL)" +
                  amplification_note(d));
  }
  if (d.members_joined_unreached > 0) {
    const std::uint64_t joined = d.members_open - d.members_open_not_joined;
    out.push_back(
        "warning: " + std::to_string(d.members_joined_unreached) + " of " + std::to_string(joined) +
        " joined channel members up at the end received no message, although their channel carried "
        "others' after they joined (sim.members_joined_unreached): a join is the member's own view; "
        "under propagation \"mesh\" a member that never peered with another member (its grafts "
        "filtered by a NAT, or its only known member gone) receives nothing" +
        amplification_note(d));
  }
  if (!d.too_large_by_verb.empty()) {
    std::uint64_t total = 0;
    std::string verbs;
    for (const auto& v : d.too_large_by_verb) {
      total += v.count;
      verbs += (verbs.empty() ? "" : ", ") + v.reason + " x" + std::to_string(v.count);
    }
    out.push_back(
        "warning: " + std::to_string(total) + " dropped as too_large (" + verbs +
        "): datagrams larger than the sender's bound were never sent (NodeParams max_datagram_bytes)");
  }
  if (d.node_rows_unwritten > 0) {
    out.push_back("warning: " + std::to_string(d.node_rows_unwritten) +
                  " per-node rows not written (sim.node_rows_unwritten): the run was stopped while they "
                  "were written, so the node table and the per-group figures cover only the other nodes");
  }
  if (d.gave_up > 0) {
    out.push_back("warning: " + std::to_string(d.gave_up) +
                  " reliable sends gave_up: retransmissions ran out without an ACK (retransmit_max)");
  }
  return out;
}

}  // namespace ptplab::scenarios
