// Linear and log scales: nice steps, nice domains, tick values and labels, degenerate domains.
#include "reports/html/scale.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cmath>

namespace ptplab::reports::html {
namespace {

std::vector<double> values_of(const std::vector<Tick>& ticks) {
  std::vector<double> out;
  for (const auto& t : ticks) out.push_back(t.value);
  return out;
}

std::vector<std::string> labels_of(const std::vector<Tick>& ticks) {
  std::vector<std::string> out;
  for (const auto& t : ticks) out.push_back(t.label);
  return out;
}

TEST(NiceStep, PicksOneTwoOrFiveTimesAPowerOfTen) {
  EXPECT_DOUBLE_EQ(nice_step(10, 5), 2);
  EXPECT_DOUBLE_EQ(nice_step(1, 10), 0.1);
  EXPECT_DOUBLE_EQ(nice_step(0.7, 5), 0.1);   // raw 0.14: 1.4 < sqrt(2) rounds down
  EXPECT_DOUBLE_EQ(nice_step(100, 4), 20);    // raw 25: 2.5 < sqrt(10)
  EXPECT_DOUBLE_EQ(nice_step(100, 3), 50);    // raw 33.3: 3.33 >= sqrt(10)
  EXPECT_DOUBLE_EQ(nice_step(900, 1), 1000);  // raw 900: 9 >= sqrt(50)
}

TEST(NiceStep, DegenerateSpanGivesOne) {
  EXPECT_DOUBLE_EQ(nice_step(0, 5), 1);
  EXPECT_DOUBLE_EQ(nice_step(-3, 5), 1);
  EXPECT_DOUBLE_EQ(nice_step(NAN, 5), 1);
}

TEST(LinearScale, MapsDomainOntoRangeIncludingInvertedRanges) {
  const Scale s = Scale::linear(0, 10, 100, 200);
  EXPECT_DOUBLE_EQ(s(0), 100);
  EXPECT_DOUBLE_EQ(s(5), 150);
  EXPECT_DOUBLE_EQ(s(10), 200);
  const Scale y = Scale::linear(0, 1, 300, 20);  // a y axis: larger values higher up
  EXPECT_DOUBLE_EQ(y(0), 300);
  EXPECT_DOUBLE_EQ(y(1), 20);
}

TEST(LinearScale, NiceDomainExtendsToTickMultiples) {
  const Scale s = Scale::nice_linear(0.3, 9.7, 0, 100, 5);
  EXPECT_DOUBLE_EQ(s.lo(), 0);
  EXPECT_DOUBLE_EQ(s.hi(), 10);
  EXPECT_EQ(values_of(s.ticks(5)), (std::vector<double>{0, 2, 4, 6, 8, 10}));
  EXPECT_EQ(labels_of(s.ticks(5)), (std::vector<std::string>{"0", "2", "4", "6", "8", "10"}));
}

TEST(LinearScale, NiceDomainContainsEndsThatRoundingWouldCut) {
  // RapidCheck's counterexample (seed 6865098247572813105): ceil(28401.8 / step) * step came out
  // one ulp below 28401.8, so the largest value fell outside the domain.
  const double a = 284018 * std::pow(10.0, -1);
  const double b = a + -63245 * std::pow(10.0, -6);
  const Scale s = Scale::nice_linear(a, b, 0, 500, 2);
  EXPECT_LE(s.lo(), std::min(a, b));
  EXPECT_GE(s.hi(), std::max(a, b));
}

TEST(LinearScale, TickLabelsShowTheDecimalsTheStepNeeds) {
  const Scale s = Scale::nice_linear(0, 1, 0, 100, 4);
  EXPECT_EQ(labels_of(s.ticks(4)), (std::vector<std::string>{"0", "0.2", "0.4", "0.6", "0.8", "1"}));
  const Scale big = Scale::nice_linear(0, 60000, 0, 100, 3);
  EXPECT_EQ(labels_of(big.ticks(3)), (std::vector<std::string>{"0", "20k", "40k", "60k"}));
}

TEST(LinearScale, SinglePointDomainIsWidenedAroundIt) {
  const Scale s = Scale::linear(5, 5, 0, 100);
  EXPECT_DOUBLE_EQ(s.lo(), 2.5);
  EXPECT_DOUBLE_EQ(s.hi(), 7.5);
  EXPECT_DOUBLE_EQ(s(5), 50);
  const Scale zero = Scale::nice_linear(0, 0, 0, 100, 5);
  EXPECT_DOUBLE_EQ(zero.lo(), 0);
  EXPECT_DOUBLE_EQ(zero.hi(), 1);
  EXPECT_FALSE(zero.ticks(5).empty());
}

TEST(LinearScale, NonFiniteDomainFallsBackToUnitInterval) {
  const Scale s = Scale::nice_linear(NAN, INFINITY, 0, 10, 5);
  EXPECT_DOUBLE_EQ(s.lo(), 0);
  EXPECT_DOUBLE_EQ(s.hi(), 1);
}

TEST(LogScale, DomainExtendsToPowersOfTenAndTicksAreDecades) {
  const Scale s = Scale::nice_log(3, 700, 0, 300);
  EXPECT_DOUBLE_EQ(s.lo(), 1);
  EXPECT_DOUBLE_EQ(s.hi(), 1000);
  EXPECT_NEAR(s(10), 100, 1e-9);
  EXPECT_NEAR(s(100), 200, 1e-9);
  EXPECT_EQ(values_of(s.ticks(5)), (std::vector<double>{1, 10, 100, 1000}));
  EXPECT_EQ(labels_of(s.ticks(5)), (std::vector<std::string>{"1", "10", "100", "1000"}));
}

TEST(LogScale, FewDecadesGetTwoAndFiveTicks) {
  const Scale s = Scale::nice_log(1, 100, 0, 100);
  EXPECT_EQ(values_of(s.ticks(5)), (std::vector<double>{1, 2, 5, 10, 20, 50, 100}));
}

TEST(LogScale, NonPositiveValuesAreHandled) {
  const Scale s = Scale::nice_log(0, 50, 0, 100);  // lo <= 0: one decade below hi
  EXPECT_DOUBLE_EQ(s.lo(), 1);
  EXPECT_DOUBLE_EQ(s.hi(), 100);
  EXPECT_DOUBLE_EQ(s(-4), s(s.lo()));  // clamped to the low end
  const Scale empty = Scale::nice_log(-1, -1, 0, 100);
  EXPECT_DOUBLE_EQ(empty.lo(), 0.1);
  EXPECT_DOUBLE_EQ(empty.hi(), 1);
}

RC_GTEST_PROP(LinearScaleProp, TicksLieInsideTheDomainAscendingAndBounded, ()) {
  // Domains from 1e-3 wide to 2e9 wide, anywhere between -1e9 and 1e9.
  const double a = *rc::gen::inRange(-1'000'000, 1'000'000) * std::pow(10.0, *rc::gen::inRange(-3, 4));
  const double b = a + *rc::gen::inRange(-1'000'000, 1'000'000) * std::pow(10.0, *rc::gen::inRange(-6, 4));
  const int c = *rc::gen::inRange(1, 13);
  const Scale s = Scale::nice_linear(a, b, 0, 500, c);
  RC_ASSERT(s.lo() <= std::min(a, b));
  RC_ASSERT(s.hi() >= std::max(a, b));
  const auto ticks = s.ticks(c);
  RC_ASSERT(!ticks.empty());
  RC_ASSERT(ticks.size() <= 50u);
  for (std::size_t i = 0; i < ticks.size(); ++i) {
    const double eps = 1e-9 * std::max(1.0, std::abs(s.hi() - s.lo()));
    RC_ASSERT(ticks[i].value >= s.lo() - eps);
    RC_ASSERT(ticks[i].value <= s.hi() + eps);
    if (i > 0) RC_ASSERT(ticks[i].value > ticks[i - 1].value);
  }
}

RC_GTEST_PROP(LogScaleProp, MappingIsMonotonic, (double a, double b)) {
  RC_PRE(std::isfinite(a) && std::isfinite(b) && a > 1e-100 && b > 1e-100 && a < 1e100 && b < 1e100);
  const Scale s = Scale::nice_log(std::min(a, b), std::max(a, b), 0, 100);
  RC_ASSERT(s(std::min(a, b)) <= s(std::max(a, b)) + 1e-9);
  RC_ASSERT(s(std::min(a, b)) >= -1e-9);
  RC_ASSERT(s(std::max(a, b)) <= 100 + 1e-9);
}

}  // namespace
}  // namespace ptplab::reports::html
