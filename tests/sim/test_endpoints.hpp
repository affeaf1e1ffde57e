// Raw endpoints for the simulator's tests (not the ptpchat Node): a scriptable recorder and a
// helper that keeps pointers to the endpoints a factory built.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "engine/core/endpoint.hpp"
#include "sim/network.hpp"

namespace ptplab::sim::testing {

// Records every datagram and timer; optional hooks react to them.
class ScriptEndpoint : public Endpoint {
 public:
  struct Received {
    TimeNs at;
    Address from;
    std::string bytes;
  };
  using DatagramHook = std::function<void(TimeNs, const Address&, const std::string&, Output&)>;
  using TimerHook = std::function<void(TimeNs, Output&)>;

  void start(TimeNs now, Output& out) override {
    started_at = now;
    if (on_start) on_start(now, out);
  }
  void on_datagram(TimeNs now, const Address& from, const SharedBytes& bytes, Output& out) override {
    received.push_back(Received{now, from, *bytes});
    if (on_receive) on_receive(now, from, *bytes, out);
  }
  void on_timer(TimeNs now, Output& out) override {
    timers.push_back(now);
    if (on_tick) on_tick(now, out);
  }

  TimeNs started_at = -1;
  std::vector<Received> received;
  std::vector<TimeNs> timers;
  TimerHook on_start;
  DatagramHook on_receive;
  TimerHook on_tick;
};

// Builds ScriptEndpoints and remembers the latest one per host (nullptr-safe for tests).
class ScriptFactory {
 public:
  EndpointFactory factory() {
    return [this](const HostStart& s) {
      auto e = std::make_unique<ScriptEndpoint>();
      if (configure) configure(s, *e);
      if (latest.size() <= s.host) latest.resize(s.host + 1, nullptr);
      latest[s.host] = e.get();
      starts.push_back(s);
      return e;
    };
  }
  std::function<void(const HostStart&, ScriptEndpoint&)> configure;
  std::vector<ScriptEndpoint*> latest;
  std::vector<HostStart> starts;
};

// An address from its text ("192.0.2.9:53"); the text must parse.
inline Address addr(const char* text) { return *Address::parse(text); }

// Sends `text` from host `id` (which must be up).
inline void send_text(Network& net, HostId id, const Address& to, const std::string& text) {
  net.act(id, [&](Endpoint&, Output& out) { out.send(to, make_bytes(text)); });
}

// Counts drops by reason and deliveries, as a metrics layer would.
class CountingObserver : public Observer {
 public:
  void on_send(TimeNs, const DatagramView&) override { ++sends; }
  void on_drop(TimeNs, const DatagramView&, DropReason reason) override { drops.push_back(reason); }
  void on_delivery(TimeNs now, const DatagramView& d) override {
    deliveries.push_back({now, d.sent_ns, d.src_host, d.dst_host, d.size()});
  }
  void on_host_state(TimeNs now, HostId host, bool up) override { host_states.push_back({now, host, up}); }
  [[nodiscard]] std::size_t count(DropReason r) const {
    std::size_t n = 0;
    for (auto d : drops) n += d == r;
    return n;
  }
  struct Delivery {
    TimeNs at, sent;
    HostId src, dst;
    std::size_t size;
  };
  struct HostState {
    TimeNs at;
    HostId host;
    bool up;
  };
  std::size_t sends = 0;
  std::vector<DropReason> drops;
  std::vector<Delivery> deliveries;
  std::vector<HostState> host_states;
};

}  // namespace ptplab::sim::testing
