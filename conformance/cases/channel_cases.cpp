// Cases of CHANNEL, JOIN and LEAVE as an outside node can trigger them: a listing that names
// the target for a channel it is not in (LEAVE), and a listing of one of its channels that
// leaves it out (JOIN); the shape of its announcements.
#include "conformance/cases/channel_steps.hpp"
#include "conformance/cases/common.hpp"
#include "conformance/cases/sections.hpp"

namespace ptplab::conformance {

namespace {

// Lists the target as a member of a channel it never joined; returns the LEAVE it answers with.
std::optional<wire::Leave> provoke_leave(Context& c, const Peer& p, const std::string& channel_id) {
  c.send(p, listing(c, p, "conformance-stranger", channel_id, {p.node_id, c.target_node_id()}, false));
  const auto r = c.expect(p, message_where<wire::Leave>(
                                 "LEAVE{channel_id=" + channel_id + "}",
                                 [channel_id](const wire::Leave& m) { return m.channel_id == channel_id; }));
  if (!r) return std::nullopt;
  return std::get<wire::Leave>(*r->message);
}

Outcome leave_when_wrongly_listed(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  if (c.target_node_id().empty()) return Outcome::blocked("hello/7", "the target's HELLO carries no node_id");
  const std::string channel_id = c.new_id();
  if (provoke_leave(c, p, channel_id)) return Outcome::pass();
  return Outcome::fail({"LEAVE{channel_id=" + channel_id + "}"}, c.seen(p));
}

Outcome leave_fields(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  if (c.target_node_id().empty()) return Outcome::blocked("hello/7", "the target's HELLO carries no node_id");
  const std::string channel_id = c.new_id();
  const auto leave = provoke_leave(c, p, channel_id);
  if (!leave) return Outcome::blocked("channel/1", "the target sent no LEAVE");
  if (leave->node_id == c.target_node_id() && leave->channel == "conformance-stranger" &&
      !leave->msg_id.empty())
    return Outcome::pass();
  return Outcome::fail(
      {"LEAVE{msg_id, node_id=" + c.target_node_id() + ", channel=conformance-stranger}"},
      "LEAVE{msg_id=" + leave->msg_id + ", node_id=" + leave->node_id + ", channel=" + leave->channel + "}");
}

// A listing that does not name the target causes no LEAVE (it has nothing to leave).
Outcome no_leave_when_not_listed(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  const std::string channel_id = c.new_id();
  c.send(p, listing(c, p, "conformance-other", channel_id, {p.node_id}, false));
  // Only LEAVEs for this channel count: other cases' LEAVEs may be flooded to every peer.
  const auto leaves =
      c.watch(p,
              message_where<wire::Leave>("LEAVE{channel_id=" + channel_id + "}",
                                         [&](const wire::Leave& m) { return m.channel_id == channel_id; }),
              c.timeout());
  if (!leaves.empty()) return Outcome::fail({"no LEAVE"}, show(leaves.front()));
  // No LEAVE means something only from a target that does LEAVE when it is listed.
  if (c.target_node_id().empty()) return Outcome::blocked("hello/7", "the target's HELLO carries no node_id");
  if (!provoke_leave(c, p, c.new_id()))
    return Outcome::blocked("channel/1", "the target sends no LEAVE even when it is wrongly listed");
  return Outcome::pass();
}

Outcome announces_to_new_peer(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  if (announced_channel(c, p, false)) return Outcome::pass();
  // A MAY: not announcing is a warning; a target subscribed to no channel cannot announce one.
  return Outcome::fail({"CHANNEL from the target to the new peer"},
                       c.seen(p) + "; " + no_channel_note(false));
}

Outcome announcement_fields(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  const auto ch = announced_channel(c, p, false);
  if (!ch) return Outcome::unsupported(no_channel_note(false));
  bool listed = false;
  for (const auto& m : ch->members) listed = listed || m == ch->node_id;
  if (!ch->msg_id.empty() && !ch->channel_id.empty() && !ch->channel.empty() &&
      (c.target_node_id().empty() || ch->node_id == c.target_node_id()) && listed)
    return Outcome::pass();
  return Outcome::fail({"CHANNEL{msg_id, node_id=<target>, channel, channel_id, members naming the target}"},
                       "CHANNEL{node_id=" + ch->node_id + ", channel=" + ch->channel +
                           ", members=" + std::to_string(ch->members.size()) + "}");
}

// Provokes a JOIN: a listing of one of the target's channels that leaves the target out.
std::optional<wire::Join> provoke_join(Context& c, const Peer& p, const wire::Channel& ch) {
  c.send(p, listing(c, p, ch.channel, ch.channel_id, {p.node_id}, ch.closed));
  const auto r = c.expect(
      p, message_where<wire::Join>("JOIN{channel_id=" + ch.channel_id + "}",
                                   [id = ch.channel_id](const wire::Join& m) { return m.channel_id == id; }));
  if (!r) return std::nullopt;
  return std::get<wire::Join>(*r->message);
}

Outcome join_when_left_out(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  const auto ch = announced_channel(c, p, false);
  if (!ch) return Outcome::unsupported(no_channel_note(false));
  if (provoke_join(c, p, *ch)) return Outcome::pass();
  return Outcome::fail({"JOIN{channel_id=" + ch->channel_id + "}"}, c.seen(p));
}

Outcome join_fields(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  const auto ch = announced_channel(c, p, false);
  if (!ch) return Outcome::unsupported(no_channel_note(false));
  const auto join = provoke_join(c, p, *ch);
  if (!join) return Outcome::blocked("channel/6", "the target sent no JOIN");
  if (!join->msg_id.empty() && join->node_id == ch->node_id && join->channel == ch->channel)
    return Outcome::pass();
  return Outcome::fail(
      {"JOIN{msg_id, node_id=" + ch->node_id + ", channel=" + ch->channel + "}"},
      "JOIN{msg_id=" + join->msg_id + ", node_id=" + join->node_id + ", channel=" + join->channel + "}");
}

}  // namespace

void add_channel_cases(std::vector<Case>& cases) {
  cases.push_back({"channel/1", "LEAVE-2", Level::kShould,
                   "a CHANNEL listing the target for a channel it is not part of makes it send LEAVE",
                   leave_when_wrongly_listed});
  cases.push_back({"channel/2", "LEAVE-3", Level::kMust,
                   "that LEAVE carries a msg_id, the target's node_id, the channel name and channel_id",
                   leave_fields});
  cases.push_back({"channel/3", "LEAVE-2", Level::kShould,
                   "a CHANNEL listing that does not name the target causes no LEAVE",
                   no_leave_when_not_listed});
  cases.push_back({"channel/4", "CHANNEL-3", Level::kMay,
                   "a target subscribed to a channel announces it (CHANNEL) to a newly connected peer",
                   announces_to_new_peer});
  cases.push_back(
      {"channel/5", "CHANNEL-4", Level::kMust,
       "the target's CHANNEL carries msg_id, its node_id, channel, channel_id and members naming it",
       announcement_fields});
  cases.push_back({"channel/6", "JOIN-2", Level::kShould,
                   "a CHANNEL for one of the target's channels that leaves it out makes it send JOIN",
                   join_when_left_out});
  cases.push_back({"channel/7", "JOIN-3", Level::kMust,
                   "that JOIN carries a msg_id, the target's node_id, the channel name and channel_id",
                   join_fields});
}

}  // namespace ptplab::conformance
