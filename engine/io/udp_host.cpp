// The UDP host loop.
#include "engine/io/udp_host.hpp"

#include <algorithm>
#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>

namespace ptplab::engine {

namespace asio = boost::asio;
using asio::ip::udp;

struct UdpHost::Sockets {
  explicit Sockets(asio::io_context& io) : socket(io), timer(io) {}
  udp::socket socket;
  asio::steady_timer timer;
  udp::endpoint from;
  std::array<char, kDatagramBytesMax> buffer{};
};

TimeNs steady_clock_now() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

TimeNs epoch_offset_now() {
  const TimeNs epoch = std::chrono::duration_cast<std::chrono::nanoseconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
  return epoch - steady_clock_now();
}

UdpHost::UdpHost(asio::io_context& io, Endpoint& endpoint, EventSink sink)
    : asio_(std::make_unique<Sockets>(io)), endpoint_(endpoint), sink_(std::move(sink)) {}

UdpHost::~UdpHost() = default;

Expected<Address, std::string> UdpHost::bind(const Address& listen) {
  boost::system::error_code ec;
  asio_->socket.open(udp::v4(), ec);
  if (!ec) asio_->socket.bind(udp::endpoint(asio::ip::address_v4(listen.ip), listen.port), ec);
  if (ec) return Unexpected("cannot listen on " + listen.to_string() + ": " + ec.message());
  asio_->socket.non_blocking(true, ec);  // a full send buffer drops the datagram instead of stalling
  const auto local = asio_->socket.local_endpoint(ec);
  if (ec) return Unexpected("cannot read the socket's address: " + ec.message());
  address_ = Address{local.address().to_v4().to_uint(), local.port()};
  return address_;
}

void UdpHost::start() {
  act([&](TimeNs now, Output& out) { endpoint_.start(now, out); });
  receive();
}

void UdpHost::act(const std::function<void(TimeNs, Output&)>& action) {
  if (stopped_) return;
  const TimeNs now = steady_clock_now();
  Output& out = outputs_.push();
  action(now, out);
  drain(out, now);
  outputs_.pop();
  arm_timer();
}

void UdpHost::drain(const Output& out, TimeNs now) {
  for (const OutDatagram& d : out.datagrams()) send(d.to, d.bytes);
  if (const auto t = out.wake()) wake_ = *t;
  if (sink_) {
    for (const Event& e : out.events()) sink_(now, e);
  }
}

void UdpHost::stop() {
  stopped_ = true;
  boost::system::error_code ignored;
  asio_->timer.cancel();
  asio_->socket.close(ignored);
}

void UdpHost::send(const Address& to, const SharedBytes& bytes) {
  if (stopped_) return;
  boost::system::error_code ec;  // unreachable or congested: UDP loses it, as the engine expects
  asio_->socket.send_to(asio::buffer(*bytes), udp::endpoint(asio::ip::address_v4(to.ip), to.port), 0, ec);
  if (ec) return;
  ++sent_;
  if (tap_) tap_(address_, to, *bytes);
}

void UdpHost::receive() {
  asio_->socket.async_receive_from(
      asio::buffer(asio_->buffer), asio_->from, [this](const boost::system::error_code& ec, std::size_t n) {
        if (stopped_ || ec == asio::error::operation_aborted) return;
        if (!ec) {
          ++received_;
          const Address from{asio_->from.address().to_v4().to_uint(), asio_->from.port()};
          const SharedBytes bytes = make_bytes(std::string(asio_->buffer.data(), n));
          if (tap_) tap_(from, address_, *bytes);
          act([&](TimeNs now, Output& out) { endpoint_.on_datagram(now, from, bytes, out); });
        }
        // Errors such as ICMP "connection refused" from a peer that went away are not fatal.
        receive();
      });
}

void UdpHost::arm_timer() {
  if (wake_ == armed_) return;
  armed_ = wake_;
  ++generation_;  // a wait that already completed but has not run yet is now stale
  asio_->timer.cancel();
  if (wake_ == kNever) return;
  const TimeNs delay = std::max<TimeNs>(0, wake_ - steady_clock_now());
  asio_->timer.expires_after(std::chrono::nanoseconds(delay));
  asio_->timer.async_wait([this, generation = generation_](const boost::system::error_code& ec) {
    if (ec || stopped_ || generation != generation_) return;
    armed_ = kNever;
    wake_ = kNever;
    act([&](TimeNs now, Output& out) { endpoint_.on_timer(now, out); });
  });
}

}  // namespace ptplab::engine
