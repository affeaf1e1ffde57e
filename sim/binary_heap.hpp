// A binary min-heap of event records: the textbook priority queue, kept as a baseline that the
// kernel benchmark compares the other queues against.
#pragma once

#include <cstddef>
#include <vector>

#include "sim/event_record.hpp"

namespace ptplab::sim {

// Binary heap ordered by event_before; pop() returns the earliest event.
class BinaryHeapQueue {
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
