// The certificate store: peers' certificates (spec ####CERTIFICATE; formats in
// engine/crypto/FORMATS.md) checked before they are trusted and cached by node_id, least
// recently used evicted beyond certificates_max. A second, different certificate for a
// cached node_id is evidence of an id collision; the first one is kept.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/core/reason.hpp"
#include "engine/core/time.hpp"
#include "engine/crypto/certificate.hpp"

namespace ptplab::crypto {
class ParseCache;
}

namespace ptplab::engine {

// What the store requires of a certificate beyond being well-formed and self-signed.
struct CertificateRules {
  bool key_derived_ids = false;  // node_id must be the first node_id_bits of SHA-256(public key)
  int node_id_bits = 128;
  crypto::ParseCache* parse_cache = nullptr;  // shared parsed forms (may be null)
};

// The outcome of offering a certificate to the store.
struct CertificateVerdict {
  enum class Kind : std::uint8_t {
    kAdded,      // checked and cached now
    kKnown,      // this very certificate was already cached for the id
    kCollision,  // another certificate is cached for the id (kept; this one refused)
    kRejected,   // failed a check: `reason` says which
  };
  Kind kind = Kind::kRejected;
  Reason reason = Reason::kNone;
  [[nodiscard]] bool cached() const { return kind == Kind::kAdded || kind == Kind::kKnown; }
};

// Why: a certificate is parsed and its self-signature checked once, then found by node_id on
// every MESSAGE verification and KEY wrap.
class CertificateStore {
 public:
  // The certificate cached for `id`, marked used at `now`; null if none.
  [[nodiscard]] const crypto::PeerCertificate* find(TimeNs now, std::string_view id);
  // Checks `der` (DER X.509, at most crypto::kCertificateBytesMax bytes) as the certificate of
  // `id` and caches it at `now`, evicting the least recently used beyond `max` (0: unbounded).
  // Checks in order: size (too_large), parse (bad_certificate), subject = id
  // (certificate_mismatch), key-derived id (not_key_derived), an existing entry (known or
  // collision), self-signature (bad_certificate_signature).
  CertificateVerdict offer(TimeNs now, std::string_view id, std::string_view der,
                           const CertificateRules& rules, std::size_t max);

  [[nodiscard]] std::size_t size() const { return entries_.size(); }

 private:
  // The node_id is the certificate's own (cert.node_id(): offer checks they are equal), held
  // once in the shared parsed form, not copied per store (24 bytes an entry, not 56).
  struct Entry {
    crypto::PeerCertificate cert;
    TimeNs last_used = 0;
  };
  std::vector<Entry> entries_;
};

}  // namespace ptplab::engine
