// ParseCache: a direct-mapped table of SHA-256(der) -> parse result.
#include "engine/crypto/parse_cache.hpp"

#include <algorithm>

namespace ptplab::crypto {
namespace {

constexpr unsigned kLog2EntriesCeiling = 20;  // 2^20 slots of 64 bytes: 64 MiB

}  // namespace

ParseCache::ParseCache(unsigned log2_entries_max)
    : slots_(std::size_t{1} << std::min(log2_entries_max, kLog2EntriesCeiling)) {}

std::optional<PeerCertificate> parse_cached(ParseCache* cache, std::string_view der) {
  // Oversized input is rejected by parse() before any work; hashing it first would cost more.
  if (cache == nullptr || der.size() > kCertificateBytesMax) return PeerCertificate::parse(der);
  const Digest key = sha256(der);
  std::uint64_t index = 0;
  for (std::size_t i = 0; i < 8; ++i) index = (index << 8) | key[i];
  ParseCache::Slot& slot = cache->slots_[index & (cache->slots_.size() - 1)];
  if (slot.used && slot.key == key) {
    ++cache->hits_;
    return slot.cert;
  }
  ++cache->misses_;
  slot = ParseCache::Slot{key, true, PeerCertificate::parse(der)};
  return slot.cert;
}

}  // namespace ptplab::crypto
