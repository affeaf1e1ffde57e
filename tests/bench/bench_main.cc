// The main() of every benchmark executable: Google Benchmark's, plus one convenience. Google
// Benchmark's filter regex has no inline flags, yet people (and scripts written for RE2/PCRE)
// pass `--benchmark_filter=(?i)...`; this main turns a leading `(?i)` into an equivalent
// case-insensitive pattern ("(?i)phold" -> "[pP][hH][oO][lL][dD]") instead of failing.
#include <benchmark/benchmark.h>

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

namespace {

std::string case_insensitive(std::string_view pattern) {
  std::string out;
  bool in_class = false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      out += c;
      out += pattern[++i];
      continue;
    }
    if (c == '[') in_class = true;
    if (c == ']') in_class = false;
    const auto uc = static_cast<unsigned char>(c);
    if (std::isalpha(uc)) {
      const char lower = static_cast<char>(std::tolower(uc));
      const char upper = static_cast<char>(std::toupper(uc));
      if (in_class) {
        out += lower;
        out += upper;
      } else {
        out += '[';
        out += lower;
        out += upper;
        out += ']';
      }
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  static constexpr std::string_view kFilter = "--benchmark_filter=";
  std::vector<std::string> args(argv, argv + argc);
  for (auto& a : args) {
    if (a.rfind(kFilter, 0) == 0 && a.compare(kFilter.size(), 4, "(?i)") == 0) {
      a = std::string(kFilter) + case_insensitive(std::string_view(a).substr(kFilter.size() + 4));
    }
  }
  std::vector<char*> rewritten;
  for (auto& a : args) rewritten.push_back(a.data());
  int count = static_cast<int>(rewritten.size());
  benchmark::Initialize(&count, rewritten.data());
  if (benchmark::ReportUnrecognizedArguments(count, rewritten.data())) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
