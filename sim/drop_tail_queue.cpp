// Serialisation delay and drop-tail admission.
#include "sim/drop_tail_queue.hpp"

namespace ptplab::sim {

TimeNs transmission_ns(std::uint64_t bytes, std::uint64_t bytes_per_s) {
  return static_cast<TimeNs>(
      __extension__(static_cast<unsigned __int128>(bytes) * 1'000'000'000u + bytes_per_s - 1) / bytes_per_s);
}

std::uint64_t DropTailQueue::backlog_bytes(TimeNs now, std::uint64_t bytes_per_s) const {
  if (bytes_per_s == 0 || busy_until_ <= now) return 0;
  return static_cast<std::uint64_t>(
      __extension__(static_cast<unsigned __int128>(busy_until_ - now) * bytes_per_s + 999'999'999u) /
      1'000'000'000u);
}

std::optional<TimeNs> DropTailQueue::admit(TimeNs now, std::uint64_t bytes, std::uint64_t bytes_per_s,
                                           std::uint64_t queue_bytes_max) {
  if (bytes_per_s == 0) return now;
  if (backlog_bytes(now, bytes_per_s) + bytes > queue_bytes_max) return std::nullopt;
  const TimeNs start = busy_until_ > now ? busy_until_ : now;
  busy_until_ = start + transmission_ns(bytes, bytes_per_s);
  return busy_until_;
}

}  // namespace ptplab::sim
