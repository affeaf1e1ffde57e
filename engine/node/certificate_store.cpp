// Certificate checks, the by-node_id cache and its LRU eviction.
#include "engine/node/certificate_store.hpp"

#include <algorithm>

#include "engine/crypto/parse_cache.hpp"
#include "engine/node/ids.hpp"
#include "engine/node/table_bound.hpp"

namespace ptplab::engine {

const crypto::PeerCertificate* CertificateStore::find(TimeNs now, std::string_view id) {
  for (auto& e : entries_)
    if (e.cert.node_id() == id) {
      e.last_used = now;
      return &e.cert;
    }
  return nullptr;
}

CertificateVerdict CertificateStore::offer(TimeNs now, std::string_view id, std::string_view der,
                                           const CertificateRules& rules, std::size_t max) {
  using Kind = CertificateVerdict::Kind;
  if (der.size() > crypto::kCertificateBytesMax) return {Kind::kRejected, Reason::kTooLarge};
  auto cert = crypto::parse_cached(rules.parse_cache, der);
  if (!cert) return {Kind::kRejected, Reason::kBadCertificate};
  if (cert->node_id() != id) return {Kind::kRejected, Reason::kCertificateMismatch};
  if (rules.key_derived_ids && make_key_derived_id(cert->public_key_der(), rules.node_id_bits) != id)
    return {Kind::kRejected, Reason::kNotKeyDerived};
  for (const auto& e : entries_)
    if (e.cert.node_id() == id) return {e.cert.der() == der ? Kind::kKnown : Kind::kCollision, Reason::kNone};
  if (!cert->self_signature_valid()) return {Kind::kRejected, Reason::kBadCertificateSignature};
  if (at_bound(entries_.size(), max)) {
    const auto lru = std::min_element(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
      return a.last_used < b.last_used;
    });
    entries_.erase(lru);
  }
  entries_.push_back(Entry{std::move(*cert), now});
  return {Kind::kAdded, Reason::kNone};
}

}  // namespace ptplab::engine
