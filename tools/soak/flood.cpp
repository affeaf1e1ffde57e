// soak-flood: the load generator of tools/soak-node (issue 15, item 6). One process sends, at a
// paced rate or as fast as it can, the issue's mix of hostile datagrams at one UDP target over
// loopback, batched with sendmmsg(2) from many source ports:
//   junk          bytes that are no ptpchat datagram (not JSON, wrong shapes, random binary)
//   hello         a valid HELLO with a fresh UUIDv4 node_id each (wire::encode), many ports
//   oversized     a valid HELLO over the node's max_datagram_bytes (8192 by default)
//   getcert       a GETCERTIFICATE (reflection-shaped: the answer is a certificate, far larger)
// The kinds take turns batch by batch, so each is a quarter of what is sent. Datagrams are
// encoded by the engine's wire codec, from a seeded Rng: the same --seed sends the same bytes.
//
// Usage: soak-flood --target IP:PORT [--seconds S] [--rate N] [--ports N] [--batch N] [--seed N]
// Prints one JSON line a second, {"t_s":..., "sent":...}, and at the end one summary line
// {"done":true, "sent":..., "seconds":..., "rate_per_s":..., "send_errors":..., "by_kind":{...}}.
// Exit 0; 2 on bad arguments or when no socket can be opened.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "engine/core/rng.hpp"
#include "engine/node/ids.hpp"
#include "engine/wire/codec.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using ptplab::Rng;
namespace wire = ptplab::wire;

// The kinds of datagram in the mix, in the order the batches take turns.
enum class Kind : std::uint8_t { kJunk, kHello, kOversized, kGetCertificate };
struct KindEntry {
  Kind kind;
  std::string_view name;
};
constexpr std::array<KindEntry, 4> kKinds = {{
    {Kind::kJunk, "junk"},
    {Kind::kHello, "hello"},
    {Kind::kOversized, "oversized"},
    {Kind::kGetCertificate, "getcert"},
}};
static_assert(static_cast<std::size_t>(kKinds.back().kind) + 1 == kKinds.size());

constexpr std::size_t kOversizedBytes = 9000;  // over the default max_datagram_bytes (8192)
constexpr double kCatchUpSeconds = 0.02;       // the most sending a paced sender saves up

struct Options {
  sockaddr_in target{};
  double seconds = 60;
  double rate = 60000;  // datagrams/s; 0: as fast as possible
  int ports = 512;      // source sockets, each kind using all of them in turn
  int batch = 32;       // datagrams per sendmmsg
  std::uint64_t seed = 1;
};

void usage(std::ostream& os) {
  os << "usage: soak-flood --target IP:PORT [--seconds S] [--rate N] [--ports N] [--batch N] [--seed N]\n"
        "  --target   IPv4 address and port of the node to flood (required)\n"
        "  --seconds  how long to send (default 60)\n"
        "  --rate     datagrams per second, paced, never making up for lost time (default 60000; 0: flat "
        "out)\n"
        "  --ports    source sockets (ports) the batches rotate over (default 512)\n"
        "  --batch    datagrams per sendmmsg call, all of one kind from one port (default 32)\n"
        "  --seed     seed of node_ids and msg_ids (default 1)\n"
        "Mix: a quarter each junk, HELLO with a fresh node_id, 9000-byte HELLO, GETCERTIFICATE.\n"
        "Prints {\"t_s\",\"sent\"} each second and a {\"done\":true,...} summary, as JSON lines.\n";
}

// Parses argv into `o`; false (after printing why) on a bad argument.
bool parse(int argc, char** argv, Options& o) {
  bool have_target = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--help" || a == "-h") {
      usage(std::cout);
      std::exit(0);
    }
    if (i + 1 >= argc) {
      std::cerr << "soak-flood: " << a << " wants a value\n";
      return false;
    }
    const std::string v = argv[++i];
    char* end = nullptr;
    errno = 0;
    if (a == "--target") {
      const auto colon = v.rfind(':');
      const unsigned long port =
          colon == std::string::npos ? 0 : std::strtoul(v.c_str() + colon + 1, &end, 10);
      o.target.sin_family = AF_INET;
      o.target.sin_port = htons(static_cast<std::uint16_t>(port));
      if (colon == std::string::npos || port == 0 || port > 65535 || *end != '\0' ||
          inet_pton(AF_INET, v.substr(0, colon).c_str(), &o.target.sin_addr) != 1) {
        std::cerr << "soak-flood: --target wants IPv4:PORT, got '" << v << "'\n";
        return false;
      }
      have_target = true;
      continue;
    }
    const double x = std::strtod(v.c_str(), &end);
    if (*end != '\0' || errno != 0 || !(x >= 0)) {
      std::cerr << "soak-flood: " << a << " wants a number >= 0, got '" << v << "'\n";
      return false;
    }
    if (a == "--seconds") {
      o.seconds = x;
    } else if (a == "--rate") {
      o.rate = x;
    } else if (a == "--ports" && x >= 1 && x <= 16384) {
      o.ports = static_cast<int>(x);
    } else if (a == "--batch" && x >= 1 && x <= 1024) {
      o.batch = static_cast<int>(x);
    } else if (a == "--seed") {
      o.seed = static_cast<std::uint64_t>(x);
    } else {
      std::cerr << "soak-flood: unknown option or value out of range: " << a << " " << v << "\n";
      return false;
    }
  }
  if (!have_target) std::cerr << "soak-flood: --target is required\n";
  return have_target;
}

// The datagrams of one batch of `kind`, n of them, into `out`: views of fixed bytes (junk,
// oversized: sent without a copy) or of fresh encodings kept in `fresh` until the next batch.
void make_batch(Kind kind, std::size_t n, Rng& rng, std::vector<std::string>& fresh,
                std::vector<std::string_view>& out) {
  static const std::array<std::string, 5> junk = {
      std::string("\x00\xff garbage", 10),
      "{",
      "[]",
      R"({"msg_type":"HELLO","msg_data":7})",
      std::string(1400, 'x'),
  };
  static const std::string oversized =
      wire::encode(wire::Hello{std::string(kOversizedBytes, 'o'), std::string("soak")});
  fresh.clear();
  out.clear();
  for (std::size_t i = 0; i < n; ++i) {
    switch (kind) {
      case Kind::kJunk: out.emplace_back(junk[rng.below(junk.size())]); continue;
      case Kind::kOversized: out.emplace_back(oversized); continue;
      case Kind::kHello:
        fresh.push_back(wire::encode(wire::Hello{ptplab::engine::make_uuid4(rng), std::string("soak")}));
        break;
      case Kind::kGetCertificate:
        fresh.push_back(wire::encode(
            wire::GetCertificate{ptplab::engine::make_uuid4(rng), ptplab::engine::make_uuid4(rng)}));
        break;
    }
  }
  for (const auto& f : fresh) out.emplace_back(f);
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!parse(argc, argv, o)) {
    usage(std::cerr);
    return 2;
  }
  // Source sockets, connected to the target: sendmmsg needs no address per datagram.
  std::vector<int> sockets;
  for (int i = 0; i < o.ports; ++i) {
    const int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    if (fd < 0 || connect(fd, reinterpret_cast<const sockaddr*>(&o.target), sizeof o.target) != 0) {
      if (fd >= 0) close(fd);
      break;
    }
    sockets.push_back(fd);
  }
  if (sockets.empty()) {
    std::cerr << "soak-flood: cannot open a UDP socket: " << std::strerror(errno) << "\n";
    return 2;
  }

  Rng rng(o.seed);
  std::array<std::uint64_t, kKinds.size()> by_kind{};
  std::uint64_t sent = 0, errors = 0, turn = 0;
  std::vector<std::string> fresh;
  std::vector<std::string_view> payloads;
  fresh.reserve(static_cast<std::size_t>(o.batch));
  std::vector<iovec> iov(static_cast<std::size_t>(o.batch));
  std::vector<mmsghdr> msgs(static_cast<std::size_t>(o.batch));
  const auto begin = Clock::now();
  const auto end =
      begin + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.seconds));
  auto next_report = begin + std::chrono::seconds(1);
  auto last = begin;
  double tokens = 0;  // datagrams the pace allows now
  for (auto now = begin; now < end; now = Clock::now()) {
    if (now >= next_report) {
      std::printf("{\"t_s\":%.1f,\"sent\":%llu}\n", std::chrono::duration<double>(now - begin).count(),
                  static_cast<unsigned long long>(sent));
      std::fflush(stdout);
      next_report += std::chrono::seconds(1);
    }
    // Paced by a token bucket holding at most kCatchUpSeconds of sending: a sender that was
    // descheduled resumes at the rate, it does not burst to make up for the time it lost.
    if (o.rate > 0) {
      const double dt = std::chrono::duration<double>(now - last).count();
      last = now;
      tokens = std::min(tokens + o.rate * dt, std::max(o.rate * kCatchUpSeconds, double(o.batch)));
      if (tokens < o.batch) {
        std::this_thread::sleep_for(std::chrono::microseconds(500));
        continue;
      }
      tokens -= o.batch;
    }
    const auto& k = kKinds[turn % kKinds.size()];
    const int fd = sockets[(turn / kKinds.size()) % sockets.size()];
    ++turn;
    make_batch(k.kind, static_cast<std::size_t>(o.batch), rng, fresh, payloads);
    for (std::size_t i = 0; i < payloads.size(); ++i) {
      iov[i] = iovec{const_cast<char*>(payloads[i].data()), payloads[i].size()};
      msgs[i] = mmsghdr{};
      msgs[i].msg_hdr.msg_iov = &iov[i];
      msgs[i].msg_hdr.msg_iovlen = 1;
    }
    // Loopback delivers at once; a refused or full destination loses the rest of the batch.
    const int n = sendmmsg(fd, msgs.data(), static_cast<unsigned>(payloads.size()), 0);
    const auto done = static_cast<std::uint64_t>(n < 0 ? 0 : n);
    sent += done;
    by_kind[static_cast<std::size_t>(k.kind)] += done;
    errors += payloads.size() - done;
  }
  const double elapsed = std::chrono::duration<double>(Clock::now() - begin).count();
  std::printf(
      "{\"done\":true,\"sent\":%llu,\"seconds\":%.3f,\"rate_per_s\":%.0f,\"send_errors\":%llu,\"by_kind\":{",
      static_cast<unsigned long long>(sent), elapsed, elapsed > 0 ? static_cast<double>(sent) / elapsed : 0.0,
      static_cast<unsigned long long>(errors));
  for (std::size_t i = 0; i < kKinds.size(); ++i)
    std::printf("%s\"%s\":%llu", i ? "," : "", std::string(kKinds[i].name).c_str(),
                static_cast<unsigned long long>(by_kind[i]));
  std::printf("}}\n");
  for (const int fd : sockets) close(fd);
  return 0;
}
