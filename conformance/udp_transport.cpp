// Real UDP peers for the harness: asynchronous receives on every peer socket, drained by
// poll_until() with a deadline (never a fixed sleep).
#include "conformance/udp_transport.hpp"

#include <boost/asio/ip/address_v4.hpp>
#include <chrono>

namespace ptplab::conformance {

namespace asio = boost::asio;
using asio::ip::udp;

TimeNs steady_now() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

UdpTransport::UdpTransport(Address target) : target_(target) {}

UdpTransport::~UdpTransport() {
  for (auto& s : sockets_) {
    boost::system::error_code ignored;
    s->socket.close(ignored);
  }
}

Expected<int, std::string> UdpTransport::open_peer() {
  if (static_cast<int>(sockets_.size()) >= kPeersMax) return Unexpected(std::string("too many peers"));
  auto s = std::make_unique<Socket>(io_);
  boost::system::error_code ec;
  // Bind on the interface that routes to the target: loopback targets get loopback peers.
  const auto local = target_.ip >> 24 == 127 ? asio::ip::address_v4(target_.ip) : asio::ip::address_v4::any();
  s->socket.open(udp::v4(), ec);
  if (!ec) s->socket.bind(udp::endpoint(local, 0), ec);
  if (ec) return Unexpected("cannot open a UDP socket: " + ec.message());
  const auto ep = s->socket.local_endpoint(ec);
  if (ec) return Unexpected("cannot read the socket address: " + ec.message());
  s->address = Address{local.to_uint(), ep.port()};
  sockets_.push_back(std::move(s));
  const int index = static_cast<int>(sockets_.size()) - 1;
  receive(index);
  return index;
}

Address UdpTransport::peer_address(int peer) const { return sockets_.at(peer)->address; }

void UdpTransport::send(int peer, const Address& to, const std::string& bytes) {
  boost::system::error_code ignored;  // a refused or lost datagram is the target's silence
  sockets_.at(peer)->socket.send_to(asio::buffer(bytes), udp::endpoint(asio::ip::address_v4(to.ip), to.port),
                                    0, ignored);
}

TimeNs UdpTransport::now() const { return steady_now(); }

void UdpTransport::receive(int peer) {
  Socket& s = *sockets_[peer];
  s.socket.async_receive_from(
      asio::buffer(s.buffer), s.from, [this, peer](const boost::system::error_code& ec, std::size_t n) {
        if (ec == asio::error::operation_aborted) return;
        Socket& r = *sockets_[peer];
        if (!ec) {
          Arrival a{steady_now(), peer, Address{r.from.address().to_v4().to_uint(), r.from.port()},
                    std::string(r.buffer.data(), n)};
          (sink_ ? *sink_ : early_).push_back(std::move(a));
        }
        receive(peer);
      });
}

void UdpTransport::poll_until(TimeNs deadline, std::vector<Arrival>& arrivals) {
  const std::size_t before = arrivals.size();
  for (auto& a : early_) arrivals.push_back(std::move(a));
  early_.clear();
  sink_ = &arrivals;
  while (arrivals.size() == before) {
    const TimeNs left = deadline - steady_now();
    if (left <= 0 || sockets_.empty()) break;
    if (io_.stopped()) io_.restart();
    io_.run_one_for(std::chrono::nanoseconds(left));
  }
  // Take whatever else is already waiting, without blocking.
  if (io_.stopped()) io_.restart();
  io_.poll();
  sink_ = nullptr;
}

}  // namespace ptplab::conformance
