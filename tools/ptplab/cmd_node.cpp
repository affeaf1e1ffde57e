// `ptplab node`: the engine's Node on a real UDP socket with the wall (steady) clock, logging
// its events as JSON lines, until SIGINT, SIGTERM, SIGHUP, /quit or (JSON control, or a terminal)
// the end of its input. It is the reference implementation that
// `ptplab conform` is validated against.
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/program_options.hpp>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <utility>

#include "conformance/engine_target.hpp"
#include "engine/io/identity.hpp"
#include "engine/io/udp_host.hpp"
#include "engine/node/node.hpp"
#include "reports/capture/pcap_writer.hpp"
#include "tools/ptplab/command.hpp"
#include "tools/ptplab/command_line.hpp"
#include "tools/ptplab/node_console.hpp"
#include "tools/ptplab/node_log.hpp"
#include "tools/ptplab/terminal_text.hpp"

namespace ptplab::cli {
namespace {

namespace po = boost::program_options;

// The node: seeded (reproducible), from an identity file (created with a fresh identity if
// missing), or fresh from the OS random source.
Expected<engine::Node, std::string> make_node(const engine::NodeParams& params,
                                              std::optional<std::uint64_t> seed,
                                              const std::string& identity_file) {
  if (seed) return engine::Node(params, *seed);
  if (!identity_file.empty() && std::filesystem::exists(identity_file)) {
    auto loaded = engine::load_identity(identity_file);
    if (!loaded) return Unexpected(loaded.error());
    return engine::Node(params, *loaded);
  }
  auto fresh = engine::fresh_identity();
  if (!fresh) return Unexpected(fresh.error());
  engine::Node node(params, *fresh);
  if (!identity_file.empty()) {
    engine::NodeIdentity stored = *fresh;
    stored.node_id = node.node_id();
    if (auto saved = engine::save_identity(identity_file, stored, node.certificate_der()); !saved)
      return Unexpected(saved.error());
  }
  return node;
}

// The channels a node started without --channel hosts, so that it is a chat node out of the box
// (`/join lobby-1a2b3c4d` at another node) and every conformance case, the closed-channel ones
// included, can run against it: "lobby-" and the first 8 hex digits of its node_id, open, and the
// same with "-closed". Named per node, as every node creates its own (with its own channel_id): a
// shared name would make `/msg lobby` ambiguous. `--no-channels` starts it with none.
std::vector<conformance::ChannelSpec> default_node_channels(const std::string& node_id) {
  const std::string name = "lobby-" + node_id.substr(0, 8);
  return {conformance::ChannelSpec{name, false}, conformance::ChannelSpec{name + "-closed", true}};
}

int run_node(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);  // a write to a closed stdout fails (EPIPE) instead of killing us
  po::options_description opts(
      "usage: ptplab node [--listen HOST:PORT] [--peer HOST:PORT]... [--channel NAME[:closed]]...\n"
      "                   [--no-channels] [--identity FILE | --seed N] [--params FILE] [--log FILE]\n"
      "                   [--control text|json] [--pcap FILE] [--receive-buffer BYTES] [--log-drops N]\n\n"
      "Runs a ptpchat node (the engine) on a real UDP socket until SIGINT, SIGTERM, SIGHUP or /quit;\n"
      "reads chat commands on stdin, prints arriving messages on stdout and events as JSON lines on\n"
      "stderr (or --log). HOST:PORT forms are those of --listen.\n"
      "Exit status: 0 stopped (a signal, /quit, or the end of a json control input); 2 a usage error\n"
      "or a start-up failure (an invalid option or --params, --listen cannot bind, a --peer does not\n"
      "resolve, an unreadable --identity or one others may read, an unwritable --log or --pcap).\n\noptions");
  std::string listen = "127.0.0.1:9001", params_file, log_file, identity_file, pcap_file, control = "text";
  std::vector<std::string> peers, channels;
  std::uint64_t seed = 1;
  std::size_t receive_buffer = 4U << 20;
  std::uint64_t drop_lines = 100;
  opts.add_options()("help,h", "this help")(
      "listen", po::value(&listen),
      "HOST:PORT to listen on: an IPv4 address, [IPv6] ([::]:7000 also reaches IPv4 peers, [::1]:7000 IPv6 "
      "ones only) or a name "
      "(localhost:7000; its IPv4 address first) (default 127.0.0.1:9001; port 0: any)")(
      "peer", po::value(&peers)->composing(),
      "HOST:PORT of a node to HELLO at start, in --listen's forms (repeatable; IPv6 peers need an IPv6 "
      "--listen)")("channel", po::value(&channels)->composing(),
                   "NAME or NAME:closed: create this channel at start (repeatable, names unique; replaces "
                   "the default channels)")(
      "no-channels",
      "start with no channel (default without --channel: an open channel 'lobby-<first 8 hex digits of "
      "the node_id>' and a closed one '...-closed', printed at start in text mode)")(
      "params", po::value(&params_file),
      "FILE holding a JSON object of NodeParams overrides ({\"peer_timeout_ns\": \"15s\"})")(
      "log", po::value(&log_file), "write events as JSON lines here (default: stderr)")(
      "control", po::value(&control),
      "stdin commands and stdout lines: text (/create NAME [closed], /join, /leave, /msg CHANNEL TEXT, "
      "/peers, /channels, /quit; messages as [channel] node: text) or json (JSON lines both ways). End of "
      "input stops a json node, and a text node whose stdin is a terminal (Ctrl-D); a text node reading a "
      "pipe or </dev/null runs on until SIGINT, SIGTERM or SIGHUP")(
      "pcap", po::value(&pcap_file),
      "write every datagram the node sends and receives to FILE as IPv4/UDP packets (pcap, wall-clock "
      "timestamps; complete when the node stops; datagrams of IPv6 peers are skipped, counted as "
      "pcap_skipped_ipv6 in the stopping event); open with tools/wireshark/ptpchat.lua")(
      "receive-buffer", po::value(&receive_buffer),
      "BYTES of socket receive buffer to ask for (SO_RCVBUF), so that a burst waits instead of being "
      "dropped; the kernel caps it at net.core.rmem_max unless the node has CAP_NET_ADMIN, and the "
      "listening event reports what it granted "
      "(default 4194304; 0: the system default)")(
      "log-drops", po::value(&drop_lines),
      "at most N dropped/rate_limited lines per second in the log; the rest are counted in one "
      "'suppressed' line a second and in the stopping event (default 100; 0: every one)")(
      "identity", po::value(&identity_file),
      "PEM file of the node's key and certificate: loaded if it exists, else created (mode 0600); refused "
      "if group or others may read it (as ssh does)")(
      "seed", po::value(&seed),
      "for reproducible test nodes: derive id, keys and random choices from this seed (default: a fresh "
      "identity from the OS random source)");
  po::variables_map vm;
  if (const auto stop = parse_command_line("node", argc, argv, opts, opts, {}, vm)) return *stop;
  if (vm.count("no-channels") && !channels.empty()) {
    std::cerr << "ptplab node: --channel and --no-channels exclude each other\n";
    return 2;
  }
  std::vector<conformance::ChannelSpec> specs;
  for (const auto& c : channels) {
    const auto spec = conformance::parse_channel_spec(c);
    if (!spec) {
      std::cerr << "ptplab node: --channel wants NAME or NAME:closed, got '" << c << "'\n";
      return 2;
    }
    // As /create refuses a name a channel has already: two channels of one name are ambiguous.
    for (const auto& earlier : specs) {
      if (earlier.name == spec->name) {
        std::cerr << "ptplab node: --channel " << spec->name
                  << " is given twice (channel names are unique)\n";
        return 2;
      }
    }
    specs.push_back(*spec);
  }
  engine::NodeParams params = conformance::reference_node_params();
  if (!params_file.empty()) {
    std::ifstream f(params_file);
    const auto j = nlohmann::json::parse(f, nullptr, false);
    if (!f || j.is_discarded() || !j.is_object()) {
      std::cerr << "ptplab node: --params " << params_file << " is not a readable JSON object\n";
      return 2;
    }
    const auto set = engine::set_params(params, j);
    if (!set) {
      std::cerr << "ptplab node: --params " << params_file << ": " << set.error() << "\n";
      return 2;
    }
  }
  if (const auto valid = engine::validate_params(params); !valid) {
    std::cerr << "ptplab node: " << valid.error() << "\n";
    return 2;
  }
  // Review 7, M1: invitations are handed out by the simulator's workload only; a real node has no
  // command to give or take one, so under "invite" it learns only its direct peers' channels.
  if (params.propagation == engine::Propagation::kMesh &&
      params.channel_discovery == engine::ChannelDiscovery::kInvite)
    std::cerr << "ptplab node: warning: channel_discovery \"invite\": this node floods no channel it creates "
                 "and relays no listing, and ptplab node has no command to hand out or accept an "
                 "invitation (the simulator's workload does): only its direct peers learn of its channels, "
                 "and it learns only theirs\n";
  std::ofstream log_stream;
  if (!log_file.empty()) {
    log_stream.open(log_file, std::ios::app);
    if (!log_stream) {
      std::cerr << "ptplab node: cannot write --log " << log_file << "\n";
      return 2;
    }
  }
  std::ostream& log = log_file.empty() ? std::cerr : log_stream;

  if (control != "text" && control != "json") {
    std::cerr << "ptplab node: --control wants text or json, got '" << control << "'\n";
    return 2;
  }
  if (vm.count("seed") && !identity_file.empty()) {
    std::cerr << "ptplab node: --seed and --identity exclude each other\n";
    return 2;
  }
  auto made = make_node(params, vm.count("seed") ? std::optional(seed) : std::nullopt, identity_file);
  if (!made) {
    std::cerr << "ptplab node: " << made.error() << "\n";
    return 2;
  }
  engine::Node& node = *made;
  if (channels.empty() && !vm.count("no-channels")) specs = default_node_channels(node.node_id());
  node.set_epoch_offset(engine::epoch_offset_now());  // MESSAGE timestamps: epoch ms
  // Shared with the stdin reader thread, which may outlive run_node's io loop (node_console.hpp).
  const auto io_owner = std::make_shared<boost::asio::io_context>();
  boost::asio::io_context& io = *io_owner;
  std::unique_ptr<NodeConsole> console;
  std::unique_ptr<NodeLog> events;
  engine::UdpHost host(io, node, [&](TimeNs now, const Event& e) {
    events->event(now, e);
    if (console) console->on_event(e);
  });
  events = std::make_unique<NodeLog>(log, host, drop_lines);
  // Flushed once per wake-up (a batch of datagrams, a timer, a command): a --log file is read
  // while the node runs (tail -f, scripts), and a flood costs no write per line.
  host.set_flush([&] { log.flush(); });
  host.set_send_failure(
      [&](TimeNs now, const Address& to, int error) { events->send_failed(now, to, error); });
  const auto bound = host.bind(listen);
  if (!bound) {
    std::cerr << "ptplab node: --listen: " << bound.error() << "\n";
    return 2;
  }
  if (receive_buffer > 0) {
    if (const auto granted = host.set_receive_buffer(receive_buffer); !granted) {
      std::cerr << "ptplab node: --receive-buffer: " << granted.error() << "\n";
      return 2;
    }
  }
  std::vector<Address> peer_addresses;
  for (const auto& p : peers) {
    const auto a = host.resolve(p);
    if (!a) {
      std::cerr << "ptplab node: --peer: " << a.error() << "\n";
      return 2;
    }
    peer_addresses.push_back(*a);
  }
  std::unique_ptr<reports::PcapWriter> capture;
  std::uint64_t pcap_skipped_ipv6 = 0;
  if (!pcap_file.empty()) {
    auto w = reports::PcapWriter::open(pcap_file);
    if (!w) {
      std::cerr << "ptplab node: " << w.error() << "\n";
      return 2;
    }
    capture = std::move(*w);
    host.set_tap([&](const Address& from, const Address& to, std::string_view bytes) {
      // An IPv6 peer's stand-in is no address on any wire: skipped, and counted. The node's own
      // address is a stand-in when it listens on [::]: to IPv4 peers it is the wildcard 0.0.0.0.
      const bool sent = from == host.address();
      if (host.is_stand_in(sent ? to : from)) return static_cast<void>(++pcap_skipped_ipv6);
      const auto self = host.is_stand_in(host.address()) ? Address{0, host.address().port} : host.address();
      const auto wall = std::chrono::system_clock::now().time_since_epoch();
      capture->datagram(std::chrono::duration_cast<std::chrono::nanoseconds>(wall).count(),
                        sent ? self : from, sent ? to : self, bytes);
    });
  }
  log << dump({{"t_ns", engine::steady_clock_now()},
               {"event", "listening"},
               {"address", host.describe(*bound)},
               {"node_id", node.node_id()},
               {"receive_buffer_bytes", host.receive_buffer()}})
      << std::endl;
  host.start();
  host.act([&](TimeNs now, Output& out) {
    for (const auto& s : specs) {
      const std::string id = node.create_channel(now, s.name, s.closed, out);
      log << dump({{"t_ns", now},
                   {"event", "channel_created"},
                   {"channel", s.name},
                   {"channel_id", id},
                   {"closed", s.closed}})
          << std::endl;
      if (control == "text")  // as /create answers: the names to /join and /msg
        std::cout << terminal_text("created " + s.name + " " + id + (s.closed ? " (closed)" : ""))
                  << std::endl;
    }
    for (const auto& p : peer_addresses) node.add_peer(now, p, out);
  });

  // Every way the node stops logs one "stopping" event with its cause, then the io loop runs
  // out of work and the capture is completed. SIGHUP (the terminal went away) stops it like
  // SIGTERM; SIGPIPE is ignored, so a closed stdout is a failed write (the console stops the
  // node: "control output closed"), not a silent death.
  boost::asio::signal_set signals(io, SIGINT, SIGTERM, SIGHUP);
  bool stopping = false;
  const auto stop_node = [&](const std::string& cause, int signal) {
    if (std::exchange(stopping, true)) return;
    nlohmann::json j{{"t_ns", engine::steady_clock_now()},
                     {"event", "stopping"},
                     {"cause", cause},
                     {"received", host.received()},
                     {"sent", host.sent()},
                     {"dropped_unmapped", host.dropped_unmapped()},
                     {"stand_ins_reclaimed", host.stand_ins_reclaimed()},
                     {"dropped_queue_full", host.dropped_queue_full()},
                     {"pcap_skipped_ipv6", pcap_skipped_ipv6}};
    if (signal != 0) j["signal"] = signal;
    j.update(events->tally());
    log << dump(j) << std::endl;
    host.stop();
    signals.cancel();
  };
  console =
      std::make_unique<NodeConsole>(node, host, control == "json" ? ControlMode::kJson : ControlMode::kText,
                                    std::cout, [&](const std::string& cause) { stop_node(cause, 0); });
  read_commands(io_owner, *console);
  signals.async_wait([&](const boost::system::error_code& ec, int signal) {
    if (ec) return;
    stop_node(signal == SIGINT ? "SIGINT" : signal == SIGTERM ? "SIGTERM" : "SIGHUP", signal);
  });
  io.run();
  log.flush();
  if (capture) {
    host.set_tap({});
    if (auto closed = capture->close(); !closed) std::cerr << "ptplab node: " << closed.error() << "\n";
  }
  return 0;
}

}  // namespace

PTPLAB_COMMAND("node", "run a ptpchat node on a real UDP socket (the reference implementation)", run_node);

}  // namespace ptplab::cli
