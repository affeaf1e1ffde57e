// Page assembly and tables: self-contained document, sections with safe anchors, escaping.
#include "reports/html/page.hpp"

#include <gtest/gtest.h>

#include "reports/html/table.hpp"
#include "tests/reports/html/fixture.hpp"

namespace ptplab::reports::html {
namespace {

using testing::contains;

TEST(Page, HasDoctypeInlineStyleNavigationAndSections) {
  Page p{"ptplab report", "r.db", {{"summary", "Run summary", "<p>x</p>"}, {"NAT matrix!", "NAT", ""}}};
  const std::string html = render(p);
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>"));
  EXPECT_TRUE(contains(html, "<meta charset=\"utf-8\">"));
  EXPECT_TRUE(contains(html, "<style>"));
  EXPECT_TRUE(contains(html, "<a href=\"#summary\">Run summary</a>"));
  EXPECT_TRUE(contains(html, "<section id=\"nat-matrix-\">"));
  EXPECT_FALSE(contains(html, "<script"));
  EXPECT_FALSE(contains(html, "http://"));
  EXPECT_FALSE(contains(html, "https://"));
}

TEST(Page, TitleIsEscaped) {
  const std::string html = render(Page{"a</title><script>", "", {}});
  EXPECT_FALSE(contains(html, "<script>"));
  EXPECT_TRUE(contains(html, "a&lt;/title&gt;&lt;script&gt;"));
}

TEST(Table, EmptyTableIsANote) {
  EXPECT_EQ(render(Table{{"a"}, {}, {}}, "no parameters recorded"),
            "<p class=\"nodata\">No data: no parameters recorded</p>\n");
}

TEST(Table, CellsEscapedNumbersRightAlignedRowClassesSanitised) {
  const Table t{{"name", "value"}, {{"<x>", "12.5k"}, {"b", "text"}}, {"fail\" onclick=\"x", ""}};
  const std::string html = render(t);
  EXPECT_TRUE(contains(html, "<td>&lt;x&gt;</td><td class=\"num\">12.5k</td>"));
  EXPECT_TRUE(contains(html, "<td>b</td><td>text</td>"));
  EXPECT_TRUE(contains(html, "<tr class=\"failonclickx\">"));
}

}  // namespace
}  // namespace ptplab::reports::html
