// Parsing the console's command lines, text and JSON, from the one command table.
#include "tools/ptplab/node_command.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>

#include "tools/ptplab/node_log.hpp"

namespace ptplab::cli {
namespace {

constexpr std::array kKeyNames{std::string_view("name"), std::string_view("closed"),
                               std::string_view("channel"), std::string_view("text")};
static_assert(kKeyNames.size() == static_cast<std::size_t>(CommandKey::kText) + 1);

const ConsoleCommand* find_command(std::string_view name) {
  const auto it = std::find_if(kConsoleCommands.begin(), kConsoleCommands.end(),
                               [&](const ConsoleCommand& c) { return c.name == name; });
  return it == kConsoleCommands.end() ? nullptr : &*it;
}

std::string_view trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

// The first word of `s` (after blanks); `s` keeps what follows it.
std::string_view next_word(std::string_view& s) {
  s = trim(s);
  const auto end = s.find_first_of(" \t");
  const std::string_view word = s.substr(0, end);
  s = end == std::string_view::npos ? std::string_view{} : trim(s.substr(end));
  return word;
}

Unexpected<CommandError> error(std::string_view cmd, std::string message) {
  return Unexpected(CommandError{std::string(cmd), std::move(message)});
}

// "name, closed" — the keys a command takes, for an error message.
std::string key_list(const ConsoleCommand& c) {
  std::string out;
  for (int i = 0; i < c.key_count; ++i) out += (i ? ", " : "") + std::string(command_key_name(c.keys[i]));
  return out.empty() ? "no keys but \"cmd\"" : out;
}

// The string field a key fills; nullptr for "closed" (a boolean).
std::string* string_field(NodeCommand& p, CommandKey k) {
  switch (k) {
    case CommandKey::kName: return &p.name;
    case CommandKey::kChannel: return &p.channel;
    case CommandKey::kText: return &p.text;
    case CommandKey::kClosed: return nullptr;
  }
  return nullptr;
}

// The error for the first string key the command requires that is empty in `p`, if any.
std::optional<std::string> missing_key(const ConsoleCommand& c, NodeCommand& p) {
  for (int i = 0; i < c.key_count; ++i) {
    const std::string* field = string_field(p, c.keys[i]);
    if (field && field->empty())
      return "wants a non-empty \"" + std::string(command_key_name(c.keys[i])) + "\"";
  }
  return std::nullopt;
}

}  // namespace

std::string_view command_key_name(CommandKey key) { return kKeyNames[static_cast<std::size_t>(key)]; }

std::string command_usage(const ConsoleCommand& c) {
  std::string usage = "/";
  usage.append(c.name);
  if (!c.args.empty()) usage.append(" ").append(c.args);
  return usage;
}

Expected<NodeCommand, CommandError> parse_text_command(std::string_view line) {
  std::string_view rest = trim(line);
  if (rest.empty() || rest[0] != '/')
    return error("", "commands start with '/', got '" + std::string(rest) + "' (try /help)");
  rest.remove_prefix(1);
  NodeCommand p;
  p.cmd = std::string(next_word(rest));
  const ConsoleCommand* c = find_command(p.cmd);
  if (!c) return error(p.cmd, "unknown command (try /help)");
  const auto usage = [&] { return error(p.cmd, "usage: " + command_usage(*c)); };
  for (int i = 0; i < c->key_count; ++i) {
    const CommandKey k = c->keys[i];
    if (k == CommandKey::kText) {
      p.text = std::string(rest);
      rest = {};
    } else if (k == CommandKey::kClosed) {
      if (!rest.empty()) {
        if (next_word(rest) != "closed") return usage();
        p.closed = true;
      }
    } else {
      *string_field(p, k) = std::string(next_word(rest));
    }
  }
  // Every key but "closed" is required; nothing may follow the last argument.
  if (missing_key(*c, p) || !rest.empty()) return usage();
  return p;
}

Expected<NodeCommand, CommandError> parse_json_command(std::string_view line) {
  const auto j = nlohmann::json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return error("", "expected a JSON object with a string \"cmd\"");
  const auto cmd_it = j.find("cmd");
  if (cmd_it == j.end() || !cmd_it->is_string()) return error("", "expected a string \"cmd\"");
  NodeCommand p;
  p.cmd = cmd_it->get<std::string>();
  const ConsoleCommand* c = find_command(p.cmd);
  if (!c) return error(p.cmd, "unknown command (try {\"cmd\":\"help\"})");
  for (auto it = j.begin(); it != j.end(); ++it) {  // (clang 14 cannot capture structured bindings)
    const std::string& key = it.key();
    const nlohmann::json& value = it.value();
    if (key == "cmd") continue;
    const auto* k = std::find_if(c->keys.begin(), c->keys.begin() + c->key_count,
                                 [&](CommandKey ck) { return command_key_name(ck) == key; });
    if (k == c->keys.begin() + c->key_count)
      return error(p.cmd, "unknown key \"" + key + "\" (" + p.cmd + " takes " + key_list(*c) + ")");
    if (*k == CommandKey::kClosed) {
      if (!value.is_boolean())
        return error(p.cmd,
                     "\"closed\" must be true or false, got " +
                         (value.is_primitive() ? dump(value) : std::string("an ") + value.type_name()));
      p.closed = value.get<bool>();
      continue;
    }
    if (!value.is_string()) return error(p.cmd, "\"" + key + "\" must be a string");
    *string_field(p, *k) = value.get<std::string>();
  }
  if (const auto missing = missing_key(*c, p)) return error(p.cmd, *missing);
  return p;
}

}  // namespace ptplab::cli
