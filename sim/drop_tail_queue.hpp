// A rate-limited link with a finite drop-tail FIFO queue, modelled by when it next falls idle:
// a datagram admitted at `now` leaves when every byte ahead of it and its own bytes have been
// serialised at the link rate. No per-datagram storage and no event of its own.
#pragma once

#include <cstdint>
#include <optional>

#include "engine/core/time.hpp"

namespace ptplab::sim {

// One direction of a host's access link (uplink or downlink).
class DropTailQueue {
 public:
  // Admits `bytes` at `now` on a link of `bytes_per_s` (0: unlimited) whose queue holds at most
  // `queue_bytes_max` bytes (the datagram in transmission included). Returns when its last byte
  // leaves, or nullopt if the queue is full (the datagram is dropped).
  [[nodiscard]] std::optional<TimeNs> admit(TimeNs now, std::uint64_t bytes, std::uint64_t bytes_per_s,
                                            std::uint64_t queue_bytes_max);
  // Bytes waiting or in transmission at `now`.
  [[nodiscard]] std::uint64_t backlog_bytes(TimeNs now, std::uint64_t bytes_per_s) const;

 private:
  TimeNs busy_until_ = 0;
};

// Nanoseconds to serialise `bytes` at `bytes_per_s` (> 0), rounded up.
[[nodiscard]] TimeNs transmission_ns(std::uint64_t bytes, std::uint64_t bytes_per_s);

}  // namespace ptplab::sim
