// What a conformance run is asked to do, shared by every case of the run.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "engine/core/time.hpp"

namespace ptplab::conformance {

// Run-wide knobs; cases read them through their Context.
struct Settings {
  TimeNs timeout_ns = 2 * kSecond;                    // how long to wait for each expected answer
  TimeNs hello_interval_min_ns = 500 * kMillisecond;  // the spec's HELLO interval bounds
  TimeNs hello_interval_max_ns = 2 * kSecond;
  bool strict = false;     // run the checks stricter than the spec
  std::uint64_t seed = 1;  // ids and payloads of the harness's peers
  // Non-empty when the target sees the harness's sockets at other addresses than they are bound
  // to (a NAT or a proxy between them): what was seen. Cases that compare addresses say so.
  std::string address_translation;
  // Raised (by SIGINT/SIGTERM) to end the run early: waits return at once, nothing more is sent,
  // and the runner starts no more cases. Null: never. Over a real socket only; virtual time
  // (in-process) runs its cases to the end, the runner just starts no more.
  const std::atomic<bool>* stop = nullptr;
};

}  // namespace ptplab::conformance
