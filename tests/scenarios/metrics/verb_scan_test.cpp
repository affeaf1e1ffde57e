// The msg_type scan agrees with the codec on our own datagrams and reads other layouts too.
#include "scenarios/metrics/verb_scan.hpp"

#include <gtest/gtest.h>

#include "engine/wire/codec.hpp"

namespace ptplab::scenarios {
namespace {

TEST(VerbScan, CompactAndSpacedForms) {
  EXPECT_EQ(scan_verb(wire::encode(wire::Ack{"m"})), static_cast<std::size_t>(wire::Verb::kAck));
  EXPECT_EQ(scan_verb(R"({ "msg_data": {}, "msg_type" : "ROUTING" })"),
            static_cast<std::size_t>(wire::Verb::kRouting));
  EXPECT_EQ(scan_verb(R"({"msg_type":"RELAY"})"), kVerbInvalid);
  EXPECT_EQ(scan_verb("garbage"), kVerbInvalid);
  EXPECT_EQ(scan_verb(R"({"msg_type":42})"), kVerbInvalid);
  EXPECT_EQ(verb_slot_name(kVerbInvalid), "invalid");
}

}  // namespace
}  // namespace ptplab::scenarios
