// Steps that many cases share: a peer that has said HELLO and been answered, the robustness
// pattern (send hostile input, then probe liveness), and short descriptions of messages.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "conformance/case.hpp"
#include "conformance/context.hpp"
#include "conformance/expectations.hpp"

namespace ptplab::conformance {

// Completes the HELLO exchange for `p` (HELLO, the target's HELLO, HELLO again, so that the
// target has seen the peer's address answer). False if the target never answered.
[[nodiscard]] bool greet(Context& c, const Peer& p);

// The outcome when a case could not even get a HELLO answer: blocked by hello/1 (whose check
// that is); hello/1 itself fails.
[[nodiscard]] Outcome no_hello_answer(Context& c, const Peer& p);

// The control of cases that observe through an ACK, or through the absence of one: a plain
// GETCERTIFICATE from `p` is acknowledged. nullopt if it is; else "blocked by ack/1" (the
// target does not ACK at all, so the case cannot tell anything from ACKs).
[[nodiscard]] std::optional<Outcome> blocked_unless_acks(Context& c, const Peer& p);

// For cases that compare the addresses the target sees with the harness's own: "unsupported,
// and why" when the run found address translation between them (Settings::address_translation).
[[nodiscard]] std::optional<Outcome> unsupported_behind_translation(const Context& c);

// A new peer whose address the target does not know: a fresh socket may reuse the port of one
// the target still counts as a live peer (of an earlier case or run), so the socket must have
// received nothing from the target for a HELLO period (a few sockets are tried).
[[nodiscard]] Peer unknown_peer(Context& c, bool auto_ack);

// Sends each datagram from a fresh peer, then checks the target still answers a HELLO.
[[nodiscard]] Outcome survives(Context& c, const std::vector<std::string>& datagrams);

// The longest ROUTING period the cases wait for. The spec sets none (ROUTING-2: "periodically");
// the UDP-era server's period and our default are 2 s, a target may be slower: a case waits for
// two periods, so that its verdict is about what its requirement says, not about the period.
inline constexpr TimeNs kRoutingPeriodMaxNs = 10 * kSecond;
// What the UDP-era server reads of a datagram, in bytes: a ROUTING longer than this is cut there.
inline constexpr std::size_t kDatagramBytesMax = 8192;

// How long a case waits for a ROUTING: two of the longest periods and the run's timeout.
[[nodiscard]] inline TimeNs routing_wait(const Context& c) { return 2 * kRoutingPeriodMaxNs + c.timeout(); }

// The first datagram from the target to `p` meeting `e` within routing_wait(c), while `p` says
// HELLO every second as a node that stays would (the target's peer timeout may be shorter than
// its ROUTING period). For the ROUTING cases: `e` a ROUTING.
[[nodiscard]] std::optional<Received> expect_routing(Context& c, const Peer& p, const Expectation& e);

// The outcome of a case that needs a ROUTING and got none within routing_wait(c): blocked by
// routing/1, which waits as long. `to`: " to ..." naming whom it waited at, or "".
[[nodiscard]] Outcome no_routing(const Context& c, const std::string& to = "");

// A compact rendering of a received datagram for "actual ...".
[[nodiscard]] std::string show(const Received& r);

}  // namespace ptplab::conformance
