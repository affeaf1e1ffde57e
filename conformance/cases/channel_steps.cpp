// Channel steps.
#include "conformance/cases/channel_steps.hpp"

#include "conformance/cases/common.hpp"
#include "conformance/expectations.hpp"

namespace ptplab::conformance {

std::optional<wire::Channel> announced_channel(Context& c, const Peer& p, bool closed_only) {
  // The target's own listing only: it also relays other nodes' listings (of other cases).
  const std::string self = c.target_node_id();
  const auto target_listing = message_where<wire::Channel>(
      closed_only ? "CHANNEL{closed:true} from the target" : "CHANNEL from the target",
      [closed_only, self](const wire::Channel& m) {
        return (!closed_only || m.closed) && (self.empty() || m.node_id == self);
      });
  auto r = c.expect(p, target_listing, c.hello_wait());
  if (!r) {
    const Peer second = c.open_peer();
    c.note("no CHANNEL at p" + std::to_string(p.index) + ": a second new peer, p" +
           std::to_string(second.index));
    if (greet(c, second)) r = c.expect(second, target_listing, c.hello_wait());
  }
  if (!r) return std::nullopt;
  return std::get<wire::Channel>(*r->message);
}

std::string no_channel_note(bool closed) {
  return std::string("the target announced no ") + (closed ? "closed " : "") +
         "channel to a new peer (start it subscribed to one, e.g. `ptplab node --channel conformance" +
         (closed ? ":closed" : "") + "`)";
}

wire::Channel listing(Context& c, const Peer& p, const std::string& name, const std::string& channel_id,
                      std::vector<std::string> members, bool closed) {
  return wire::Channel{c.new_id(), p.node_id, name, channel_id, std::move(members), closed};
}

}  // namespace ptplab::conformance
