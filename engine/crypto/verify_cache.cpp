// VerifyCache: a direct-mapped table of exact (key, data digest, signature) -> result entries.
#include "engine/crypto/verify_cache.hpp"

#include <algorithm>

#include "engine/crypto/ecdsa.hpp"

namespace ptplab::crypto {
namespace {

constexpr unsigned kLog2EntriesCeiling = 20;  // 2^20 slots of 34 bytes: 35 MiB

// SHA-256 over len(spki) (4 bytes, big-endian) || spki || SHA-256(data) || signature.
Digest triple_key(const PeerCertificate& cert, std::string_view data, std::string_view signature64) {
  const std::string& spki = cert.public_key_der();
  const Digest dd = sha256(data);
  std::string m;
  m.reserve(4 + spki.size() + dd.size() + signature64.size());
  for (int shift = 24; shift >= 0; shift -= 8) m += static_cast<char>((spki.size() >> shift) & 0xff);
  m += spki;
  m += as_view(dd);
  m += signature64;
  return sha256(m);
}

}  // namespace

VerifyCache::VerifyCache(unsigned log2_entries_max)
    : slots_(std::size_t{1} << std::min(log2_entries_max, kLog2EntriesCeiling)) {}

bool verify_cached(VerifyCache* cache, const PeerCertificate& cert, std::string_view data,
                   std::string_view signature64) {
  if (cache == nullptr || signature64.size() != ecdsa::kSignatureBytes) return cert.verify(data, signature64);
  const Digest key = triple_key(cert, data, signature64);
  std::uint64_t index = 0;
  for (int i = 0; i < 8; ++i) index = (index << 8) | key[static_cast<std::size_t>(i)];
  VerifyCache::Slot& slot = cache->slots_[index & (cache->slots_.size() - 1)];
  if (slot.used && slot.key == key) {
    ++cache->hits_;
    return slot.valid;
  }
  ++cache->misses_;
  const bool valid = cert.verify(data, signature64);
  slot = VerifyCache::Slot{key, true, valid};
  return valid;
}

}  // namespace ptplab::crypto
