// A bounded cache of signature verification results, shared by all nodes of one simulation:
// a flooded MESSAGE is verified by every receiver with identical inputs, so one real verify
// serves them all. Exact: an entry is keyed by the SHA-256 of (public key, data digest, signature).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/crypto/certificate.hpp"
#include "engine/crypto/hash.hpp"

namespace ptplab::crypto {

// Why: turns N identical verifications into one; direct-mapped, so memory is fixed at
// construction and a collision in the table merely evicts. Not thread-safe.
class VerifyCache {
 public:
  // A table of 2^log2_entries_max entries (clamped to [0, 20]).
  explicit VerifyCache(unsigned log2_entries_max = 16);

  [[nodiscard]] std::uint64_t hits() const { return hits_; }
  [[nodiscard]] std::uint64_t misses() const { return misses_; }
  [[nodiscard]] std::size_t capacity() const { return slots_.size(); }

 private:
  friend bool verify_cached(VerifyCache* cache, const PeerCertificate& cert, std::string_view data,
                            std::string_view signature64);
  struct Slot {
    Digest key{};
    bool used = false;
    bool valid = false;
  };
  std::vector<Slot> slots_;
  std::uint64_t hits_ = 0;
  std::uint64_t misses_ = 0;
};

// cert.verify(data, signature64), answered from `cache` when it holds the same triple
// (cache may be null: then a plain verify).
[[nodiscard]] bool verify_cached(VerifyCache* cache, const PeerCertificate& cert, std::string_view data,
                                 std::string_view signature64);

}  // namespace ptplab::crypto
