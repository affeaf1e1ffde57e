// Bit rates, byte sizes and the did-you-mean distance.
#include "scenarios/format/units.hpp"

#include <gtest/gtest.h>

namespace ptplab::scenarios {
namespace {

TEST(Units, BitRates) {
  EXPECT_EQ(parse_bitrate("38Mbit/s"), 38'000'000u);
  EXPECT_EQ(parse_bitrate("1.5Gbit/s"), 1'500'000'000u);
  EXPECT_EQ(parse_bitrate("100 kbps"), 100'000u);
  EXPECT_EQ(parse_bitrate("10MB/s"), 80'000'000u);
  EXPECT_EQ(parse_bitrate("1200"), 1200u);
  EXPECT_EQ(parse_bitrate("fast"), std::nullopt);
  EXPECT_EQ(parse_bitrate("-1Mbit/s"), std::nullopt);
  EXPECT_EQ(parse_bitrate("5 furlongs"), std::nullopt);
}

TEST(Units, ByteSizes) {
  EXPECT_EQ(parse_byte_size("1500"), 1500u);
  EXPECT_EQ(parse_byte_size("1500B"), 1500u);
  EXPECT_EQ(parse_byte_size("64kB"), 64'000u);
  EXPECT_EQ(parse_byte_size("64KiB"), 65'536u);
  EXPECT_EQ(parse_byte_size("1MiB"), 1'048'576u);
  EXPECT_EQ(parse_byte_size("2GB"), 2'000'000'000u);
  EXPECT_EQ(parse_byte_size("lots"), std::nullopt);
}

}  // namespace
}  // namespace ptplab::scenarios
