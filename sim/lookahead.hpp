// The lookahead of a partitioned run: the least simulated time any datagram takes from a host
// of one part to the network of another, hence the length of the conservative windows in which
// the parts run independently (sim/exchange.hpp, sim/partitioned_run.hpp).
//
// Source: Fujimoto, "Parallel and Distributed Simulation Systems" (2000), ch. 3: a logical
// process may safely run to (global minimum next event time + lookahead); ns-3's
// DistributedSimulatorImpl takes the minimum cross-rank point-to-point delay, Shadow the
// minimum network latency as its round length.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "engine/core/expected.hpp"
#include "engine/core/time.hpp"
#include "sim/latency.hpp"
#include "sim/link_config.hpp"

namespace ptplab::sim {

// What to change so that a latency model of `kind` has a positive minimum delay, as a clause
// ("give the uniform model a positive \"min\""): each model has its own key for it.
[[nodiscard]] std::string_view floor_advice(LatencyKind kind);

// The minimum of (sender's link delay_ns + min_latency(latency)) over the link profiles
// `links` (a sender may use any). LAN delivery (hosts behind one NAT box) is not counted: a NAT
// box and its hosts share a part. Error (a sentence naming the model) when it is not positive,
// e.g. a normal or lognormal model without a floor: the windows would have no length.
[[nodiscard]] Expected<TimeNs, std::string> cross_part_lookahead(const LatencyConfig& latency,
                                                                 std::span<const LinkConfig> links);

}  // namespace ptplab::sim
