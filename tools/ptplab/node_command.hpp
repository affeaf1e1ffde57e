// The commands of `ptplab node`'s console: one table, and the parsing of one input line in either
// form — text for people ("/msg room hi") or a JSON object for scripts ({"cmd":"msg",...}) — into
// a NodeCommand, or into an error that names the command it answers.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "engine/core/expected.hpp"

namespace ptplab::cli {

// A command's JSON keys besides "cmd". Text form: its arguments in this order.
enum class CommandKey { kName, kClosed, kChannel, kText };

// One console command: name, text arguments, what it does, and the JSON keys it takes.
struct ConsoleCommand {
  std::string_view name;
  std::string_view args;     // text usage after "/name", e.g. "NAME [closed]"
  std::string_view summary;  // for /help
  std::array<CommandKey, 2> keys;
  int key_count;  // how many of `keys` it takes
};

// Every console command (the parser, /help and the README list derive from it).
inline constexpr std::array kConsoleCommands{
    ConsoleCommand{"create",
                   "NAME [closed]",
                   "create a channel (closed: encrypted with a channel key)",
                   {CommandKey::kName, CommandKey::kClosed},
                   2},
    ConsoleCommand{
        "join", "CHANNEL", "join a channel we have heard of (its name or id)", {CommandKey::kChannel}, 1},
    ConsoleCommand{"leave", "CHANNEL", "leave a channel", {CommandKey::kChannel}, 1},
    ConsoleCommand{"msg",
                   "CHANNEL TEXT",
                   "send TEXT to a channel's members",
                   {CommandKey::kChannel, CommandKey::kText},
                   2},
    ConsoleCommand{"peers", "", "list the peers (node_id, address, verified)", {}, 0},
    ConsoleCommand{"channels", "", "list the channels we know (name, id, member, members)", {}, 0},
    ConsoleCommand{"help", "", "this list", {}, 0},
    ConsoleCommand{"quit", "", "stop the node", {}, 0},
};

// The JSON key of a CommandKey: "name", "closed", "channel", "text".
[[nodiscard]] std::string_view command_key_name(CommandKey key);

// A parsed command. Only the fields its ConsoleCommand takes are set; `channel` is a name or an id.
struct NodeCommand {
  std::string cmd, name, channel, text;
  bool closed = false;
};

// Why a line is not a command. `cmd` is the command it was meant to be ("" when none could be
// read: not a JSON object, no "cmd", a text line without '/').
struct CommandError {
  std::string cmd;
  std::string message;
};

// Parses a text line: "/create room closed", "/join room", "/msg room hello there", "/peers".
// Errors: no leading '/', an unknown command, missing or extra arguments (the usage line).
[[nodiscard]] Expected<NodeCommand, CommandError> parse_text_command(std::string_view line);

// Parses a JSON line: {"cmd":"create","name":"room","closed":true}. Errors: not an object, no
// string "cmd", an unknown command, a key the command does not take, a value of the wrong type
// ("closed" must be true or false; the others strings), a required key missing or empty.
[[nodiscard]] Expected<NodeCommand, CommandError> parse_json_command(std::string_view line);

// The text usage of a command: "/create NAME [closed]".
[[nodiscard]] std::string command_usage(const ConsoleCommand& c);

}  // namespace ptplab::cli
