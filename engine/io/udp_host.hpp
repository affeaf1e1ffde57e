// A sans-I/O Endpoint (the engine's Node) on a real UDP socket: Boost.Asio wakes the host when
// datagrams wait and when the endpoint's one wake-up is due, with the steady clock as its time.
// Each wake-up drains the socket in batches (recvmmsg(2), Linux) before the loop turns again, so
// a flood costs one system call per batch instead of two per datagram. Sends go out together
// (sendmmsg) at the end of each wake-up, or as soon as kBatchDatagrams wait, so a flood cannot
// grow memory here; events go to a sink.
// Only udp_host.cpp includes Asio: the socket and timer live behind a pointer (pimpl), so
// users of this header compile without Asio's headers (they include io_context.hpp themselves).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
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

// Called once a wake-up's events all went to the sink: where a sink that buffers its writes
// flushes them (a log read while the node runs), once per batch rather than once per event.
using FlushSink = std::function<void()>;

// Sees every datagram the host sent (from its bound address) or received (to it): for captures.
using DatagramTap = std::function<void(const Address& from, const Address& to, std::string_view bytes)>;

// Called for each datagram the kernel refused to send (`error`: its errno, such as ENETUNREACH,
// EAGAIN for a full send buffer), with the time and the address the endpoint named.
using SendFailureSink = std::function<void(TimeNs now, const Address& to, int error)>;

// Runs one Endpoint on one UDP socket inside an io_context the caller runs.
//
// IPv6: the engine's addresses are IPv4 (engine/core/address.hpp). A host bound to an IPv6
// address opens a dual-stack socket: IPv4 peers (v4-mapped) keep their own Address, and each
// distinct IPv6 peer address gets a stand-in from 240.0.0.0/4 (reserved, never routed) with its
// real port (StandInTable): at most kStandInsMax at a time; when all are taken, those the endpoint
// no longer remembers (Endpoint::visit_remembered) are reclaimed for new addresses, and a
// datagram from a new IPv6 address finding none free is dropped (dropped_unmapped). The bound
// address and the peers resolve() names keep theirs.
// Only a socket bound to the unspecified address [::] reaches IPv4 peers as well: one bound to
// a single IPv6 address ([::1]) has no IPv4 source address, so resolve() refuses IPv4 peers.
// describe() prints the real address. A stand-in is meaningful to this host only, so the engine
// never sends one on (Address::announceable: not in ROUTING entries nor CONNECT addresses, and
// such entries it receives are ignored); IPv6 peers are reached by --peer or by their own HELLO.
class UdpHost final {
 public:
  UdpHost(boost::asio::io_context& io, Endpoint& endpoint, EventSink sink);
  ~UdpHost();
  UdpHost(const UdpHost&) = delete;
  UdpHost& operator=(const UdpHost&) = delete;

  // Binds the socket to `listen` (port 0: any free port).
  [[nodiscard]] Expected<Address, std::string> bind(const Address& listen);
  // Binds to "HOST:PORT": HOST an IPv4 literal, a bracketed IPv6 literal ("[::1]:7000") or a name
  // (its IPv4 address if it has one, else its IPv6 one). Returns the Address the endpoint sees
  // for itself (a stand-in when IPv6). Errors: unparsable, unresolvable, cannot bind.
  [[nodiscard]] Expected<Address, std::string> bind(std::string_view host_port);
  // The Address the endpoint uses for "HOST:PORT" (same forms as bind; a name resolves to the
  // bound socket's family first). Call after bind. Errors: unparsable, unresolvable, not one
  // host's port (port 0; an unspecified, broadcast or multicast address), an IPv6 address on an
  // IPv4 socket, an IPv4 address on a socket bound to one IPv6 address, no stand-in left.
  [[nodiscard]] Expected<Address, std::string> resolve(std::string_view host_port);
  // Whether `a` is the stand-in of one of this host's IPv6 peers.
  [[nodiscard]] bool is_stand_in(const Address& a) const;
  // "HOST:PORT" (the forms bind takes) as one IPv4 Address, for a client with IPv4 sockets
  // (`ptplab conform --target`): a name resolves to its IPv4 address. Errors: unparsable,
  // unresolvable, not one host's port (as resolve), an IPv6 address or a name with none.
  [[nodiscard]] static Expected<Address, std::string> resolve_ipv4(std::string_view host_port);
  // "a.b.c.d:port", or "[v6]:port" for an IPv6 stand-in: for logs and listings.
  [[nodiscard]] std::string describe(const Address& a) const;
  static constexpr std::size_t kStandInsMax = 4096;  // IPv6 peer addresses mapped at a time
  // IPv6 stand-ins reclaimed so far (the endpoint had forgotten their addresses).
  [[nodiscard]] std::uint64_t stand_ins_reclaimed() const;
  // Asks for a socket receive buffer (SO_RCVBUF) of `bytes`, so that a burst waits in the kernel
  // instead of being dropped while the endpoint works. With CAP_NET_ADMIN the request is granted
  // as is (SO_RCVBUFFORCE); otherwise the kernel caps it at net.core.rmem_max (SO_RCVBUF). Linux
  // doubles it for its bookkeeping (socket(7)). Call after bind. Returns
  // the size the kernel granted (getsockopt), in bytes. Errors: the socket refused the option.
  Expected<std::size_t, std::string> set_receive_buffer(std::size_t bytes);
  // The socket's receive buffer as the kernel reports it (SO_RCVBUF), in bytes; 0 before bind.
  [[nodiscard]] std::size_t receive_buffer() const;
  // Starts the endpoint and the receive loop.
  void start();
  // Runs a user action on the endpoint (add a peer, create a channel...) with the current time,
  // then carries out what it asked for.
  void act(const std::function<void(TimeNs now, Output& out)>& action);
  // Shows every datagram sent or received from now on to `tap` (empty: none).
  void set_tap(DatagramTap tap) { tap_ = std::move(tap); }
  // Calls `failure` for each datagram the kernel refuses to send (empty: none; counted anyway).
  void set_send_failure(SendFailureSink failure) { send_failure_ = std::move(failure); }
  // Calls `flush` after each wake-up's events (empty: none).
  void set_flush(FlushSink flush) { flush_ = std::move(flush); }
  // Closes the socket and cancels the timer; the io_context then runs out of work.
  void stop();

  [[nodiscard]] Address address() const { return address_; }
  // Datagrams received and sent so far.
  [[nodiscard]] std::uint64_t received() const { return received_; }
  [[nodiscard]] std::uint64_t sent() const { return sent_; }
  // Datagrams dropped for want of an address mapping: from a new IPv6 source while kStandInsMax
  // stand-ins are taken and none can be reclaimed, or to a 240.0.0.0/4 address that stands for
  // no IPv6 peer of this host.
  [[nodiscard]] std::uint64_t dropped_unmapped() const { return dropped_unmapped_; }
  // Datagrams the kernel dropped because the socket's receive queue was full (SO_RXQ_OVFL, as of
  // the latest datagram received): the endpoint never saw them.
  [[nodiscard]] std::uint64_t dropped_queue_full() const { return dropped_queue_full_; }
  // Datagrams the kernel refused to send so far, by errno (ENETUNREACH, EAGAIN, ...).
  [[nodiscard]] const std::map<int, std::uint64_t>& send_failures() const { return send_failures_; }

  static constexpr std::size_t kDatagramBytesMax = 65536;  // receive buffer: any UDP payload
  static constexpr std::size_t kBatchDatagrams = 32;       // datagrams per recvmmsg
  static constexpr std::size_t kBatchesPerWake = 8;        // then the loop turns (timers, stdin)

 private:
  // Queues out's datagrams (spoofing is not honoured: from the socket's address), reports its
  // events (as of `now`, the time of the call), takes its wake-up.
  void drain(const Output& out, TimeNs now);
  // Runs one endpoint call with the current time and carries out its output (no timer, no flush).
  void step(const std::function<void(TimeNs now, Output& out)>& action);
  // Queues one datagram to `to` (a 240/4 address that stands for nothing: counted, dropped).
  void send(const Address& to, const SharedBytes& bytes);
  // Sends the queued datagrams; one the kernel refuses (full buffer, unreachable) is lost,
  // counted by errno and shown to the send-failure sink.
  void send_queued();
  void receive();
  // Takes up to kBatchesPerWake batches of waiting datagrams to the endpoint.
  void receive_batches();
  void arm_timer();
  // Which stand-ins the endpoint remembers, for StandInTable::take (sends what is queued first).
  std::function<bool(const AddressVisitor&)> remembered();

  struct Sockets;  // the Asio socket, timer, receive buffer and sender address (udp_host.cpp)

  std::unique_ptr<Sockets> asio_;
  Endpoint& endpoint_;
  EventSink sink_;
  DatagramTap tap_;
  FlushSink flush_;
  SendFailureSink send_failure_;
  Address address_;
  OutputStack outputs_;  // the endpoint calls' buffers, reused
  TimeNs wake_ = kNever;
  TimeNs armed_ = kNever;
  std::uint64_t generation_ = 0;  // of the armed timer wait
  bool stopped_ = false;
  std::uint64_t received_ = 0;
  std::uint64_t sent_ = 0;
  std::uint64_t dropped_unmapped_ = 0;
  std::uint64_t dropped_queue_full_ = 0;
  std::map<int, std::uint64_t> send_failures_;
};

// The steady clock as TimeNs: the monotonic time base of a real node (its timers).
[[nodiscard]] TimeNs steady_clock_now();
// The system clock minus the steady clock, in ns: what Node::set_epoch_offset wants, so that
// steady_clock_now() + this = ns since the Unix epoch.
[[nodiscard]] TimeNs epoch_offset_now();

}  // namespace ptplab::engine
