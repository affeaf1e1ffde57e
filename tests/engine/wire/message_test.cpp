// Verb names and msg_id_of of the wire vocabulary.
#include "engine/wire/message.hpp"

#include <gtest/gtest.h>

namespace ptplab::wire {
namespace {

TEST(Verbs, NamesRoundTripForEveryVerb) {
  for (int v = 0; v < kVerbCount; ++v) {
    const auto verb = static_cast<Verb>(v);
    EXPECT_EQ(verb_from_name(verb_name(verb)), verb);
  }
  EXPECT_EQ(verb_name(Verb::kGetCertificate), "GETCERTIFICATE");
  EXPECT_EQ(verb_name(Verb::kMessage), "MESSAGE");
}

TEST(Verbs, UnknownAndMiscasedNamesAreRejected) {
  EXPECT_EQ(verb_from_name("hello"), std::nullopt);
  EXPECT_EQ(verb_from_name("RELAY"), std::nullopt);
  EXPECT_EQ(verb_from_name(""), std::nullopt);
}

TEST(Verbs, MsgIdOfReturnsTheIdOrEmpty) {
  EXPECT_EQ(msg_id_of(Ack{"a1"}), "a1");
  ChatMessage chat;
  chat.msg_id = "m1";
  EXPECT_EQ(msg_id_of(chat), "m1");
  EXPECT_EQ(msg_id_of(Hello{}), "");
  EXPECT_EQ(msg_id_of(Connect{}), "");
  EXPECT_EQ(msg_id_of(Routing{}), "");
}

}  // namespace
}  // namespace ptplab::wire
