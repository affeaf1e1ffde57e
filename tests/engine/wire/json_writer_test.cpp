// JsonWriter: comma placement and RFC 8259 string escaping, checked against nlohmann/json's reader.
#include "engine/wire/json_writer.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/engine/wire/message_gen.hpp"

namespace ptplab::wire {
namespace {

TEST(JsonWriter, PlacesCommasBetweenMembersAndElements) {
  std::string buffer;
  JsonWriter w(buffer);
  w.begin_object();
  w.key("a");
  w.begin_array();
  w.integer(-1);
  w.begin_object();
  w.end_object();
  w.boolean(true);
  w.end_array();
  w.key("b");
  w.string("x");
  w.end_object();
  EXPECT_EQ(w.take(), R"({"a":[-1,{},true],"b":"x"})");
}

TEST(JsonWriter, EscapesQuoteBackslashAndControlCharacters) {
  std::string out;
  JsonWriter::append_escaped(out, std::string("\"\\\b\f\n\r\t\x00\x1f\x7f/\xc3\xa9", 13));
  EXPECT_EQ(out, "\"\\\"\\\\\\b\\f\\n\\r\\t\\u0000\\u001f\x7f/\xc3\xa9\"");
}

RC_GTEST_PROP(JsonWriterProperty, EscapedTextReadsBackUnchanged, ()) {
  const std::string text = *testgen::text();
  std::string out;
  JsonWriter::append_escaped(out, text);
  RC_ASSERT(nlohmann::json::parse(out).get<std::string>() == text);
}

}  // namespace
}  // namespace ptplab::wire
