// The lookahead: the least cross-part delay.
#include "sim/lookahead.hpp"

#include <algorithm>

namespace ptplab::sim {

std::string_view floor_advice(LatencyKind kind) {
  switch (kind) {
    case LatencyKind::kConstant: return "give the constant model a positive \"delay\"";
    case LatencyKind::kUniform: return "give the uniform model a positive \"min\"";
    case LatencyKind::kNormal:
    case LatencyKind::kLognormal: return "give the model a \"floor\" (the least delay a draw takes, above 0)";
    case LatencyKind::kMatrix:
      return "make every delay of the regions' latency matrix (/network/regions/latency) positive";
  }
  return "give the latency a positive minimum";
}

Expected<TimeNs, std::string> cross_part_lookahead(const LatencyConfig& latency,
                                                   std::span<const LinkConfig> links) {
  TimeNs link_delay = 0;
  if (!links.empty()) {
    link_delay = links.front().delay_ns;
    for (const auto& l : links) link_delay = std::min(link_delay, l.delay_ns);
  }
  const TimeNs least = std::max<TimeNs>(link_delay, 0) + min_latency(latency);
  if (least <= 0) {
    std::string what = "the latency model \"" + std::string(name_of(kLatencyKinds, latency.kind)) +
                       "\" can deliver a datagram between two parts in 0 ns, so a partitioned run has no "
                       "lookahead: ";
    what.append(floor_advice(latency.kind));
    what.append(", or give every link profile a positive delay");
    return Unexpected{what};
  }
  return least;
}

}  // namespace ptplab::sim
