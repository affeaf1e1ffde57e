// libFuzzer target for the scenario loader: any text (comments allowed) must load or return
// errors that each name a JSON pointer and say what was expected, never crash or throw; a
// scenario that loads must load again from its effective document (the report stores that
// document, and `ptplab run` of a report's scenario_text must give the same scenario), and its
// sweep must expand within kSweepPointsMax points or be refused with errors; the first points
// then load (or fail with errors) like any file.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

#include "scenarios/format/loader.hpp"
#include "scenarios/format/sweep.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ptplab::scenarios;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto loaded = load_scenario(text);
  if (!loaded) {
    if (loaded.error().empty()) __builtin_trap();
    for (const auto& e : loaded.error())
      if (e.message.empty()) __builtin_trap();
    return 0;
  }
  const auto again = load_scenario(loaded->document);
  if (!again || again->document != loaded->document) __builtin_trap();
  const auto points = expand_sweep(nlohmann::json::parse(loaded->document));
  if (!points) return 0;
  if (points->size() > kSweepPointsMax) __builtin_trap();
  for (std::size_t i = 0; i < points->size() && i < 4; ++i) {
    const auto point = load_scenario((*points)[i].document.dump());
    if (!point && point.error().empty()) __builtin_trap();
  }
  return 0;
}
