// A sans-I/O Endpoint (the engine's Node) on a real UDP socket: Boost.Asio delivers datagrams
// and the one wake-up the endpoint asks for, with the steady clock as its time. Sends go out
// at once (no queue, so a flood cannot grow memory here); events go to a sink.
// Only udp_host.cpp includes Asio: the socket and timer live behind a pointer (pimpl), so
// users of this header compile without Asio's headers (they include io_context.hpp themselves).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "engine/core/endpoint.hpp"
#include "engine/core/expected.hpp"

namespace boost::asio {
class io_context;
}  // namespace boost::asio

namespace ptplab::engine {

// Where the host reports the endpoint's events (with the time they happened).
using EventSink = std::function<void(TimeNs now, const Event& event)>;

// Sees every datagram the host sent (from its bound address) or received (to it): for captures.
using DatagramTap = std::function<void(const Address& from, const Address& to, std::string_view bytes)>;

// Runs one Endpoint on one UDP socket inside an io_context the caller runs.
class UdpHost final {
 public:
  UdpHost(boost::asio::io_context& io, Endpoint& endpoint, EventSink sink);
  ~UdpHost();
  UdpHost(const UdpHost&) = delete;
  UdpHost& operator=(const UdpHost&) = delete;

  // Binds the socket to `listen` (port 0: any free port).
  [[nodiscard]] Expected<Address, std::string> bind(const Address& listen);
  // Starts the endpoint and the receive loop.
  void start();
  // Runs a user action on the endpoint (add a peer, create a channel...) with the current time,
  // then carries out what it asked for.
  void act(const std::function<void(TimeNs now, Output& out)>& action);
  // Shows every datagram sent or received from now on to `tap` (empty: none).
  void set_tap(DatagramTap tap) { tap_ = std::move(tap); }
  // Closes the socket and cancels the timer; the io_context then runs out of work.
  void stop();

  [[nodiscard]] Address address() const { return address_; }
  // Datagrams received and sent so far.
  [[nodiscard]] std::uint64_t received() const { return received_; }
  [[nodiscard]] std::uint64_t sent() const { return sent_; }

  static constexpr std::size_t kDatagramBytesMax = 65536;  // receive buffer: any UDP payload

 private:
  // Sends out's datagrams (spoofing is not honoured: from the socket's address), reports its
  // events (as of `now`, the time of the call), takes its wake-up.
  void drain(const Output& out, TimeNs now);
  void send(const Address& to, const SharedBytes& bytes);
  void receive();
  void arm_timer();

  struct Sockets;  // the Asio socket, timer, receive buffer and sender address (udp_host.cpp)

  std::unique_ptr<Sockets> asio_;
  Endpoint& endpoint_;
  EventSink sink_;
  DatagramTap tap_;
  Address address_;
  OutputStack outputs_;  // the endpoint calls' buffers, reused
  TimeNs wake_ = kNever;
  TimeNs armed_ = kNever;
  std::uint64_t generation_ = 0;  // of the armed timer wait
  bool stopped_ = false;
  std::uint64_t received_ = 0;
  std::uint64_t sent_ = 0;
};

// The steady clock as TimeNs: the monotonic time base of a real node (its timers).
[[nodiscard]] TimeNs steady_clock_now();
// The system clock minus the steady clock, in ns: what Node::set_epoch_offset wants, so that
// steady_clock_now() + this = ns since the Unix epoch.
[[nodiscard]] TimeNs epoch_offset_now();

}  // namespace ptplab::engine
