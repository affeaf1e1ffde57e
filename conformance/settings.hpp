// What a conformance run is asked to do, shared by every case of the run.
#pragma once

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
};

}  // namespace ptplab::conformance
