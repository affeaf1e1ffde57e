// SHA-256 against the FIPS 180-4 / NIST example vectors, including multi-block and split input.
#include "reports/sha256.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

namespace ptplab::reports {
namespace {

std::string sha(std::string_view s) {
  Sha256 h;
  h.update(s);
  return h.hex();
}

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(sha(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha(std::string(1'000'000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

RC_GTEST_PROP(Sha256, SplittingTheInputDoesNotChangeTheDigest, (const std::string& text, std::size_t cut)) {
  const std::size_t at = text.empty() ? 0 : cut % (text.size() + 1);
  Sha256 split;
  split.update(std::string_view(text).substr(0, at));
  split.update(std::string_view(text).substr(at));
  RC_ASSERT(split.hex() == sha(text));
}

}  // namespace
}  // namespace ptplab::reports
