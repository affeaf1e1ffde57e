// The shared encoding caches: a key from the fields that tell messages apart, then an exact
// comparison.
#include "engine/node/encoding_cache.hpp"

#include <algorithm>

#include "engine/node/ids.hpp"
#include "engine/wire/codec.hpp"

namespace ptplab::engine {
namespace {

// The envelope (signed, so distinct per message) and the hop count tell relayed MESSAGEs apart.
std::uint64_t cache_key(const wire::ChatMessage& m) {
  return fnv1a64(m.message) ^ (fnv1a64(m.msg_id) * 31) ^
         (std::uint64_t{m.hops.value_or(0)} * 0x9e3779b97f4a7c15ULL);
}
std::uint64_t cache_key(const wire::Ack& a) { return fnv1a64(a.msg_id); }

}  // namespace

template <typename M>
EncodingCache<M>::EncodingCache(unsigned log2_entries)
    : slots_(std::size_t{1} << std::min(log2_entries, 16u)) {}

template <typename M>
SharedBytes EncodingCache<M>::encode(const M& m) {
  // The comparison makes a hash collision a miss, never a wrong answer.
  const std::uint64_t key = cache_key(m);
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

template class EncodingCache<wire::ChatMessage>;
template class EncodingCache<wire::Ack>;

}  // namespace ptplab::engine
