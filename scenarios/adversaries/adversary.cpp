// The adversary base: the rate timer, the attack windows and round-robin target choice.
#include "scenarios/adversaries/adversary.hpp"

#include <algorithm>
#include <cmath>

#include "engine/core/time.hpp"
#include "engine/wire/codec.hpp"

namespace ptplab::scenarios {

Adversary::Adversary(AdversaryContext context)
    : ctx_(std::move(context)),
      rng_(Rng::derive(ctx_.seed, 0)),
      interval_ns_(static_cast<TimeNs>(std::llround(
          static_cast<double>(kSecond) / std::clamp(ctx_.rate_per_s, 1e-3, kAdversaryRateMax_per_s)))) {
  std::sort(ctx_.windows.begin(), ctx_.windows.end(),
            [](const AttackWindow& a, const AttackWindow& b) { return a.start_ns < b.start_ns; });
}

bool Adversary::active(TimeNs now) const {
  return std::any_of(ctx_.windows.begin(), ctx_.windows.end(),
                     [now](const AttackWindow& w) { return now >= w.start_ns && now < w.stop_ns; });
}

TimeNs Adversary::first_step_at_or_after(TimeNs t) const {
  for (const auto& w : ctx_.windows) {
    if (t < w.stop_ns) return std::max(t, w.start_ns);
  }
  return kNever;
}

void Adversary::start(TimeNs now, Output& out) {
  next_ = first_step_at_or_after(now);
  out.wake_at(next_);
}

void Adversary::on_datagram(TimeNs, const Address&, const SharedBytes&, Output& out) { rearm(out); }

void Adversary::on_timer(TimeNs now, Output& out) {
  if (now >= next_) {
    if (active(now)) fire(now, out);
    next_ = first_step_at_or_after(now > kNever - interval_ns_ ? kNever : now + interval_ns_);
  }
  out.wake_at(next_);
}

const Address* Adversary::next_target() {
  if (ctx_.targets.empty()) return nullptr;
  return &ctx_.targets[target_cursor_++ % ctx_.targets.size()];
}

const Address* Adversary::next_reflector() {
  if (ctx_.reflectors.empty()) return nullptr;
  return &ctx_.reflectors[reflector_cursor_++ % ctx_.reflectors.size()];
}

std::int64_t Adversary::param_int(const char* name, std::int64_t fallback) const {
  const auto it = ctx_.params.find(name);
  return it != ctx_.params.end() ? it->get<std::int64_t>() : fallback;
}

std::string Adversary::param_string(const char* name, const std::string& fallback) const {
  const auto it = ctx_.params.find(name);
  return it != ctx_.params.end() ? it->get<std::string>() : fallback;
}

bool Adversary::param_bool(const char* name, bool fallback) const {
  const auto it = ctx_.params.find(name);
  return it != ctx_.params.end() ? it->get<bool>() : fallback;
}

TimeNs Adversary::param_duration(const char* name, TimeNs fallback) const {
  const auto it = ctx_.params.find(name);
  if (it == ctx_.params.end()) return fallback;
  return it->is_string() ? parse_duration(it->get<std::string>()).value_or(fallback) : it->get<TimeNs>();
}

void Adversary::keepalive(TimeNs now, std::string_view node_id, Output& out) {
  if (now < next_hello_) return;
  next_hello_ = now + kAdversaryHelloInterval_ns;
  const auto hello =
      make_bytes(wire::encode(wire::Hello{std::string(node_id), std::string("ptplab-adversary")}));
  for (const auto& t : ctx_.targets) out.send(t, hello);
}

}  // namespace ptplab::scenarios
