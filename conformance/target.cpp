// Targets, and the reachability probe run before any case.
#include "conformance/target.hpp"

#include <algorithm>
#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <chrono>

#include "conformance/udp_transport.hpp"
#include "engine/wire/codec.hpp"

namespace ptplab::conformance {

std::unique_ptr<Transport> UdpTarget::open(std::uint64_t) { return std::make_unique<UdpTransport>(address_); }

std::unique_ptr<Transport> InProcessTarget::open(std::uint64_t seed) {
  return std::make_unique<InProcessTransport>(factory_, seed);
}

Expected<std::monostate, std::string> probe_reachable(const Address& address, const std::string& node_id,
                                                      const ProbeOptions& options) {
  namespace asio = boost::asio;
  using asio::ip::udp;
  asio::io_context io;
  std::array<char, 65536> buffer{};  // outlives the socket and its pending receive
  udp::socket socket(io);
  boost::system::error_code ec;
  // A connected socket, so that an ICMP "port unreachable" comes back as ECONNREFUSED.
  socket.open(udp::v4(), ec);
  if (!ec) socket.connect(udp::endpoint(asio::ip::address_v4(address.ip), address.port), ec);
  if (ec) return Unexpected("cannot reach " + address.to_string() + ": " + ec.message());
  const std::string hello = wire::encode(wire::Hello{node_id, std::string("ptplab-conform")});
  const TimeNs deadline = steady_now() + options.wait_ns;
  bool answered = false;
  bool refused = false;
  bool waiting = false;
  std::string error;
  while (!answered && !(refused && options.refused_is_final) && error.empty() && steady_now() < deadline) {
    if (options.give_up) {
      if (auto why = options.give_up(); !why.empty()) return Unexpected(why);
    }
    refused = false;
    socket.send(asio::buffer(hello), 0, ec);
    if (ec == asio::error::connection_refused) {
      refused = true;
    } else if (ec) {
      error = ec.message();
    }
    if (!waiting) {
      waiting = true;
      socket.async_receive(asio::buffer(buffer), [&](const boost::system::error_code& e, std::size_t n) {
        waiting = false;
        if (e == asio::error::connection_refused) refused = true;
        if (!e && n > 0) answered = true;
      });
    }
    const TimeNs wait = std::min(options.retry_ns, deadline - steady_now());
    if (wait > 0) {
      io.restart();
      io.run_one_for(std::chrono::nanoseconds(wait));
    }
  }
  if (answered) return std::monostate{};
  if (refused) return Unexpected("nothing listens on " + address.to_string() + " (port unreachable)");
  if (!error.empty()) return Unexpected("cannot send to " + address.to_string() + ": " + error);
  return Unexpected("no answer from " + address.to_string() + " within " + format_duration(options.wait_ns) +
                    " (a target that answers only on its own timer needs --ready-timeout above its HELLO "
                    "interval)");
}

}  // namespace ptplab::conformance
