// What the HTML report needs to know about a run's configuration, read from its flattened
// parameters (run_param: JSON pointers into the effective scenario) and its sweep label:
// propagation policy, id widths, attacker behaviours, whether mitigations were on, swept values.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "reports/records/records.hpp"

namespace ptplab::reports::html {

// The JSON text of a parameter value without its quotes when it is a string ("\"gossip\"" -> gossip).
[[nodiscard]] std::string unquote(const std::string& json_text);

// Distinct values (unquoted, in first-seen order) of every parameter whose pointer ends with
// "/" + `key` (e.g. key "propagation" matches "/nodes/0/params/propagation").
[[nodiscard]] std::vector<std::string> values_of(const std::vector<ParamRecord>& params,
                                                 const std::string& key);

// The propagation policies the run's node groups use, joined by "+"; "flood (default)" if unset.
[[nodiscard]] std::string propagation_label(const std::vector<ParamRecord>& params);

// The smallest id width (bits) set for `key` ("node_id_bits", "msg_id_bits"); 128 when unset.
[[nodiscard]] int id_bits(const std::vector<ParamRecord>& params, const std::string& key);

// The attacker behaviours of the run, joined by "+"; "" when it has no attackers.
[[nodiscard]] std::string attack_label(const std::vector<ParamRecord>& params);

// False when any node group switches an abuse mitigation off (rate limits, bounded tables,
// anti-amplification, CONNECT between live peers only).
[[nodiscard]] bool mitigations_on(const std::vector<ParamRecord>& params);

// A sweep label ("/nodes/0/params/gossip_fanout=4 seed=2") split into its swept (path, value)
// pairs, the seed token left out.
[[nodiscard]] std::vector<std::pair<std::string, std::string>> swept_values(const std::string& sweep_point);

// The last path component of a parameter pointer ("/nodes/0/params/gossip_fanout" -> gossip_fanout).
[[nodiscard]] std::string short_name(const std::string& pointer);
// For each of `pointers`, its shortest suffix of whole segments that no other of them ends with
// ("1/params/gossip_fanout" and "2/params/gossip_fanout" for two groups' fanouts swept together,
// "gossip_fanout" alone); a pointer that is a suffix of another keeps its whole text.
[[nodiscard]] std::vector<std::string> short_names(const std::vector<std::string>& pointers);

}  // namespace ptplab::reports::html
