// Strict base64: RFC 4648 test vectors, rejection of every non-canonical form, and round trips.
#include "engine/core/base64.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

namespace ptplab {
namespace {

TEST(Base64, Rfc4648Vectors) {
  const std::pair<std::string, std::string> vectors[] = {{"", ""},
                                                         {"f", "Zg=="},
                                                         {"fo", "Zm8="},
                                                         {"foo", "Zm9v"},
                                                         {"foob", "Zm9vYg=="},
                                                         {"fooba", "Zm9vYmE="},
                                                         {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(base64_encode(plain), encoded);
    const auto decoded = base64_decode(encoded);
    ASSERT_TRUE(decoded.has_value()) << encoded;
    EXPECT_EQ(*decoded, plain);
  }
}

TEST(Base64, BinaryBytesUseTheStandardAlphabet) {
  EXPECT_EQ(base64_encode(std::string("\xfb\xff\xbf", 3)), "+/+/");
  EXPECT_EQ(base64_decode("+/+/").value(), std::string("\xfb\xff\xbf", 3));
}

TEST(Base64, EncodeToAppends) {
  std::string out = "key=";
  base64_encode_to(out, "fo");
  EXPECT_EQ(out, "key=Zm8=");
  EXPECT_EQ(base64_encoded_size(4), 8u);
}

TEST(Base64, NonCanonicalFormsAreRejectedWithOffsetAndReason) {
  struct Bad {
    std::string text;
    std::size_t offset;
    std::string_view reason;
  };
  const Bad bad[] = {
      {"Zg", 2, "length is not a multiple of 4"},
      {"Zg=", 3, "length is not a multiple of 4"},
      {"Zm9v\n", 5, "length is not a multiple of 4"},
      {"Zm 9", 2, "character outside the base64 alphabet"},
      {"Zm-_", 2, "character outside the base64 alphabet"},
      {"Z===", 1, "padding '=' before the end"},
      {"====", 0, "padding '=' before the end"},
      {"Zg==Zg==", 2, "padding '=' before the end"},
      {"Zh==", 1, "non-zero unused bits in the last character"},
      {"Zm9=", 2, "non-zero unused bits in the last character"},
  };
  for (const auto& b : bad) {
    SCOPED_TRACE(b.text);
    const auto r = base64_decode(b.text);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().offset, b.offset);
    EXPECT_EQ(r.error().reason, b.reason);
  }
}

RC_GTEST_PROP(Base64Property, DecodeOfEncodeIsIdentity, (const std::string& bytes)) {
  RC_ASSERT(base64_decode(base64_encode(bytes)).value() == bytes);
}

RC_GTEST_PROP(Base64Property, AcceptedTextIsCanonical, (const std::string& text)) {
  const auto r = base64_decode(text);
  if (r) RC_ASSERT(base64_encode(*r) == text);
}

}  // namespace
}  // namespace ptplab
