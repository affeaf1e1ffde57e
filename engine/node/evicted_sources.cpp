// The evicted-source sketch of the source guard: one bucket record per hashed slot.
#include "engine/node/evicted_sources.hpp"

namespace ptplab::engine {

SourceBuckets SourceBuckets::full(TimeNs now, const NodeParams& params) {
  return {TokenBucket(params.rate_burst_datagrams, now), TokenBucket(params.rate_burst_bytes, now),
          TokenBucket(params.certificate_answers_burst, now)};
}

bool SourceBuckets::is_full(TimeNs now, const NodeParams& params) const {
  SourceBuckets b = *this;
  b.datagrams.refill(now, params.rate_datagrams_per_s, params.rate_burst_datagrams);
  b.bytes.refill(now, params.rate_bytes_per_s, params.rate_burst_bytes);
  b.certificate_answers.refill(now, params.certificate_answers_per_s, params.certificate_answers_burst);
  return b.datagrams.tokens() >= params.rate_burst_datagrams && b.bytes.tokens() >= params.rate_burst_bytes &&
         b.certificate_answers.tokens() >= params.certificate_answers_burst;
}

SourceBuckets SourceBuckets::poorer(const SourceBuckets& other, TimeNs now, const NodeParams& params) const {
  return {datagrams.poorer(other.datagrams, now, params.rate_datagrams_per_s, params.rate_burst_datagrams),
          bytes.poorer(other.bytes, now, params.rate_bytes_per_s, params.rate_burst_bytes),
          certificate_answers.poorer(other.certificate_answers, now, params.certificate_answers_per_s,
                                     params.certificate_answers_burst)};
}

std::size_t EvictedSources::slot_of(const Address& a) const {
  // splitmix64's finaliser over ip:port: neighbouring addresses land far apart.
  std::uint64_t x = (static_cast<std::uint64_t>(a.ip) << 16) | a.port;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return static_cast<std::size_t>(x % slots_.size());
}

void EvictedSources::remember(TimeNs now, const Address& a, const SourceBuckets& buckets,
                              const NodeParams& params, std::size_t slots) {
  if (buckets.is_full(now, params)) return;
  if (slots_.empty()) slots_.resize(slots == 0 ? 1 : slots);
  auto& slot = slots_[slot_of(a)];
  slot = slot ? slot->poorer(buckets, now, params) : buckets;
}

SourceBuckets EvictedSources::recall(TimeNs now, const Address& a, const NodeParams& params) const {
  if (!slots_.empty())
    if (const auto& slot = slots_[slot_of(a)]) return *slot;
  return SourceBuckets::full(now, params);
}

}  // namespace ptplab::engine
