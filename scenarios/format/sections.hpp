// The loader's section readers (internal): each validates one top-level member of the scenario
// document into the Scenario, recording every problem in the checker. Sections that refer to
// others (groups, channels, attackers, regions) are cross-checked by check_references last.
#pragma once

#include <nlohmann/json.hpp>

#include "scenarios/format/json_checker.hpp"
#include "scenarios/format/scenario.hpp"

namespace ptplab::scenarios {

// Bounds of a scenario: generous, but each one stops a typo from asking for the impossible.
inline constexpr std::uint64_t kNodesMax = 10'000'000;
inline constexpr std::uint32_t kAttackersMax = 100'000;
inline constexpr TimeNs kDurationMax = 30 * 24 * kHour;
inline constexpr std::uint32_t kDegreeMax = 1'000;
inline constexpr std::uint32_t kMessageBytesMax = 1'000'000;
inline constexpr std::uint32_t kAttachmentsMax = 16;
inline constexpr double kRatePerSecondMax = 1e7;
inline constexpr std::uint32_t kSweepSeedsMax = 1'000;
// Totals over every entry (check_totals): splitting an ask across entries does not pass them.
inline constexpr double kMessagesMax = 1e8;          // messages sent by the workload, all channels
inline constexpr double kAttackDatagramsMax = 1e10;  // attacker datagrams, all attackers
inline constexpr double kInitialLinksMax = 1e8;      // peer links the topology starts with

void read_network(JsonChecker& c, const nlohmann::json& doc, Scenario& s);
void read_nodes(JsonChecker& c, const nlohmann::json& doc, Scenario& s);
void read_topology(JsonChecker& c, const nlohmann::json& doc, Scenario& s);
void read_workload(JsonChecker& c, const nlohmann::json& doc, Scenario& s);
void read_timeline(JsonChecker& c, const nlohmann::json& doc, Scenario& s);
void read_attackers(JsonChecker& c, const nlohmann::json& doc, Scenario& s);
void read_expect(JsonChecker& c, const nlohmann::json& doc, Scenario& s);
void read_sweep(JsonChecker& c, const nlohmann::json& doc, Scenario& s);
// Names that must exist (groups, channels, attackers, regions), node indices, uniqueness.
void check_references(JsonChecker& c, const nlohmann::json& doc, const Scenario& s);
// Totals over all groups, attackers and channels against the k*Max bounds above (kAttackersMax
// included): each an error at the section's pointer with the bound and the total found.
void check_totals(JsonChecker& c, const Scenario& s);

// Reads a NodeParams override object (`params`) through engine::set_param.
void read_param_overrides(JsonChecker& c, const nlohmann::json& params, std::string_view pointer,
                          std::vector<ParamOverride>& out);
// Reads object[key], a name of `table`, into out; false (out unchanged) when absent or not a
// name, which is reported with the names the table lists.
template <class Entry, std::size_t N>
bool read_choice(JsonChecker& c, const nlohmann::json& object, std::string_view pointer, std::string_view key,
                 const std::array<Entry, N>& table, decltype(Entry::value)& out) {
  const auto names = names_of(table);
  const int i = c.choice(object, pointer, key, names);
  if (i >= 0) out = table[static_cast<std::size_t>(i)].value;
  return i >= 0;
}

// Reads a `link` member (a link class name or a link object) of a node group or attacker;
// `network` (read first) gives the classes and the network-wide link an object starts from.
void read_link_choice(JsonChecker& c, const nlohmann::json& object, std::string_view pointer,
                      const Network& network, LinkChoice& out);

// Reads a placement member ("public", "nat" or a NAT type name).
void read_placement(JsonChecker& c, const nlohmann::json& object, std::string_view pointer, Placement& out);

}  // namespace ptplab::scenarios
