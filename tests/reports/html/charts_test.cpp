// Chart rendering: no-data placeholders for empty input, single points, legends, units, and
// escaping of every recorded string that reaches the SVG.
#include <gtest/gtest.h>

#include <cmath>

#include "reports/html/bar_chart.hpp"
#include "reports/html/heatmap.hpp"
#include "reports/html/line_chart.hpp"
#include "reports/html/stacked_chart.hpp"
#include "tests/reports/html/fixture.hpp"

namespace ptplab::reports::html {
namespace {

using testing::contains;

std::size_t count_of(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto i = haystack.find(needle); i != std::string::npos; i = haystack.find(needle, i + 1)) ++n;
  return n;
}

LineChart latency_chart() {
  LineChart c;
  c.title = "Delivery ratio over time";
  c.x = Axis::of("simulated time", "s");
  c.y = Axis::of("delivery ratio", "");
  return c;
}

TEST(LineChart, NoSeriesShowsNoDataInsteadOfAChart) {
  LineChart c = latency_chart();
  c.empty_reason = "the run recorded no delivery_ratio series";
  const std::string html = render(c);
  EXPECT_FALSE(contains(html, "<svg"));
  EXPECT_TRUE(contains(html, "No data: the run recorded no delivery_ratio series"));
  EXPECT_TRUE(contains(html, "<figcaption>Delivery ratio over time</figcaption>"));
}

TEST(LineChart, SeriesWithOnlyNonFinitePointsCountsAsEmpty) {
  LineChart c = latency_chart();
  c.series.push_back({"flood", {{NAN, 1}, {2, INFINITY}}});
  EXPECT_FALSE(contains(render(c), "<svg"));
}

TEST(LineChart, NonPositivePointsAreNotPlottedOnALogAxis) {
  LineChart c = latency_chart();
  c.x.kind = ScaleKind::kLog;
  c.series.push_back({"flood", {{0, 1}, {-5, 2}}});
  EXPECT_FALSE(contains(render(c), "<svg"));
}

TEST(LineChart, SinglePointIsDrawnAsAMarker) {
  LineChart c = latency_chart();
  c.series.push_back({"gossip", {{5, 0.9}}});
  const std::string html = render(c);
  EXPECT_TRUE(contains(html, "<svg"));
  EXPECT_EQ(count_of(html, "<circle"), 1u);
  EXPECT_TRUE(contains(html, "<title>gossip: 5, 0.9</title>"));
}

TEST(LineChart, AxisTitlesCarryUnitsAndLegendNamesEverySeries) {
  LineChart c = latency_chart();
  c.series.push_back({"flood", {{0, 0}, {1, 0.5}, {2, 1}}});
  c.series.push_back({"gossip", {{0, 0}, {1, 0.4}, {2, 0.9}}, LineStyle::kDashed});
  const std::string html = render(c);
  EXPECT_TRUE(contains(html, ">simulated time (s)</text>"));
  EXPECT_TRUE(contains(html, ">delivery ratio</text>"));
  EXPECT_TRUE(contains(html, ">flood</text>"));
  EXPECT_TRUE(contains(html, ">gossip</text>"));
  EXPECT_EQ(count_of(html, "<path"), 2u);
  EXPECT_TRUE(contains(html, "stroke-dasharray"));
}

TEST(LineChart, SpreadIsDrawnAsABand) {
  LineChart c = latency_chart();
  c.series.push_back({"fanout", {{2, 0.8, 0.7, 0.9}, {4, 0.95, 0.9, 1.0}}, LineStyle::kMarkers});
  const std::string html = render(c);
  EXPECT_TRUE(contains(html, "fill-opacity=\"0.18\""));
  EXPECT_EQ(count_of(html, "<circle"), 2u);
}

TEST(LineChart, RecordedTextIsEscaped) {
  LineChart c;
  c.title = "<img src=x onerror=alert(1)>";
  c.x = Axis::of("t & \"u\"", "s");
  c.y = Axis::of("y", "");
  c.series.push_back({"<b>evil</b>", {{0, 0}, {1, 1}}});
  const std::string html = render(c);
  EXPECT_FALSE(contains(html, "<img"));
  EXPECT_FALSE(contains(html, "<b>"));
  EXPECT_TRUE(contains(html, "&lt;b&gt;evil&lt;/b&gt;"));
  EXPECT_TRUE(contains(html, "t &amp; &quot;u&quot; (s)"));
}

TEST(LineChart, LongSeriesAreThinned) {
  LineChart c = latency_chart();
  Series s{"long", {}};
  for (int i = 0; i < 100'000; ++i) s.points.push_back({static_cast<double>(i), std::sin(i * 0.001)});
  c.series.push_back(s);
  EXPECT_LT(render(c).size(), 100'000u);
}

TEST(StackedChart, EmptyInputShowsNoData) {
  StackedChart c;
  c.title = "Traffic per verb";
  EXPECT_TRUE(contains(render(c), "No data"));
  c.x_values = {0, 1};
  EXPECT_TRUE(contains(render(c), "No data"));  // x values but no layers
}

TEST(StackedChart, OneAreaPerLayerWithLegend) {
  StackedChart c;
  c.title = "Traffic per verb";
  c.x = Axis::of("simulated time", "s");
  c.y = Axis::of("datagrams", "per s");
  c.x_values = {0, 1, 2};
  c.layers = {{"HELLO", {10, 12, 11}}, {"MESSAGE", {0, 5}}};  // a short layer counts as 0
  const std::string html = render(c);
  EXPECT_EQ(count_of(html, "<path"), 2u);
  EXPECT_TRUE(contains(html, ">HELLO</text>"));
  EXPECT_TRUE(contains(html, ">MESSAGE</text>"));
  EXPECT_TRUE(contains(html, ">datagrams (per s)</text>"));
}

TEST(BarChart, NoFiniteValueShowsNoData) {
  BarChart c;
  c.title = "Drops by reason";
  c.categories = {"loss"};
  c.series = {{"drops", {NAN}, {}, {}}};
  EXPECT_TRUE(contains(render(c), "No data"));
}

TEST(BarChart, OneBarPerCategoryAndSeries) {
  BarChart c;
  c.title = "Honest delivery under attack";
  c.value_axis = Axis::of("delivery ratio", "");
  c.categories = {"hello_flood", "replay"};
  c.series = {{"mitigation on", {0.99, 1.0}, {}, {}}, {"mitigation off", {0.4, 0.7}, {}, {}}};
  const std::string html = render(c);
  EXPECT_EQ(count_of(html, "<rect"), 4u + 2u);  // four bars, two legend swatches
  EXPECT_TRUE(contains(html, "<title>replay / mitigation off: 0.7</title>"));
}

TEST(Heatmap, AllCellsMissingShowsNoData) {
  Heatmap m;
  m.title = "NAT success";
  m.rows = {"symmetric"};
  m.columns = {"symmetric"};
  m.values = {{NAN}};
  EXPECT_TRUE(contains(render(m), "No data"));
}

TEST(Heatmap, CellsShowValuesAndMissingCellsAreGrey) {
  Heatmap m;
  m.title = "NAT success";
  m.rows = {"full_cone", "symmetric"};
  m.columns = {"full_cone", "symmetric"};
  m.values = {{1.0, 1.0}, {1.0, NAN}};
  m.notes = {{"4 of 4 attempts", "2 of 2"}, {"3 of 3", ""}};
  const std::string html = render(m);
  EXPECT_TRUE(contains(html, "<title>full_cone × full_cone: 1 (4 of 4 attempts)</title>"));
  EXPECT_TRUE(contains(html, "fill=\"#dddddd\""));
  EXPECT_TRUE(contains(html, ">–</text>"));
}

}  // namespace
}  // namespace ptplab::reports::html
