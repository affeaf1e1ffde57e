// The event log of `ptplab node`: one JSON line per event, counted by kind and drop reason for
// the stopping event, with the lines a flood multiplies (dropped, rate_limited, peer_added,
// peer_removed, retransmitted, gave_up) capped per second so
// that a flood of hostile datagrams cannot turn into a flood of log writes (issue 15, item 6).
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <utility>

#include "engine/core/event.hpp"
#include "engine/core/time.hpp"
#include "engine/io/udp_host.hpp"

namespace ptplab::cli {

// A JSON value as one log line's text (invalid UTF-8 replaced, never throws).
[[nodiscard]] std::string dump(const nlohmann::json& j);

// Writes events to `out`. Of the events a flood multiplies (dropped, rate_limited, peer_added,
// peer_removed, retransmitted, gave_up), at most
// `datagram_lines_per_s` lines are written per second of the node's clock (0: no cap); the rest
// are counted, and the first event of the next second writes one line
// {"event":"suppressed","t_ns":...,"lines":n,"events":{"dropped":n,...},"dropped":{"not_json":n,...}}
// for the second before. The caller flushes `out` (UdpHost::set_flush).
class NodeLog {
 public:
  NodeLog(std::ostream& out, const engine::UdpHost& host, std::uint64_t datagram_lines_per_s)
      : out_(out), host_(host), cap_(datagram_lines_per_s) {}

  // Logs (or counts) one event of the node at `now`.
  void event(TimeNs now, const Event& e);
  // Counts a datagram the kernel refused to send to `to` (`error`: errno) and logs it, at most
  // one line per error per second: {"event":"send_failed","t_ns":...,"error":"ENETUNREACH",
  // "message":"Network is unreachable","peer":"127.0.0.1:7000","failures":n}, n the failures
  // with that error since its previous line (this one included). For UdpHost::set_send_failure.
  void send_failed(TimeNs now, const Address& to, int error);
  // Every event so far by kind, and the dropped ones by reason, logged or suppressed:
  // {"events": {"dropped": n, "rate_limited": n, ...}, "dropped": {"not_json": n, ...}}, only
  // what happened, by name (event_kind_name, reason_name); with "send_failed": {"ENETUNREACH": n,
  // ...} once a send failed.
  [[nodiscard]] nlohmann::json tally() const;

 private:
  using Counts = std::map<std::pair<EventKind, Reason>, std::uint64_t>;
  [[nodiscard]] static nlohmann::json counts_json(const Counts& counts);

  std::ostream& out_;
  const engine::UdpHost& host_;
  std::uint64_t cap_;
  Counts totals_;
  Counts suppressed_;           // in the current second
  std::uint64_t lines_ = 0;     // per-datagram lines written in the current second
  TimeNs second_end_ = kNever;  // when the current second ends (kNever: none begun)
  // Per errno: failures in all, failures since its last line, when its next line may be written.
  struct SendFailures {
    std::uint64_t total = 0, unlogged = 0;
    TimeNs next_line = 0;
  };
  std::map<int, SendFailures> send_failures_;
};

}  // namespace ptplab::cli
