// SHA-256 (FIPS 180-4), incremental, for report digests: a thin owner of an OpenSSL EVP_MD_CTX
// (EVP_DigestInit_ex / EVP_DigestUpdate / EVP_DigestFinal_ex, OpenSSL 3 "EVP_DigestInit(3)").
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX, kept out of this header

namespace ptplab::reports {

// Feed bytes with update(), then read finish() or hex() once. OpenSSL failing to allocate or
// hash (out of memory) throws std::runtime_error: a digest is never silently wrong.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view bytes);
  // Finishes the hash: the 32-byte digest. The object must not be updated afterwards.
  [[nodiscard]] std::array<std::uint8_t, 32> finish();
  // finish() as 64 lower-case hex digits.
  [[nodiscard]] std::string hex();

 private:
  struct Free {
    void operator()(evp_md_ctx_st* ctx) const;
  };
  std::unique_ptr<evp_md_ctx_st, Free> ctx_;
};

}  // namespace ptplab::reports
