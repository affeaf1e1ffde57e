// format_summary: one titled TextTable per non-empty section of a RunSummary.
#include "reports/text_summary.hpp"

#include <cmath>
#include <set>

#include "reports/group_columns.hpp"
#include "reports/records/metrics.hpp"
#include "reports/text_table.hpp"

namespace ptplab::reports {
namespace {

constexpr std::size_t kParamsShownMax = 60;  // the rest are in run_param

std::string opt(const std::optional<double>& v) { return v ? format_number(*v) : "-"; }
std::string bytes(std::uint64_t v) { return format_bytes(static_cast<double>(v)); }

// The unit of a scalar row, from the metric table or the run value table ("" when in neither).
std::string_view unit_of(const ScalarRecord& r) {
  if (r.module == kMetricModule) {
    const auto* m = find_metric(r.name);
    return m != nullptr ? m->unit : "";
  }
  const auto* v = find_run_value(r.module + "." + r.name);
  return v != nullptr ? v->unit : "";
}

void section(std::string& out, const std::string& title, const TextTable& table) {
  if (table.empty()) return;
  out += "\n" + title + "\n" + table.render();
}

std::string run_header(const RunRow& r) {
  char wall[64];
  std::snprintf(wall, sizeof wall, "%.2f s", r.wall_seconds);
  std::string out = "run " + std::to_string(r.run_id) + "  " + r.scenario + "  seed " +
                    std::to_string(r.seed) + "  status " + r.status + "\n";
  if (r.events == 0 && r.simulated_seconds == 0) {  // nothing simulated: a conform run
    out += "  " + std::string(wall) + " wall\n";
  } else {
    out += "  simulated " + format_seconds(r.simulated_seconds) + " in " + wall + " wall, " +
           std::to_string(r.events) + " events, peak RSS " +
           std::to_string(r.peak_rss_bytes / (1024 * 1024)) + " MiB\n";
  }
  out += "  started " + r.started + (r.finished.empty() ? "" : ", finished " + r.finished) + ", ptplab " +
         r.version + "\n";
  if (!r.sweep_point.empty()) out += "  sweep point " + r.sweep_point + "\n";
  return out;
}

TextTable nat_matrix(const std::vector<NatPairTotals>& nat) {
  std::set<std::string> names;
  for (const auto& p : nat) names.insert(p.nat_a), names.insert(p.nat_b);
  std::vector<std::string> header = {"A \\ B (ok/tried)"};
  header.insert(header.end(), names.begin(), names.end());
  TextTable t(header);
  for (const auto& a : names) {
    std::vector<std::string> row = {a};
    bool any = false;
    for (const auto& b : names) {
      std::string cell = "";
      for (const auto& p : nat) {
        if (p.nat_a == a && p.nat_b == b) {
          cell = format_count(p.successes) + "/" + format_count(p.attempts);
          any = true;
        }
      }
      row.push_back(cell);
    }
    if (any) t.row(row);
  }
  return t;
}

}  // namespace

std::string format_summary(const RunSummary& s) {
  std::string out = run_header(s.run);

  TextTable params({"parameter", "value"});
  for (std::size_t i = 0; i < s.params.size() && i < kParamsShownMax; ++i)
    params.row({s.params[i].name, s.params[i].value});
  if (s.params.size() > kParamsShownMax) {
    params.row({std::to_string(s.params.size() - kParamsShownMax) + " more: see run_param", ""});
  }
  section(out, "parameters", params);

  const auto& d = s.delivery;
  TextTable delivery({"messages", "intended", "delivered", "ratio", "p50 ms", "p90 ms", "p99 ms", "max ms"});
  if (d.messages > 0) {
    delivery.row({format_count(d.messages), format_count(d.intended), format_count(d.delivered),
                  d.ratio ? format_ratio(*d.ratio) : "-", opt(d.latency_p50_ms), opt(d.latency_p90_ms),
                  opt(d.latency_p99_ms), opt(d.latency_max_ms)});
  }
  section(out, "delivery and latency", delivery);
  if (const auto groups = format_group_table(s.groups); !groups.empty()) {
    out += "\ndelivery and latency per group (recipients in the group)\n" + groups;
  }

  TextTable scalars({"module", "name", "value", "unit"});
  for (const auto& r : s.scalars) {
    const std::string_view unit = unit_of(r);
    scalars.row({r.module, r.name, format_in_unit(r.value, unit), std::string(unit)});
  }
  section(out, "metrics", scalars);

  TextTable stats({"statistic", "count", "mean", "stddev", "min", "p50", "p90", "p99", "max"});
  for (const auto& r : s.statistics) {
    stats.row({r.name, format_count(r.count), format_number(r.mean), format_number(r.stddev),
               format_number(r.min), format_number(r.p50), format_number(r.p90), format_number(r.p99),
               format_number(r.max)});
  }
  section(out, "statistics", stats);

  TextTable traffic({"verb", "datagrams", "bytes", "dropped", "dropped bytes"});
  VerbTotals total{"total"};
  for (const auto& r : s.traffic) {
    traffic.row({r.verb, format_count(r.datagrams_sent), bytes(r.bytes_sent),
                 format_count(r.datagrams_dropped), bytes(r.bytes_dropped)});
    total.datagrams_sent += r.datagrams_sent, total.bytes_sent += r.bytes_sent;
    total.datagrams_dropped += r.datagrams_dropped, total.bytes_dropped += r.bytes_dropped;
  }
  if (s.traffic.size() > 1) {
    traffic.row({total.verb, format_count(total.datagrams_sent), bytes(total.bytes_sent),
                 format_count(total.datagrams_dropped), bytes(total.bytes_dropped)});
  }
  section(out, "traffic per verb", traffic);

  TextTable drops({"reason", "datagrams", "bytes"});
  for (const auto& r : s.drops) drops.row({r.reason, format_count(r.datagrams), bytes(r.bytes)});
  section(out, "drops by reason", drops);

  TextTable collisions({"kind", "ids", "holders", "wrongly suppressed", "misrouted"});
  for (const auto& r : s.collisions) {
    collisions.row({r.kind, format_count(r.ids), format_count(r.holders),
                    format_count(r.messages_wrongly_suppressed), format_count(r.messages_misrouted)});
  }
  section(out, "collisions", collisions);

  section(out, "NAT traversal (CONNECT) by initiator A and target B", nat_matrix(s.nat));
  TextTable connect({"A", "B", "attempts", "successes", "p50 ms to connect"});
  for (const auto& p : s.nat) {
    connect.row({p.nat_a, p.nat_b, format_count(p.attempts), format_count(p.successes),
                 opt(p.time_to_connect_p50_ms)});
  }
  section(out, "time to connect", connect);

  TextTable expect({"metric", "op", "expected", "tolerance", "actual", "result"});
  std::size_t failed = 0;
  for (const auto& e : s.expectations) {
    failed += e.passed ? 0 : 1;
    expect.row({e.metric, e.op, format_number(e.expected), format_number(e.tolerance), opt(e.actual),
                e.passed ? "pass" : "FAIL"});
  }
  section(out, "expectations", expect);
  if (!s.expectations.empty()) {
    out += "  " + std::to_string(s.expectations.size() - failed) + " of " +
           std::to_string(s.expectations.size()) + " expectations pass\n";
  }
  return out;
}

std::string format_group_table(const std::vector<GroupTotals>& groups) {
  if (groups.size() < 2) return "";
  std::vector<std::string> header;
  for (const auto& c : kGroupColumns) header.emplace_back(c.header);
  TextTable t(std::move(header));
  const auto text = [](const GroupCell& cell, std::string_view unit) {
    if (const auto* s = std::get_if<std::string_view>(&cell)) return std::string(*s);
    if (const auto* n = std::get_if<std::uint64_t>(&cell)) return format_count(*n);
    const auto& v = std::get<std::optional<double>>(cell);
    return v ? format_in_unit(*v, unit) : std::string("-");
  };
  for (const auto& g : groups) {
    std::vector<std::string> row;
    for (const auto& c : kGroupColumns) row.push_back(text(c.cell(g), c.unit));
    t.row(std::move(row));
  }
  return t.render();
}

std::string format_run_list(const std::vector<RunRow>& runs) {
  TextTable t({"run", "scenario", "seed", "status", "simulated s", "sweep point"});
  for (const auto& r : runs) {
    t.row({std::to_string(r.run_id), r.scenario, std::to_string(r.seed), r.status,
           format_number(r.simulated_seconds), r.sweep_point});
  }
  return t.render();
}

}  // namespace ptplab::reports
