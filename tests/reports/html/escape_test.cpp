// Escaping of recorded text before it goes into HTML and SVG.
#include "reports/html/escape.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

namespace ptplab::reports::html {
namespace {

TEST(Escape, MarkupCharactersBecomeEntities) {
  EXPECT_EQ(escape("<script>alert('x')</script>"), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
  EXPECT_EQ(escape("a & \"b\""), "a &amp; &quot;b&quot;");
}

TEST(Escape, PlainTextAndUtf8AreKept) {
  EXPECT_EQ(escape("delivery ratio × 100 — ok"), "delivery ratio × 100 — ok");
  EXPECT_EQ(escape("line\n\tnext"), "line\n\tnext");
}

TEST(Escape, ControlCharactersAreReplaced) {
  EXPECT_EQ(escape(std::string("a\x01"
                               "b",
                               3)),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(escape(std::string("\0", 1)), "\xEF\xBF\xBD");
}

RC_GTEST_PROP(EscapeProp, OutputHasNoRawMarkupCharacters, (const std::string& s)) {
  const std::string out = escape(s);
  for (const char c : out) {
    RC_ASSERT(c != '<');
    RC_ASSERT(c != '>');
    RC_ASSERT(c != '"');
    RC_ASSERT(c != '\'');
  }
  // Every '&' starts an entity this function wrote.
  for (std::size_t i = out.find('&'); i != std::string::npos; i = out.find('&', i + 1)) {
    const std::string rest = out.substr(i, 6);
    RC_ASSERT(rest.starts_with("&amp;") || rest.starts_with("&lt;") || rest.starts_with("&gt;") ||
              rest.starts_with("&quot;") || rest.starts_with("&#39;"));
  }
}

}  // namespace
}  // namespace ptplab::reports::html
