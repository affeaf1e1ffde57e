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
  // `quit` is called for /quit (it stops the host and the signal wait).
  NodeConsole(engine::Node& node, engine::UdpHost& host, ControlMode mode, std::ostream& out,
              std::function<void()> quit);

  // Carries out one command line (text: "/msg room hi"; json: {"cmd":"msg","channel":"room","text":"hi"};
  // node_command.hpp). Errors are printed naming the command ("error: /msg: not a member of room" or
  // {"cmd":"msg","error":...,"event":"error"}), never thrown. /create refuses a name a channel we know
  // has already.
  void command(const std::string& line);
  // Prints what the user sees of an engine event: deliveries as "[channel] node: text" (text mode,
  // control characters in any of them escaped so a peer cannot forge lines)
  // or {"event":"message",...}; joins and leaves in JSON mode.
  void on_event(const Event& e);

 private:
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
  std::function<void()> quit_;
};

// Reads stdin lines on a thread of its own and posts each to `io` for `console` (on the io
// thread). End of input (a closed pipe, </dev/null) ends only the reader: the node runs on until
// signalled or told /quit. `io` is kept alive by the reader until it ends.
void read_commands(const std::shared_ptr<boost::asio::io_context>& io, NodeConsole& console);

}  // namespace ptplab::cli
