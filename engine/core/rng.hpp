// Deterministic pseudo-random numbers. There is no global generator anywhere in ptplab: every
// node, host and model owns an Rng derived from (run seed, stream id), so adding a node does
// not change the draws of the others, and the same seed gives the same run.
#pragma once

#include <cstdint>
#include <limits>

namespace ptplab {

// SplitMix64 step: used to derive independent stream seeds and to expand a seed into state.
[[nodiscard]] constexpr std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// xoshiro256** generator; satisfies std::uniform_random_bit_generator.
class Rng {
 public:
  using result_type = std::uint64_t;

  explicit constexpr Rng(std::uint64_t seed = 0) { reseed(seed); }

  // The generator for stream `stream` of run `seed` (e.g. node index, model id).
  [[nodiscard]] static constexpr Rng derive(std::uint64_t seed, std::uint64_t stream) {
    std::uint64_t s = seed ^ (0xd1b54a32d192ed03ULL * (stream + 1));
    return Rng(splitmix64(s) ^ stream);
  }

  constexpr void reseed(std::uint64_t seed) {
    std::uint64_t sm = seed;
    for (auto& w : s_) w = splitmix64(sm);
  }

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }

  constexpr result_type operator()() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, 1).
  constexpr double uniform() { return static_cast<double>((*this)() >> 11) * 0x1.0p-53; }
  // Uniform in [lo, hi).
  constexpr double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  // Uniform integer in [0, n), n > 0 (Lemire's multiply-shift; bias below 2^-64 * n).
  constexpr std::uint64_t below(std::uint64_t n) {
    return static_cast<std::uint64_t>(__extension__(static_cast<unsigned __int128>((*this)()) * n) >> 64);
  }
  // True with probability p.
  constexpr bool chance(double p) { return uniform() < p; }

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4]{};
};

}  // namespace ptplab
