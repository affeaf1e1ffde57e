// The node's console: carrying out the commands node_command parses, and what it prints.
#include "tools/ptplab/node_console.hpp"

#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <iostream>
#include <thread>

#include "engine/io/udp_host.hpp"
#include "engine/node/node.hpp"
#include "tools/ptplab/node_command.hpp"
#include "tools/ptplab/node_log.hpp"
#include "tools/ptplab/terminal_text.hpp"

namespace ptplab::cli {

NodeConsole::NodeConsole(engine::Node& node, engine::UdpHost& host, ControlMode mode, std::ostream& out,
                         std::function<void(const std::string&)> stop)
    : node_(node), host_(host), mode_(mode), out_(out), stop_(std::move(stop)) {}

void NodeConsole::stop(const std::string& cause) {
  if (stopped_) return;
  stopped_ = true;
  stop_(cause);
}

void NodeConsole::check_output() {
  if (!out_) stop("control output closed");
}

void NodeConsole::input_ended(bool terminal) {
  if (mode_ == ControlMode::kJson || terminal) stop("end of input");
}

Expected<std::string, std::string> NodeConsole::resolve(const std::string& channel, bool member) const {
  const auto ids = node_.channels();
  for (const auto& id : ids)
    if (id == channel) return id;
  std::vector<std::string> named, preferred;
  for (const auto& id : ids) {
    if (node_.channel_name(id) != channel) continue;
    named.push_back(id);
    if (node_.is_member(id) == member) preferred.push_back(id);
  }
  if (named.size() == 1) return named.front();
  if (preferred.size() == 1) return preferred.front();
  if (named.empty()) return Unexpected("no channel " + channel + " known yet (/channels lists them)");
  std::string ids_text;
  for (const auto& id : named) ids_text += " " + id;
  return Unexpected(channel + " names " + std::to_string(named.size()) +
                    " channels, give its id:" + ids_text);
}

std::string NodeConsole::send_failure(const std::string& id, const std::string& text) const {
  const std::string name = node_.channel_name(id);
  if (!node_.is_member(id)) return "not a member of " + name + " (/join it first)";
  if (node_.params().channel_crypto == engine::ChannelCrypto::kChannelKey && !node_.has_channel_key(id))
    return name + " is closed and its channel key has not arrived yet (try again in a moment)";
  return "too large: a MESSAGE with this text (" + std::to_string(text.size()) +
         " bytes) would exceed the datagram limit of " + std::to_string(node_.params().max_datagram_bytes) +
         " bytes";
}

void NodeConsole::reply(const std::string& event, const std::string& text, nlohmann::json fields) {
  if (mode_ == ControlMode::kText) {  // one line, whatever peers put in names and texts
    out_ << terminal_text(text) << std::endl;
    return check_output();
  }
  fields["event"] = event;
  out_ << dump(fields) << std::endl;
  check_output();
}

void NodeConsole::fail(const std::string& cmd, const std::string& message) {
  reply("error", "error: " + (cmd.empty() ? "" : "/" + cmd + ": ") + message,
        {{"cmd", cmd.empty() ? nlohmann::json(nullptr) : nlohmann::json(cmd)}, {"error", message}});
}

void NodeConsole::list(const std::string& what, const std::vector<std::string>& lines, nlohmann::json items) {
  if (mode_ == ControlMode::kJson) return reply(what, "", {{what, std::move(items)}});
  if (lines.empty()) out_ << what << ": (none)" << std::endl;
  for (const auto& l : lines) out_ << terminal_text(l) << std::endl;
  check_output();
}

void NodeConsole::command(const std::string& line) {
  if (line.find_first_not_of(" \t\r") == std::string::npos) return;
  const auto parsed = mode_ == ControlMode::kJson ? parse_json_command(line) : parse_text_command(line);
  if (!parsed) return fail(parsed.error().cmd, parsed.error().message);
  const NodeCommand& p = *parsed;
  if (p.cmd == "help") {
    for (const auto& c : kConsoleCommands)
      reply("help", command_usage(c) + "  " + std::string(c.summary),
            {{"cmd", c.name}, {"args", c.args}, {"summary", c.summary}});
    return;
  }
  if (p.cmd == "quit") {
    reply("quit", "bye", nlohmann::json::object());
    return stop("quit");
  }
  if (p.cmd == "peers") {
    std::vector<std::string> lines;
    auto items = nlohmann::json::array();
    for (const auto& peer : node_.peers()) {
      lines.push_back((peer.node_id.empty() ? "?" : peer.node_id) + " " + host_.describe(peer.address) +
                      (peer.verified ? " verified" : "") + (peer.address_proved ? " proved" : ""));
      items.push_back({{"node_id", peer.node_id},
                       {"address", host_.describe(peer.address)},
                       {"verified", peer.verified},
                       {"address_proved", peer.address_proved}});
    }
    return list("peers", lines, std::move(items));
  }
  if (p.cmd == "channels") {
    std::vector<std::string> lines;
    auto items = nlohmann::json::array();
    for (const auto& id : node_.channels()) {
      const auto members = node_.members(id).size();
      lines.push_back(node_.channel_name(id) + " " + id + (node_.is_member(id) ? " member" : "") + " (" +
                      std::to_string(members) + " members)");
      items.push_back({{"channel", node_.channel_name(id)},
                       {"channel_id", id},
                       {"member", node_.is_member(id)},
                       {"members", members}});
    }
    return list("channels", lines, std::move(items));
  }
  if (p.cmd == "create") {
    for (const auto& known : node_.channels())
      if (node_.channel_name(known) == p.name)
        return fail(p.cmd, "a channel named " + p.name + " exists already (" + known + ")");
    std::string id;
    host_.act([&](TimeNs now, Output& out) { id = node_.create_channel(now, p.name, p.closed, out); });
    return reply("created", "created " + p.name + " " + id + (p.closed ? " (closed)" : ""),
                 {{"channel", p.name}, {"channel_id", id}, {"closed", p.closed}});
  }
  const auto resolved = resolve(p.channel, p.cmd != "join");
  if (!resolved) return fail(p.cmd, resolved.error());
  const std::string& id = *resolved;
  const std::string name = node_.channel_name(id);
  nlohmann::json fields{{"channel", name}, {"channel_id", id}};
  if (p.cmd == "join" || p.cmd == "leave") {
    bool ok = false;
    host_.act([&](TimeNs now, Output& out) {
      ok = p.cmd == "join" ? node_.join_channel(now, id, out) : node_.leave_channel(now, id, out);
    });
    if (!ok) return fail(p.cmd, p.cmd == "join" ? "already a member of " + name : "not a member of " + name);
    return reply(p.cmd == "join" ? "joined" : "left", (p.cmd == "join" ? "joined " : "left ") + name, fields);
  }
  std::optional<std::string> msg_id;
  host_.act([&](TimeNs now, Output& out) { msg_id = node_.send_message(now, id, p.text, {}, out); });
  if (!msg_id) return fail(p.cmd, send_failure(id, p.text));
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
  // Untied: reading stdin must not flush stdout from this thread (the io thread writes it; a
  // failed flush here, e.g. EPIPE, would also end the input instead of reporting the output).
  std::cin.tie(nullptr);
  std::thread([io, console = &console] {
    std::string line;
    while (std::getline(std::cin, line)) boost::asio::post(*io, [console, line] { console->command(line); });
    const bool terminal = isatty(STDIN_FILENO) == 1;
    boost::asio::post(*io, [console, terminal] { console->input_ended(terminal); });
  }).detach();
}

}  // namespace ptplab::cli
