// The relayed-MESSAGE cache: key from msg_id, hops and the envelope, then an exact comparison.
#include "engine/node/relay_cache.hpp"

#include <algorithm>

#include "engine/node/ids.hpp"
#include "engine/wire/codec.hpp"

namespace ptplab::engine {

RelayCache::RelayCache(unsigned log2_entries) : slots_(std::size_t{1} << std::min(log2_entries, 16u)) {}

SharedBytes RelayCache::encode(const wire::ChatMessage& m) {
  // The envelope (signed, so distinct per message) and the hop count tell entries apart; the
  // comparison below makes a hash collision a miss, never a wrong answer.
  const std::uint64_t key = fnv1a64(m.message) ^ (fnv1a64(m.msg_id) * 31) ^
                            (std::uint64_t{m.hops.value_or(0)} * 0x9e3779b97f4a7c15ULL);
  Slot& slot = slots_[key & (slots_.size() - 1)];
  if (slot.bytes && slot.key == key && slot.message == m) {
    ++hits_;
    return slot.bytes;
  }
  ++misses_;
  slot.key = key;
  slot.message = m;
  slot.bytes = make_bytes(wire::encode(m));
  return slot.bytes;
}

SharedBytes encode_relayed(RelayCache* cache, const wire::ChatMessage& m) {
  return cache ? cache->encode(m) : make_bytes(wire::encode(m));
}

}  // namespace ptplab::engine
