// The node console on a real (seeded) Node bound to a loopback port: what it prints for each
// command in both modes, empty listings, refused duplicate channel names, errors naming the command.
#include "tools/ptplab/node_console.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <sstream>

#include "engine/io/udp_host.hpp"
#include "engine/node/node.hpp"
#include "tools/ptplab/terminal_text.hpp"

namespace ptplab::cli {
namespace {

// One node on 127.0.0.1:<any>, its console writing to `out`; the io_context is never run, so
// only what a command does at once is seen (UdpHost::act sends and reports synchronously).
struct ConsoleFixture {
  explicit ConsoleFixture(ControlMode mode)
      : node(engine::NodeParams{}, 7),
        host(io, node, {}),
        console(node, host, mode, out, [this](const std::string&) { quit = true; }) {
    const auto bound = host.bind(Address{0x7f000001, 0});
    EXPECT_TRUE(bound) << (bound ? "" : bound.error());
  }
  // The lines the console printed for `line`.
  std::vector<std::string> run(const std::string& line) {
    out.str("");
    console.command(line);
    std::vector<std::string> lines;
    std::istringstream in(out.str());
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    return lines;
  }

  boost::asio::io_context io;
  engine::Node node;
  engine::UdpHost host;
  std::ostringstream out;
  bool quit = false;
  NodeConsole console;
};

using Lines = std::vector<std::string>;

TEST(NodeConsole, EmptyListingsSayNoneInTextAndAreEmptyArraysInJson) {
  ConsoleFixture text(ControlMode::kText);
  EXPECT_EQ(text.run("/peers"), Lines{"peers: (none)"});
  EXPECT_EQ(text.run("/channels"), Lines{"channels: (none)"});
  ConsoleFixture json(ControlMode::kJson);
  EXPECT_EQ(json.run(R"({"cmd":"peers"})"), Lines{R"({"event":"peers","peers":[]})"});
  EXPECT_EQ(json.run(R"({"cmd":"channels"})"), Lines{R"({"channels":[],"event":"channels"})"});
}

TEST(NodeConsole, ListingsShowWhatTheNodeKnows) {
  ConsoleFixture json(ControlMode::kJson);
  const auto created = json.run(R"({"cmd":"create","name":"room","closed":true})");
  ASSERT_EQ(created.size(), 1u);
  const auto answer = nlohmann::json::parse(created[0]);
  EXPECT_EQ(answer.at("event"), "created");
  EXPECT_EQ(answer.at("closed"), true);
  const std::string id = answer.at("channel_id");
  const auto listed = json.run(R"({"cmd":"channels"})");
  ASSERT_EQ(listed.size(), 1u);
  const auto channels = nlohmann::json::parse(listed[0]).at("channels");
  ASSERT_EQ(channels.size(), 1u);
  EXPECT_EQ(channels[0].at("channel"), "room");
  EXPECT_EQ(channels[0].at("channel_id"), id);
  EXPECT_EQ(channels[0].at("member"), true);
  EXPECT_EQ(channels[0].at("members"), 1);
  ConsoleFixture text(ControlMode::kText);
  text.run("/create lobby");
  const auto lines = text.run("/channels");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].rfind("lobby ", 0), 0u);
  EXPECT_NE(lines[0].find(" member (1 members)"), std::string::npos) << lines[0];
}

TEST(NodeConsole, ACreatedNameIsRefusedASecondTime) {
  ConsoleFixture text(ControlMode::kText);
  const auto first = text.run("/create room");
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].rfind("created room ", 0), 0u);
  const auto again = text.run("/create room closed");
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].rfind("error: /create: a channel named room exists already (", 0), 0u) << again[0];
  EXPECT_EQ(text.node.channels().size(), 1u);
  ConsoleFixture json(ControlMode::kJson);
  json.run(R"({"cmd":"create","name":"room"})");
  const auto refused = nlohmann::json::parse(json.run(R"({"cmd":"create","name":"room"})").at(0));
  EXPECT_EQ(refused.at("event"), "error");
  EXPECT_EQ(refused.at("cmd"), "create");
  EXPECT_EQ(json.node.channels().size(), 1u);
}

TEST(NodeConsole, EveryErrorNamesItsCommand) {
  ConsoleFixture text(ControlMode::kText);
  EXPECT_EQ(text.run("/msg nowhere hi"),
            Lines{"error: /msg: no channel nowhere known yet (/channels lists them)"});
  EXPECT_EQ(text.run("/join nowhere").at(0).rfind("error: /join: ", 0), 0u);
  EXPECT_EQ(text.run("/leave nowhere").at(0).rfind("error: /leave: ", 0), 0u);
  EXPECT_EQ(text.run("/create"), Lines{"error: /create: usage: /create NAME [closed]"});
  text.run("/create room");
  EXPECT_EQ(text.run("/join room"), Lines{"error: /join: already a member of room"});
  text.run("/leave room");
  EXPECT_EQ(text.run("/leave room"), Lines{"error: /leave: not a member of room"});
  EXPECT_EQ(text.run("/msg room hi"), Lines{"error: /msg: not a member of room (/join it first)"});
  EXPECT_EQ(text.run("hello").at(0).rfind("error: commands start with '/'", 0), 0u);

  ConsoleFixture json(ControlMode::kJson);
  const auto closed_yes =
      nlohmann::json::parse(json.run(R"({"cmd":"create","name":"r","closed":"yes"})").at(0));
  EXPECT_EQ(closed_yes.at("event"), "error");
  EXPECT_EQ(closed_yes.at("cmd"), "create");
  EXPECT_EQ(closed_yes.at("error"), R"("closed" must be true or false, got "yes")");
  EXPECT_TRUE(json.node.channels().empty());  // not created as an open (or closed) channel
  const auto extra = nlohmann::json::parse(json.run(R"({"cmd":"peers","all":true})").at(0));
  EXPECT_EQ(extra.at("cmd"), "peers");
  const auto garbage = nlohmann::json::parse(json.run("{oops").at(0));
  EXPECT_TRUE(garbage.at("cmd").is_null());
  EXPECT_EQ(garbage.at("event"), "error");
}

TEST(NodeConsole, ANameSeveralChannelsShareNeedsTheIdUnlessMembershipTellsThemApart) {
  ConsoleFixture text(ControlMode::kText);
  text.run("/create room");
  std::string second;  // the engine allows a second "room" (as when two nodes each create one)
  text.host.act([&](TimeNs now, Output& out) { second = text.node.create_channel(now, "room", false, out); });
  const auto ambiguous = text.run("/msg room hi");
  ASSERT_EQ(ambiguous.size(), 1u);
  EXPECT_EQ(ambiguous[0].rfind("error: /msg: room names 2 channels, give its id: ", 0), 0u) << ambiguous[0];
  EXPECT_NE(ambiguous[0].find(second), std::string::npos);
  EXPECT_EQ(text.run("/leave " + second), Lines{"left room"});
  // Now one "room" is ours: /msg and /leave take it, /join takes the other.
  EXPECT_EQ(text.run("/msg room hi").at(0).rfind("[room] ", 0), 0u);
  EXPECT_EQ(text.run("/join room"), Lines{"joined room"});
  EXPECT_TRUE(text.node.is_member(second));
}

TEST(NodeConsole, AFailedMsgSaysWhyNotAlwaysNotAMember) {
  ConsoleFixture text(ControlMode::kText);
  text.run("/create room");
  const auto big = text.run("/msg room " + std::string(9000, 'y'));
  ASSERT_EQ(big.size(), 1u);
  EXPECT_EQ(big[0].rfind("error: /msg: too large: ", 0), 0u) << big[0];
  EXPECT_NE(big[0].find("limit of 8192 bytes"), std::string::npos) << big[0];
  ConsoleFixture json(ControlMode::kJson);
  json.run(R"({"cmd":"create","name":"room"})");
  const auto refused = nlohmann::json::parse(
      json.run(R"({"cmd":"msg","channel":"room","text":")" + std::string(9000, 'y') + R"("})").at(0));
  EXPECT_EQ(refused.at("event"), "error");
  EXPECT_EQ(refused.at("error").get<std::string>().rfind("too large: ", 0), 0u);
}

// A peer chooses its MESSAGE text, node id and channel names: in text mode none of them may start
// a new line (forging "[room] someone: ..."), or reach the terminal as an escape sequence.
TEST(NodeConsole, ControlCharactersFromPeersAreEscapedInTextMode) {
  Event e;
  e.kind = EventKind::kDelivered;
  e.channel_id = "chan\r";
  e.node_id = "node\x7f";
  const std::string forged = "innocent\n[room] x: forged\x1b[2J";
  e.text = forged;
  ConsoleFixture console(ControlMode::kText);
  console.out.str("");
  console.console.on_event(e);
  EXPECT_EQ(console.out.str(), "[chan\\r] node\\x7f: innocent\\n[room] x: forged\\x1b[2J\n");
  ConsoleFixture json(ControlMode::kJson);  // the JSON encoder escapes them already: one line
  json.out.str("");
  json.console.on_event(e);
  const std::string line = json.out.str();
  ASSERT_EQ(std::count(line.begin(), line.end(), '\n'), 1);
  EXPECT_EQ(nlohmann::json::parse(line).at("text"), forged);
}

TEST(TerminalText, EscapesC0DelC1AndBackslashKeepsTheRest) {
  EXPECT_EQ(terminal_text("plain text, é ü 日本"), "plain text, é ü 日本");
  EXPECT_EQ(terminal_text("a\nb\rc\td"), "a\\nb\\rc\\td");
  EXPECT_EQ(terminal_text(std::string("\x00\x1b[31m\x7f", 7)), "\\x00\\x1b[31m\\x7f");
  EXPECT_EQ(terminal_text("\xc2\x85\xc2\x9b\xc2\xa0"), "\\u0085\\u009b\xc2\xa0");  // NEL, CSI; NBSP kept
  EXPECT_EQ(terminal_text("back\\slash"), "back\\\\slash");
}

TEST(NodeConsole, QuitCallsItsCallbackAndBlankLinesAreIgnored) {
  ConsoleFixture text(ControlMode::kText);
  EXPECT_TRUE(text.run("   ").empty());
  EXPECT_FALSE(text.quit);
  EXPECT_EQ(text.run("/quit"), Lines{"bye"});
  EXPECT_TRUE(text.quit);
}

}  // namespace
}  // namespace ptplab::cli
