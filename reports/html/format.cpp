// Number formatting for charts and tables (see format.hpp).
#include "reports/html/format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ptplab::reports::html {
namespace {

std::string printf_double(const char* fmt, int precision, double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, fmt, precision, value);
  return buf;
}

// Removes trailing zeros after a decimal point, and the point itself if nothing follows.
std::string trim_zeros(std::string s) {
  if (s.find('.') == std::string::npos) return s;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

// "-0", "-0.00": a negative sign on a value that printed as zero is dropped.
std::string no_negative_zero(std::string s) {
  if (!s.empty() && s[0] == '-' && s.find_first_not_of("0.", 1) == std::string::npos) s.erase(0, 1);
  return s;
}

// The unit suffix for an abbreviated magnitude, with its divisor.
struct Magnitude {
  double divisor;
  const char* suffix;
};

Magnitude magnitude_of(double abs_value) {
  if (abs_value >= 1e9) return {1e9, "G"};
  if (abs_value >= 1e6) return {1e6, "M"};
  if (abs_value >= 1e4) return {1e3, "k"};
  return {1, ""};
}

}  // namespace

std::string format_tick(double value, double step) {
  if (!std::isfinite(value)) return "–";
  step = std::abs(step);
  const double largest = std::max(std::abs(value), step);
  const Magnitude m = magnitude_of(largest);
  const double scaled_step = step / m.divisor;
  int decimals = 0;
  if (scaled_step > 0 && std::isfinite(scaled_step)) {
    decimals = std::clamp(static_cast<int>(std::ceil(-std::log10(scaled_step) - 1e-9)), 0, 9);
  }
  const std::string digits = no_negative_zero(trim_zeros(printf_double("%.*f", decimals, value / m.divisor)));
  return digits == "0" ? digits : digits + m.suffix;
}

std::string format_value(double value, int significant) {
  if (!std::isfinite(value)) return "–";
  const Magnitude m = magnitude_of(std::abs(value));
  const double scaled = value / m.divisor;
  // Digits left of the point; zero or negative for values below 1 (0.00123 -> -2).
  const int digits_before = scaled == 0 ? 1 : static_cast<int>(std::floor(std::log10(std::abs(scaled)))) + 1;
  const int decimals = std::clamp(significant - digits_before, 0, 9);
  return no_negative_zero(trim_zeros(printf_double("%.*f", decimals, scaled))) + m.suffix;
}

std::string format_coord(double value) {
  if (!std::isfinite(value)) return "0";
  return no_negative_zero(trim_zeros(printf_double("%.*f", 2, value)));
}

}  // namespace ptplab::reports::html
