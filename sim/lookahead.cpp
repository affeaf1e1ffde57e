// The lookahead: the least cross-part delay.
#include "sim/lookahead.hpp"

#include <algorithm>

namespace ptplab::sim {

Expected<TimeNs, std::string> cross_part_lookahead(const LatencyConfig& latency,
                                                   std::span<const LinkConfig> links) {
  TimeNs link_delay = 0;
  if (!links.empty()) {
    link_delay = links.front().delay_ns;
    for (const auto& l : links) link_delay = std::min(link_delay, l.delay_ns);
  }
  const TimeNs least = std::max<TimeNs>(link_delay, 0) + min_latency(latency);
  if (least <= 0) {
    return Unexpected{"the latency model \"" + std::string(name_of(kLatencyKinds, latency.kind)) +
                      "\" can deliver a datagram between two parts in 0 ns, so a partitioned run has no "
                      "lookahead: give the latency a floor (a minimum delay above 0)"};
  }
  return least;
}

}  // namespace ptplab::sim
