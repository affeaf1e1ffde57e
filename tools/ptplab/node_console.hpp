// `ptplab node`'s user interface on stdin/stdout: a line interface for people (/create, /join,
// /leave, /msg, /peers, /channels, /quit) and JSON lines for scripts (`--control json`). Commands
// reach the Node through its user-action entry points on the io thread: a reader thread only
// posts each line to the io_context that runs the node, so the Node is never touched concurrently.
#pragma once

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "engine/core/event.hpp"
#include "engine/core/expected.hpp"

namespace boost::asio {
class io_context;
}  // namespace boost::asio

namespace ptplab::engine {
class Node;
class UdpHost;
}  // namespace ptplab::engine

namespace ptplab::cli {

// How stdin commands are read and stdout lines written.
enum class ControlMode { kText, kJson };

// Why: one place that turns user commands into Node actions and Node deliveries into lines.
// Lives on the io thread; everything it does runs there.
class NodeConsole {
 public:
  // `stop` stops the node (the host and the signal wait) and is called once, with its cause:
  // "quit" (/quit), "end of input" (input_ended), "control output closed" (a write to `out`
  // failed, e.g. EPIPE: the reader of stdout went away).
  NodeConsole(engine::Node& node, engine::UdpHost& host, ControlMode mode, std::ostream& out,
              std::function<void(const std::string& cause)> stop);

  // Carries out one command line (text: "/msg room hi"; json: {"cmd":"msg","channel":"room","text":"hi"};
  // node_command.hpp). Errors are printed naming the command ("error: /msg: not a member of room" or
  // {"cmd":"msg","error":...,"event":"error"}), never thrown. /create refuses a name a channel we know
  // has already.
  void command(const std::string& line);
  // Prints what the user sees of an engine event: deliveries as "[channel] node: text" (text mode,
  // control characters in any of them escaped so a peer cannot forge lines)
  // or {"event":"message",...}; joins and leaves in JSON mode.
  void on_event(const Event& e);
  // The command input ended (EOF). JSON control: the node stops (a script that closes its pipe,
  // or dies, ends the node). Text console: it stops when the input was a terminal (Ctrl-D, as in
  // a shell); from a pipe, a file or </dev/null the node runs on until signalled (a node started
  // in the background keeps running).
  void input_ended(bool terminal);

 private:
  // Stops the node with `cause` (once).
  void stop(const std::string& cause);
  // After a write to out_: a failed stream (the reader went away) stops the node.
  void check_output();
  // The channel_id of CHANNEL given as an id or a name we know. A name several channels share
  // picks the one whose membership is `member` (join: one we are not in; msg, leave: one we are
  // in) if exactly one is; else an error that lists their ids. Unknown: an error.
  [[nodiscard]] Expected<std::string, std::string> resolve(const std::string& channel, bool member) const;
  // Why send_message refused `text` for channel `id`: not a member, a closed channel whose key
  // has not arrived, or a MESSAGE larger than NodeParams::max_datagram_bytes.
  [[nodiscard]] std::string send_failure(const std::string& id, const std::string& text) const;
  // One answer: `text` in text mode (control characters escaped: terminal_text.hpp), {"event": event,
  // ...fields} in JSON mode.
  void reply(const std::string& event, const std::string& text, nlohmann::json fields);
  // The answer to a command that failed: "error: /CMD: MESSAGE" or
  // {"cmd":CMD,"error":MESSAGE,"event":"error"} (CMD null when the line named none).
  void fail(const std::string& cmd, const std::string& message);
  // A listing (peers, channels): one text line per item, "WHAT: (none)" when there is none; in
  // JSON one line {"event":WHAT, WHAT:[items]}.
  void list(const std::string& what, const std::vector<std::string>& lines, nlohmann::json items);

  engine::Node& node_;
  engine::UdpHost& host_;
  ControlMode mode_;
  std::ostream& out_;
  std::function<void(const std::string&)> stop_;
  bool stopped_ = false;
};

// Reads stdin lines on a thread of its own and posts each to `io` for `console` (on the io
// thread), then the end of input (NodeConsole::input_ended, with whether stdin is a terminal).
// `io` is kept alive by the reader until it ends.
void read_commands(const std::shared_ptr<boost::asio::io_context>& io, NodeConsole& console);

}  // namespace ptplab::cli
