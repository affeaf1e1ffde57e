// A RapidCheck stateful test over a few Nodes on a loss-free network: random joins, leaves,
// sends and ticks; every message reaches every node that was a member when it was sent exactly
// once, and no one else.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>
#include <rapidcheck/state.h>

#include <set>

#include "tests/engine/node/harness.hpp"

namespace ptplab::engine::test {
namespace {

constexpr std::size_t kNodes = 4;

// Who is a member (node 0 created the channel and stays).
struct Model {
  std::set<std::size_t> members{0};
};

// One sent message and the nodes that were members when it was sent.
struct SentMessage {
  std::string msg_id;
  std::size_t sender = 0;
  std::set<std::size_t> recipients;
};

// The system under test: the nodes, their network and what was sent.
struct System {
  Loopback net;
  std::string channel;
  std::vector<SentMessage> sent;

  explicit System(bool closed) {
    for (std::size_t i = 0; i < kNodes; ++i) net.add({}, 500 + i);
    for (std::size_t i = 1; i < kNodes; ++i)
      for (std::size_t j = 0; j < i; ++j)
        net.act(i, [&](Node& n, Output& o) { n.add_peer(net.now(), net.address(j), o); });
    net.run_until(5 * kSecond);
    channel = net.act(0, [&](Node& n, Output& o) { return n.create_channel(net.now(), "room", closed, o); });
    net.run_until(6 * kSecond);
  }
  std::size_t delivered(std::size_t node, const std::string& msg_id) {
    return count_events(net.events(node), EventKind::kDelivered, msg_id);
  }
  void check_all() {
    for (const auto& m : sent)
      for (std::size_t i = 0; i < kNodes; ++i)
        RC_ASSERT(delivered(i, m.msg_id) == (m.recipients.count(i) ? 1u : 0u));
  }
};

using Command = rc::state::Command<Model, System>;

struct Join : Command {
  std::size_t node = *rc::gen::inRange<std::size_t>(1, kNodes);
  void checkPreconditions(const Model& m) const override { RC_PRE(!m.members.count(node)); }
  void apply(Model& m) const override { m.members.insert(node); }
  void run(const Model&, System& s) const override {
    RC_ASSERT(s.net.act(node, [&](Node& n, Output& o) { return n.join_channel(s.net.now(), s.channel, o); }));
    s.net.run_until(s.net.now() + kSecond);
  }
  void show(std::ostream& os) const override { os << "Join(" << node << ")"; }
};

struct Leave : Command {
  std::size_t node = *rc::gen::inRange<std::size_t>(1, kNodes);
  void checkPreconditions(const Model& m) const override { RC_PRE(m.members.count(node) > 0); }
  void apply(Model& m) const override { m.members.erase(node); }
  void run(const Model&, System& s) const override {
    RC_ASSERT(
        s.net.act(node, [&](Node& n, Output& o) { return n.leave_channel(s.net.now(), s.channel, o); }));
    s.net.run_until(s.net.now() + kSecond);
  }
  void show(std::ostream& os) const override { os << "Leave(" << node << ")"; }
};

struct Send : Command {
  std::size_t node = *rc::gen::inRange<std::size_t>(0, kNodes);
  void checkPreconditions(const Model& m) const override { RC_PRE(m.members.count(node) > 0); }
  void apply(Model&) const override {}
  void run(const Model& m, System& s) const override {
    const auto id = s.net.act(
        node, [&](Node& n, Output& o) { return n.send_message(s.net.now(), s.channel, "x", {}, o); });
    RC_ASSERT(id.has_value());
    SentMessage sent{*id, node, m.members};
    sent.recipients.erase(node);
    s.sent.push_back(sent);
    s.net.run_until(s.net.now() + 2 * kSecond);
    s.check_all();
  }
  void show(std::ostream& os) const override { os << "Send(" << node << ")"; }
};

struct Tick : Command {
  TimeNs dt = *rc::gen::inRange<TimeNs>(1, 40) * kSecond;
  void apply(Model&) const override {}
  void run(const Model&, System& s) const override {
    s.net.run_until(s.net.now() + dt);
    s.check_all();
  }
  void show(std::ostream& os) const override { os << "Tick(" << dt / kSecond << "s)"; }
};

RC_GTEST_PROP(Stateful, EveryMessageReachesEveryMemberExactlyOnce, ()) {
  const bool closed = *rc::gen::arbitrary<bool>();
  System system(closed);
  rc::state::check(Model{}, system, rc::state::gen::execOneOfWithArgs<Join, Leave, Send, Tick>());
  system.net.run_until(system.net.now() + 30 * kSecond);
  system.check_all();
}

}  // namespace
}  // namespace ptplab::engine::test
