// Number-plus-unit parsing for bit rates and byte sizes, with exact tables of unit factors.
#include "scenarios/format/units.hpp"

#include <charconv>
#include <cmath>
#include <utility>

namespace ptplab::scenarios {
namespace {

// Splits "38Mbit/s" into 38.0 and "Mbit/s" (spaces between them allowed).
std::optional<std::pair<double, std::string_view>> split_number(std::string_view text) {
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || !std::isfinite(value) || value < 0) return std::nullopt;
  std::string_view unit(end, static_cast<std::size_t>(text.data() + text.size() - end));
  while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
  return std::pair{value, unit};
}

struct Unit {
  std::string_view name;
  double factor;
};

std::optional<std::uint64_t> scaled(std::string_view text, std::initializer_list<Unit> units) {
  const auto parts = split_number(text);
  if (!parts) return std::nullopt;
  for (const auto& u : units) {
    if (u.name == parts->second) {
      const double v = std::round(parts->first * u.factor);
      if (v >= 1.8e19) return std::nullopt;
      return static_cast<std::uint64_t>(v);
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::uint64_t> parse_bitrate(std::string_view text) {
  return scaled(text, {{"", 1},
                       {"bps", 1},
                       {"bit/s", 1},
                       {"kbps", 1e3},
                       {"kbit/s", 1e3},
                       {"Kbit/s", 1e3},
                       {"Mbps", 1e6},
                       {"Mbit/s", 1e6},
                       {"Gbps", 1e9},
                       {"Gbit/s", 1e9},
                       {"B/s", 8},
                       {"kB/s", 8e3},
                       {"KB/s", 8e3},
                       {"MB/s", 8e6},
                       {"GB/s", 8e9}});
}

std::optional<std::uint64_t> parse_byte_size(std::string_view text) {
  return scaled(text, {{"", 1},
                       {"B", 1},
                       {"kB", 1e3},
                       {"KB", 1e3},
                       {"KiB", 1024.0},
                       {"MB", 1e6},
                       {"MiB", 1024.0 * 1024},
                       {"GB", 1e9},
                       {"GiB", 1024.0 * 1024 * 1024}});
}

}  // namespace ptplab::scenarios
