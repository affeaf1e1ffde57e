// libFuzzer target for what the command line hands the scenario loader: `--set path=value`
// overrides (one per input line, applied to a small valid scenario) and the readable units
// (durations, bit rates, byte sizes) read from the whole input. Nothing may crash or throw; an
// override that is refused names a pointer; a duration, rate or size that parses is in range.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/time.hpp"
#include "scenarios/format/loader.hpp"
#include "scenarios/format/units.hpp"

namespace {

constexpr std::string_view kBase = R"({"name": "f", "duration": "2s",
  "nodes": [{"name": "server", "count": 1, "role": "server"}, {"name": "clients", "count": 3}],
  "topology": {"bootstrap": {"servers": "server"}},
  "workload": {"channels": [{"name": "c", "members": {"groups": ["clients"]},
                             "messages": {"rate_per_s": 1, "size": 100}}]}})";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ptplab;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (const auto d = parse_duration(text); d && *d < 0) __builtin_trap();
  (void)scenarios::parse_bitrate(text);
  (void)scenarios::parse_byte_size(text);
  std::vector<std::string> overrides;
  std::size_t start = 0;
  while (start < text.size() && overrides.size() < 8) {
    const auto end = std::min(text.find('\n', start), text.size());
    overrides.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  const auto loaded = scenarios::load_scenario(kBase, overrides);
  if (!loaded && loaded.error().empty()) __builtin_trap();
  return 0;
}
