// Interned node ids: each distinct node_id text held once, named by a small integer, so that the
// peer table and the route table compare and copy 4-byte keys instead of 36-byte heap strings
// (perf, 10k.json at 10,000 nodes: memcmp, memcpy and malloc of node_id strings were about a
// third of the CPU; reports/BENCHMARKS.md "[P] session 10" and "[P] session 14").
//
//   NodeIdInterner ids;
//   const NodeIdRef a = ids.acquire("carol");  // 1 reference; the text is held until released
//   ids.find("carol") == a;                     // lookups add no reference
//   ids.text(a) == "carol";                     // a view that stays valid while `a` is held
//   ids.release(a);                             // the last reference frees the text and the number
//
// The numbers are handles, never ordered or hashed into a decision: which number a text gets
// depends on what other holders acquired before, so only equality of numbers may be used.
// A simulation shares one interner among its nodes (NodeShared::node_ids); a real node has its
// own. Reference counts bound the memory by what the tables hold: a peer's ROUTING naming
// thousands of made-up ids frees each one its route table evicts. Not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ptplab::engine {

// An interned node id; 0 names no id (the empty text, or an unknown one).
using NodeIdRef = std::uint32_t;

// Why: the tables that key on node ids held a copy of each (36 bytes on the heap beyond the
// small-string buffer) and compared them byte by byte, each comparison a cache miss at scale.
class NodeIdInterner {
 public:
  NodeIdInterner() = default;
  NodeIdInterner(const NodeIdInterner&) = delete;
  NodeIdInterner& operator=(const NodeIdInterner&) = delete;

  // The number of `text`, with one more reference to it (added at one reference when new).
  // "" is 0 and takes no reference.
  NodeIdRef acquire(std::string_view text);
  // Drops one reference taken by acquire(); the last one forgets the text (its number may be
  // given to another text afterwards). 0 is ignored.
  void release(NodeIdRef id);
  // The number of `text` if some holder acquired it, else 0; takes no reference.
  [[nodiscard]] NodeIdRef find(std::string_view text) const;
  // The text of a held number (valid while a reference is held); "" for 0.
  [[nodiscard]] std::string_view text(NodeIdRef id) const {
    return id == 0 ? std::string_view() : std::string_view(entries_[id].text.get(), entries_[id].size);
  }
  // One more reference to the held number `id` (as acquire(text(id)), without the lookup); 0 is
  // ignored.
  void add_reference(NodeIdRef id) {
    if (id != 0) ++entries_[id].refs;
  }
  // References held on `id` (0 for 0 or a free number): for tests.
  [[nodiscard]] std::uint32_t references(NodeIdRef id) const { return id == 0 ? 0 : entries_[id].refs; }
  // Distinct texts held.
  [[nodiscard]] std::size_t size() const { return used_; }

 private:
  // Open addressing, linear probing, at most half full: a lookup reads one slot (its hash and
  // a pointer to the text) and, on a hash match, the text: two cache lines, where a node-based
  // std::unordered_map read four (bucket, node, string, its buffer) and cost 16% of the CPU of
  // 10k.json (reports/BENCHMARKS.md "[P] session 14").
  struct Slot {
    std::uint64_t hash = 0;
    const char* text = nullptr;
    std::uint32_t size = 0;
    NodeIdRef id = 0;  // 0: empty
  };
  struct Entry {
    std::unique_ptr<char[]> text;  // stable address: slots point at it
    std::uint32_t size = 0;
    std::uint32_t refs = 0;
  };
  [[nodiscard]] static std::uint64_t hash_of(std::string_view text);
  // The slot holding `text` (hash `h`), or the empty slot that ends its probe sequence.
  [[nodiscard]] std::size_t probe(std::string_view text, std::uint64_t h) const;
  void grow();
  // Empties slot `i`, shifting later members of its cluster back (no tombstones).
  void erase_slot(std::size_t i);

  std::vector<Slot> slots_ = std::vector<Slot>(64);     // a power of two
  std::size_t used_ = 0;                                // members in slots_
  std::vector<Entry> entries_ = std::vector<Entry>(1);  // entries_[0]: the empty id, never used
  std::vector<NodeIdRef> free_;                         // freed numbers, reused last freed first
};

}  // namespace ptplab::engine
