// The legend of x/y charts (reports/html/frame.hpp): entries wrap within the band, and a name
// wider than the band (a scaling-law reading named by its thirteen parameters) is itself wrapped
// onto lines that stay inside it, its height counted.
#include "reports/html/frame.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <regex>
#include <string>
#include <vector>

#include "reports/html/format.hpp"

namespace ptplab::reports::html {
namespace {

struct LegendText {
  double x = 0;
  double y = 0;
  std::string text;
};

std::vector<LegendText> legend_texts(const std::string& svg) {
  static const std::regex text_re(R"re(<text x="([-0-9.]+)" y="([-0-9.]+)" class="legend">([^<]*)</text>)re");
  std::vector<LegendText> out;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), text_re); it != std::sregex_iterator(); ++it)
    out.push_back({std::stod((*it)[1]), std::stod((*it)[2]), (*it)[3]});
  return out;
}

// The fourth reading of scenarios/suites/scale/law.json as reading_names() names it.
const std::string kLongName =
    "channel_discovery=invite, held_relays_max=128, hello_interval_max_ns=20s, hello_interval_min_ns=10s, "
    "hello_retry_interval_ns=1s, peer_timeout_ns=60s, propagation=mesh, routing_advert=sample, "
    "routing_entry_timeout_ns=90s, routing_greetings_max=0, routing_interval_ns=30s, routing_sample_max=4, "
    "routing_to_new_peer=true";

TEST(Legend, ANameWiderThanTheBandIsWrappedInsideIt) {
  const double x0 = 72;
  const double width = 664;  // a 760-px chart's plot band
  const std::vector<LegendEntry> entries = {{"spec-literal (defaults)", "#000", Swatch::kLine},
                                            {kLongName, "#111", Swatch::kLine},
                                            {"after", "#222", Swatch::kLine}};
  Svg svg(760, 400, "legend");
  draw_legend(svg, entries, x0, 12, width);
  const auto texts = legend_texts(std::move(svg).finish());
  ASSERT_GE(texts.size(), 4u);  // the long name takes two lines at least
  std::string joined;
  for (std::size_t i = 1; i + 1 < texts.size(); ++i) {
    joined += (i == 1 ? "" : " ");
    joined += texts[i].text;
    EXPECT_GT(texts[i].y, texts[i - 1].y) << texts[i].text;  // each on a line of its own
  }
  EXPECT_EQ(joined, kLongName);  // broken after its commas, nothing lost
  for (const auto& t : texts)
    EXPECT_LE(t.x + static_cast<double>(t.text.size()) * kCharWidthPx, x0 + width) << t.text;
  EXPECT_GT(texts.back().y, texts[texts.size() - 2].y);  // the next entry starts below it
  // The height counts every line: the last text's baseline is inside it.
  EXPECT_LE(texts.back().y - 12, legend_height(entries, width));
  EXPECT_DOUBLE_EQ(legend_height(entries, width), static_cast<double>(texts.size()) * 18 + 6);
}

TEST(Legend, ShortNamesShareARowAndAPartLongerThanALineIsCut) {
  const std::vector<LegendEntry> shorts = {{"a", "#000", Swatch::kLine}, {"b", "#111", Swatch::kBox}};
  EXPECT_DOUBLE_EQ(legend_height(shorts, 664), 18 + 6);
  const std::string word(200, 'x');
  Svg svg(760, 400, "legend");
  draw_legend(svg, {{word, "#000", Swatch::kDashed}}, 0, 0, 300);
  const auto texts = legend_texts(std::move(svg).finish());
  ASSERT_GE(texts.size(), 2u);
  std::string joined;
  for (const auto& t : texts) {
    EXPECT_LE(t.x + static_cast<double>(t.text.size()) * kCharWidthPx, 300) << t.text;
    joined += t.text;
  }
  EXPECT_EQ(joined, word);
}

TEST(Frame, ALegendTallerThanTheChartLeavesRoomGrowsTheImageNotThePlotAway) {
  Extent xs;
  xs.add(1000);
  xs.add(100000);
  Extent ys;
  ys.add(10);
  ys.add(5000);
  const auto x = Axis::of("n", "nodes");
  const auto y = Axis::of("datagrams per delivered message", "");
  const Frame one_row(ChartSize{}, x, xs, y, ys, {{"a", "#000", Swatch::kLine}}, "chart");
  EXPECT_DOUBLE_EQ(one_row.bottom(), 340 - 48);  // a short legend leaves the image as asked
  std::vector<LegendEntry> tall;
  for (int i = 0; i < 4; ++i) tall.push_back({kLongName, "#000", Swatch::kLine});
  Frame f(ChartSize{}, x, xs, y, ys, tall, "chart");
  EXPECT_GE(f.bottom() - f.top(), 180);
  const double height = f.bottom() + 48;
  const std::string svg = std::move(f).finish();
  EXPECT_NE(svg.find("height=\"" + std::to_string(static_cast<int>(std::ceil(height))) + "\""),
            std::string::npos)
      << svg.substr(0, 120);
  EXPECT_GT(height, 340);
}

}  // namespace
}  // namespace ptplab::reports::html
