// The Output buffer: what an endpoint appends comes out in order, events own their text after
// the caller's strings are gone, the latest wake-up wins, and clear() empties it for reuse.
#include "engine/core/output.hpp"

#include <gtest/gtest.h>

#include <string>

namespace ptplab {
namespace {

const Address kA{0x0a000001, 4000};
const Address kB{0x0a000002, 4000};

TEST(Output, DatagramsComeOutInOrderWithTheirSpoofedSource) {
  Output out;
  const auto one = make_bytes("one");
  const auto two = make_bytes("two");
  out.send(kA, one);
  out.send_spoofed(kB, kA, two);
  ASSERT_EQ(out.datagrams().size(), 2u);
  EXPECT_EQ(out.datagrams()[0].to, kA);
  EXPECT_EQ(out.datagrams()[0].bytes, one);  // the same shared buffer, not a copy
  EXPECT_FALSE(out.datagrams()[0].spoofed_from.has_value());
  EXPECT_EQ(out.datagrams()[1].bytes, two);
  EXPECT_EQ(out.datagrams()[1].spoofed_from, kB);
}

TEST(Output, EventsOwnTheirTextAfterTheCallersStringsAreGone) {
  Output out;
  {
    std::string msg_id = "m-1", node_id = "n-1", channel = "c-1";
    Event e;
    e.kind = EventKind::kDropped;
    e.verb = Verb::kMessage;
    e.reason = Reason::kStale;
    e.msg_id = msg_id;
    e.node_id = node_id;
    e.channel_id = channel;
    e.peer = kA;
    e.value = 42;
    out.event(e);
    msg_id.assign(3, 'x');
  }
  for (int i = 0; i < 500; ++i) {
    Event filler;
    filler.msg_id = "a message id long enough to fill a few arena chunks";
    out.event(filler);
  }
  const Event& e = out.events()[0];
  EXPECT_EQ(e.kind, EventKind::kDropped);
  EXPECT_EQ(e.verb, Verb::kMessage);
  EXPECT_EQ(e.reason, Reason::kStale);
  EXPECT_EQ(e.size, 0u);
  EXPECT_EQ(e.msg_id, "m-1");
  EXPECT_EQ(e.node_id, "n-1");
  EXPECT_EQ(e.channel_id, "c-1");
  EXPECT_EQ(e.peer, kA);
  EXPECT_EQ(e.value, 42u);
  EXPECT_EQ(out.events().size(), 501u);
}

TEST(Output, TheLatestWakeUpWinsAndNoneMeansNoRequest) {
  Output out;
  EXPECT_FALSE(out.wake().has_value());
  out.wake_at(5 * kSecond);
  out.wake_at(2 * kSecond);
  EXPECT_EQ(out.wake(), 2 * kSecond);
  out.wake_at(kNever);
  EXPECT_EQ(out.wake(), kNever);
}

TEST(Output, ClearEmptiesEverythingAndReleasesThePayloads) {
  Output out;
  auto bytes = make_bytes("payload");
  out.send(kA, bytes);
  Event e;
  e.msg_id = "m";
  out.event(e);
  out.wake_at(kSecond);
  EXPECT_FALSE(out.empty());
  EXPECT_EQ(bytes.use_count(), 2);
  out.clear();
  EXPECT_TRUE(out.empty());
  EXPECT_TRUE(out.datagrams().empty());
  EXPECT_TRUE(out.events().empty());
  EXPECT_FALSE(out.wake().has_value());
  EXPECT_EQ(bytes.use_count(), 1);
}

TEST(Output, AMovedFromBufferIsEmptyAndUsable) {
  Output a;
  a.send(kA, make_bytes("x"));
  Output b = std::move(a);
  EXPECT_EQ(b.datagrams().size(), 1u);
  a.clear();  // NOLINT(bugprone-use-after-move): a moved-from buffer is cleared, then reused
  a.send(kB, make_bytes("y"));
  EXPECT_EQ(a.datagrams().size(), 1u);
}

TEST(OutputStack, ANestedCallGetsItsOwnBufferAndPopClearsForReuse) {
  OutputStack stack;
  Output& outer = stack.push();
  outer.send(kA, make_bytes("outer"));
  Output& inner = stack.push();  // a call made while `outer` is being drained
  EXPECT_NE(&inner, &outer);
  EXPECT_TRUE(inner.empty());
  inner.send(kB, make_bytes("inner"));
  stack.pop();
  ASSERT_EQ(outer.datagrams().size(), 1u);  // untouched by the nested call
  EXPECT_EQ(*outer.datagrams()[0].bytes, "outer");
  stack.pop();
  Output& again = stack.push();
  EXPECT_EQ(&again, &outer);  // reused, not reallocated
  EXPECT_TRUE(again.empty());
  stack.pop();
}

}  // namespace
}  // namespace ptplab
