// A per-node cost model of a run (issue [P] item 3): peak memory and simulator events estimated
// from a scenario's sizes (nodes, initial peers, routes, floods, messages) and constants measured
// on the release build. `ptplab validate` prints it; it is an estimate, never a limit.
// Constants, their units and the measurements they came from: kCostConstants (cost_model.cpp),
// reports/BENCHMARKS.md "[P] idle memory, session 13".
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "scenarios/format/scenario.hpp"

namespace ptplab::scenarios {

// What the model counts in a scenario (all derived by cost_inputs; tests may build one by hand).
struct CostInputs {
  double nodes = 0;           // simulated nodes (attackers not counted)
  double peer_endpoints = 0;  // Σ over nodes of their initial peers (2 x overlay edges), capped by peers_max
  // Σ over nodes with routing_enabled of min(routing_entries_max, nodes - 1), and the ROUTINGs
  // they send over the run (Σ endpoints x duration / routing_interval), apart for the two ways
  // ROUTING costs: "sampled" (routing_advert "sample", no greetings: the bounded-routing preset)
  // and "full" (the spec's full advert, or greetings, which add peers as routes arrive).
  double route_entries_sampled = 0;
  double route_entries_full = 0;
  double seconds = 0;  // simulated duration
  double hellos = 0;   // HELLOs sent over the run: Σ endpoints x duration / mean HELLO interval
  double routings_sampled = 0;
  double routings_full = 0;
  double flood_copies = 0;  // datagrams of the floods: (JOINs + MESSAGEs) x copies per flood
};

// The model's answer.
struct CostEstimate {
  double peak_bytes = 0;  // peak resident memory of `ptplab run`, bytes
  double events = 0;      // simulator events (the report's run.events)
};

// One measured constant of the model.
struct CostConstant {
  std::string_view name;    // as printed in the model's basis
  double value = 0;         // in `unit`
  std::string_view unit;    // "B", "B/node", "events/HELLO", ...
  std::string_view source;  // the measurement it came from (BENCHMARKS.md gives the commands)
};

// The constants, each once (the table in cost_model.cpp).
[[nodiscard]] std::span<const CostConstant> cost_constants();

// Counts `s` as the model sees it: group sizes, the initial overlay's degree per group (bootstrap:
// the servers for a client, every other node for a server; both capped by peers_max), the
// groups' NodeParams (HELLO and ROUTING intervals, routing_enabled, propagation), and the
// workload's channels (one JOIN flood per member, messages by rate or interval over their
// active time; a flood costs 2 x overlay edges datagrams, under "mesh" members x mesh_degree).
// A group param that does not parse is skipped here (validation reports it).
[[nodiscard]] CostInputs cost_inputs(const Scenario& s);

// The arithmetic: memory = fixed + nodes x node + endpoints x peer + routes x route (sampled or
// full) + flood copies x in-flight; events = nodes x seconds x housekeeping + HELLOs x hello +
// ROUTINGs x routing (sampled or full) + flood copies x copy + endpoints x start-up.
[[nodiscard]] CostEstimate estimate_cost(const CostInputs& in);

// One line: "estimate: about 98 MiB peak memory, 1.2 M events (model: 19 MiB + 2,000 nodes x
// 3.1 KiB + ...; an estimate, reports/BENCHMARKS.md \"[P] idle memory, session 13\")".
[[nodiscard]] std::string describe_cost(const CostInputs& in, const CostEstimate& e);

}  // namespace ptplab::scenarios
