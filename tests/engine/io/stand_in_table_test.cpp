// StandInTable: a full table reclaims only the stand-ins the endpoint forgot (never a pinned one,
// never one it remembers), so junk from forged IPv6 sources cannot hold it for good (review 13
// S2), and sweeps that free little are spaced out in (fake) time.
#include "engine/io/stand_in_table.hpp"

#include <gtest/gtest.h>

#include <set>

namespace ptplab::engine {
namespace {

StandInTable::Ipv6 ip6(std::uint32_t n) {
  StandInTable::Ipv6 a{0x20, 0x01, 0x0d, 0xb8};
  a[12] = static_cast<std::uint8_t>(n >> 24);
  a[13] = static_cast<std::uint8_t>(n >> 16);
  a[14] = static_cast<std::uint8_t>(n >> 8);
  a[15] = static_cast<std::uint8_t>(n);
  return a;
}

// An endpoint's memory: the stand-in IPs it holds state for.
struct Memory {
  std::set<std::uint32_t> ips;
  int asked = 0;
  StandInTable::Remembered remembered() {
    return [this](const AddressVisitor& visit) {
      ++asked;
      for (const auto ip : ips) visit(Address{ip, 7000});
      return true;
    };
  }
};

TEST(StandInTable, SameAddressSameStandIn) {
  StandInTable t(4);
  Memory m;
  const auto a = t.take(ip6(1), 0, m.remembered());
  ASSERT_TRUE(a);
  EXPECT_EQ(*a, Address::kReservedBase + 1);
  EXPECT_EQ(t.take(ip6(1), 0, m.remembered()), a);
  EXPECT_EQ(t.stood_in(*a), ip6(1));
  EXPECT_FALSE(t.stood_in(Address::kReservedBase + 2));
  EXPECT_FALSE(t.stood_in(Address::kReservedBase));
}

// The review's repro in small: junk from max - 1 forged sources filled the table and every new
// IPv6 address was refused for good. The junk is forgotten by the endpoint: a newcomer is served.
TEST(StandInTable, FullOfForgottenJunkServesNewcomers) {
  StandInTable t(8);
  Memory m;
  const auto self = t.take(ip6(0), 0, m.remembered());
  t.pin(*self);
  for (std::uint32_t i = 1; i < 8; ++i) ASSERT_TRUE(t.take(ip6(i), 0, m.remembered()));
  EXPECT_EQ(t.size(), 8u);
  const auto honest = t.take(ip6(1000), 1, m.remembered());
  ASSERT_TRUE(honest);
  EXPECT_EQ(t.reclaimed(), 7u);  // all the junk, not the pinned own address
  EXPECT_EQ(t.stood_in(*self), ip6(0));
  EXPECT_EQ(t.stood_in(*honest), ip6(1000));
  EXPECT_EQ(t.size(), 2u);
}

// A stand-in the endpoint remembers (a peer, a rate allowance, a proved address) is never handed
// to another address: a new address gets nothing rather than its state.
TEST(StandInTable, RememberedStandInsAreNeverReused) {
  StandInTable t(4);
  Memory m;
  std::set<std::uint32_t> given;
  for (std::uint32_t i = 0; i < 4; ++i) {
    const auto s = t.take(ip6(i), 0, m.remembered());
    ASSERT_TRUE(s);
    m.ips.insert(*s);
    given.insert(*s);
  }
  EXPECT_FALSE(t.take(ip6(99), 0, m.remembered()));
  for (const auto s : given) EXPECT_TRUE(t.stood_in(s)) << s;
  // The endpoint forgets one: exactly that one goes to the newcomer (after the pause below).
  const std::uint32_t forgotten = *given.begin();
  m.ips.erase(forgotten);
  const auto newcomer = t.take(ip6(99), StandInTable::kSweepPauseNs, m.remembered());
  ASSERT_TRUE(newcomer);
  EXPECT_EQ(*newcomer, forgotten);
  EXPECT_EQ(t.stood_in(forgotten), ip6(99));
  for (std::uint32_t i = 1; i < 4; ++i) EXPECT_EQ(t.take(ip6(i), 0, m.remembered()), t.take(ip6(i), 0, {}));
}

// An endpoint that cannot tell what it remembers keeps every stand-in.
TEST(StandInTable, EndpointThatCannotTellKeepsAll) {
  StandInTable t(2);
  ASSERT_TRUE(t.take(ip6(1), 0, {}));
  ASSERT_TRUE(t.take(ip6(2), 0, {}));
  EXPECT_FALSE(t.take(ip6(3), 0, [](const AddressVisitor&) { return false; }));
  EXPECT_FALSE(t.take(ip6(3), 10 * StandInTable::kSweepPauseNs, {}));
  EXPECT_EQ(t.reclaimed(), 0u);
}

// A flood of new addresses while the endpoint remembers them all asks it once per pause, not
// once per datagram; a newcomer is served once the flood is forgotten.
TEST(StandInTable, FutileSweepsAreSpacedOut) {
  StandInTable t(16);
  Memory m;
  for (std::uint32_t i = 0; i < 16; ++i) m.ips.insert(*t.take(ip6(i), 0, m.remembered()));
  for (std::uint32_t i = 100; i < 1100; ++i) EXPECT_FALSE(t.take(ip6(i), 5, m.remembered()));
  EXPECT_EQ(m.asked, 1);
  m.ips.clear();  // the endpoint's tables let the junk go
  EXPECT_FALSE(t.take(ip6(2000), StandInTable::kSweepPauseNs, m.remembered()));  // still paused
  EXPECT_TRUE(t.take(ip6(2000), StandInTable::kSweepPauseNs + 5, m.remembered()));
  EXPECT_EQ(m.asked, 2);
  EXPECT_EQ(t.reclaimed(), 16u);
}

}  // namespace
}  // namespace ptplab::engine
