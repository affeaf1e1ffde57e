// SHA-256 (FIPS 180-4), incremental, for report digests: reports/ links no crypto library.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace ptplab::reports {

// Feed bytes with update(), then read hex() once.
class Sha256 {
 public:
  Sha256();
  void update(std::string_view bytes);
  // Finishes the hash; the object must not be updated afterwards.
  [[nodiscard]] std::array<std::uint8_t, 32> finish();
  // finish() as 64 lower-case hex digits.
  [[nodiscard]] std::string hex();

 private:
  void block(const std::uint8_t* p);
  std::array<std::uint32_t, 8> h_;
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t length_bytes_ = 0;
};

}  // namespace ptplab::reports
