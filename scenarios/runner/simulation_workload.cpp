// The workload: channels created by their first member and joined by the others, messages at a
// rate (Poisson) or an interval from random members, and membership changes over time.
#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "scenarios/metrics/run_warnings.hpp"
#include "scenarios/runner/simulation.hpp"

namespace ptplab::scenarios {
namespace {

// Messages begin no earlier than this after channel creation, so that joins can complete.
constexpr TimeNs kMessagesAfterSetup_ns = 2 * kSecond;
// Tries to find a sender that is still a member before skipping one arrival.
constexpr int kSenderDrawsMax = 8;

std::uint32_t draw_size(const SizeDistribution& d, Rng& rng) {
  switch (d.kind) {
    case SizeDistribution::Kind::kConstant: return d.bytes;
    case SizeDistribution::Kind::kUniform:
      return d.min_bytes + static_cast<std::uint32_t>(rng.below(d.max_bytes - d.min_bytes + 1ULL));
    case SizeDistribution::Kind::kExponential: {
      const double x = -std::log(1.0 - rng.uniform()) * d.bytes;
      return static_cast<std::uint32_t>(std::clamp(x, 1.0, static_cast<double>(d.max_bytes)));
    }
  }
  return d.bytes;
}

// An invitation as the workload passes it between ranks (JSON text), and back; nullopt for
// anything else ("", kInvitationPending).
std::string invitation_text(const engine::Invitation& inv) {
  return nlohmann::json{{"channel_id", inv.channel_id},
                        {"name", inv.name},
                        {"closed", inv.closed},
                        {"inviter", inv.inviter},
                        {"address", inv.inviter_address.to_string()}}
      .dump();
}
std::optional<engine::Invitation> invitation_of_text(const std::string& text) {
  if (text.empty() || text == kInvitationPending) return std::nullopt;
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) return std::nullopt;
  const auto address = Address::parse(j.value("address", ""));
  if (!address) return std::nullopt;
  return engine::Invitation{j.value("channel_id", ""), j.value("name", ""), j.value("closed", false),
                            j.value("inviter", ""), *address};
}

}  // namespace

void Simulation::build_workload() {
  const auto& channels = s_.workload.channels;
  channel_ids_.assign(channels.size(), "");
  channel_creator_.assign(channels.size(), sim::kNoHost);
  channel_invitation_.assign(channels.size(), "");
  channel_members_.assign(channels.size(), {});
  member_of_.assign(plan_.hosts.size(), {});
  for (std::size_t c = 0; c < channels.size(); ++c) {
    drive_at(kChannelSetup_ns, [this, c] { schedule_channel(c); });
  }
  for (const auto& change : s_.workload.membership) {
    drive_at(change.at_ns, [this, &change] { apply_membership(change); });
  }
}

std::vector<sim::HostId> Simulation::member_hosts(const std::vector<std::string>& groups) const {
  if (!groups.empty()) return groups_hosts(groups);
  std::vector<sim::HostId> out;
  for (sim::HostId h = 0; h < plan_.honest; ++h) {
    if (s_.nodes[plan_.hosts[h].group].role == Role::kClient) out.push_back(h);
  }
  return out;
}

void Simulation::schedule_channel(std::size_t c) {
  const auto& ch = s_.workload.channels[c];
  auto candidates = member_hosts(ch.members.groups);
  const auto up = owner_flags([this](sim::HostId h) { return node(h) != nullptr; });
  std::erase_if(candidates, [&up](sim::HostId h) { return up[h] == 0; });
  const auto members = pick(candidates, ch.members.share, std::nullopt);
  if (members.empty()) {
    ++channels_without_members_;
    return;
  }
  const sim::HostId creator = members.front();
  const TimeNs now = sim_.now();
  channel_ids_[c] = owner_text(creator, [&] {
    std::string id;
    net_->act(creator, [&](Endpoint& e, Output& out) {
      id = static_cast<engine::Node&>(e).create_channel(now, ch.name, ch.closed, out);
    });
    return id;
  });
  channel_creator_[c] = creator;
  // Under channel_discovery "invite" the members learn of the channel from its invitation, handed
  // to each with its first join attempt (try_join), as a chat app hands out an invitation link.
  channel_invitation_[c] = owner_text(creator, [&] { return invitation_on_owner(c, now); });
  feed_channel(channel_ids_[c]);
  // Every picked member is an intended recipient from now on, whether or not it manages to join.
  for (const sim::HostId h : members) {
    feed_note(PartRecordKind::kIntended, now, h, channel_ids_[c]);
    make_member(c, h);
  }
  feed_note(PartRecordKind::kMember, now, creator, channel_ids_[c]);
  channel_members_[c].push_back(creator);
  for (std::size_t i = 1; i < members.size(); ++i) {
    drive_at(now + kJoinRetry_ns, [this, c, h = members[i]] { try_join(c, h, 1); });
  }
  const TimeNs first = std::max(ch.messages.start_ns, now + kMessagesAfterSetup_ns);
  if (ch.messages.rate_per_s <= 0 && ch.messages.interval_ns <= 0) return;
  // A window (start..stop, within the run) that closes before messages may begin sends nothing.
  if (first >= std::min(ch.messages.stop_ns, s_.duration_ns)) {
    ++windows_closed_;
    return;
  }
  schedule_next_message(c, first);
}

bool Simulation::join_on_owner(std::size_t c, sim::HostId host, TimeNs now) {
  engine::Node* n = node(host);
  if (n == nullptr || !n->knows_channel(channel_ids_[c])) return false;
  bool ok = false;
  net_->act(host, [&](Endpoint& e, Output& out) {
    ok = static_cast<engine::Node&>(e).join_channel(now, channel_ids_[c], out);
  });
  return ok;
}

std::string Simulation::invitation_on_owner(std::size_t c, TimeNs now) {
  const engine::Node* n = node(channel_creator_[c]);
  if (n == nullptr) return std::string(kInvitationPending);
  const auto& p = n->params();
  if (p.propagation != engine::Propagation::kMesh || p.channel_discovery != engine::ChannelDiscovery::kInvite)
    return {};
  const auto inv = n->invitation(now, channel_ids_[c]);
  return inv ? invitation_text(*inv) : std::string(kInvitationPending);
}

void Simulation::accept_on_owner(sim::HostId host, TimeNs now, const std::string& invitation) {
  if (node(host) == nullptr) return;
  const auto inv = invitation_of_text(invitation);
  if (!inv) return;
  net_->act(host, [&](Endpoint& e, Output& out) {
    (void)static_cast<engine::Node&>(e).accept_invitation(now, *inv, out);
  });
}

void Simulation::joined(std::size_t c, sim::HostId host, TimeNs now) {
  feed_note(PartRecordKind::kMember, now, host, channel_ids_[c]);
  add_channel_member(c, host);
}

bool Simulation::join_if_known(std::size_t c, sim::HostId host) {
  const TimeNs now = sim_.now();
  if (!owner_bool(host, [&] { return join_on_owner(c, host, now); })) return false;
  joined(c, host, now);
  return true;
}

void Simulation::add_channel_member(std::size_t c, sim::HostId host) {
  if (parts_ != nullptr && ctx_ != Context::kDriver) {
    // A rank-local callback: every rank adds it when the logs merge.
    driver_log_.driver(stamp(), PartRecordKind::kMemberAdded, c, host, 0);
    return;
  }
  if (std::find(channel_members_[c].begin(), channel_members_[c].end(), host) == channel_members_[c].end()) {
    channel_members_[c].push_back(host);
  }
}

void Simulation::on_channel_announced(sim::HostId host, std::string_view channel_id) {
  if (host >= member_of_.size()) return;
  for (const std::size_t c : member_of_[host]) {
    if (channel_ids_[c] != channel_id) continue;
    defer([this, c, host] {
      if (engine::Node* n = node(host); n != nullptr && !n->is_member(channel_ids_[c]))
        join_if_known(c, host);
    });
  }
}

void Simulation::try_join(std::size_t c, sim::HostId host, int attempt) {
  const TimeNs now = sim_.now();
  // One read of the owner (review 13: two collectives a retry were most of a partitioned run's):
  // whether there is nothing to do (down, or a member already), else whether it joined now;
  // under "invite" followed by the member's answer to the invitation (its own invitation, or
  // kInvitationPending while it does not know its outside address).
  constexpr char kNothingToDo = 'd';
  constexpr char kJoinedNow = 'j';
  constexpr char kNotYet = 'n';
  // Under "invite", a creator that could not hand out its invitation yet is asked again.
  if (channel_invitation_[c] == kInvitationPending)
    channel_invitation_[c] = owner_text(channel_creator_[c], [&] { return invitation_on_owner(c, now); });
  const bool invited = !channel_invitation_[c].empty();
  const std::string result = owner_text(host, [&] {
    engine::Node* n = node(host);
    if (n == nullptr) return std::string(1, kNothingToDo);
    char status = kNothingToDo;
    if (!n->is_member(channel_ids_[c])) {
      // Also when a listing told it of the channel: the invitation gives the creator's address.
      accept_on_owner(host, now, channel_invitation_[c]);
      if (!join_on_owner(c, host, now)) return std::string(1, kNotYet);
      status = kJoinedNow;
    }
    if (!invited) return std::string(1, status);
    const auto answer = n->invitation(now, channel_ids_[c]);
    return status + (answer ? invitation_text(*answer) : std::string(kInvitationPending));
  });
  const std::string answer = result.substr(1);
  if (result.front() == kJoinedNow) joined(c, host, now);
  // The member answers the invitation: the creator learns where it is and grafts it too, which
  // opens the creator's NAT towards it (a creator behind an address-restricted NAT is otherwise
  // reached by no member's HELLO).
  if (!answer.empty() && answer != kInvitationPending)
    act_on(channel_creator_[c], [&] { accept_on_owner(channel_creator_[c], now, answer); });
  if (result.front() != kNotYet && answer != kInvitationPending) return;
  // A fallback (a node joins when it learns of the channel, on_channel_announced): one that
  // has not heard of the channel yet keeps trying for the whole run: quickly at
  // first, then every kJoinRetrySlow_ns (a NATed node with rare HELLOs may learn it late).
  const TimeNs wait = attempt < kJoinAttemptsFast ? kJoinRetry_ns : kJoinRetrySlow_ns;
  drive_at(now + wait, [this, c, host, attempt] { try_join(c, host, attempt + 1); });
}

void Simulation::make_member(std::size_t c, sim::HostId host) {
  auto& channels = member_of_[host];
  if (std::find(channels.begin(), channels.end(), c) == channels.end()) channels.push_back(c);
}

void Simulation::rejoin(sim::HostId host) {
  const TimeNs now = sim_.now();
  for (const std::size_t c : member_of_[host]) {
    feed_note(PartRecordKind::kIntended, now, host, channel_ids_[c]);
    ++memberships_renewed_;
    if (parts_ != nullptr && ctx_ != Context::kDriver) {
      // A rank-local callback: every rank queues the retry when the logs merge.
      driver_log_.driver(stamp(), PartRecordKind::kScheduleJoin, c, host, now + kJoinRetry_ns);
    } else {
      drive_at(now + kJoinRetry_ns, [this, c, host] { try_join(c, host, 1); });
    }
  }
}

void Simulation::schedule_next_message(std::size_t c, TimeNs at) {
  const auto& m = s_.workload.channels[c].messages;
  TimeNs t = at;
  const TimeNs end = std::min(m.stop_ns, s_.duration_ns);
  if (m.interval_ns <= 0) {
    // Poisson arrivals: exponential gaps. A gap reaching the end is compared as a double before
    // the cast: at a tiny rate_per_s (1e-300) it exceeds int64, the cast was undefined and gave
    // a negative time that scheduled messages forever (the run never ended).
    const double gap_ns =
        -std::log(1.0 - message_rng_.uniform()) / m.rate_per_s * static_cast<double>(kSecond);
    if (!(gap_ns < static_cast<double>(end - t))) return;
    t += static_cast<TimeNs>(gap_ns);
  }
  if (t >= end) return;
  drive_at(t, [this, c] {
    send_message(c);
    const auto& mm = s_.workload.channels[c].messages;
    schedule_next_message(c, sim_.now() + (mm.interval_ns > 0 ? mm.interval_ns : 0));
  });
}

void Simulation::send_message(std::size_t c) {
  auto& members = channel_members_[c];
  const auto& ch = s_.workload.channels[c];
  // A member of a closed channel can send once it holds the key.
  const auto can_send_now = [&](sim::HostId h) {
    const engine::Node* n = node(h);
    return n != nullptr && n->is_member(channel_ids_[c]) && n->has_channel_key(channel_ids_[c]);
  };
  // Partitioned: every member's answer in one collective, for the draws below to go alike on
  // every rank (nothing changes between the draws; the sequential run asks draw by draw).
  const std::vector<char> can =
      replicated() && !members.empty() ? owner_flags_of(members, can_send_now) : std::vector<char>{};
  for (int draw = 0; draw < kSenderDrawsMax && !members.empty(); ++draw) {
    const std::size_t i = message_rng_.below(members.size());
    const sim::HostId h = members[i];
    if (!(replicated() ? can[i] != 0 : can_send_now(h))) continue;
    std::string text(draw_size(ch.messages.size, message_rng_), 'a');
    for (auto& ch_byte : text) ch_byte = static_cast<char>('a' + message_rng_.below(26));
    std::vector<wire::Attachment> attachments;
    for (std::uint32_t k = 0; k < ch.messages.attachments.count; ++k) {
      std::string body(ch.messages.attachments.bytes, '\0');
      for (auto& b : body) b = static_cast<char>(message_rng_.below(256));
      attachments.push_back({std::move(body), ch.messages.attachments.type});
    }
    const TimeNs now = sim_.now();
    bool sent = false;  // known to h's owner only: it logs the MESSAGE it could not send
    act_on(h, [&] {
      net_->act(h, [&](Endpoint& e, Output& out) {
        sent = static_cast<engine::Node&>(e)
                   .send_message(now, channel_ids_[c], text, std::move(attachments), out)
                   .has_value();
      });
    });
    feed_note_if(!sent, PartRecordKind::kUnsent, now, h, channel_ids_[c]);
    return;
  }
  ++messages_without_sender_;
  feed_note(PartRecordKind::kUnsent, sim_.now(), sim::kNoHost, channel_ids_[c]);
}

void Simulation::add_run_gaps(RunDiagnostics& d) const {
  if (messages_without_sender_ > 0) {
    d.skipped.push_back({std::string(skipped_name(Skipped::kNoSender)), messages_without_sender_});
  }
  if (channels_without_members_ > 0) {
    d.skipped.push_back({std::string(skipped_name(Skipped::kNoMembers)), channels_without_members_});
  }
  if (windows_closed_ > 0) {
    d.skipped.push_back({std::string(skipped_name(Skipped::kWindowClosed)), windows_closed_});
  }
  d.node_rows_unwritten = node_rows_unwritten_;
}

void Simulation::apply_membership(const MembershipChange& change) {
  const auto it = std::find_if(s_.workload.channels.begin(), s_.workload.channels.end(),
                               [&](const Channel& ch) { return ch.name == change.channel; });
  if (it == s_.workload.channels.end()) return;
  const auto c = static_cast<std::size_t>(it - s_.workload.channels.begin());
  if (channel_ids_[c].empty()) return;
  auto hosts = member_hosts(change.groups);
  const auto member = owner_flags([&](sim::HostId h) {
    const engine::Node* n = node(h);
    return n != nullptr && n->is_member(channel_ids_[c]);
  });
  const auto is_member = [&](sim::HostId h) { return member[h] != 0; };
  const TimeNs now = sim_.now();
  if (change.kind == MembershipChange::Kind::kJoin) {
    const auto up = owner_flags([this](sim::HostId h) { return node(h) != nullptr; });
    std::erase_if(hosts, [&](sim::HostId h) { return up[h] == 0 || is_member(h); });
    for (const auto h : pick(hosts, change.share, std::nullopt)) {
      feed_note(PartRecordKind::kIntended, now, h, channel_ids_[c]);
      make_member(c, h);
      try_join(c, h, 1);
    }
    return;
  }
  std::erase_if(hosts, [&](sim::HostId h) { return !is_member(h); });
  for (const auto h : pick(hosts, change.share, std::nullopt)) {
    act_on(h, [&] {
      net_->act(h, [&](Endpoint& e, Output& out) {
        (void)static_cast<engine::Node&>(e).leave_channel(now, channel_ids_[c], out);
      });
    });
    feed_note(PartRecordKind::kLeft, now, h, channel_ids_[c]);
    std::erase(channel_members_[c], h);
    std::erase(member_of_[h], c);
  }
}

}  // namespace ptplab::scenarios
