// Real UDP peers for the harness: asynchronous receives on every peer socket, drained by
// poll_until() with a deadline (never a fixed sleep).
#include "conformance/udp_transport.hpp"

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address_v4.hpp>
#include <boost/asio/ip/udp.hpp>
#include <chrono>
#include <mutex>
#include <set>

namespace ptplab::conformance {

namespace asio = boost::asio;
using asio::ip::udp;

struct UdpTransport::Sockets {
  struct Peer {
    explicit Peer(asio::io_context& io) : socket(io) {}
    udp::socket socket;
    udp::endpoint from;
    std::array<char, kReceiveBytesMax> buffer{};
    Address address;
  };
  asio::io_context io;
  std::vector<std::unique_ptr<Peer>> peers;
  std::vector<udp::socket> held;  // sockets kept bound only so that the OS gives the peers other ports
};

namespace {

// The local ports peers of earlier cases in this process used. A target remembers the peers of an
// earlier case (its peer table, its HELLO and ROUTING timers) for its peer timeout, so a new peer
// that the OS gave such a port again receives datagrams meant for the old one: a case watching for
// "no answer" (head/11) then failed now and then (fresh-clone CI, session 14). Guarded: the harness
// may run transports on several threads.
struct UsedPorts {
  std::mutex mutex;
  std::set<std::uint16_t> ports;
};
UsedPorts& used_ports() {
  static UsedPorts used;
  return used;
}

}  // namespace

TimeNs steady_now() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::int64_t UdpTransport::epoch_ms() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

UdpTransport::UdpTransport(Address target) : target_(target), asio_(std::make_unique<Sockets>()) {}

UdpTransport::~UdpTransport() {
  for (auto& s : asio_->peers) {
    boost::system::error_code ignored;
    s->socket.close(ignored);
  }
}

Expected<int, std::string> UdpTransport::open_peer() {
  auto& peers = asio_->peers;
  if (static_cast<int>(peers.size()) >= kPeersMax) return Unexpected(std::string("too many peers"));
  auto s = std::make_unique<Sockets::Peer>(asio_->io);
  boost::system::error_code ec;
  // Bind on the interface that routes to the target: loopback targets get loopback peers.
  const auto local = target_.ip >> 24 == 127 ? asio::ip::address_v4(target_.ip) : asio::ip::address_v4::any();
  udp::endpoint ep;
  for (int attempt = 0;; ++attempt) {
    s->socket.open(udp::v4(), ec);
    if (!ec) s->socket.bind(udp::endpoint(local, 0), ec);
    if (ec) return Unexpected("cannot open a UDP socket: " + ec.message());
    ep = s->socket.local_endpoint(ec);
    if (ec) return Unexpected("cannot read the socket address: " + ec.message());
    auto& used = used_ports();
    const std::lock_guard<std::mutex> lock(used.mutex);
    if (used.ports.insert(ep.port()).second || attempt >= 16) break;
    // A port an earlier peer had: keep it bound while this transport lives, and take another.
    asio_->held.push_back(std::move(s->socket));
    s->socket = udp::socket(asio_->io);
  }
  s->address = Address{local.to_uint(), ep.port()};
  peers.push_back(std::move(s));
  const int index = static_cast<int>(peers.size()) - 1;
  receive(index);
  return index;
}

Address UdpTransport::peer_address(int peer) const { return asio_->peers.at(peer)->address; }

void UdpTransport::send(int peer, const Address& to, const std::string& bytes) {
  boost::system::error_code ignored;  // a refused or lost datagram is the target's silence
  asio_->peers.at(peer)->socket.send_to(asio::buffer(bytes),
                                        udp::endpoint(asio::ip::address_v4(to.ip), to.port), 0, ignored);
}

TimeNs UdpTransport::now() const { return steady_now(); }

void UdpTransport::receive(int peer) {
  Sockets::Peer& s = *asio_->peers[peer];
  s.socket.async_receive_from(
      asio::buffer(s.buffer), s.from, [this, peer](const boost::system::error_code& ec, std::size_t n) {
        if (ec == asio::error::operation_aborted) return;
        Sockets::Peer& r = *asio_->peers[peer];
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
  asio::io_context& io = asio_->io;
  while (arrivals.size() == before) {
    const TimeNs left = deadline - steady_now();
    if (left <= 0 || asio_->peers.empty()) break;
    if (io.stopped()) io.restart();
    io.run_one_for(std::chrono::nanoseconds(left));
  }
  // Take whatever else is already waiting, without blocking.
  if (io.stopped()) io.restart();
  io.poll();
  sink_ = nullptr;
}

}  // namespace ptplab::conformance
