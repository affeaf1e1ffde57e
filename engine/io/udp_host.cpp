// The UDP host loop.
#include "engine/io/udp_host.hpp"

#include <algorithm>
#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <map>
#include <optional>
#include <vector>

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

  // The engine's Address of an endpoint: its own for IPv4 (also v4-mapped), a stand-in for IPv6;
  // nullopt when the stand-ins are used up.
  std::optional<Address> address_of(const udp::endpoint& e) {
    auto a = e.address();
    if (a.is_v6() && a.to_v6().is_v4_mapped()) a = asio::ip::make_address_v4(asio::ip::v4_mapped, a.to_v6());
    if (a.is_v4()) return Address{a.to_v4().to_uint(), e.port()};
    auto it = stand_in_of.find(a.to_v6());
    if (it == stand_in_of.end()) {
      if (stand_ins.size() >= kStandInsMax) return std::nullopt;
      it = stand_in_of.emplace(a.to_v6(), kStandInBase + static_cast<std::uint32_t>(stand_ins.size()) + 1)
               .first;
      stand_ins.push_back(a.to_v6());
    }
    return Address{it->second, e.port()};
  }

  // The IPv6 address a stand-in stands for; nullopt if `a` is not one of ours.
  [[nodiscard]] std::optional<asio::ip::address_v6> stood_in(const Address& a) const {
    if (!v6 || (a.ip & kStandInMask) != kStandInBase || a.ip == kStandInBase) return std::nullopt;
    const std::size_t index = a.ip - kStandInBase - 1;
    if (index >= stand_ins.size()) return std::nullopt;
    return stand_ins[index];
  }

  // Where a datagram to `a` goes: IPv4 as is (v4-mapped on an IPv6 socket), stand-ins to their
  // IPv6 address; nullopt for a 240/4 address that is no stand-in of ours on an IPv6 socket.
  [[nodiscard]] std::optional<udp::endpoint> endpoint_of(const Address& a) const {
    if (!v6) return udp::endpoint(asio::ip::address_v4(a.ip), a.port);
    if (const auto real = stood_in(a)) return udp::endpoint(*real, a.port);
    if ((a.ip & kStandInMask) == kStandInBase) return std::nullopt;
    return udp::endpoint(asio::ip::make_address_v6(asio::ip::v4_mapped, asio::ip::address_v4(a.ip)), a.port);
  }

  udp::socket socket;
  asio::steady_timer timer;
  udp::endpoint from;
  std::array<char, kDatagramBytesMax> buffer{};
  bool v6 = false;                                            // the socket is IPv6 (dual-stack)
  std::vector<asio::ip::address_v6> stand_ins;                // index i: 240.0.0.0 + i + 1
  std::map<asio::ip::address_v6, std::uint32_t> stand_in_of;  // and back
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
  asio_->socket.non_blocking(true, ec);  // a full send buffer drops the datagram instead of stalling
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
  asio_->socket.non_blocking(true, ec);
  const auto local = asio_->socket.local_endpoint(ec);
  if (ec) return Unexpected("cannot read the socket's address: " + ec.message());
  const auto self = asio_->address_of(local);
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
  const auto a = asio_->address_of(udp::endpoint(ip, split->second));
  if (!a) return Unexpected(std::string("no IPv6 stand-in left for ") + std::string(host_port));
  return *a;
}

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
  const auto endpoint = asio_->endpoint_of(to);
  if (!endpoint) {  // a 240/4 address that stands for nothing here: nowhere to send
    ++dropped_unmapped_;
    return;
  }
  boost::system::error_code ec;  // unreachable or congested: UDP loses it, as the engine expects
  asio_->socket.send_to(asio::buffer(*bytes), *endpoint, 0, ec);
  if (ec) return;
  ++sent_;
  if (tap_) tap_(address_, to, *bytes);
}

void UdpHost::receive() {
  asio_->socket.async_receive_from(
      asio::buffer(asio_->buffer), asio_->from, [this](const boost::system::error_code& ec, std::size_t n) {
        if (stopped_ || ec == asio::error::operation_aborted) return;
        const auto mapped = ec ? std::nullopt : asio_->address_of(asio_->from);
        if (!ec && !mapped) ++dropped_unmapped_;  // no stand-in left for a new IPv6 source
        if (mapped) {
          ++received_;
          const Address from = *mapped;
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
