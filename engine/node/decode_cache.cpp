// The shared decode cache: a slot per buffer address, answered only for that very buffer and
// the same limits.
#include "engine/node/decode_cache.hpp"

#include <algorithm>
#include <string_view>

namespace ptplab::engine {
namespace {

std::shared_ptr<const DecodeCache::Result> decode_now(const SharedBytes& bytes,
                                                      const wire::DecodeLimits& limits) {
  return std::make_shared<const DecodeCache::Result>(
      wire::decode(bytes ? std::string_view(*bytes) : std::string_view(), limits));
}

// Buffer addresses are aligned and close together: mix them before taking the low bits.
std::size_t slot_of(const void* p, std::size_t mask) {
  auto x = static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(p));
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  return static_cast<std::size_t>(x) & mask;
}

}  // namespace

DecodeCache::DecodeCache(unsigned log2_entries) : slots_(std::size_t{1} << std::min(log2_entries, 20u)) {}

std::shared_ptr<const DecodeCache::Result> DecodeCache::decode(const SharedBytes& bytes,
                                                               const wire::DecodeLimits& limits) {
  if (!bytes) return decode_now(bytes, limits);
  Slot& slot = slots_[slot_of(bytes.get(), slots_.size() - 1)];
  if (slot.bytes == bytes && slot.limits.max_datagram_bytes == limits.max_datagram_bytes &&
      slot.limits.max_depth == limits.max_depth) {
    ++hits_;
    return slot.result;
  }
  ++misses_;
  slot.bytes = bytes;
  slot.limits = limits;
  slot.result = decode_now(bytes, limits);
  return slot.result;
}

std::shared_ptr<const DecodeCache::Result> decode_shared(DecodeCache* cache, const SharedBytes& bytes,
                                                         const wire::DecodeLimits& limits) {
  return cache ? cache->decode(bytes, limits) : decode_now(bytes, limits);
}

}  // namespace ptplab::engine
