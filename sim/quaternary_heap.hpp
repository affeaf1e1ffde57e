// A 4-ary min-heap of event records: half the depth of a binary heap and the four children of
// a node share one or two cache lines, which pays off once the heap outgrows the caches.
#pragma once

#include <cstddef>
#include <vector>

#include "sim/event_record.hpp"

namespace ptplab::sim {

// 4-ary heap ordered by event_before; pop() returns the earliest event.
class QuaternaryHeapQueue {
 public:
  void push(const EventRecord& e);
  [[nodiscard]] EventRecord pop();                                        // precondition: !empty()
  [[nodiscard]] const EventRecord& top() const { return heap_.front(); }  // precondition: !empty()
  [[nodiscard]] bool empty() const { return heap_.empty(); }
  [[nodiscard]] std::size_t size() const { return heap_.size(); }

 private:
  std::vector<EventRecord> heap_;
};

}  // namespace ptplab::sim
