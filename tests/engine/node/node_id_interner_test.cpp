// NodeIdInterner on its own: one number per text while held, references counted, numbers
// reused only after the last release; and, as a property, that it agrees with a plain map of
// reference counts under any sequence of acquires and releases.
#include "engine/node/node_id_interner.hpp"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace ptplab::engine::test {
namespace {

TEST(NodeIdInterner, OneNumberPerTextWhileHeld) {
  NodeIdInterner ids;
  EXPECT_EQ(ids.acquire(""), 0u);
  EXPECT_EQ(ids.find(""), 0u);
  EXPECT_EQ(ids.text(0), "");
  const NodeIdRef a = ids.acquire("alice");
  const NodeIdRef b = ids.acquire("bob");
  EXPECT_NE(a, 0u);
  EXPECT_NE(b, 0u);
  EXPECT_NE(a, b);
  EXPECT_EQ(ids.acquire("alice"), a);
  EXPECT_EQ(ids.references(a), 2u);
  EXPECT_EQ(ids.find("alice"), a);
  EXPECT_EQ(ids.find("carol"), 0u);  // find adds nothing
  EXPECT_EQ(ids.size(), 2u);
  EXPECT_EQ(ids.text(a), "alice");
  EXPECT_EQ(ids.text(b), "bob");
}

TEST(NodeIdInterner, TheLastReleaseForgetsTheText) {
  NodeIdInterner ids;
  const NodeIdRef a = ids.acquire("alice");
  ids.acquire("alice");
  ids.release(a);
  EXPECT_EQ(ids.find("alice"), a);  // one reference left
  ids.release(a);
  EXPECT_EQ(ids.find("alice"), 0u);
  EXPECT_EQ(ids.size(), 0u);
  const NodeIdRef c = ids.acquire("carol");  // the freed number is reused
  EXPECT_EQ(c, a);
  EXPECT_EQ(ids.text(c), "carol");
  ids.release(0);  // ignored
  EXPECT_EQ(ids.size(), 1u);
}

TEST(NodeIdInterner, ATextKeepsItsAddressWhileHeld) {
  NodeIdInterner ids;
  const NodeIdRef a = ids.acquire("0123456789abcdef0123456789abcdef0123");
  const char* at = ids.text(a).data();
  for (int i = 0; i < 1000; ++i) ids.acquire("id-" + std::to_string(i));  // grows the tables
  EXPECT_EQ(ids.text(a).data(), at);
}

RC_GTEST_PROP(NodeIdInterner, AgreesWithAMapOfReferenceCounts, ()) {
  // Steps over an alphabet of texts, small (clusters in the first 64 slots) or large (growth,
  // erasure inside long probe runs): acquire (true) or release (false) of text k.
  const int alphabet = *rc::gen::inRange(1, 300);
  const auto steps = *rc::gen::container<std::vector<std::pair<bool, int>>>(
      rc::gen::pair(rc::gen::arbitrary<bool>(), rc::gen::inRange(0, alphabet)));
  NodeIdInterner ids;
  std::map<std::string, std::uint32_t> refs;  // the model
  std::map<std::string, NodeIdRef> held;      // the number each held text was given
  for (const auto& [acquire, k] : steps) {
    const std::string text = "node-" + std::to_string(k);
    if (acquire) {
      const NodeIdRef id = ids.acquire(text);
      RC_ASSERT(id != 0u);
      if (refs[text] > 0) RC_ASSERT(id == held[text]);  // the same number while held
      for (const auto& [other, n] : held)               // and no other held text's
        if (other != text && refs[other] > 0) RC_ASSERT(n != id);
      held[text] = id;
      ++refs[text];
    } else if (refs[text] > 0) {
      ids.release(held[text]);
      --refs[text];
    }
    std::size_t live = 0;
    for (const auto& [t, n] : refs) {
      live += n > 0 ? 1 : 0;
      RC_ASSERT(ids.find(t) == (n > 0 ? held[t] : 0u));
      if (n > 0) {
        RC_ASSERT(ids.references(held[t]) == n);
        RC_ASSERT(ids.text(held[t]) == t);
      }
    }
    RC_ASSERT(ids.size() == live);
  }
}

}  // namespace
}  // namespace ptplab::engine::test
