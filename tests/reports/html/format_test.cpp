// Number formatting of tick labels, table values and SVG coordinates.
#include "reports/html/format.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace ptplab::reports::html {
namespace {

TEST(FormatTick, DecimalsFollowTheStep) {
  EXPECT_EQ(format_tick(0.25, 0.05), "0.25");
  EXPECT_EQ(format_tick(0.2, 0.1), "0.2");
  EXPECT_EQ(format_tick(40, 20), "40");
  EXPECT_EQ(format_tick(2500, 500), "2500");
}

TEST(FormatTick, LargeValuesAreAbbreviated) {
  EXPECT_EQ(format_tick(20000, 5000), "20k");
  EXPECT_EQ(format_tick(1.5e6, 5e5), "1.5M");
  EXPECT_EQ(format_tick(3e9, 1e9), "3G");
}

TEST(FormatTick, NoNegativeZeroAndNonFiniteIsADash) {
  EXPECT_EQ(format_tick(-0.0, 1), "0");
  EXPECT_EQ(format_tick(-1e-17, 0.2), "0");
  EXPECT_EQ(format_tick(NAN, 1), "–");
}

TEST(FormatValue, SignificantDigitsAndAbbreviations) {
  EXPECT_EQ(format_value(12346), "12.35k");
  EXPECT_EQ(format_value(0.000123), "0.000123");
  EXPECT_EQ(format_value(3.14159), "3.142");
  EXPECT_EQ(format_value(2.0), "2");
  EXPECT_EQ(format_value(0), "0");
  EXPECT_EQ(format_value(-7.5e6), "-7.5M");
  EXPECT_EQ(format_value(INFINITY), "–");
}

TEST(FormatCoord, TwoDecimalsTrimmed) {
  EXPECT_EQ(format_coord(12.5), "12.5");
  EXPECT_EQ(format_coord(3.14159), "3.14");
  EXPECT_EQ(format_coord(7), "7");
  EXPECT_EQ(format_coord(-0.001), "0");
  EXPECT_EQ(format_coord(NAN), "0");
}

}  // namespace
}  // namespace ptplab::reports::html
