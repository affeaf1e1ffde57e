// Overlay generators (random regular, Erdos-Renyi, Watts-Strogatz, Barabasi-Albert).
#include "scenarios/topology/overlay.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_set>

namespace ptplab::scenarios {
namespace {

// Pairing attempts of random_regular before it keeps the best partial pairing, and random stub
// pairs it draws before it calls a pairing stuck.
constexpr int kPairingAttemptsMax = 20;
constexpr int kStubDrawsMax = 1000;

// True when `step` is a polling step and `cancel` is raised.
bool cancelled(const std::atomic<bool>* cancel, std::uint64_t step) {
  return cancel != nullptr && step % kOverlayPollSteps == 0 && cancel->load(std::memory_order_relaxed);
}

std::uint64_t edge_key(std::uint32_t a, std::uint32_t b) {
  if (a > b) std::swap(a, b);
  return (static_cast<std::uint64_t>(a) << 32) | b;
}

}  // namespace

std::vector<Edge> normalise_edges(std::vector<Edge> edges, std::uint32_t n) {
  for (auto& e : edges) {
    if (e.first > e.second) std::swap(e.first, e.second);
  }
  std::erase_if(edges, [n](const Edge& e) { return e.first == e.second || e.second >= n; });
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  return edges;
}

std::vector<Edge> random_regular(std::uint32_t n, std::uint32_t degree, Rng& rng,
                                 const std::atomic<bool>* cancel) {
  if (n < 2 || degree == 0) return {};
  degree = std::min(degree, n - 1);
  // Steger-Wormald: join two random free stubs when they make a new simple edge; restart the
  // pairing when no such pair turns up (rare for the small degrees overlays use).
  std::vector<Edge> best;
  for (int attempt = 0; attempt < kPairingAttemptsMax; ++attempt) {
    std::vector<std::uint32_t> stubs;
    stubs.reserve(static_cast<std::size_t>(n) * degree);
    for (std::uint32_t v = 0; v < n; ++v) stubs.insert(stubs.end(), degree, v);
    std::unordered_set<std::uint64_t> seen;
    std::vector<Edge> edges;
    bool stuck = false;
    for (std::uint64_t step = 1; stubs.size() >= 2 && !stuck; ++step) {
      if (cancelled(cancel, step)) return edges;
      stuck = true;
      for (int tries = 0; tries < kStubDrawsMax; ++tries) {
        const auto i = rng.below(stubs.size());
        const auto j = rng.below(stubs.size());
        const auto a = stubs[i], b = stubs[j];
        if (i == j || a == b || seen.count(edge_key(a, b)) != 0) continue;
        seen.insert(edge_key(a, b));
        edges.emplace_back(a, b);
        // Remove both stubs (the larger index first so the smaller stays valid).
        for (const auto k : {std::max(i, j), std::min(i, j)}) {
          stubs[k] = stubs.back();
          stubs.pop_back();
        }
        stuck = false;
        break;
      }
    }
    if (edges.size() > best.size()) best = std::move(edges);
    if (stubs.size() < 2) break;
  }
  return normalise_edges(std::move(best), n);
}

std::vector<Edge> erdos_renyi(std::uint32_t n, double p, Rng& rng, const std::atomic<bool>* cancel) {
  std::vector<Edge> edges;
  if (n < 2 || p <= 0) return edges;
  if (p >= 1) {
    for (std::uint32_t a = 0; a < n; ++a) {
      if (cancelled(cancel, a + 1)) return edges;
      for (std::uint32_t b = a + 1; b < n; ++b) edges.emplace_back(a, b);
    }
    return edges;
  }
  // Batagelj & Brandes: walk the lower triangle skipping geometric gaps.
  const double log_q = std::log(1.0 - p);
  std::int64_t v = 1, w = -1;
  for (std::uint64_t step = 1; v < n; ++step) {
    if (cancelled(cancel, step)) return edges;
    const double r = 1.0 - rng.uniform();
    w += 1 + static_cast<std::int64_t>(std::floor(std::log(r) / log_q));
    while (w >= v && v < n) {
      w -= v;
      ++v;
    }
    if (v < n) edges.emplace_back(static_cast<std::uint32_t>(w), static_cast<std::uint32_t>(v));
  }
  return normalise_edges(std::move(edges), n);
}

std::vector<Edge> watts_strogatz(std::uint32_t n, std::uint32_t k, double beta, Rng& rng,
                                 const std::atomic<bool>* cancel) {
  if (n < 2) return {};
  const std::uint32_t half = std::max<std::uint32_t>(1, std::min(k / 2, (n - 1) / 2));
  std::unordered_set<std::uint64_t> present;
  std::vector<Edge> edges;
  for (std::uint32_t a = 0; a < n; ++a) {
    if (cancelled(cancel, a + 1)) return edges;
    for (std::uint32_t j = 1; j <= half; ++j) {
      const std::uint32_t b = (a + j) % n;
      if (present.insert(edge_key(a, b)).second) edges.emplace_back(a, b);
    }
  }
  std::uint64_t step = 0;
  for (auto& e : edges) {
    if (cancelled(cancel, ++step)) return edges;
    if (!rng.chance(beta)) continue;
    for (int tries = 0; tries < 8; ++tries) {
      const auto c = static_cast<std::uint32_t>(rng.below(n));
      if (c == e.first || present.count(edge_key(e.first, c)) != 0) continue;
      present.erase(edge_key(e.first, e.second));
      present.insert(edge_key(e.first, c));
      e.second = c;
      break;
    }
  }
  return normalise_edges(std::move(edges), n);
}

std::vector<Edge> barabasi_albert(std::uint32_t n, std::uint32_t m, Rng& rng,
                                  const std::atomic<bool>* cancel) {
  if (n < 2 || m == 0) return {};
  m = std::min(m, n - 1);
  std::vector<Edge> edges;
  std::vector<std::uint32_t> ends;  // every edge end once: sampling it is degree-proportional
  const std::uint32_t clique = std::min(n, m + 1);
  for (std::uint32_t a = 0; a < clique; ++a) {
    for (std::uint32_t b = a + 1; b < clique; ++b) {
      edges.emplace_back(a, b);
      ends.push_back(a);
      ends.push_back(b);
    }
  }
  std::vector<std::uint32_t> chosen;
  for (std::uint32_t v = clique; v < n; ++v) {
    if (cancelled(cancel, v)) return edges;
    chosen.clear();
    while (chosen.size() < m) {
      const std::uint32_t u = ends[rng.below(ends.size())];
      if (std::find(chosen.begin(), chosen.end(), u) == chosen.end()) chosen.push_back(u);
    }
    for (const auto u : chosen) {
      edges.emplace_back(u, v);
      ends.push_back(u);
      ends.push_back(v);
    }
  }
  return normalise_edges(std::move(edges), n);
}

}  // namespace ptplab::scenarios
