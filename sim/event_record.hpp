// The kernel's event record and its total order: (time, origin, per-origin sequence). The order
// never depends on how different origins' schedule calls interleave, so a later multi-process
// run that splits hosts over ranks can reproduce it exactly.
#pragma once

#include <cstdint>

#include "engine/core/time.hpp"

namespace ptplab::sim {

// Who caused an event: a host id, or kControlOrigin for the driver (scenario, test).
using OriginId = std::uint32_t;

// Origins are packed into the top bits of EventRecord::key; this is the largest host count.
inline constexpr unsigned kOriginBits = 24;
inline constexpr unsigned kSequenceBits = 64 - kOriginBits;
inline constexpr OriginId kOriginsMax = (OriginId{1} << kOriginBits) - 1;
// The driver's origin: at equal times its events run after every host's.
inline constexpr OriginId kControlOrigin = kOriginsMax;
// Per-origin sequence numbers wrap after this many events of one origin (~10^12).
inline constexpr std::uint64_t kSequenceMax = (std::uint64_t{1} << kSequenceBits) - 1;

// Events are scheduled before this time (about 146 years); the kernel treats later as never.
inline constexpr TimeNs kTimeLimit = TimeNs{1} << 62;

// Targets (host ids, callback slots) fit in this many bits, beside the 8-bit kind.
inline constexpr unsigned kTargetBits = 24;
inline constexpr std::uint32_t kTargetsMax = (std::uint32_t{1} << kTargetBits) - 1;

// One pending event, 24 bytes: a time, the ordering key, and a typed payload that the
// handler registered for `kind` interprets (no std::function on the hot path). 24 rather than
// 32 bytes: the JOIN floods of flood-1k at 8,000 nodes hold ~250,000 pending events at their
// peak (reports/BENCHMARKS.md, "[P] idle memory, session 11").
struct EventRecord {
  TimeNs time = 0;
  std::uint64_t key = 0;                   // (origin << kSequenceBits) | per-origin sequence
  std::uint32_t payload = 0;               // an index or a generation, meaning set by the kind's handler
  std::uint32_t target : kTargetBits = 0;  // usually a host id; at most kTargetsMax
  std::uint32_t kind : 8 = 0;              // 0: kernel callback; others: registered handlers

  [[nodiscard]] constexpr OriginId origin() const { return static_cast<OriginId>(key >> kSequenceBits); }
  [[nodiscard]] constexpr std::uint64_t sequence() const { return key & kSequenceMax; }
};
static_assert(sizeof(EventRecord) == 24, "event records stay within 24 bytes");

[[nodiscard]] constexpr std::uint64_t make_event_key(OriginId origin, std::uint64_t sequence) {
  return (static_cast<std::uint64_t>(origin) << kSequenceBits) | (sequence & kSequenceMax);
}

// The total order of events: earlier time first, then lower key (origin, then sequence).
[[nodiscard]] constexpr bool event_before(const EventRecord& a, const EventRecord& b) {
  return a.time < b.time || (a.time == b.time && a.key < b.key);
}

}  // namespace ptplab::sim
