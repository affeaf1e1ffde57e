// Breadth-first hop distances for the theory checks' overlays.
#include "tests/theory/overlay_net.hpp"

#include <deque>

namespace ptplab::theory {

std::vector<std::uint32_t> hop_distances(std::uint32_t n, const std::vector<scenarios::Edge>& edges,
                                         std::uint32_t source) {
  std::vector<std::vector<std::uint32_t>> adj(n);
  for (const auto& [a, b] : edges) {
    adj[a].push_back(b);
    adj[b].push_back(a);
  }
  std::vector<std::uint32_t> dist(n, UINT32_MAX);
  std::deque<std::uint32_t> queue{source};
  dist[source] = 0;
  while (!queue.empty()) {
    const auto v = queue.front();
    queue.pop_front();
    for (const auto w : adj[v])
      if (dist[w] == UINT32_MAX) {
        dist[w] = dist[v] + 1;
        queue.push_back(w);
      }
  }
  return dist;
}

}  // namespace ptplab::theory
