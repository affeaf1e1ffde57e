// The window loop and the in-process exchange.
#include "sim/partitioned_run.hpp"

#include <algorithm>

namespace ptplab::sim {

WindowStats run_windows(PartGroup& group, TimeNs lookahead, TimeNs end) {
  WindowStats stats;
  for (TimeNs start = group.next_time(); start <= end; start = group.next_time()) {
    group.run_until(std::min(end, start + lookahead - 1));
    group.exchange();
    ++stats.windows;
  }
  group.run_until(end);
  return stats;
}

LoopbackParts::LoopbackParts(const PartMap& map, std::span<Network* const> parts)
    : parts_(parts.begin(), parts.end()), outbox_(parts.size()) {
  for (std::uint32_t k = 0; k < parts.size(); ++k) {
    maps_.push_back(map);
    maps_.back().self = k;
  }
}

TimeNs LoopbackParts::next_time() {
  TimeNs least = kTimeLimit;
  for (Network* n : parts_) least = std::min(least, n->simulator().next_time());
  return least;
}

void LoopbackParts::run_until(TimeNs end) {
  for (Network* n : parts_) n->simulator().run_until(end);
}

void LoopbackParts::exchange() {
  for (std::size_t k = 0; k < parts_.size(); ++k) {
    for (RemoteDatagram& d : outbox_[k]) parts_[k]->inject(std::move(d));
    outbox_[k].clear();
  }
}

void LoopbackParts::post(std::uint32_t part, RemoteDatagram d) { outbox_[part].push_back(std::move(d)); }

}  // namespace ptplab::sim
