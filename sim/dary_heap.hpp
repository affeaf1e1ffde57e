// d-ary min-heaps of event records, the priority queues the kernel's calendar queue was measured
// against (`bench_kernel`). The binary heap is the textbook baseline; the 4-ary heap has half the
// depth, and the four children of a node share one or two cache lines, which pays off once the
// heap outgrows the caches (LaMarca and Ladner, "The influence of caches on the performance of
// heaps", JEA 1996).
#pragma once

#include <cstddef>
#include <vector>

#include "sim/event_record.hpp"

namespace ptplab::sim {

/// A min-heap with `Arity` children per node, ordered by event_before: pop() returns the earliest
/// event. Sift-up and sift-down move a hole (one move per level) rather than swapping.
template <std::size_t Arity>
class DaryHeapQueue {
  static_assert(Arity >= 2, "a heap node has at least two children");

 public:
  void push(const EventRecord& e) {
    heap_.push_back(e);
    std::size_t i = heap_.size() - 1;
    while (i > 0) {
      const std::size_t parent = (i - 1) / Arity;
      if (!event_before(e, heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = e;
  }

  /// Removes and returns the earliest event. Precondition: !empty().
  [[nodiscard]] EventRecord pop() {
    const EventRecord top = heap_.front();
    const EventRecord last = heap_.back();
    heap_.pop_back();
    const std::size_t n = heap_.size();
    if (n == 0) return top;
    std::size_t i = 0;
    for (;;) {
      const std::size_t first = Arity * i + 1;
      if (first >= n) break;
      std::size_t best = first;
      const std::size_t end = first + Arity < n ? first + Arity : n;
      for (std::size_t c = first + 1; c < end; ++c)
        if (event_before(heap_[c], heap_[best])) best = c;
      if (!event_before(heap_[best], last)) break;
      heap_[i] = heap_[best];
      i = best;
    }
    heap_[i] = last;
    return top;
  }

  [[nodiscard]] const EventRecord& top() const { return heap_.front(); }  // precondition: !empty()
  [[nodiscard]] bool empty() const { return heap_.empty(); }
  [[nodiscard]] std::size_t size() const { return heap_.size(); }

 private:
  std::vector<EventRecord> heap_;
};

/// The textbook binary heap: the baseline of the kernel benchmark.
using BinaryHeapQueue = DaryHeapQueue<2>;
/// The 4-ary heap.
using QuaternaryHeapQueue = DaryHeapQueue<4>;

}  // namespace ptplab::sim
