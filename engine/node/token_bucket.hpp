// A token bucket in integer-free virtual time: the per-source rate limiter of the Node and the
// CONNECT forwarding limit. Accepts at most burst + rate * t units over any window of length t.
#pragma once

#include <algorithm>

#include "engine/core/time.hpp"

namespace ptplab::engine {

// Why: the one rate-limit primitive; a few bytes so every tracked source can own two of them.
class TokenBucket {
 public:
  TokenBucket() = default;
  // Starts full at time `now`.
  TokenBucket(double burst, TimeNs now) : tokens_(burst), last_(now) {}

  // Refills at `rate_per_s` up to `burst`, then takes `amount` if that many tokens are there.
  [[nodiscard]] bool take(TimeNs now, double rate_per_s, double burst, double amount) {
    refill(now, rate_per_s, burst);
    if (tokens_ < amount) return false;
    tokens_ -= amount;
    return true;
  }

  // Adds what `rate_per_s` earned since the last refill, up to `burst` (no-op if `now` is not later).
  void refill(TimeNs now, double rate_per_s, double burst) {
    if (now > last_) {
      tokens_ = std::min(burst, tokens_ + rate_per_s * static_cast<double>(now - last_) / kSecond);
      last_ = now;
    }
  }

  // The poorer of this bucket and `other`, both refilled to `now`: what either of two sources
  // that share a record may start from without gaining tokens it had not earned.
  [[nodiscard]] TokenBucket poorer(TokenBucket other, TimeNs now, double rate_per_s, double burst) const {
    TokenBucket self = *this;
    self.refill(now, rate_per_s, burst);
    other.refill(now, rate_per_s, burst);
    return self.tokens_ <= other.tokens_ ? self : other;
  }

  [[nodiscard]] double tokens() const { return tokens_; }

 private:
  double tokens_ = 0;
  TimeNs last_ = 0;
};

}  // namespace ptplab::engine
