// The network's datagrams in flight: the copies of one send burst share one burst record, which
// goes with the last copy, and every copy reads back as the datagram that was inserted.
#include "sim/in_flight.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cstdint>
#include <iterator>
#include <map>
#include <vector>

namespace ptplab::sim {
namespace {

Datagram datagram(const SharedBytes& bytes, TimeNs sent, HostId src, std::uint16_t to_port) {
  return Datagram{bytes, sent, src, kNoHost, Address{0x0a000001, 4000}, Address{0x0a000002, to_port}};
}

TEST(InFlightTable, ABurstsCopiesShareOneRecordUntilTheLastIsTaken) {
  InFlightTable t;
  const SharedBytes join = make_bytes("JOIN");
  std::vector<std::uint32_t> slots;
  for (std::uint16_t p = 1; p <= 7; ++p) slots.push_back(t.insert(datagram(join, 5, 3, p)));
  EXPECT_EQ(t.size(), 7u);
  EXPECT_EQ(t.bursts(), 1u);
  EXPECT_EQ(join.use_count(), 2);                            // the caller's and the burst's
  t.set_destination(slots[2], 42, Address{0x0a000009, 99});  // a copy's own fields change alone
  const Datagram d = t.take(slots[2]);
  EXPECT_EQ(d.to, (Address{0x0a000009, 99}));
  EXPECT_EQ(d.dst_host, 42u);
  EXPECT_EQ(d.src_host, 3u);
  EXPECT_EQ(d.sent_ns, 5);
  EXPECT_EQ(d.bytes, join);
  EXPECT_EQ(t.view(slots[3]).to.port, 4);
  EXPECT_EQ(t.view(slots[3]).dst_host, kNoHost);
  for (std::size_t i = 0; i < slots.size(); ++i) {
    if (i != 2) t.erase(slots[i]);
  }
  EXPECT_EQ(t.size(), 0u);
  EXPECT_EQ(t.bursts(), 0u);
  EXPECT_EQ(join.use_count(), 2);  // the caller's and d's
}

TEST(InFlightTable, OtherPayloadTimeOrSenderStartsANewBurst) {
  InFlightTable t;
  const SharedBytes a = make_bytes("a");
  const SharedBytes same_text = make_bytes("a");  // another buffer: another burst
  (void)t.insert(datagram(a, 1, 1, 1));
  (void)t.insert(datagram(same_text, 1, 1, 1));
  (void)t.insert(datagram(a, 2, 1, 1));
  (void)t.insert(datagram(a, 2, 2, 1));
  (void)t.insert(datagram(a, 2, 2, 2));
  EXPECT_EQ(t.bursts(), 4u);
}

TEST(InFlightTable, ABurstFreedByItsLastCopyIsNotReusedByTheNextInsert) {
  InFlightTable t;
  const SharedBytes a = make_bytes("a");
  const std::uint32_t s = t.insert(datagram(a, 1, 1, 1));
  t.erase(s);
  EXPECT_EQ(t.bursts(), 0u);
  const std::uint32_t s2 = t.insert(datagram(a, 1, 1, 2));
  EXPECT_EQ(t.bursts(), 1u);
  EXPECT_EQ(t.take(s2).to.port, 2);
  EXPECT_EQ(t.bursts(), 0u);
}

// Any sequence of inserts (bursts of a few payloads) and takes reads back every datagram as
// inserted, and holds exactly one burst record per distinct burst with a copy still stored.
RC_GTEST_PROP(InFlightTable, ReadsBackWhatWasInsertedAndFreesEveryBurst, ()) {
  const std::vector<SharedBytes> payloads{make_bytes("x"), make_bytes("yy"), make_bytes("zzz")};
  InFlightTable t;
  std::map<std::uint32_t, Datagram> stored;
  const auto steps = *rc::gen::inRange(1, 400);
  for (int i = 0; i < steps; ++i) {
    if (stored.empty() || *rc::gen::inRange(0, 3) != 0) {
      const auto& bytes = payloads[*rc::gen::inRange<std::size_t>(0, payloads.size())];
      const Datagram d = datagram(bytes, *rc::gen::inRange<TimeNs>(0, 3), *rc::gen::inRange<HostId>(0, 3),
                                  *rc::gen::inRange<std::uint16_t>(1, 9));
      const std::uint32_t s = t.insert(d);
      RC_ASSERT(stored.count(s) == 0u);
      stored[s] = d;
    } else {
      auto it = stored.begin();
      std::advance(it, *rc::gen::inRange<std::size_t>(0, stored.size()));
      const Datagram got = t.take(it->first);
      RC_ASSERT(got.bytes == it->second.bytes);
      RC_ASSERT(got.sent_ns == it->second.sent_ns);
      RC_ASSERT(got.src_host == it->second.src_host);
      RC_ASSERT(got.to == it->second.to);
      RC_ASSERT(got.from == it->second.from);
      stored.erase(it);
    }
    RC_ASSERT(t.size() == stored.size());
    RC_ASSERT(t.bursts() <= stored.size());
  }
  for (const auto& [s, d] : stored) t.erase(s);
  stored.clear();
  RC_ASSERT(t.bursts() == 0u);
  for (const auto& p : payloads) RC_ASSERT(p.use_count() == 1);
}

}  // namespace
}  // namespace ptplab::sim
