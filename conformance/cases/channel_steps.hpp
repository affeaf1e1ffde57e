// Channel steps of cases: learning a channel the target is subscribed to from its CHANNEL
// announcements, and building CHANNEL listings from the harness's side.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "conformance/context.hpp"
#include "engine/wire/message.hpp"

namespace ptplab::conformance {

// The first CHANNEL the target announces to greeted peer `p` (optionally only closed ones),
// waiting a HELLO interval plus the timeout; the announcement is one datagram, sent once, so if
// it does not come a second new peer is greeted and waits too (UDP under load loses datagrams).
// nullopt when neither gets one.
[[nodiscard]] std::optional<wire::Channel> announced_channel(Context& c, const Peer& p, bool closed_only);

// The note of a case that needs the target to be subscribed to a channel.
[[nodiscard]] std::string no_channel_note(bool closed);

// A CHANNEL listing from `p` for channel `name`/`channel_id` with `members`.
[[nodiscard]] wire::Channel listing(Context& c, const Peer& p, const std::string& name,
                                    const std::string& channel_id, std::vector<std::string> members,
                                    bool closed);

}  // namespace ptplab::conformance
