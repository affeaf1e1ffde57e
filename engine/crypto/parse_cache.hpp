// A bounded cache of parsed certificates, shared by all nodes of one simulation: every node that
// fetches a given peer's certificate receives the same DER bytes, so one parse (about 100 µs in
// OpenSSL 3.0) serves them all, and all their caches then share one parsed copy in memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "engine/crypto/certificate.hpp"
#include "engine/crypto/hash.hpp"

namespace ptplab::crypto {

// Why: turns N parses of one certificate into one and N copies into one; direct-mapped on
// SHA-256(der), so memory is fixed at construction and a collision in the table merely evicts.
// Not thread-safe.
class ParseCache {
 public:
  // A table of 2^log2_entries_max entries (clamped to [0, 20]).
  explicit ParseCache(unsigned log2_entries_max = 16);

  [[nodiscard]] std::uint64_t hits() const { return hits_; }
  [[nodiscard]] std::uint64_t misses() const { return misses_; }
  [[nodiscard]] std::size_t capacity() const { return slots_.size(); }

 private:
  friend std::optional<PeerCertificate> parse_cached(ParseCache* cache, std::string_view der);
  struct Slot {
    Digest key{};
    bool used = false;
    std::optional<PeerCertificate> cert;  // nullopt: these bytes do not parse
  };
  std::vector<Slot> slots_;
  std::uint64_t hits_ = 0;
  std::uint64_t misses_ = 0;
};

// PeerCertificate::parse(der), answered from `cache` when it holds the same bytes (cache may be
// null: then a plain parse).
[[nodiscard]] std::optional<PeerCertificate> parse_cached(ParseCache* cache, std::string_view der);

}  // namespace ptplab::crypto
