// Deterministic self-signed certificates (TBSCertificate from the X509 API, signature and outer
// SEQUENCE assembled by hand) and PeerCertificate parsing with d2i_X509.
#include "engine/crypto/certificate.hpp"

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/objects.h>

#include <algorithm>
#include <array>
#include <climits>
#include <mutex>

#include "engine/crypto/ecdsa.hpp"
#include "engine/crypto/ecies.hpp"
#include "engine/crypto/hash.hpp"
#include "engine/crypto/openssl_ptr.hpp"
#include "engine/crypto/p256.hpp"

namespace ptplab::crypto {

// What a parsed certificate keeps: its bytes, subject CN and public key DER; the OpenSSL key
// (about 2 KiB) is made on first use, since most cached certificates are never used to verify
// (a shared VerifyCache answers for them) or to wrap.
struct PeerCertificate::Parsed {
  std::string der;
  std::string node_id;
  std::string public_key_der;
  mutable std::once_flag pkey_once;
  mutable EvpPkeyPtr pkey;
  mutable std::once_flag self_check_once;
  mutable bool self_signed_ok = false;

  EVP_PKEY* key() const {
    std::call_once(pkey_once, [this] {
      pkey = p256::public_pkey(std::string_view(public_key_der).substr(p256::kSpkiBytes - p256::kPointBytes));
      // parse() accepted the point, so the import cannot fail on input.
      if (!pkey) p256::fatal("importing a parsed public key");
    });
    return pkey.get();
  }
};

namespace {

constexpr const char* kNotBefore = "20200101000000Z";
constexpr const char* kNotAfter = "20991231235959Z";
// AlgorithmIdentifier { ecdsa-with-SHA256 } (1.2.840.10045.4.3.2), parameters absent.
constexpr std::string_view kEcdsaSha256AlgId("\x30\x0a\x06\x08\x2a\x86\x48\xce\x3d\x04\x03\x02", 12);

const unsigned char* uc(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

// DER tag || length || content.
std::string der_tlv(std::uint8_t tag, std::string_view content) {
  std::string out(1, static_cast<char>(tag));
  const std::size_t n = content.size();
  if (n < 0x80) {
    out += static_cast<char>(n);
  } else {
    std::string len;
    for (std::size_t v = n; v != 0; v >>= 8) len.insert(len.begin(), static_cast<char>(v & 0xff));
    out += static_cast<char>(0x80 | len.size());
    out += len;
  }
  out += content;
  return out;
}

// Serial: the first 8 bytes of SHA-256(SubjectPublicKeyInfo), top bit cleared (positive).
std::uint64_t serial_of(const PrivateKey& key) {
  const Digest h = sha256(key.public_key_der());
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | h[static_cast<std::size_t>(i)];
  return v & 0x7fffffffffffffffULL;
}

// Sets subject and issuer to CN = node_id as an ASN.1 string of `type`; false when OpenSSL
// rejects the bytes for that type.
bool set_names(X509* x, std::string_view node_id, int type) {
  X509NamePtr name(X509_NAME_new());
  if (!name) p256::fatal("X509_NAME_new");
  // A plain type (not MBSTRING_*) stores the bytes as they are, with no length table: any
  // node_id, even one a researcher made odd on purpose, gets a certificate.
  const bool ok = X509_NAME_add_entry_by_NID(name.get(), NID_commonName, type, uc(node_id),
                                             static_cast<int>(node_id.size()), -1, 0) == 1 &&
                  X509_set_subject_name(x, name.get()) == 1 && X509_set_issuer_name(x, name.get()) == 1;
  ERR_clear_error();
  return ok;
}

// The DER TBSCertificate of the self-signed certificate for (key, node_id).
std::string tbs_der(const PrivateKey& key, std::string_view node_id) {
  X509Ptr x(X509_new());
  if (!x || node_id.size() > INT_MAX / 2) p256::fatal("certificate alloc");
  // The key goes in as (algorithm, parameters, point): building it from an EVP_PKEY would run
  // OpenSSL 3.0's encoder framework, which costs ten times the rest of this function.
  const std::string_view point = key.public_point();
  auto* encoded = static_cast<unsigned char*>(OPENSSL_memdup(point.data(), point.size()));
  if (encoded == nullptr ||
      X509_PUBKEY_set0_param(X509_get_X509_PUBKEY(x.get()), OBJ_nid2obj(NID_X9_62_id_ecPublicKey),
                             V_ASN1_OBJECT, OBJ_nid2obj(NID_X9_62_prime256v1), encoded,
                             static_cast<int>(point.size())) != 1)
    p256::fatal("X509_PUBKEY_set0_param");
  // UTF8String for every node_id the wire can carry (JSON strings are UTF-8); the raw bytes
  // as a TeletexString, which has no validity rule, for anything else.
  if (!set_names(x.get(), node_id, V_ASN1_UTF8STRING) && !set_names(x.get(), node_id, V_ASN1_T61STRING))
    p256::fatal("subject name");
  if (X509_set_version(x.get(), X509_VERSION_3) != 1 ||
      ASN1_INTEGER_set_uint64(X509_get_serialNumber(x.get()), serial_of(key)) != 1 ||
      ASN1_TIME_set_string_X509(X509_getm_notBefore(x.get()), kNotBefore) != 1 ||
      ASN1_TIME_set_string_X509(X509_getm_notAfter(x.get()), kNotAfter) != 1)
    p256::fatal("building TBSCertificate");
  // The TBS names its signature algorithm too. OpenSSL 3.0 has no setter for it outside
  // X509_sign (which would draw a random nonce), so set the object it exposes read-only.
  auto* alg = const_cast<X509_ALGOR*>(X509_get0_tbs_sigalg(x.get()));
  if (X509_ALGOR_set0(alg, OBJ_nid2obj(NID_ecdsa_with_SHA256), V_ASN1_UNDEF, nullptr) != 1)
    p256::fatal("X509_ALGOR_set0");
  unsigned char* der = nullptr;
  const int len = i2d_re_X509_tbs(x.get(), &der);
  if (len <= 0) p256::fatal("i2d_re_X509_tbs");
  OpensslBytesPtr owned(der);
  return std::string(reinterpret_cast<const char*>(der), static_cast<std::size_t>(len));
}

X509Ptr parse_x509(std::string_view der) {
  if (der.empty() || der.size() > kCertificateBytesMax) return nullptr;
  const unsigned char* p = uc(der);
  X509Ptr x(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
  if (!x || p != uc(der) + der.size()) return nullptr;
  return x;
}

// The certificate's uncompressed P-256 point, or empty when its key is anything else.
std::string_view p256_point(X509* x) {
  // d2i_X509 has already tried to import the key; no key means the point is not on its curve.
  if (X509_get0_pubkey(x) == nullptr) return {};
  const ASN1_OBJECT* algorithm = nullptr;
  const unsigned char* point = nullptr;
  int point_len = 0;
  X509_ALGOR* alg = nullptr;
  if (X509_PUBKEY_get0_param(nullptr, &point, &point_len, &alg, X509_get_X509_PUBKEY(x)) != 1) return {};
  int param_type = 0;
  const void* param = nullptr;
  X509_ALGOR_get0(&algorithm, &param_type, &param, alg);
  if (OBJ_obj2nid(algorithm) != NID_X9_62_id_ecPublicKey || param_type != V_ASN1_OBJECT ||
      OBJ_obj2nid(static_cast<const ASN1_OBJECT*>(param)) != NID_X9_62_prime256v1 ||
      point_len != static_cast<int>(p256::kPointBytes) || point[0] != 0x04)
    return {};
  return {reinterpret_cast<const char*>(point), p256::kPointBytes};
}

}  // namespace

std::string make_self_signed_certificate(const PrivateKey& key, std::string_view node_id) {
  const std::string tbs = tbs_der(key, node_id);
  const std::optional<std::string> sig = ecdsa::raw_to_der(key.sign(tbs));
  if (!sig) p256::fatal("signature encoding");
  std::string bit_string(1, '\0');  // no unused bits
  bit_string += *sig;
  std::string body = tbs;
  body += kEcdsaSha256AlgId;
  body += der_tlv(0x03, bit_string);
  return der_tlv(0x30, body);
}

std::optional<PeerCertificate> PeerCertificate::parse(std::string_view der) {
  X509Ptr x = parse_x509(der);
  const std::string_view point = x ? p256_point(x.get()) : std::string_view();
  if (point.empty()) {
    ERR_clear_error();  // hostile input is expected here: leave no stale errors to other code
    return std::nullopt;
  }
  const X509_NAME* subject = X509_get_subject_name(x.get());
  const int idx = X509_NAME_get_index_by_NID(subject, NID_commonName, -1);
  if (idx < 0) return std::nullopt;
  const ASN1_STRING* cn = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, idx));
  if (cn == nullptr) return std::nullopt;
  auto parsed = std::make_shared<Parsed>();
  parsed->der = std::string(der);
  parsed->node_id = std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(cn)),
                                static_cast<std::size_t>(ASN1_STRING_length(cn)));
  p256::Point p{};
  std::copy(point.begin(), point.end(), p.begin());
  parsed->public_key_der = p256::spki_from_point(p);
  return PeerCertificate(std::move(parsed));
}

const std::string& PeerCertificate::node_id() const { return p_->node_id; }
const std::string& PeerCertificate::der() const { return p_->der; }
const std::string& PeerCertificate::public_key_der() const { return p_->public_key_der; }

bool PeerCertificate::verify(std::string_view data, std::string_view signature64) const {
  return ecdsa::verify(p_->key(), data, signature64);
}

std::optional<std::string> PeerCertificate::wrap(std::string_view plaintext, std::string_view info,
                                                 std::span<const std::uint8_t, 32> ephemeral_seed) const {
  return ecies::wrap(p_->key(), plaintext, info, ephemeral_seed);
}

bool PeerCertificate::self_signature_valid() const {
  // Checked once per parsed certificate: copies shared through a ParseCache (every simulated
  // neighbour of a node holds the same one) do not pay the X.509 parse and verify again.
  std::call_once(p_->self_check_once, [p = p_.get()] {
    X509Ptr x = parse_x509(p->der);
    p->self_signed_ok = x && X509_verify(x.get(), X509_get0_pubkey(x.get())) == 1;
  });
  return p_->self_signed_ok;
}

}  // namespace ptplab::crypto
