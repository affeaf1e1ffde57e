// libFuzzer target: arbitrary datagrams fed to a running Node (peered, member of an open and a
// closed channel, with a pending retransmission). The Node must never throw or crash, and must
// always state its next deadline.
#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/node/node.hpp"

namespace {

// Every call must state the Node's next deadline; the outputs are then dropped.
void check_and_clear(ptplab::Output& out) {
  if (!out.wake()) __builtin_trap();
  out.clear();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ptplab;
  ptplab::engine::NodeParams params;
  params.anti_amplification_enabled = (size % 2) == 0;
  engine::Node node(params, 1);
  Output out;
  const Address peer{0x0a000002, 4000};
  node.start(0, out);
  node.add_peer(0, peer, out);
  node.on_datagram(kMillisecond, peer, make_bytes(R"({"msg_type":"HELLO","msg_data":{"node_id":"p"}})"), out);
  node.create_channel(2 * kMillisecond, "open", false, out);
  node.create_channel(3 * kMillisecond, "closed", true, out);
  // The input is one datagram, or several separated by a NUL byte.
  const std::string input(reinterpret_cast<const char*>(data), size);
  TimeNs now = kSecond;
  std::size_t start = 0;
  while (start <= input.size()) {
    const auto end = std::min(input.find('\0', start), input.size());
    node.on_datagram(now, peer, make_bytes(input.substr(start, end - start)), out);
    check_and_clear(out);
    now += 100 * kMillisecond;
    node.on_timer(now, out);
    check_and_clear(out);
    start = end + 1;
  }
  node.on_timer(now + kMinute, out);
  return 0;
}
