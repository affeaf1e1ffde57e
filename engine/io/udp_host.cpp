// The UDP host loop.
#include "engine/io/udp_host.hpp"

#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <map>
#include <optional>
#include <vector>

#include "engine/io/stand_in_table.hpp"

namespace ptplab::engine {

namespace asio = boost::asio;
using asio::ip::udp;

namespace {

constexpr std::uint32_t kStandInBase = Address::kReservedBase;  // 240.0.0.0/4: reserved, never routed
constexpr std::uint32_t kStandInMask = Address::kReservedMask;

// "HOST:PORT" -> (HOST without brackets, PORT); nullopt if malformed. An IPv6 HOST needs brackets.
std::optional<std::pair<std::string, std::uint16_t>> split_host_port(std::string_view text) {
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size() || colon + 6 < text.size())
    return std::nullopt;
  std::string_view host = text.substr(0, colon);
  if (host.front() == '[') {
    if (host.size() < 3 || host.back() != ']') return std::nullopt;
    host = host.substr(1, host.size() - 2);
  } else if (host.find(':') != std::string_view::npos) {
    return std::nullopt;
  }
  unsigned port = 0;
  for (const char c : text.substr(colon + 1)) {
    if (c < '0' || c > '9') return std::nullopt;
    port = port * 10 + static_cast<unsigned>(c - '0');
  }
  if (port > 65535) return std::nullopt;
  return std::pair{std::string(host), static_cast<std::uint16_t>(port)};
}

// Why (ip, port) names no single host's port: port 0, an unspecified, broadcast or multicast
// address (v4-mapped ones too); nullopt when it may.
std::optional<std::string> not_one_host(asio::ip::address ip, std::uint16_t port) {
  if (ip.is_v6() && ip.to_v6().is_v4_mapped())
    ip = asio::ip::make_address_v4(asio::ip::v4_mapped, ip.to_v6());
  if (port == 0) return "port 0 (no port)";
  if (ip.is_unspecified()) return "the unspecified address";
  if (ip.is_multicast()) return "a multicast address";
  if (ip.is_v4() && ip.to_v4() == asio::ip::address_v4::broadcast()) return "the broadcast address";
  return std::nullopt;
}

}  // namespace

struct UdpHost::Sockets {
  explicit Sockets(asio::io_context& io) : socket(io), timer(io) {}

  // The addresses HOST names (a literal, or what the resolver finds), IPv6 ones first if `v6_first`.
  Expected<std::vector<asio::ip::address>, std::string> lookup(const std::string& host, bool v6_first) {
    boost::system::error_code ec;
    const auto literal = asio::ip::make_address(host, ec);
    if (!ec) return std::vector{literal};
    udp::resolver resolver(socket.get_executor());
    const auto found = resolver.resolve(host, "0", ec);
    if (ec || found.empty()) return Unexpected("cannot resolve " + host + (ec ? ": " + ec.message() : ""));
    std::vector<asio::ip::address> out;
    for (const auto& r : found) out.push_back(r.endpoint().address());
    std::stable_partition(out.begin(), out.end(), [&](const auto& a) { return a.is_v6() == v6_first; });
    return out;
  }

  // The engine's Address of an endpoint: its own for IPv4 (also v4-mapped), a stand-in for IPv6
  // (taken at `now`; `remembered` says which stand-ins may be reclaimed, StandInTable::take),
  // pinned if `pin`; nullopt when no stand-in is free.
  std::optional<Address> address_of(const udp::endpoint& e, TimeNs now,
                                    const StandInTable::Remembered& remembered, bool pin) {
    auto a = e.address();
    if (a.is_v6() && a.to_v6().is_v4_mapped()) a = asio::ip::make_address_v4(asio::ip::v4_mapped, a.to_v6());
    if (a.is_v4()) return Address{a.to_v4().to_uint(), e.port()};
    const auto stand_in = stand_ins.take(a.to_v6().to_bytes(), now, remembered);
    if (!stand_in) return std::nullopt;
    if (pin) stand_ins.pin(*stand_in);
    return Address{*stand_in, e.port()};
  }

  // The IPv6 address a stand-in stands for; nullopt if `a` is not one of ours.
  [[nodiscard]] std::optional<asio::ip::address_v6> stood_in(const Address& a) const {
    if (!v6) return std::nullopt;
    const auto ip = stand_ins.stood_in(a.ip);
    if (!ip) return std::nullopt;
    return asio::ip::address_v6(*ip);
  }

  // Where a datagram to `a` goes: IPv4 as is (v4-mapped on an IPv6 socket), stand-ins to their
  // IPv6 address; nullopt for a 240/4 address that is no stand-in of ours on an IPv6 socket.
  [[nodiscard]] std::optional<udp::endpoint> endpoint_of(const Address& a) const {
    if (!v6) return udp::endpoint(asio::ip::address_v4(a.ip), a.port);
    if (const auto real = stood_in(a)) return udp::endpoint(*real, a.port);
    if ((a.ip & kStandInMask) == kStandInBase) return std::nullopt;
    return udp::endpoint(asio::ip::make_address_v6(asio::ip::v4_mapped, asio::ip::address_v4(a.ip)), a.port);
  }

  // After bind: non-blocking (a full send buffer drops the datagram instead of stalling, and
  // recvmmsg returns when the queue is empty) and the kernel's drop counter on every datagram.
  void configure(boost::system::error_code& ec) {
    socket.non_blocking(true, ec);
    const int on = 1;
    if (!ec && setsockopt(socket.native_handle(), SOL_SOCKET, SO_RXQ_OVFL, &on, sizeof on) != 0)
      ec = boost::system::error_code(errno, boost::system::system_category());
  }

  // Receives up to kBatchDatagrams waiting datagrams without blocking; their count (0: none
  // waiting, or an error such as an ICMP "connection refused", which is not fatal).
  std::size_t receive_batch() {
    for (std::size_t i = 0; i < kBatchDatagrams; ++i) {
      iovs[i] = iovec{slots[i].bytes.data(), slots[i].bytes.size()};
      headers[i] = mmsghdr{};
      headers[i].msg_hdr.msg_name = &slots[i].from;
      headers[i].msg_hdr.msg_namelen = sizeof slots[i].from;
      headers[i].msg_hdr.msg_iov = &iovs[i];
      headers[i].msg_hdr.msg_iovlen = 1;
      headers[i].msg_hdr.msg_control = slots[i].control.data();
      headers[i].msg_hdr.msg_controllen = slots[i].control.size();
    }
    const int n = recvmmsg(socket.native_handle(), headers.data(), kBatchDatagrams, MSG_DONTWAIT, nullptr);
    return n < 0 ? 0 : static_cast<std::size_t>(n);
  }

  // Datagram i of the last batch: its source and bytes.
  [[nodiscard]] udp::endpoint source(std::size_t i) const {
    udp::endpoint e;
    const auto length = std::min<std::size_t>(headers[i].msg_hdr.msg_namelen, e.capacity());
    std::memcpy(e.data(), &slots[i].from, length);
    e.resize(length);
    return e;
  }
  [[nodiscard]] std::string_view bytes(std::size_t i) const {
    return {slots[i].bytes.data(), std::min<std::size_t>(headers[i].msg_len, kDatagramBytesMax)};
  }
  // The kernel's count of datagrams this socket dropped (queue full), as datagram i carries it;
  // nullopt when it carries none (nothing dropped yet).
  [[nodiscard]] std::optional<std::uint32_t> drop_count(std::size_t i) {
    for (cmsghdr* c = CMSG_FIRSTHDR(&headers[i].msg_hdr); c != nullptr;
         c = CMSG_NXTHDR(&headers[i].msg_hdr, c)) {
      if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SO_RXQ_OVFL) continue;
      std::uint32_t count = 0;
      std::memcpy(&count, CMSG_DATA(c), sizeof count);
      return count;
    }
    return std::nullopt;
  }

  // One datagram's room in a batch. The buffers are not zeroed: the kernel touches only the
  // pages a datagram reaches, so the batch costs resident memory only as large datagrams come.
  struct Slot {
    std::array<char, kDatagramBytesMax> bytes;
    sockaddr_storage from;
    alignas(cmsghdr) std::array<char, CMSG_SPACE(sizeof(std::uint32_t))> control;
  };

  // A datagram the endpoint asked to send, waiting for the end of the wake-up.
  struct Outgoing {
    udp::endpoint to;
    Address address;  // `to` as the endpoint named it (for the tap)
    SharedBytes bytes;
  };

  udp::socket socket;
  asio::steady_timer timer;
  std::vector<Outgoing> outgoing;  // at most kBatchDatagrams
  std::array<mmsghdr, kBatchDatagrams> send_headers{};
  std::array<iovec, kBatchDatagrams> send_iovs{};
  std::unique_ptr<Slot[]> slots = std::make_unique_for_overwrite<Slot[]>(kBatchDatagrams);
  std::array<mmsghdr, kBatchDatagrams> headers{};
  std::array<iovec, kBatchDatagrams> iovs{};
  bool v6 = false;           // the socket is IPv6 (dual-stack)
  bool v4_reachable = true;  // IPv4 peers can be sent to: an IPv4 socket, or IPv6 bound to [::]
  StandInTable stand_ins{kStandInsMax};
};

Expected<Address, std::string> UdpHost::resolve_ipv4(std::string_view host_port) {
  const auto split = split_host_port(host_port);
  if (!split) return Unexpected("want HOST:PORT, got '" + std::string(host_port) + "'");
  asio::io_context io;
  UdpHost::Sockets sockets(io);
  const auto found = sockets.lookup(split->first, false);
  if (!found) return Unexpected(found.error());
  const auto& ip = found->front();
  if (const auto why = not_one_host(ip, split->second))
    return Unexpected(std::string(host_port) + " is " + *why + ": a target is one host's port");
  if (!ip.is_v4())
    return Unexpected(std::string(host_port) + " has no IPv4 address (IPv6 is not taken here)");
  return Address{ip.to_v4().to_uint(), split->second};
}

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
  asio_->configure(ec);
  if (ec) return Unexpected("cannot configure the socket: " + ec.message());
  const auto local = asio_->socket.local_endpoint(ec);
  if (ec) return Unexpected("cannot read the socket's address: " + ec.message());
  address_ = Address{local.address().to_v4().to_uint(), local.port()};
  return address_;
}

Expected<Address, std::string> UdpHost::bind(std::string_view host_port) {
  const auto split = split_host_port(host_port);
  if (!split) return Unexpected("want HOST:PORT ([IPv6]:PORT), got '" + std::string(host_port) + "'");
  const auto found = asio_->lookup(split->first, false);
  if (!found) return Unexpected(found.error());
  const auto& ip = found->front();
  if (ip.is_v4()) return bind(Address{ip.to_v4().to_uint(), split->second});
  boost::system::error_code ec;
  asio_->socket.open(udp::v6(), ec);
  if (!ec) asio_->socket.set_option(asio::ip::v6_only(false), ec);  // IPv4 peers too, v4-mapped
  if (!ec) asio_->socket.bind(udp::endpoint(ip, split->second), ec);
  if (ec) return Unexpected("cannot listen on " + std::string(host_port) + ": " + ec.message());
  asio_->v6 = true;
  // A socket bound to one IPv6 address has no IPv4 source to send from (ENETUNREACH).
  asio_->v4_reachable = ip.is_unspecified();
  asio_->configure(ec);
  if (ec) return Unexpected("cannot configure the socket: " + ec.message());
  const auto local = asio_->socket.local_endpoint(ec);
  if (ec) return Unexpected("cannot read the socket's address: " + ec.message());
  const auto self = asio_->address_of(local, steady_clock_now(), remembered(), true);
  if (!self) return Unexpected(std::string("no IPv6 stand-in left"));
  address_ = *self;
  return address_;
}

Expected<Address, std::string> UdpHost::resolve(std::string_view host_port) {
  const auto split = split_host_port(host_port);
  if (!split) return Unexpected("want HOST:PORT ([IPv6]:PORT), got '" + std::string(host_port) + "'");
  const auto found = asio_->lookup(split->first, asio_->v6);
  if (!found) return Unexpected(found.error());
  const auto& ip = found->front();
  if (const auto why = not_one_host(ip, split->second))
    return Unexpected(std::string(host_port) + " is " + *why + ": a peer is one host's port");
  if (!asio_->v6 && !ip.is_v4())
    return Unexpected(std::string(host_port) +
                      " is IPv6 and this node listens on IPv4 (listen on an IPv6 address)");
  if (!asio_->v4_reachable && (ip.is_v4() || ip.to_v6().is_v4_mapped()))
    return Unexpected(std::string(host_port) + " is IPv4 and this node listens on " + describe(address_) +
                      ", which reaches IPv6 peers only (listen on [::]:PORT for both)");
  const auto a = asio_->address_of(udp::endpoint(ip, split->second), steady_clock_now(), remembered(), true);
  if (!a) return Unexpected(std::string("no IPv6 stand-in left for ") + std::string(host_port));
  return *a;
}

Expected<std::size_t, std::string> UdpHost::set_receive_buffer(std::size_t bytes) {
  boost::system::error_code ec;
  const auto capped = static_cast<int>(std::min<std::size_t>(bytes, 1U << 30));
  // A privileged node (CAP_NET_ADMIN) gets what it asks for, past net.core.rmem_max.
  if (setsockopt(asio_->socket.native_handle(), SOL_SOCKET, SO_RCVBUFFORCE, &capped, sizeof capped) == 0)
    return receive_buffer();
  asio_->socket.set_option(asio::socket_base::receive_buffer_size(capped), ec);
  if (ec)
    return Unexpected("cannot set the receive buffer to " + std::to_string(bytes) +
                      " bytes: " + ec.message());
  return receive_buffer();
}

std::size_t UdpHost::receive_buffer() const {
  boost::system::error_code ec;
  asio::socket_base::receive_buffer_size size;
  asio_->socket.get_option(size, ec);
  return ec ? 0 : static_cast<std::size_t>(size.value());
}

std::function<bool(const AddressVisitor&)> UdpHost::remembered() {
  return [this](const AddressVisitor& visit) {
    // The queued datagrams go out first: the tap and the send-failure sink describe their
    // addresses, whose stand-ins the sweep may reclaim.
    send_queued();
    return endpoint_.visit_remembered(visit);
  };
}

std::uint64_t UdpHost::stand_ins_reclaimed() const { return asio_->stand_ins.reclaimed(); }

bool UdpHost::is_stand_in(const Address& a) const { return asio_->stood_in(a).has_value(); }

std::string UdpHost::describe(const Address& a) const {
  if (const auto real = asio_->stood_in(a)) return "[" + real->to_string() + "]:" + std::to_string(a.port);
  return a.to_string();
}

void UdpHost::start() {
  act([&](TimeNs now, Output& out) { endpoint_.start(now, out); });
  receive();
}

void UdpHost::act(const std::function<void(TimeNs, Output&)>& action) {
  if (stopped_) return;
  step(action);
  send_queued();
  arm_timer();
  if (flush_) flush_();
}

void UdpHost::step(const std::function<void(TimeNs, Output&)>& action) {
  const TimeNs now = steady_clock_now();
  Output& out = outputs_.push();
  action(now, out);
  drain(out, now);
  outputs_.pop();
}

void UdpHost::drain(const Output& out, TimeNs now) {
  for (const OutDatagram& d : out.datagrams()) send(d.to, d.bytes);
  if (const auto t = out.wake()) wake_ = *t;
  if (sink_) {
    for (const Event& e : out.events()) sink_(now, e);
  }
}

void UdpHost::stop() {
  send_queued();
  stopped_ = true;
  boost::system::error_code ignored;
  asio_->timer.cancel();
  asio_->socket.close(ignored);
}

void UdpHost::send(const Address& to, const SharedBytes& bytes) {
  if (stopped_) return;
  const auto endpoint = asio_->endpoint_of(to);
  if (!endpoint) {  // a 240/4 address that stands for nothing here: nowhere to send
    ++dropped_unmapped_;
    return;
  }
  asio_->outgoing.push_back({*endpoint, to, bytes});
  if (asio_->outgoing.size() == kBatchDatagrams) send_queued();
}

void UdpHost::send_queued() {
  auto& queue = asio_->outgoing;
  if (stopped_ || queue.empty()) {
    queue.clear();
    return;
  }
  for (std::size_t i = 0; i < queue.size(); ++i) {
    auto& iov = asio_->send_iovs[i];
    iov = iovec{const_cast<char*>(queue[i].bytes->data()), queue[i].bytes->size()};
    auto& h = asio_->send_headers[i];
    h = mmsghdr{};
    h.msg_hdr.msg_name = queue[i].to.data();
    h.msg_hdr.msg_namelen = static_cast<socklen_t>(queue[i].to.size());
    h.msg_hdr.msg_iov = &iov;
    h.msg_hdr.msg_iovlen = 1;
  }
  for (std::size_t i = 0; i < queue.size();) {
    const int n = sendmmsg(asio_->socket.native_handle(), &asio_->send_headers[i],
                           static_cast<unsigned>(queue.size() - i), MSG_DONTWAIT);
    if (n <= 0) {  // unreachable or congested: UDP loses this one, as the engine expects
      const int error = n < 0 ? errno : EIO;
      ++send_failures_[error];
      if (send_failure_) send_failure_(steady_clock_now(), queue[i].address, error);
      ++i;
      continue;
    }
    for (std::size_t k = i; k < i + static_cast<std::size_t>(n); ++k) {
      ++sent_;
      if (tap_) tap_(address_, queue[k].address, *queue[k].bytes);
    }
    i += static_cast<std::size_t>(n);
  }
  queue.clear();
}

void UdpHost::receive() {
  asio_->socket.async_wait(udp::socket::wait_read, [this](const boost::system::error_code& ec) {
    if (stopped_ || ec == asio::error::operation_aborted) return;
    receive_batches();
    receive();
  });
}

void UdpHost::receive_batches() {
  for (std::size_t batch = 0; batch < kBatchesPerWake && !stopped_; ++batch) {
    const std::size_t n = asio_->receive_batch();
    for (std::size_t i = 0; i < n && !stopped_; ++i) {
      if (const auto drops = asio_->drop_count(i))
        dropped_queue_full_ = std::max<std::uint64_t>(dropped_queue_full_, *drops);
      const auto mapped = asio_->address_of(asio_->source(i), steady_clock_now(), remembered(), false);
      if (!mapped) {  // no stand-in free for a new IPv6 source
        ++dropped_unmapped_;
        continue;
      }
      ++received_;
      const Address from = *mapped;
      const SharedBytes bytes = make_bytes(std::string(asio_->bytes(i)));
      if (tap_) tap_(from, address_, *bytes);
      step([&](TimeNs now, Output& out) { endpoint_.on_datagram(now, from, bytes, out); });
    }
    if (n < kBatchDatagrams) break;  // the queue is empty (or gave an error: wait again)
  }
  send_queued();
  if (stopped_) return;
  arm_timer();
  if (flush_) flush_();
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
