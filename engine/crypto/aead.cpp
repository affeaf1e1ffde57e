// AES-256-GCM seal/open through EVP_CIPHER (see aead.hpp for the format).
#include "engine/crypto/aead.hpp"

#include <algorithm>
#include <climits>

#include "engine/crypto/openssl_ptr.hpp"
#include "engine/crypto/p256.hpp"

namespace ptplab::crypto {
namespace {

// EVP lengths are int: longer inputs go through in chunks of this size.
constexpr std::size_t kChunkBytesMax = std::size_t{1} << 30;

const EVP_CIPHER* aes_gcm() {
  static const EVP_CIPHER* const cipher = [] {
    EVP_CIPHER* fetched = EVP_CIPHER_fetch(nullptr, "AES-256-GCM", nullptr);
    if (fetched == nullptr) p256::fatal("EVP_CIPHER_fetch AES-256-GCM");
    return fetched;
  }();
  return cipher;
}

const unsigned char* uc(const char* p) { return reinterpret_cast<const unsigned char*>(p); }

// Feeds `in` through the cipher (aad when out is null); false on failure.
bool update(EVP_CIPHER_CTX* ctx, bool encrypt, std::string_view in, unsigned char* out) {
  while (!in.empty()) {
    const std::size_t n = std::min(in.size(), kChunkBytesMax);
    int written = 0;
    const int ok = encrypt ? EVP_EncryptUpdate(ctx, out, &written, uc(in.data()), static_cast<int>(n))
                           : EVP_DecryptUpdate(ctx, out, &written, uc(in.data()), static_cast<int>(n));
    if (ok != 1) return false;
    if (out != nullptr) out += written;
    in.remove_prefix(n);
  }
  return true;
}

}  // namespace

std::string aead_seal(std::span<const std::uint8_t, 32> key, std::span<const std::uint8_t, 12> nonce,
                      std::string_view plaintext, std::string_view aad) {
  std::string out(kAeadNonceBytes + plaintext.size() + kAeadTagBytes, '\0');
  std::copy(nonce.begin(), nonce.end(), out.begin());
  auto* ct = reinterpret_cast<unsigned char*>(out.data()) + kAeadNonceBytes;
  EvpCipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  int final_len = 0;
  if (!ctx || EVP_EncryptInit_ex(ctx.get(), aes_gcm(), nullptr, key.data(), nonce.data()) != 1 ||
      !update(ctx.get(), true, aad, nullptr) || !update(ctx.get(), true, plaintext, ct) ||
      EVP_EncryptFinal_ex(ctx.get(), ct + plaintext.size(), &final_len) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_GET_TAG, static_cast<int>(kAeadTagBytes),
                          ct + plaintext.size()) != 1)
    p256::fatal("AES-256-GCM seal");
  return out;
}

std::optional<std::string> aead_open(std::span<const std::uint8_t, 32> key, std::string_view sealed,
                                     std::string_view aad) {
  if (sealed.size() < kAeadNonceBytes + kAeadTagBytes) return std::nullopt;
  const std::string_view nonce = sealed.substr(0, kAeadNonceBytes);
  const std::string_view ct = sealed.substr(kAeadNonceBytes, sealed.size() - kAeadNonceBytes - kAeadTagBytes);
  std::string tag(sealed.substr(sealed.size() - kAeadTagBytes));
  std::string out(ct.size(), '\0');
  auto* pt = reinterpret_cast<unsigned char*>(out.data());
  EvpCipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  if (!ctx || EVP_DecryptInit_ex(ctx.get(), aes_gcm(), nullptr, key.data(), uc(nonce.data())) != 1)
    p256::fatal("AES-256-GCM open init");
  int final_len = 0;
  if (!update(ctx.get(), false, aad, nullptr) || !update(ctx.get(), false, ct, pt) ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_TAG, static_cast<int>(kAeadTagBytes), tag.data()) !=
          1 ||
      EVP_DecryptFinal_ex(ctx.get(), pt + ct.size(), &final_len) != 1)
    return std::nullopt;
  return out;
}

}  // namespace ptplab::crypto
