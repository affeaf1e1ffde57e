// Bernoulli and Gilbert-Elliott loss draws.
#include "sim/loss.hpp"

namespace ptplab::sim {

double LossConfig::mean_loss() const {
  switch (kind) {
    case LossKind::kNone: return 0.0;
    case LossKind::kBernoulli: return probability;
    case LossKind::kGilbertElliott: {
      const double sum = p_good_to_bad + p_bad_to_good;
      const double pi_bad = sum > 0 ? p_good_to_bad / sum : 0.0;
      return (1.0 - pi_bad) * loss_good + pi_bad * loss_bad;
    }
  }
  return 0.0;
}

bool draw_loss(const LossConfig& c, LossState& state, Rng& rng) {
  switch (c.kind) {
    case LossKind::kNone: return false;
    case LossKind::kBernoulli: return c.probability > 0 && rng.chance(c.probability);
    case LossKind::kGilbertElliott: {
      // Move the chain one step, then lose with the probability of the state it is in.
      state.bad = state.bad ? !rng.chance(c.p_bad_to_good) : rng.chance(c.p_good_to_bad);
      return rng.chance(state.bad ? c.loss_bad : c.loss_good);
    }
  }
  return false;
}

}  // namespace ptplab::sim
