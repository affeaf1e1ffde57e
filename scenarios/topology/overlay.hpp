// Generated overlays: who a node knows at start. Each generator returns an undirected edge list
// over node indices [0, n) without self-loops or duplicates; the runner turns each edge into
// add_peer calls. Deterministic in the Rng they are given. Each takes an optional cancellation
// flag (null: none), polled every kOverlayPollSteps steps: once it is raised the generator returns
// early with a partial edge list, for the caller to drop (generating a million-node overlay takes
// seconds).
#pragma once

#include <atomic>
#include <cstdint>
#include <utility>
#include <vector>

#include "engine/core/rng.hpp"

namespace ptplab::scenarios {

// One undirected edge between node indices (first < second).
using Edge = std::pair<std::uint32_t, std::uint32_t>;

// Steps of a generator's main loop (edges drawn or nodes placed) between two polls of its flag.
inline constexpr std::uint64_t kOverlayPollSteps = 4096;

// A random d-regular graph by Steger-Wormald pairing (retries bounded; a few nodes may end a
// little under degree d when n*d is odd or every pairing attempt gets stuck).
[[nodiscard]] std::vector<Edge> random_regular(std::uint32_t n, std::uint32_t degree, Rng& rng,
                                               const std::atomic<bool>* cancel = nullptr);

// G(n, p): each pair an edge with probability p (geometric skipping, O(n + |E|)).
[[nodiscard]] std::vector<Edge> erdos_renyi(std::uint32_t n, double p, Rng& rng,
                                            const std::atomic<bool>* cancel = nullptr);

// Watts-Strogatz: a ring where each node links to its k nearest neighbours (k/2 per side), each
// edge's far end rewired with probability beta.
[[nodiscard]] std::vector<Edge> watts_strogatz(std::uint32_t n, std::uint32_t k, double beta, Rng& rng,
                                               const std::atomic<bool>* cancel = nullptr);

// Barabasi-Albert: nodes arrive one by one, each linking to m existing nodes chosen with
// probability proportional to their degree (seeded with a clique of m + 1 nodes).
[[nodiscard]] std::vector<Edge> barabasi_albert(std::uint32_t n, std::uint32_t m, Rng& rng,
                                                const std::atomic<bool>* cancel = nullptr);

// The edges sorted, oriented (a < b), with self-loops, duplicates and out-of-range ends removed.
[[nodiscard]] std::vector<Edge> normalise_edges(std::vector<Edge> edges, std::uint32_t n);

}  // namespace ptplab::scenarios
