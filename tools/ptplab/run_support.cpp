// Summaries and progress for the run commands.
#include "tools/ptplab/run_support.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>

#include "reports/records/metrics.hpp"
#include "reports/text_summary.hpp"
#include "reports/text_table.hpp"
#include "scenarios/metrics/run_warnings.hpp"

namespace ptplab::cli {
namespace {

std::string fmt(const char* format, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

using M = reports::Metric;

std::string metric(const scenarios::MetricValues& m, M which, const char* format) {
  const auto it = m.find(std::string(reports::metric_name(which)));
  return it == m.end() ? std::string("-") : fmt(format, it->second);
}

// A byte-valued metric in SI units ("433.1 MB"), "-" when the run has none.
std::string bytes(const scenarios::MetricValues& m, M which) {
  const auto it = m.find(std::string(reports::metric_name(which)));
  return it == m.end() ? std::string("-") : reports::format_bytes(it->second);
}

// ", N scheduled not sent (counted as undelivered)" when the origin refused messages or the
// workload found no sender, else "".
std::string unsent_text(const scenarios::RunDiagnostics& d) {
  std::uint64_t n = 0;
  for (const auto& u : d.unsent) n += u.count;
  for (const auto& s : d.skipped) {
    n += s.reason == scenarios::skipped_name(scenarios::Skipped::kNoSender) ? s.count : 0;
  }
  return n == 0 ? std::string() : ", " + std::to_string(n) + " scheduled not sent (counted as undelivered)";
}

}  // namespace

std::vector<std::string> scenario_warnings(const scenarios::Scenario& s) {
  std::vector<std::string> out;
  for (const auto& w : s.warnings) out.push_back("warning: " + w);
  return out;
}

std::string format_run_summary(const scenarios::Scenario& s, const scenarios::RunOutcome& o) {
  const auto& m = o.metrics;
  std::ostringstream out;
  out << s.name << " (seed " << s.seed << ", run " << o.run_id << "): " << reports::run_status_name(o.status)
      << ", " << reports::format_seconds(static_cast<double>(o.simulated_ns) / 1e9) << " simulated, "
      << o.events << " events in " << fmt("%.2f", o.wall_seconds) << " s\n";
  out << "  delivery    ratio " << metric(m, M::kDeliveryRatio, "%.4f") << " of intended members ("
      << metric(m, M::kDeliveredMessages, "%.0f") << " deliveries of " << metric(m, M::kMessagesSent, "%.0f")
      << " messages" << unsent_text(o.diagnostics) << "), " << metric(m, M::kDeliveryRatioJoined, "%.4f")
      << " of joined members\n";
  out << "  members     " << metric(m, M::kMembersJoined, "%.0f") << " of "
      << metric(m, M::kMembersIntended, "%.0f") << " intended joined ("
      << metric(m, M::kJoinSuccessRatio, "%.4f") << "), join time ms p50 "
      << metric(m, M::kJoinTimeP50Ms, "%.1f") << "  p99 " << metric(m, M::kJoinTimeP99Ms, "%.1f") << "\n";
  out << "  latency ms  p50 " << metric(m, M::kLatencyP50Ms, "%.1f") << "  p90 "
      << metric(m, M::kLatencyP90Ms, "%.1f") << "  p99 " << metric(m, M::kLatencyP99Ms, "%.1f") << "  max "
      << metric(m, M::kLatencyMaxMs, "%.1f") << "\n";
  if (const auto groups = reports::format_group_table(o.groups); !groups.empty()) {
    out << "  per group (recipients in the group)\n" << groups;
  }
  out << "  traffic     " << metric(m, M::kDatagramsSent, "%.0f") << " datagrams, " << bytes(m, M::kBytesSent)
      << ", " << bytes(m, M::kBytesPerDeliveredMessage) << " per delivery, "
      << metric(m, M::kDuplicates, "%.0f") << " duplicates\n";
  out << "  collisions  node_id " << metric(m, M::kNodeIdCollisions, "%.0f") << "  msg_id "
      << metric(m, M::kMsgIdCollisions, "%.0f") << "  wrongly suppressed "
      << metric(m, M::kMessagesWronglySuppressed, "%.0f");
  // The nodes' own collision events are another count than the ids shared: say which is which.
  if (o.diagnostics.collision_events > 0) {
    out << "  (ids shared by distinct nodes or messages; the nodes raised " << o.diagnostics.collision_events
        << " collision events, sim.collisions_detected, their own evidence)";
  }
  out << "\n";
  out << "  NAT         " << metric(m, M::kNatAttempts, "%.0f") << " attempts, success "
      << metric(m, M::kNatSuccessRatio, "%.3f");
  for (std::size_t i = 0; i < o.diagnostics.connect_failures.size(); ++i) {
    const auto& f = o.diagnostics.connect_failures[i];
    out << (i == 0 ? ", failed: " : ", ") << f.reason << " " << f.count;
  }
  out << "\n";
  if (!s.attackers.empty()) {
    out << "  abuse       honest delivery " << metric(m, M::kHonestDeliveryRatio, "%.4f")
        << ", amplification " << metric(m, M::kAmplificationFactor, "%.2f") << ", victim datagrams "
        << metric(m, M::kVictimDatagramsReceived, "%.0f") << ", rate-limited "
        << metric(m, M::kDropsRateLimited, "%.0f") << "\n";
  }
  if (!o.diagnostics.drops.empty()) {
    out << "  drops       ";
    for (std::size_t i = 0; i < o.diagnostics.drops.size(); ++i) {
      out << (i == 0 ? "" : ", ") << o.diagnostics.drops[i].reason << " " << o.diagnostics.drops[i].count;
    }
    out << "\n";
  }
  for (const auto& w : scenario_warnings(s)) out << w << "\n";
  for (const auto& w : outcome_warnings(o)) out << w << "\n";
  std::size_t passed = 0;
  for (const auto& e : o.expectations) passed += e.passed ? 1 : 0;
  if (o.status != reports::RunStatus::kComplete) {
    // A run stopped early judges nothing (run.hpp): "0/0 passed" would read as no expectations.
    out << "  expectations " << s.expect.size() << " not judged (the run did not complete)\n";
    return out.str();
  }
  out << "  expectations " << passed << "/" << o.expectations.size() << " passed\n";
  for (const auto& e : o.expectations) {
    out << "    " << (e.passed ? "pass " : "FAIL ") << e.metric << " " << e.op << " "
        << reports::format_number(e.expected);
    if (e.tolerance != 0) out << " +- " << reports::format_number(e.tolerance);
    out << "  (actual " << (e.actual ? reports::format_number(*e.actual) : std::string("none")) << ")\n";
  }
  return out.str();
}

namespace {

// Peak resident set size of this process, MiB (ru_maxrss is in KiB).
double peak_rss_mib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

// The plain line printed off a terminal every `every_ns` of wall time.
scenarios::ProgressFn plain_progress(const std::string& name, TimeNs duration_ns, TimeNs every_ns) {
  if (every_ns <= 0) return {};
  const auto start = std::chrono::steady_clock::now();
  auto next =
      std::make_shared<std::chrono::steady_clock::time_point>(start + std::chrono::nanoseconds(every_ns));
  return [=](TimeNs now, std::uint64_t events) {
    const auto t = std::chrono::steady_clock::now();
    if (t < *next || now >= duration_ns) return;
    while (*next <= t) *next += std::chrono::nanoseconds(every_ns);
    const double wall = std::chrono::duration<double>(t - start).count();
    const double done = static_cast<double>(now) / static_cast<double>(std::max<TimeNs>(duration_ns, 1));
    std::fprintf(stderr,
                 "progress %s: %.1fs of %s simulated (%.0f%%), %.2fM events/s, %.0f s elapsed, ETA %.0f s, "
                 "peak RSS %.0f MiB\n",
                 name.c_str(), static_cast<double>(now) / kSecond, format_duration(duration_ns).c_str(),
                 100 * done, wall > 0 ? static_cast<double>(events) / wall / 1e6 : 0.0, wall,
                 done > 0 ? wall * (1 - done) / done : 0.0, peak_rss_mib());
  };
}

}  // namespace

std::vector<std::string> outcome_warnings(const scenarios::RunOutcome& o) {
  if (o.status == reports::RunStatus::kComplete) return scenarios::run_warnings(o.diagnostics);
  auto d = o.diagnostics;
  d.members_open_not_joined = 0;
  d.members_joined_unreached = 0;
  auto lines = scenarios::run_warnings(d);
  const std::string prefix = "warning: ";
  for (auto& w : lines) {
    if (w.rfind(prefix, 0) == 0)
      w.insert(prefix.size(), "(run stopped at " + format_duration(o.simulated_ns) + ") ");
  }
  return lines;
}

scenarios::SetupFn make_setup_progress(const std::string& name, bool quiet) {
  if (quiet) return {};
  const auto start = std::chrono::steady_clock::now();
  return [=](std::string_view phase, std::size_t items) {
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fprintf(stderr, "set-up %s: %.*s (%zu) done, %.1f s elapsed, peak RSS %.0f MiB\n", name.c_str(),
                 static_cast<int>(phase.size()), phase.data(), items, wall, peak_rss_mib());
  };
}

scenarios::ProgressFn make_progress(const std::string& name, TimeNs duration_ns, bool quiet,
                                    TimeNs plain_every_ns) {
  if (quiet) return {};
  if (isatty(STDERR_FILENO) == 0) return plain_progress(name, duration_ns, plain_every_ns);
  const auto start = std::chrono::steady_clock::now();
  auto last = std::make_shared<std::chrono::steady_clock::time_point>(start);
  return [=](TimeNs now, std::uint64_t events) {
    const auto t = std::chrono::steady_clock::now();
    if (now < duration_ns && t - *last < std::chrono::milliseconds(200)) return;
    *last = t;
    const double wall = std::chrono::duration<double>(t - start).count();
    const double done = static_cast<double>(now) / static_cast<double>(std::max<TimeNs>(duration_ns, 1));
    const double eta = done > 0 ? wall * (1 - done) / done : 0;
    std::fprintf(stderr, "\r  %s / %s simulated, %.2fM events/s, ETA %.0f s   ", format_duration(now).c_str(),
                 format_duration(duration_ns).c_str(),
                 wall > 0 ? static_cast<double>(events) / wall / 1e6 : 0.0, eta);
    if (now >= duration_ns) std::fprintf(stderr, "\n");
  };
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace ptplab::cli
