// The node's console: command table, text and JSON parsing, and what it prints.
#include "tools/ptplab/node_console.hpp"

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <iostream>
#include <sstream>
#include <thread>

#include "engine/io/udp_host.hpp"
#include "engine/node/node.hpp"

namespace ptplab::cli {
namespace {

// The console's commands: one table for the parser and /help.
struct ConsoleCommand {
  std::string_view name;
  std::string_view args;
  std::string_view summary;
};
constexpr std::array kConsoleCommands{
    ConsoleCommand{"create", "NAME [closed]", "create a channel (closed: encrypted with a channel key)"},
    ConsoleCommand{"join", "CHANNEL", "join a channel we have heard of (its name or id)"},
    ConsoleCommand{"leave", "CHANNEL", "leave a channel"},
    ConsoleCommand{"msg", "CHANNEL TEXT", "send TEXT to a channel's members"},
    ConsoleCommand{"peers", "", "list the peers (node_id, address, verified)"},
    ConsoleCommand{"channels", "", "list the channels we know (name, id, member, members)"},
    ConsoleCommand{"help", "", "this list"},
    ConsoleCommand{"quit", "", "stop the node"},
};

// A command as parsed from either form.
struct Parsed {
  std::string cmd, channel, name, text;
  bool closed = false;
};

std::string trim(std::string s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

// "/msg room hello there" -> {msg, channel room, text "hello there"}.
Expected<Parsed, std::string> parse_text(const std::string& raw) {
  const std::string line = trim(raw);
  if (line.empty() || line[0] != '/') return Unexpected(std::string("commands start with '/' (try /help)"));
  Parsed p;
  std::istringstream in(line.substr(1));
  in >> p.cmd;
  std::string first;
  in >> first;
  std::string rest;
  std::getline(in, rest);
  rest = trim(rest);
  if (p.cmd == "create") {
    p.name = first;
    p.closed = rest == "closed";
    if (p.name.empty() || !(rest.empty() || p.closed))
      return Unexpected(std::string("usage: /create NAME [closed]"));
  } else if (p.cmd == "msg") {
    p.channel = first;
    p.text = rest;
    if (p.channel.empty() || p.text.empty()) return Unexpected(std::string("usage: /msg CHANNEL TEXT"));
  } else if (p.cmd == "join" || p.cmd == "leave") {
    p.channel = first;
    if (p.channel.empty() || !rest.empty()) return Unexpected("usage: /" + p.cmd + " CHANNEL");
  }
  return p;
}

// {"cmd":"msg","channel":"room","text":"hi"} -> {msg, channel room, text hi}.
Expected<Parsed, std::string> parse_json(const std::string& line) {
  const auto j = nlohmann::json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("cmd") || !j["cmd"].is_string())
    return Unexpected(std::string("expected a JSON object with a string \"cmd\""));
  Parsed p;
  p.cmd = j["cmd"].get<std::string>();
  const auto text_field = [&](const char* key) -> std::string {
    return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
  };
  p.channel = text_field("channel");
  p.name = text_field("name");
  p.text = text_field("text");
  p.closed = j.contains("closed") && j["closed"].is_boolean() && j["closed"].get<bool>();
  if (p.cmd == "create" && p.name.empty()) return Unexpected(std::string("create wants \"name\""));
  if ((p.cmd == "join" || p.cmd == "leave" || p.cmd == "msg") && p.channel.empty())
    return Unexpected(p.cmd + " wants \"channel\"");
  if (p.cmd == "msg" && p.text.empty()) return Unexpected(std::string("msg wants \"text\""));
  return p;
}

std::string dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

NodeConsole::NodeConsole(engine::Node& node, engine::UdpHost& host, ControlMode mode, std::ostream& out,
                         std::function<void()> quit)
    : node_(node), host_(host), mode_(mode), out_(out), quit_(std::move(quit)) {}

std::string NodeConsole::resolve(const std::string& channel) const {
  const auto ids = node_.channels();
  for (const auto& id : ids)
    if (id == channel) return id;
  for (const auto& id : ids)
    if (node_.channel_name(id) == channel) return id;
  return "";
}

void NodeConsole::reply(const std::string& event, const std::string& text, nlohmann::json fields) {
  if (mode_ == ControlMode::kText) {
    out_ << text << std::endl;
    return;
  }
  fields["event"] = event;
  out_ << dump(fields) << std::endl;
}

void NodeConsole::command(const std::string& line) {
  if (trim(line).empty()) return;
  const auto parsed = mode_ == ControlMode::kJson ? parse_json(line) : parse_text(line);
  if (!parsed) return reply("error", "error: " + parsed.error(), {{"error", parsed.error()}});
  const Parsed& p = *parsed;
  const auto known = std::find_if(kConsoleCommands.begin(), kConsoleCommands.end(),
                                  [&](const ConsoleCommand& c) { return c.name == p.cmd; });
  if (known == kConsoleCommands.end())
    return reply("error", "error: unknown command /" + p.cmd + " (try /help)",
                 {{"error", "unknown command " + p.cmd}});
  if (p.cmd == "help") {
    for (const auto& c : kConsoleCommands)
      reply("help",
            "/" + std::string(c.name) + (c.args.empty() ? "" : " " + std::string(c.args)) + "  " +
                std::string(c.summary),
            {{"cmd", c.name}, {"args", c.args}, {"summary", c.summary}});
    return;
  }
  if (p.cmd == "quit") {
    reply("quit", "bye", nlohmann::json::object());
    return quit_();
  }
  if (p.cmd == "peers") {
    for (const auto& peer : node_.peers())
      reply("peer",
            (peer.node_id.empty() ? "?" : peer.node_id) + " " + peer.address.to_string() +
                (peer.verified ? " verified" : ""),
            {{"node_id", peer.node_id}, {"address", peer.address.to_string()}, {"verified", peer.verified}});
    return;
  }
  if (p.cmd == "channels") {
    for (const auto& id : node_.channels())
      reply("channel",
            node_.channel_name(id) + " " + id + (node_.is_member(id) ? " member" : "") + " (" +
                std::to_string(node_.members(id).size()) + " members)",
            {{"channel", node_.channel_name(id)},
             {"channel_id", id},
             {"member", node_.is_member(id)},
             {"members", node_.members(id).size()}});
    return;
  }
  if (p.cmd == "create") {
    std::string id;
    host_.act([&](TimeNs now, Output& out) { id = node_.create_channel(now, p.name, p.closed, out); });
    return reply("created", "created " + p.name + " " + id + (p.closed ? " (closed)" : ""),
                 {{"channel", p.name}, {"channel_id", id}, {"closed", p.closed}});
  }
  const std::string id = resolve(p.channel);
  if (id.empty())
    return reply("error", "error: no channel " + p.channel + " known yet",
                 {{"error", "unknown channel"}, {"channel", p.channel}});
  const std::string name = node_.channel_name(id);
  nlohmann::json fields{{"channel", name}, {"channel_id", id}};
  if (p.cmd == "join" || p.cmd == "leave") {
    bool ok = false;
    host_.act([&](TimeNs now, Output& out) {
      ok = p.cmd == "join" ? node_.join_channel(now, id, out) : node_.leave_channel(now, id, out);
    });
    if (!ok)
      return reply("error",
                   "error: cannot " + p.cmd + " " + p.channel +
                       (p.cmd == "join" ? " (already a member?)" : " (not a member)"),
                   {{"error", "cannot " + p.cmd}, {"channel", name}, {"channel_id", id}});
    return reply(p.cmd == "join" ? "joined" : "left", (p.cmd == "join" ? "joined " : "left ") + name, fields);
  }
  std::optional<std::string> msg_id;
  host_.act([&](TimeNs now, Output& out) { msg_id = node_.send_message(now, id, p.text, {}, out); });
  if (!msg_id)
    return reply("error", "error: not a member of " + p.channel,
                 {{"error", "not a member"}, {"channel", name}});
  fields["msg_id"] = *msg_id;
  reply("sent", "[" + name + "] " + node_.node_id() + ": " + p.text, fields);
}

void NodeConsole::on_event(const Event& e) {
  if (e.kind != EventKind::kDelivered) return;
  const std::string id(e.channel_id);
  std::string name = node_.channel_name(id);
  if (name.empty()) name = id;
  reply("message", "[" + name + "] " + std::string(e.node_id) + ": " + std::string(e.text),
        {{"channel", name},
         {"channel_id", id},
         {"node_id", std::string(e.node_id)},
         {"msg_id", std::string(e.msg_id)},
         {"text", std::string(e.text)}});
}

void read_commands(const std::shared_ptr<boost::asio::io_context>& io, NodeConsole& console) {
  std::thread([io, console = &console] {
    std::string line;
    while (std::getline(std::cin, line)) boost::asio::post(*io, [console, line] { console->command(line); });
  }).detach();
}

}  // namespace ptplab::cli
