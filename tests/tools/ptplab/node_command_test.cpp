// The node console's parser: text and JSON lines into commands, and errors that name the command.
#include "tools/ptplab/node_command.hpp"

#include <gtest/gtest.h>

namespace ptplab::cli {
namespace {

// The error of a line that must not parse.
CommandError text_error(const std::string& line) {
  const auto p = parse_text_command(line);
  EXPECT_FALSE(p) << line;
  return p ? CommandError{} : p.error();
}
CommandError json_error(const std::string& line) {
  const auto p = parse_json_command(line);
  EXPECT_FALSE(p) << line;
  return p ? CommandError{} : p.error();
}

TEST(NodeCommand, TextCommandsParseTheirArguments) {
  const auto created = parse_text_command("  /create room closed ");
  ASSERT_TRUE(created);
  EXPECT_EQ(created->cmd, "create");
  EXPECT_EQ(created->name, "room");
  EXPECT_TRUE(created->closed);
  const auto open = parse_text_command("/create room");
  ASSERT_TRUE(open);
  EXPECT_FALSE(open->closed);
  const auto msg = parse_text_command("/msg room hello  there");
  ASSERT_TRUE(msg);
  EXPECT_EQ(msg->channel, "room");
  EXPECT_EQ(msg->text, "hello  there");
  const auto peers = parse_text_command("/peers");
  ASSERT_TRUE(peers);
  EXPECT_EQ(peers->cmd, "peers");
}

TEST(NodeCommand, TextErrorsNameTheCommand) {
  EXPECT_EQ(text_error("/create room open").cmd, "create");
  EXPECT_EQ(text_error("/create room open").message, "usage: /create NAME [closed]");
  EXPECT_EQ(text_error("/create").message, "usage: /create NAME [closed]");
  EXPECT_EQ(text_error("/join").message, "usage: /join CHANNEL");
  EXPECT_EQ(text_error("/join a b").message, "usage: /join CHANNEL");
  EXPECT_EQ(text_error("/msg room").message, "usage: /msg CHANNEL TEXT");
  EXPECT_EQ(text_error("/peers now").cmd, "peers");
  EXPECT_EQ(text_error("/dance").cmd, "dance");
  EXPECT_NE(text_error("/dance").message.find("unknown command"), std::string::npos);
  const auto no_slash = text_error("hello");
  EXPECT_EQ(no_slash.cmd, "");
  EXPECT_NE(no_slash.message.find("'hello'"), std::string::npos);
}

TEST(NodeCommand, JsonCommandsParseTheirKeys) {
  const auto created = parse_json_command(R"({"cmd":"create","name":"room","closed":true})");
  ASSERT_TRUE(created);
  EXPECT_EQ(created->name, "room");
  EXPECT_TRUE(created->closed);
  const auto msg = parse_json_command(R"({"text":"hi","cmd":"msg","channel":"room"})");
  ASSERT_TRUE(msg);
  EXPECT_EQ(msg->channel, "room");
  EXPECT_EQ(msg->text, "hi");
}

TEST(NodeCommand, JsonClosedMustBeABoolean) {
  for (const char* line :
       {R"({"cmd":"create","name":"r","closed":"yes"})", R"({"cmd":"create","name":"r","closed":1})",
        R"({"cmd":"create","name":"r","closed":null})", R"({"cmd":"create","name":"r","closed":[true]})"}) {
    const auto e = json_error(line);
    EXPECT_EQ(e.cmd, "create") << line;
    EXPECT_EQ(e.message.rfind("\"closed\" must be true or false, got ", 0), 0u) << e.message;
  }
  EXPECT_EQ(json_error(R"({"cmd":"create","name":"r","closed":"yes"})").message,
            R"("closed" must be true or false, got "yes")");
  EXPECT_EQ(json_error(R"({"cmd":"create","name":"r","closed":[true]})").message,
            R"("closed" must be true or false, got an array)");
}

TEST(NodeCommand, JsonUnknownKeysAreRejected) {
  const auto e = json_error(R"({"cmd":"create","name":"r","secret":true})");
  EXPECT_EQ(e.cmd, "create");
  EXPECT_EQ(e.message, R"(unknown key "secret" (create takes name, closed))");
  EXPECT_EQ(json_error(R"({"cmd":"peers","verbose":1})").message,
            R"(unknown key "verbose" (peers takes no keys but "cmd"))");
  // A key another command takes is still unknown to this one.
  EXPECT_EQ(json_error(R"({"cmd":"join","channel":"r","text":"x"})").cmd, "join");
}

TEST(NodeCommand, JsonErrorsNameTheCommand) {
  EXPECT_EQ(json_error(R"({"cmd":"msg","channel":"r"})").message, R"(wants a non-empty "text")");
  EXPECT_EQ(json_error(R"({"cmd":"msg","channel":"r"})").cmd, "msg");
  EXPECT_EQ(json_error(R"({"cmd":"join","channel":7})").message, R"("channel" must be a string)");
  EXPECT_EQ(json_error(R"({"cmd":"create","name":""})").cmd, "create");
  EXPECT_EQ(json_error(R"({"cmd":"dance"})").cmd, "dance");
  EXPECT_EQ(json_error("[1,2]").cmd, "");
  EXPECT_EQ(json_error("{not json").cmd, "");
  EXPECT_EQ(json_error(R"({"cmd":3})").cmd, "");
}

TEST(NodeCommand, EveryCommandHasAUsageAndKnownKeys) {
  for (const auto& c : kConsoleCommands) {
    std::string prefix = "/";
    prefix.append(c.name);
    EXPECT_TRUE(command_usage(c).starts_with(prefix)) << c.name;
    EXPECT_LE(c.key_count, static_cast<int>(c.keys.size()));
    EXPECT_EQ(c.args.empty(), c.key_count == 0) << c.name;
  }
}

}  // namespace
}  // namespace ptplab::cli
