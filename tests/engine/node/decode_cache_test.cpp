// DecodeCache on its own: one decode per buffer, the result wire::decode gives (errors included),
// and exact answers when buffers hold equal bytes, limits differ or a direct-mapped slot is evicted.
#include "engine/node/decode_cache.hpp"

#include <gtest/gtest.h>

#include "engine/wire/codec.hpp"

namespace ptplab::engine::test {
namespace {

SharedBytes hello_bytes(std::string node_id) {
  wire::Hello h;
  h.node_id = std::move(node_id);
  return make_bytes(wire::encode(h));
}

TEST(DecodeCache, OneBufferIsDecodedOnceForEveryReceiver) {
  DecodeCache cache;
  const auto bytes = hello_bytes("0123456789abcdef0123456789abcdef");
  const auto first = cache.decode(bytes, {});
  const auto second = cache.decode(bytes, {});
  EXPECT_EQ(first.get(), second.get());
  ASSERT_TRUE(*first);
  const auto& hello = std::get<wire::Hello>(first->value());
  EXPECT_EQ(hello.node_id, std::optional<std::string>("0123456789abcdef0123456789abcdef"));
  EXPECT_EQ(cache.hits(), 1u);
  EXPECT_EQ(cache.misses(), 1u);
}

TEST(DecodeCache, EqualBytesInAnotherBufferAreDecodedAgain) {
  DecodeCache cache;
  const auto a = hello_bytes("aa");
  const auto b = make_bytes(*a);
  const auto from_a = cache.decode(a, {});
  const auto from_b = cache.decode(b, {});
  EXPECT_NE(from_a.get(), from_b.get());
  EXPECT_EQ(wire::encode(from_a->value()), wire::encode(from_b->value()));
  EXPECT_EQ(cache.hits(), 0u);
}

TEST(DecodeCache, LimitsArePartOfTheKeyAndErrorsAreResultsToo) {
  DecodeCache cache;
  const auto bytes = hello_bytes("0123456789abcdef0123456789abcdef");
  ASSERT_TRUE(*cache.decode(bytes, {}));
  const auto small = cache.decode(bytes, {.max_datagram_bytes = 8});
  ASSERT_FALSE(*small);
  EXPECT_EQ(small->error().code, Reason::kTooLarge);
  EXPECT_EQ(cache.decode(bytes, {.max_datagram_bytes = 8}).get(), small.get());
  const auto junk = make_bytes("{not json");
  const auto bad = cache.decode(junk, {});
  ASSERT_FALSE(*bad);
  EXPECT_EQ(bad->error().code, wire::decode(*junk).error().code);
  EXPECT_FALSE(*cache.decode(nullptr, {}));
}

TEST(DecodeCache, OneSlotEvictsButStaysExact) {
  DecodeCache cache(0);
  ASSERT_EQ(cache.capacity(), 1u);
  const auto a = hello_bytes("aa");
  const auto b = hello_bytes("bb");
  const auto first = cache.decode(a, {});
  EXPECT_EQ(std::get<wire::Hello>(cache.decode(b, {})->value()).node_id, std::optional<std::string>("bb"));
  const auto again = cache.decode(a, {});  // decoded anew after the eviction
  EXPECT_NE(again.get(), first.get());
  EXPECT_EQ(std::get<wire::Hello>(again->value()).node_id, std::optional<std::string>("aa"));
  EXPECT_EQ(cache.misses(), 3u);
  EXPECT_EQ(std::get<wire::Hello>(decode_shared(nullptr, b, {})->value()).node_id,
            std::optional<std::string>("bb"));
}

}  // namespace
}  // namespace ptplab::engine::test
