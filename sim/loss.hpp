// Datagram loss on one direction of a link: independent (Bernoulli) or bursty (Gilbert-Elliott,
// a two-state Markov chain whose "bad" state loses much more). Long-run loss of Gilbert-Elliott:
// pi_bad = p_good_to_bad / (p_good_to_bad + p_bad_to_good), loss = (1-pi_bad)*loss_good + pi_bad*loss_bad.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "engine/core/name_table.hpp"
#include "engine/core/rng.hpp"

namespace ptplab::sim {

// Which loss process a LossConfig describes.
enum class LossKind : std::uint8_t { kNone, kBernoulli, kGilbertElliott };
inline constexpr std::array<NameEntry<LossKind>, 3> kLossKinds = {{
    {LossKind::kNone, "none", "no loss"},
    {LossKind::kBernoulli, "bernoulli", "each datagram lost independently with probability"},
    {LossKind::kGilbertElliott, "gilbert_elliott",
     "bursty: a good and a bad state, p_good_to_bad and p_bad_to_good per datagram, loss_good and loss_bad"},
}};
static_assert(indexed_by_value(kLossKinds));

// Parameters of a loss process; only the fields of `kind` are read.
struct LossConfig {
  LossKind kind = LossKind::kNone;
  double probability = 0.0;  // kBernoulli: each datagram lost with this probability
  // kGilbertElliott: per-datagram state transitions and the loss probability in each state.
  double p_good_to_bad = 0.01;
  double p_bad_to_good = 0.25;
  double loss_good = 0.0;
  double loss_bad = 0.5;

  // The long-run fraction of datagrams lost.
  [[nodiscard]] double mean_loss() const;
};

// The state a Gilbert-Elliott process keeps between datagrams (one bit per link direction).
struct LossState {
  bool bad = false;
};

// Decides whether the next datagram is lost, advancing the state.
[[nodiscard]] bool draw_loss(const LossConfig& config, LossState& state, Rng& rng);

}  // namespace ptplab::sim
