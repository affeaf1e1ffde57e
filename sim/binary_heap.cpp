// Sift-up and sift-down with a hole (one move per level instead of a swap).
#include "sim/binary_heap.hpp"

namespace ptplab::sim {

void BinaryHeapQueue::push(const EventRecord& e) {
  heap_.push_back(e);
  std::size_t i = heap_.size() - 1;
  while (i > 0) {
    const std::size_t parent = (i - 1) / 2;
    if (!event_before(e, heap_[parent])) break;
    heap_[i] = heap_[parent];
    i = parent;
  }
  heap_[i] = e;
}

EventRecord BinaryHeapQueue::pop() {
  const EventRecord top = heap_.front();
  const EventRecord last = heap_.back();
  heap_.pop_back();
  const std::size_t n = heap_.size();
  if (n == 0) return top;
  std::size_t i = 0;
  for (;;) {
    std::size_t child = 2 * i + 1;
    if (child >= n) break;
    if (child + 1 < n && event_before(heap_[child + 1], heap_[child])) ++child;
    if (!event_before(heap_[child], last)) break;
    heap_[i] = heap_[child];
    i = child;
  }
  heap_[i] = last;
  return top;
}

}  // namespace ptplab::sim
