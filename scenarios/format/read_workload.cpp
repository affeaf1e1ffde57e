// Validation of `workload` (channels, their members and messages, membership changes) and of
// `timeline` (timed faults, parameter changes and attack switches).
#include <map>
#include <string>
#include <utility>

#include "scenarios/format/sections.hpp"

namespace ptplab::scenarios {
namespace {

using nlohmann::json;

void read_size(JsonChecker& c, const json& j, const std::string& p, SizeDistribution& out) {
  if (j.is_number()) {
    const std::uint64_t n = integral_value(j).value_or(0);
    if (n >= 1 && n <= kMessageBytesMax) {
      out.kind = SizeDistribution::Kind::kConstant;
      out.bytes = static_cast<std::uint32_t>(n);
    } else {
      std::string message = "expected an integer in [1, ";
      message.append(std::to_string(kMessageBytesMax)).append("], found ").append(describe(j));
      c.error(p, std::move(message));
    }
    return;
  }
  if (!c.require_object(j, p, "a number of bytes or an object")) return;
  c.check_keys(j, p, {"distribution", "bytes", "min", "max"});
  read_choice(c, j, p, "distribution", SizeDistribution::kKinds, out.kind);
  c.integer(j, p, "bytes", out.bytes, 1, kMessageBytesMax);
  c.integer(j, p, "min", out.min_bytes, 1, kMessageBytesMax);
  c.integer(j, p, "max", out.max_bytes, 1, kMessageBytesMax);
  if (out.min_bytes > out.max_bytes) {
    c.error(p + "/max", "expected at least min (" + std::to_string(out.min_bytes) + "), found " +
                            std::to_string(out.max_bytes));
  }
}

void read_messages(JsonChecker& c, const json& j, const std::string& p, TimeNs duration, MessageLoad& out) {
  if (!c.require_object(j, p)) return;
  c.check_keys(j, p, {"rate_per_s", "interval", "size", "start", "stop", "attachments"});
  c.number(j, p, "rate_per_s", out.rate_per_s, 0, kRatePerSecondMax);
  c.duration(j, p, "interval", out.interval_ns);
  if (j.contains("rate_per_s") && j.contains("interval")) {
    c.error(p + "/interval", "expected either rate_per_s or interval, found both");
  }
  if (j.contains("interval") && out.interval_ns <= 0)
    c.error(p + "/interval", "expected a positive duration, found 0");
  if (j.contains("size")) read_size(c, j["size"], p + "/size", out.size);
  c.duration(j, p, "start", out.start_ns);
  c.duration(j, p, "stop", out.stop_ns);
  if (out.stop_ns != kNever && out.stop_ns < out.start_ns) {
    c.error(p + "/stop", "expected a time after start (" + format_duration(out.start_ns) + "), found " +
                             format_duration(out.stop_ns));
  }
  if (out.start_ns > duration) {
    c.error(p + "/start", "expected a time within the duration (" + format_duration(duration) + "), found " +
                              format_duration(out.start_ns));
  }
  if (j.contains("attachments") && c.require_object(j["attachments"], p + "/attachments")) {
    const auto& a = j["attachments"];
    const std::string ap = p + "/attachments";
    c.check_keys(a, ap, {"count", "bytes", "type"});
    c.integer(a, ap, "count", out.attachments.count, 0, kAttachmentsMax);
    c.integer(a, ap, "bytes", out.attachments.bytes, 1, kMessageBytesMax);
    c.string(a, ap, "type", out.attachments.type);
  }
}

void read_members(JsonChecker& c, const json& j, const std::string& p, Members& out) {
  if (!c.require_object(j, p)) return;
  c.check_keys(j, p, {"groups", "share"});
  c.group_list(j, p, "groups", out.groups);
  c.share(j, p, "share", out.share);
}

void read_channel(JsonChecker& c, const json& j, const std::string& p, std::size_t index, TimeNs duration,
                  Channel& out) {
  out.name = "channel" + std::to_string(index);
  if (!c.require_object(j, p)) return;
  c.check_keys(j, p, {"name", "closed", "members", "messages"});
  c.name(j, p, "name", out.name);
  c.boolean(j, p, "closed", out.closed);
  if (j.contains("members")) read_members(c, j["members"], p + "/members", out.members);
  if (j.contains("messages")) read_messages(c, j["messages"], p + "/messages", duration, out.messages);
}

// Reads `at`, required, within the run.
void read_at(JsonChecker& c, const json& j, const std::string& p, TimeNs duration, TimeNs& out) {
  if (!c.require_key(j, p, "at")) return;
  c.duration(j, p, "at", out);
  if (out > duration) {
    c.error(p + "/at", "expected a time within the duration (" + format_duration(duration) + "), found " +
                           format_duration(out));
  }
}

void read_membership(JsonChecker& c, const json& j, const std::string& p, TimeNs duration,
                     MembershipChange& out) {
  if (!c.require_object(j, p)) return;
  c.check_keys(j, p, {"at", "action", "channel", "groups", "share"});
  read_at(c, j, p, duration, out.at_ns);
  if (c.require_key(j, p, "action")) {
    read_choice(c, j, p, "action", MembershipChange::kKinds, out.kind);
  }
  if (c.require_key(j, p, "channel")) c.string(j, p, "channel", out.channel);
  c.group_list(j, p, "groups", out.groups);
  c.share(j, p, "share", out.share);
}

// Each side a non-empty list of group names, each group on one side only: a group on two sides
// ends up on the last one, and an empty side splits nothing.
void read_sides(JsonChecker& c, const json& j, const std::string& p, TimelineEvent& out) {
  if (!c.require_array(j, p, "an array of sides (each a list of group names)")) return;
  if (j.size() < 2) c.error(p, "expected at least 2 sides, found " + std::to_string(j.size()));
  std::map<std::string, std::string> first;  // group -> pointer of its first mention
  for (std::size_t i = 0; i < j.size(); ++i) {
    const std::string sp = child_pointer(p, i);
    std::vector<std::string> side;
    c.string_list_value(j[i], sp, side);
    if (j[i].is_array() && j[i].empty()) c.error(sp, "expected a non-empty list of group names, found []");
    for (std::size_t m = 0; m < side.size(); ++m) {
      const std::string ip = j[i].is_string() ? sp : child_pointer(sp, m);
      if (side[m].empty()) {
        c.error(ip, "expected a group name, found \"\"");
      } else if (const auto [it, fresh] = first.try_emplace(side[m], ip); !fresh) {
        c.error(ip, "expected each group on one side only, found \"" + side[m] + "\" again (first at " +
                        it->second + ")");
      }
    }
    out.sides.push_back(std::move(side));
  }
}

void read_set_param(JsonChecker& c, const json& j, const std::string& p, TimelineEvent& out) {
  const std::string name(timeline_key_name(TimelineKey::kName));
  const std::string value(timeline_key_name(TimelineKey::kValue));
  if (!c.require_key(j, p, name) || !c.require_key(j, p, value)) return;
  if (!j[name].is_string()) {
    c.error(child_pointer(p, name), "expected a NodeParams field name, found " + describe(j[name]));
    return;
  }
  std::vector<ParamOverride> one;
  JsonChecker scratch;
  read_param_overrides(scratch, json{{j[name].get<std::string>(), j[value]}}, p, one);
  for (const auto& e : scratch.errors()) {
    const bool about_name = e.message.starts_with("unknown NodeParams field");
    c.error(child_pointer(p, about_name ? name : value), e.message);
  }
  if (scratch.errors().empty() && one.size() == 1) out.param = one.front();
}

// Reads key `k` of a timeline entry whose action takes it (`at` and `action` are read first).
void read_event_key(JsonChecker& c, const json& j, const std::string& p, TimelineKey k, TimelineEvent& out) {
  using K = TimelineKey;
  const std::string key(timeline_key_name(k));
  const auto positive = [&](TimeNs& v) {
    c.duration(j, p, key, v);
    if (v <= 0) c.error(child_pointer(p, key), "expected a positive duration, found " + format_duration(v));
  };
  switch (k) {
    case K::kAt:
    case K::kAction:
    case K::kValue: break;  // at and action: read first; value: with name (read_set_param)
    case K::kGroup: c.string(j, p, key, out.group); break;
    case K::kShare: c.share(j, p, key, out.share); break;
    case K::kCount:
      if (j.contains(key)) {
        std::uint32_t count = 0;
        c.integer(j, p, key, count, 1, static_cast<std::uint32_t>(kNodesMax));
        out.count = count;
      }
      break;
    case K::kSides:
      if (j.contains(key)) read_sides(c, j[key], child_pointer(p, key), out);
      break;
    case K::kTo: c.string(j, p, key, out.to); break;
    case K::kMeanUptime: positive(out.mean_uptime_ns); break;
    case K::kMeanDowntime: positive(out.mean_downtime_ns); break;
    case K::kName: read_set_param(c, j, p, out); break;
    case K::kVia:
    case K::kAttacker:
      if (c.require_key(j, p, key)) c.string(j, p, key, k == K::kVia ? out.via : out.attacker);
      break;
  }
}

void read_event(JsonChecker& c, const json& j, const std::string& p, TimeNs duration, TimelineEvent& out) {
  if (!c.require_object(j, p)) return;
  read_at(c, j, p, duration, out.at_ns);
  const std::string action(timeline_key_name(TimelineKey::kAction));
  if (!c.require_key(j, p, action) || !read_choice(c, j, p, action, TimelineEvent::kActions, out.action))
    return;
  const auto& entry = entry_of(TimelineEvent::kActions, out.action);
  c.check_keys(j, p, entry.key_names());
  for (const auto k : entry.keys) read_event_key(c, j, p, k, out);
  const std::string share(timeline_key_name(TimelineKey::kShare));
  const std::string count(timeline_key_name(TimelineKey::kCount));
  // Both would pick by count and still record the share as if it had been used.
  if (j.contains(share) && j.contains(count)) {
    std::string found = "expected either share or count, found both (share ";
    found += describe(j[share]);
    found += ", count ";
    found += describe(j[count]);
    c.error(child_pointer(p, count), found + ")");
  }
  if (out.action != TimelineEvent::Action::kPartition) return;
  // A partition has sides, or a random split by a share below 1: one of the two.
  const std::string sides(timeline_key_name(TimelineKey::kSides));
  if (j.contains(sides)) {
    if (j.contains(share)) c.error(child_pointer(p, share), "expected either sides or share, found both");
  } else if (out.share >= 1) {
    c.error(j.contains(share) ? child_pointer(p, share) : p,
            "expected sides, or a share below 1 for a random split (side one takes the share, side two "
            "the rest), found " +
                (j.contains(share) ? describe(j[share]) : std::string("neither")));
  }
}

}  // namespace

void read_workload(JsonChecker& c, const json& doc, Scenario& s) {
  if (!doc.contains("workload")) return;
  const auto& j = doc["workload"];
  if (!c.require_object(j, "/workload")) return;
  c.check_keys(j, "/workload", {"channels", "membership"});
  if (j.contains("channels") && c.require_array(j["channels"], "/workload/channels")) {
    for (std::size_t i = 0; i < j["channels"].size(); ++i) {
      Channel ch;
      read_channel(c, j["channels"][i], child_pointer("/workload/channels", i), i, s.duration_ns, ch);
      s.workload.channels.push_back(std::move(ch));
    }
  }
  if (j.contains("membership") && c.require_array(j["membership"], "/workload/membership")) {
    for (std::size_t i = 0; i < j["membership"].size(); ++i) {
      MembershipChange m;
      read_membership(c, j["membership"][i], child_pointer("/workload/membership", i), s.duration_ns, m);
      s.workload.membership.push_back(std::move(m));
    }
  }
}

void read_timeline(JsonChecker& c, const json& doc, Scenario& s) {
  if (!doc.contains("timeline")) return;
  const auto& j = doc["timeline"];
  if (!c.require_array(j, "/timeline")) return;
  for (std::size_t i = 0; i < j.size(); ++i) {
    TimelineEvent e;
    read_event(c, j[i], child_pointer("/timeline", i), s.duration_ns, e);
    s.timeline.push_back(std::move(e));
  }
}

}  // namespace ptplab::scenarios
