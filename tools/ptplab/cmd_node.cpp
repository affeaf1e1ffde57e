// `ptplab node`: the engine's Node on a real UDP socket with the wall (steady) clock, logging
// its events as JSON lines, until SIGINT or SIGTERM. It is the reference implementation that
// `ptplab conform` is validated against.
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/program_options.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "conformance/engine_target.hpp"
#include "engine/io/identity.hpp"
#include "engine/io/udp_host.hpp"
#include "engine/node/node.hpp"
#include "reports/capture/pcap_writer.hpp"
#include "tools/ptplab/command.hpp"
#include "tools/ptplab/node_console.hpp"
#include "tools/ptplab/terminal_text.hpp"

namespace ptplab::cli {
namespace {

namespace po = boost::program_options;

// An event as a log line; `host` names its addresses (IPv6 peers by their real address).
nlohmann::json event_json(TimeNs now, const Event& e, const engine::UdpHost& host) {
  nlohmann::json j{{"t_ns", now}, {"event", std::string(event_kind_name(e.kind))}};
  if (e.verb) j["verb"] = std::string(verb_name(*e.verb));
  if (e.reason != Reason::kNone) j["reason"] = std::string(reason_name(e.reason));
  if (!e.msg_id.empty()) j["msg_id"] = std::string(e.msg_id);
  if (!e.node_id.empty()) j["node_id"] = std::string(e.node_id);
  if (!e.channel_id.empty()) j["channel_id"] = std::string(e.channel_id);
  if (e.peer != Address{}) j["peer"] = host.describe(e.peer);
  if (e.kind == EventKind::kDelivered) j["hops"] = e.hops;
  if (e.value != 0) j["value"] = e.value;
  return j;
}

std::string dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

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
  po::options_description opts("ptplab node: run a ptpchat node on a UDP socket");
  std::string listen = "127.0.0.1:9001", params_file, log_file, identity_file, pcap_file, control = "text";
  std::vector<std::string> peers, channels;
  std::uint64_t seed = 1;
  opts.add_options()("help,h", "this help")(
      "listen", po::value(&listen),
      "HOST:PORT to listen on: an IPv4 address, [IPv6] ([::1]:7000; also reaches IPv4 peers) or a name "
      "(localhost:7000; its IPv4 address first) (default 127.0.0.1:9001; port 0: any)")(
      "peer", po::value(&peers)->composing(),
      "HOST:PORT of a node to HELLO at start, in --listen's forms (repeatable; IPv6 peers need an IPv6 "
      "--listen)")(
      "channel", po::value(&channels)->composing(),
      "NAME or NAME:closed: create this channel at start (repeatable; replaces the default channels)")(
      "no-channels",
      "start with no channel (default without --channel: an open channel 'lobby-<first 8 hex digits of "
      "the node_id>' and a closed one '...-closed', printed at start in text mode)")(
      "params", po::value(&params_file),
      "FILE holding a JSON object of NodeParams overrides ({\"peer_timeout_ns\": \"15s\"})")(
      "log", po::value(&log_file), "write events as JSON lines here (default: stderr)")(
      "control", po::value(&control),
      "stdin commands and stdout lines: text (/create NAME [closed], /join, /leave, /msg CHANNEL TEXT, "
      "/peers, /channels, /quit; messages as [channel] node: text) or json (JSON lines both ways)")(
      "pcap", po::value(&pcap_file),
      "write every datagram the node sends and receives to FILE as IPv4/UDP packets (pcap, wall-clock "
      "timestamps; complete when the node stops); open with tools/wireshark/ptpchat.lua")(
      "identity", po::value(&identity_file),
      "PEM file of the node's key and certificate: loaded if it exists, else created (mode 0600)")(
      "seed", po::value(&seed),
      "for reproducible test nodes: derive id, keys and random choices from this seed (default: a fresh "
      "identity from the OS random source)");
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(opts).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "ptplab node: " << e.what() << "\n" << opts;
    return 2;
  }
  if (vm.count("help")) {
    std::cout << opts;
    return 0;
  }
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
  engine::UdpHost host(io, node, [&](TimeNs now, const Event& e) {
    // Flushed per line: a --log file is read while the node runs (tail -f, scripts).
    log << dump(event_json(now, e, host)) << std::endl;
    if (console) console->on_event(e);
  });
  const auto bound = host.bind(listen);
  if (!bound) {
    std::cerr << "ptplab node: --listen: " << bound.error() << "\n";
    return 2;
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
  if (!pcap_file.empty()) {
    auto w = reports::PcapWriter::open(pcap_file);
    if (!w) {
      std::cerr << "ptplab node: " << w.error() << "\n";
      return 2;
    }
    capture = std::move(*w);
    host.set_tap([&](const Address& from, const Address& to, std::string_view bytes) {
      const auto wall = std::chrono::system_clock::now().time_since_epoch();
      capture->datagram(std::chrono::duration_cast<std::chrono::nanoseconds>(wall).count(), from, to, bytes);
    });
  }
  log << dump({{"t_ns", engine::steady_clock_now()},
               {"event", "listening"},
               {"address", host.describe(*bound)},
               {"node_id", node.node_id()}})
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

  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  console = std::make_unique<NodeConsole>(
      node, host, control == "json" ? ControlMode::kJson : ControlMode::kText, std::cout, [&] {
        host.stop();
        signals.cancel();
      });
  read_commands(io_owner, *console);
  signals.async_wait([&](const boost::system::error_code& ec, int signal) {
    if (ec) return;
    log << dump({{"t_ns", engine::steady_clock_now()},
                 {"event", "stopping"},
                 {"signal", signal},
                 {"received", host.received()},
                 {"sent", host.sent()},
                 {"dropped_unmapped", host.dropped_unmapped()}})
        << std::endl;
    host.stop();
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
