// How often a member that lacks a closed channel's key asks for it: MESSAGEs sealed under a key
// it does not hold are parked and trigger a GETKEY at most once per key_request_interval_ns,
// however many arrive (session 1 asked on every one, and every KEY that did not open a parked
// MESSAGE triggered the next GETKEY: a loop of hundreds per second after a re-key).
#include <gtest/gtest.h>

#include "tests/engine/node/fixture.hpp"
#include "tests/engine/node/harness.hpp"

namespace ptplab::engine::test {
namespace {

// A sender with a closed channel and a receiver that joined it, holds the sender's certificate,
// but never got the key (no KEY is ever delivered to it).
struct Keyless {
  Node sender{{}, 21};
  Node receiver{{}, 22};
  RecordingOutput out;
  std::string channel;
  Keyless() {
    sender.start(0, out);
    receiver.start(0, out);
    RecordingOutput first;  // each contacts the other first (initiated, as in handlers_test's Pair)
    sender.add_peer(kT0 - 1, addr(2), first);
    receiver.add_peer(kT0 - 1, addr(1), first);
    for (int i = 0; i < 2; ++i) {
      RecordingOutput o1, o2;
      sender.on_datagram(kT0 + i, addr(2), datagram(wire::Hello{receiver.node_id(), "t"}), o1);
      receiver.on_datagram(kT0 + i, addr(1), datagram(wire::Hello{sender.node_id(), "t"}), o2);
    }
    RecordingOutput o;
    channel = sender.create_channel(kT0 + 2, "vault", true, o);
    for (const auto& s : o.sent())
      if (s.to == addr(2)) receiver.on_datagram(kT0 + 3, addr(1), s.bytes, out);
    EXPECT_TRUE(receiver.join_channel(kT0 + 4, channel, out));
    receiver.on_datagram(
        kT0 + 5, addr(1),
        datagram(wire::Certificate{"c1", sender.node_id(), receiver.node_id(), sender.certificate_der()}),
        out);
  }
  // A sealed MESSAGE from the sender, handed to the receiver at `now`; the GETKEYs it caused.
  std::size_t deliver_message(TimeNs now) {
    RecordingOutput o;
    EXPECT_TRUE(sender.send_message(now, channel, "sealed", {}, o));
    out.clear();
    for (const auto& s : o.sent())
      if (s.to == addr(2)) receiver.on_datagram(now, addr(1), s.bytes, out);
    return out.sent_of(wire::Verb::kGetKey).size();
  }
};

TEST(KeyRequest, ManyUnreadableMessagesAskOncePerInterval) {
  Keyless k;
  ASSERT_FALSE(k.receiver.has_channel_key(k.channel));
  const TimeNs interval = k.receiver.params().key_request_interval_ns;
  const TimeNs start = kT0 + 3 * interval;  // past the GETKEY sent at join
  std::size_t asked = 0;
  for (int i = 0; i < 10; ++i) asked += k.deliver_message(start + i * (interval / 20));
  EXPECT_EQ(asked, 1u) << "ten MESSAGEs within half an interval ask once";
  EXPECT_EQ(k.deliver_message(start + interval + 1), 1u) << "a full interval later it asks again";
}

}  // namespace
}  // namespace ptplab::engine::test
