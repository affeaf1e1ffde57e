// `ptplab run`'s capture options: --pcap FILE, --pcap-hosts, --pcap-verbs. Wires the scenarios'
// CaptureTap to the reports' pcap writer (what is captured: scenarios/runner/capture_tap.hpp).
#pragma once

#include <boost/program_options.hpp>
#include <memory>
#include <string>
#include <vector>

#include "engine/core/expected.hpp"
#include "reports/capture/pcap_writer.hpp"
#include "scenarios/format/scenario.hpp"
#include "scenarios/runner/capture_tap.hpp"

namespace ptplab::cli {

// Adds --pcap, --pcap-hosts and --pcap-verbs to a command's options.
void add_capture_options(boost::program_options::options_description& options);

// An open capture (or none: request.sink null).
struct Capture {
  std::unique_ptr<reports::PcapWriter> writer;
  scenarios::CaptureRequest request;
  // Completes the file (a no-op without a capture). Errors: the flush failed.
  [[nodiscard]] Expected<std::monostate, std::string> close();
};

// Opens the --pcap file when given, after checking the filters against every scenario.
// Errors: --pcap with more than one scenario, a filter naming no group/verb, the file cannot be
// created, or a filter given without --pcap.
[[nodiscard]] Expected<Capture, std::string> open_capture(const boost::program_options::variables_map& vm,
                                                          const std::vector<scenarios::Scenario>& scenarios);

}  // namespace ptplab::cli
