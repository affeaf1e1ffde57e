// Channel steps.
#include "conformance/cases/channel_steps.hpp"

#include "conformance/expectations.hpp"

namespace ptplab::conformance {

std::optional<wire::Channel> announced_channel(Context& c, const Peer& p, bool closed_only) {
  // The target's own listing only: it also relays other nodes' listings (of other cases).
  const std::string self = c.target_node_id();
  const auto r =
      c.expect(p,
               message_where<wire::Channel>(
                   closed_only ? "CHANNEL{closed:true} from the target" : "CHANNEL from the target",
                   [closed_only, self](const wire::Channel& m) {
                     return (!closed_only || m.closed) && (self.empty() || m.node_id == self);
                   }),
               c.hello_wait());
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
