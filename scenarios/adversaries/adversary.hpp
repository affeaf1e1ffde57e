// The base of every adversary behaviour: an Endpoint hosted by the simulator like any node, that
// fires attack datagrams at a fixed rate while one of its active windows is open. Behaviours
// (one small class each, see behaviours.hpp) say what one attack step sends.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/core/endpoint.hpp"
#include "engine/core/rng.hpp"
#include "scenarios/adversaries/attack_window.hpp"

namespace ptplab::scenarios {

// What the runner tells an adversary about the world: whom to attack, how hard and when.
struct AdversaryContext {
  Address self;                                      // the adversary host's own address
  std::vector<Address> targets;                      // the victims (or the honest peers it attaches to)
  std::vector<std::string> target_node_ids;          // node ids of the targets, same order (may be empty)
  std::vector<Address> reflectors;                   // honest hosts bounced off by reflection attacks
  std::vector<std::string> population_node_ids;      // honest node ids to impersonate or poison routes for
  double rate_per_s = 100;                           // attack steps per second
  std::uint64_t seed = 0;                            // the adversary's own random stream
  std::vector<AttackWindow> windows{{}};             // when the attack is on (default: always)
  nlohmann::json params = nlohmann::json::object();  // behaviour-specific knobs
};

// Interval between two keep-alive HELLOs of adversaries that want to stay registered as peers.
inline constexpr TimeNs kAdversaryHelloInterval_ns = kSecond;
// Bound on the attack rate: a step at most every microsecond.
inline constexpr double kAdversaryRateMax_per_s = 1e6;

// Base class: rate timer and windows; subclasses implement fire() (one attack step).
class Adversary : public Endpoint {
 public:
  explicit Adversary(AdversaryContext context);
  void start(TimeNs now, Output& out) final;
  void on_datagram(TimeNs now, const Address& from, const SharedBytes& bytes, Output& out) override;
  void on_timer(TimeNs now, Output& out) final;

 protected:
  // One attack step at `now`.
  virtual void fire(TimeNs now, Output& out) = 0;
  // Whether the attack is on at `now`.
  [[nodiscard]] bool active(TimeNs now) const;
  // The targets in round-robin order, one per call (nullptr when there are none).
  [[nodiscard]] const Address* next_target();
  // The reflectors in round-robin order (nullptr when there are none).
  [[nodiscard]] const Address* next_reflector();
  // Knobs from params, or `fallback` when absent. The loader has checked each present value
  // against the behaviour's BehaviourParam (scenarios/format/scenario.hpp), so they are read as is.
  [[nodiscard]] std::int64_t param_int(const char* name, std::int64_t fallback) const;
  [[nodiscard]] std::string param_string(const char* name, const std::string& fallback) const;
  [[nodiscard]] bool param_bool(const char* name, bool fallback) const;
  // A duration knob ("250ms", "10s" or 0) in ns.
  [[nodiscard]] TimeNs param_duration(const char* name, TimeNs fallback) const;
  // Sends a HELLO carrying `node_id` to every target when the last one is older than
  // kAdversaryHelloInterval_ns, so the adversary stays registered as their peer.
  void keepalive(TimeNs now, std::string_view node_id, Output& out);
  // Re-states the next wake-up after on_datagram (the base owns the timer).
  void rearm(Output& out) { out.wake_at(next_); }

  const AdversaryContext& ctx() const { return ctx_; }
  Rng& rng() { return rng_; }

 private:
  // The first step time >= t inside a window, or kNever.
  [[nodiscard]] TimeNs first_step_at_or_after(TimeNs t) const;

  AdversaryContext ctx_;
  Rng rng_;
  TimeNs interval_ns_;
  TimeNs next_ = kNever;
  TimeNs next_hello_ = 0;
  std::size_t target_cursor_ = 0;
  std::size_t reflector_cursor_ = 0;
};

}  // namespace ptplab::scenarios
