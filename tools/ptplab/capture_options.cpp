#include "tools/ptplab/capture_options.hpp"

#include "scenarios/runner/network_setup.hpp"

namespace ptplab::cli {
namespace {

namespace po = boost::program_options;

// "a,b" and repeated options alike: every non-empty item.
std::vector<std::string> items(const po::variables_map& vm, const char* name) {
  std::vector<std::string> out;
  if (!vm.count(name)) return out;
  for (const auto& arg : vm[name].as<std::vector<std::string>>()) {
    std::size_t start = 0;
    while (start <= arg.size()) {
      const auto comma = arg.find(',', start);
      const auto end = comma == std::string::npos ? arg.size() : comma;
      if (end > start) out.push_back(arg.substr(start, end - start));
      start = end + 1;
    }
  }
  return out;
}

}  // namespace

void add_capture_options(po::options_description& options) {
  options.add_options()("pcap", po::value<std::string>(),
                        "write every datagram the nodes send (at its send time, before loss, NAT or "
                        "queues act on it: the set the report's traffic table counts) to FILE as "
                        "IPv4/UDP packets (pcap, nanosecond timestamps from simulated time); open it "
                        "with tshark/Wireshark and tools/wireshark/ptpchat.lua")(
      "pcap-hosts", po::value<std::vector<std::string>>()->composing(),
      "capture only datagrams from or to these node groups or IPv4 addresses (comma list, repeatable)")(
      "pcap-verbs", po::value<std::vector<std::string>>()->composing(),
      "capture only these verbs (HELLO, MESSAGE, ..., invalid; comma list, repeatable)");
}

Expected<std::monostate, std::string> Capture::close() {
  if (!writer) return std::monostate{};
  auto closed = writer->close();
  writer.reset();
  request.sink = nullptr;
  return closed;
}

Expected<Capture, std::string> open_capture(const po::variables_map& vm,
                                            const std::vector<scenarios::Scenario>& scenarios) {
  Capture c;
  c.request.hosts = items(vm, "pcap-hosts");
  c.request.verbs = items(vm, "pcap-verbs");
  if (!vm.count("pcap")) {
    if (!c.request.hosts.empty() || !c.request.verbs.empty()) {
      return Unexpected(std::string("--pcap-hosts and --pcap-verbs need --pcap FILE"));
    }
    return c;
  }
  if (scenarios.size() != 1) return Unexpected(std::string("--pcap takes one scenario per run"));
  // Check the filters before anything runs (the tap itself is made again inside the run).
  if (auto tap = scenarios::CaptureTap::make(c.request, scenarios.front(),
                                             scenarios::plan_network(scenarios.front()));
      !tap) {
    return Unexpected(tap.error());
  }
  auto w = reports::PcapWriter::open(vm["pcap"].as<std::string>());
  if (!w) return Unexpected(w.error());
  c.writer = std::move(*w);
  c.request.sink = c.writer.get();
  return c;
}

}  // namespace ptplab::cli
