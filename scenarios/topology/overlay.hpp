// Generated overlays: who a node knows at start. Each generator returns an undirected edge list
// over node indices [0, n) without self-loops or duplicates; the runner turns each edge into
// add_peer calls. Deterministic in the Rng they are given.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "engine/core/rng.hpp"

namespace ptplab::scenarios {

// One undirected edge between node indices (first < second).
using Edge = std::pair<std::uint32_t, std::uint32_t>;

// A random d-regular graph by Steger-Wormald pairing (retries bounded; a few nodes may end a
// little under degree d when n*d is odd or every pairing attempt gets stuck).
[[nodiscard]] std::vector<Edge> random_regular(std::uint32_t n, std::uint32_t degree, Rng& rng);

// G(n, p): each pair an edge with probability p (geometric skipping, O(n + |E|)).
[[nodiscard]] std::vector<Edge> erdos_renyi(std::uint32_t n, double p, Rng& rng);

// Watts-Strogatz: a ring where each node links to its k nearest neighbours (k/2 per side), each
// edge's far end rewired with probability beta.
[[nodiscard]] std::vector<Edge> watts_strogatz(std::uint32_t n, std::uint32_t k, double beta, Rng& rng);

// Barabasi-Albert: nodes arrive one by one, each linking to m existing nodes chosen with
// probability proportional to their degree (seeded with a clique of m + 1 nodes).
[[nodiscard]] std::vector<Edge> barabasi_albert(std::uint32_t n, std::uint32_t m, Rng& rng);

// The edges sorted, oriented (a < b), with self-loops, duplicates and out-of-range ends removed.
[[nodiscard]] std::vector<Edge> normalise_edges(std::vector<Edge> edges, std::uint32_t n);

}  // namespace ptplab::scenarios
