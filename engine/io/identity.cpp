// Identity material for real nodes: OpenSSL's CSPRNG and PEM files (PKCS#8 key, X.509 certificate).
#include "engine/io/identity.hpp"

#include <fcntl.h>
#include <openssl/core_names.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "engine/crypto/certificate.hpp"
#include "engine/crypto/p256.hpp"
#include "engine/crypto/private_key.hpp"

namespace ptplab::engine {
namespace {

using BioPtr = std::unique_ptr<BIO, crypto::OsslDeleter<BIO_free>>;

Expected<std::uint64_t, std::string> random_u64() {
  std::array<unsigned char, 8> b{};
  if (RAND_bytes(b.data(), static_cast<int>(b.size())) != 1)
    return Unexpected(std::string("the OS random source failed"));
  std::uint64_t v = 0;
  for (const unsigned char c : b) v = (v << 8) | c;
  return v;
}

std::string bio_text(BIO* bio) {
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(n));
}

}  // namespace

Expected<NodeIdentity, std::string> fresh_identity() {
  NodeIdentity id;
  if (RAND_bytes(id.key_seed.data(), static_cast<int>(id.key_seed.size())) != 1)
    return Unexpected(std::string("the OS random source failed"));
  auto seed = random_u64();
  if (!seed) return Unexpected(seed.error());
  id.rng_seed = *seed;
  return id;
}

Expected<NodeIdentity, std::string> load_identity(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return Unexpected("cannot read identity file " + path);
  // As ssh does with a private key: refused when others may read or write it.
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
    return Unexpected("identity file " + path + " is a directory (give a file in it, e.g. " + path +
                      "/node.pem)");
  if (::stat(path.c_str(), &st) == 0 && (st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return Unexpected("identity file " + path + ": permissions " + mode +
                      " are too open (group or others may read the private key): chmod 600 " + path);
  }
  std::stringstream text;
  text << f.rdbuf();
  const std::string pem = text.str();
  const auto bad = [&](const std::string& why) { return Unexpected("identity file " + path + ": " + why); };

  BioPtr key_bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  crypto::EvpPkeyPtr pkey(PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr));
  if (!pkey) return bad("no PEM PRIVATE KEY");
  char group[32] = {};
  if (!EVP_PKEY_is_a(pkey.get(), "EC") ||
      EVP_PKEY_get_utf8_string_param(pkey.get(), OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, nullptr) !=
          1 ||
      std::string_view(group) != "prime256v1")
    return bad("the key is not an EC P-256 key");
  BIGNUM* d = nullptr;
  if (EVP_PKEY_get_bn_param(pkey.get(), OSSL_PKEY_PARAM_PRIV_KEY, &d) != 1) return bad("no private scalar");
  const crypto::BnSecretPtr scalar(d);
  NodeIdentity id;
  if (BN_bn2binpad(scalar.get(), id.key_seed.data(), static_cast<int>(id.key_seed.size())) < 0)
    return bad("private scalar wider than 32 bytes");

  BioPtr cert_bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  const crypto::X509Ptr x509(PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr));
  if (!x509) return bad("no PEM CERTIFICATE");
  unsigned char* der = nullptr;
  const int n = i2d_X509(x509.get(), &der);
  if (n <= 0) return bad("unreadable certificate");
  const std::string cert_der(reinterpret_cast<const char*>(der), static_cast<std::size_t>(n));
  OPENSSL_free(der);
  const auto cert = crypto::PeerCertificate::parse(cert_der);
  if (!cert || cert->node_id().empty()) return bad("certificate without a subject CN (the node_id)");
  if (cert->public_key_der() != crypto::PrivateKey::from_seed(id.key_seed).public_key_der())
    return bad("the certificate is not of this key");
  id.node_id = cert->node_id();
  auto seed = random_u64();
  if (!seed) return Unexpected(seed.error());
  id.rng_seed = *seed;
  return id;
}

Expected<std::monostate, std::string> save_identity(const std::string& path, const NodeIdentity& identity,
                                                    std::string_view certificate_der) {
  const auto d = crypto::p256::scalar_from_seed(identity.key_seed);
  const auto pkey = crypto::p256::private_pkey(d, crypto::p256::public_point(d));
  const auto* p = reinterpret_cast<const unsigned char*>(certificate_der.data());
  const crypto::X509Ptr x509(d2i_X509(nullptr, &p, static_cast<long>(certificate_der.size())));
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!x509 || !bio ||
      PEM_write_bio_PrivateKey(bio.get(), pkey.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1 ||
      PEM_write_bio_X509(bio.get(), x509.get()) != 1)
    return Unexpected(std::string("cannot encode the identity as PEM"));
  const std::string text = bio_text(bio.get());
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Unexpected("cannot create identity file " + path + ": " + std::strerror(errno));
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  const bool closed = ::close(fd) == 0;
  if (!ok || !closed) return Unexpected("cannot write identity file " + path);
  return std::monostate{};
}

}  // namespace ptplab::engine
