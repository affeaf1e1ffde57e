// The run's warning lines (see run_warnings.hpp).
#include "scenarios/metrics/run_warnings.hpp"

#include <algorithm>

namespace ptplab::scenarios {

std::string_view unsent_meaning(std::string_view reason) {
  if (reason == "too_large") {
    return "the MESSAGE with its recipient list exceeds the datagram bound, NodeParams max_datagram_bytes";
  }
  if (reason == "no_key") return "the origin did not hold the closed channel's key yet";
  if (reason == "wrap_failed") return "the body could not be encrypted for a recipient's certificate";
  return reason;
}

std::vector<std::string> run_warnings(const RunDiagnostics& d) {
  std::vector<std::string> out;
  std::uint64_t unsent = 0;
  for (const auto& u : d.unsent) unsent += u.count;
  if (unsent > 0) {
    std::string line =
        "warning: " + std::to_string(unsent) + " MESSAGE(s) could not be sent by their origin:";
    for (std::size_t i = 0; i < d.unsent.size(); ++i) {
      line += (i == 0 ? " " : "; ") + d.unsent[i].reason + " x" + std::to_string(d.unsent[i].count) + " (" +
              std::string(unsent_meaning(d.unsent[i].reason)) + ")";
    }
    out.push_back(std::move(line));
  }
  for (const auto& rule : kWarningRules) {
    const auto it = std::find_if(d.drops.begin(), d.drops.end(),
                                 [&](const DropCount& c) { return c.reason == rule.reason; });
    if (it == d.drops.end() || it->count == 0) continue;
    out.push_back("warning: " + std::to_string(it->count) + " dropped as " + std::string(rule.reason) + ": " +
                  std::string(rule.meaning));
  }
  if (d.gave_up > 0) {
    out.push_back("warning: " + std::to_string(d.gave_up) +
                  " reliable sends gave_up: retransmissions ran out without an ACK (retransmit_max)");
  }
  return out;
}

}  // namespace ptplab::scenarios
