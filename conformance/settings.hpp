// What a conformance run is asked to do, shared by every case of the run.
#pragma once

#include <cstdint>

#include "engine/core/time.hpp"

namespace ptplab::conformance {

// Run-wide knobs; cases read them through their Context.
struct Settings {
  TimeNs timeout_ns = 2 * kSecond;                    // how long to wait for each expected answer
  TimeNs hello_interval_min_ns = 500 * kMillisecond;  // the spec's HELLO interval bounds
  TimeNs hello_interval_max_ns = 2 * kSecond;
  bool strict = false;     // run the checks stricter than the spec
  std::uint64_t seed = 1;  // ids and payloads of the harness's peers
};

}  // namespace ptplab::conformance
