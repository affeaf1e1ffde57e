// Assembly of the HTML report (see report.hpp).
#include "reports/html/report.hpp"

#include "reports/html/page.hpp"
#include "reports/html/report_data.hpp"
#include "reports/html/sections.hpp"

namespace ptplab::reports::html {
namespace {

// The run the per-run charts show and why: run `run` when given; else the newest complete run
// among those read (issue 17: a file appended to shows its latest result), or the newest run
// when none is complete. Null when the file holds no such run.
std::pair<const RunData*, std::string> chosen_run(const ReportSource& src, std::optional<RunId> run) {
  if (run) {
    for (const auto& r : src.runs) {
      if (r.summary.run.run_id == *run) return {&r, "chosen with --run"};
    }
    return {nullptr, ""};
  }
  for (auto r = src.runs.rbegin(); r != src.runs.rend(); ++r) {
    if (r->summary.run.status == "complete") return {&*r, "the newest complete run; --run ID shows another"};
  }
  if (src.runs.empty()) return {nullptr, ""};
  return {&src.runs.back(), "the newest run, none is complete; --run ID shows another"};
}

}  // namespace

Expected<std::string, std::string> html_report(const std::string& path, std::optional<RunId> run,
                                               bool log_n) {
  auto src = load_report(path);
  if (!src) return Unexpected(src.error());
  Page page;
  page.title = "ptplab report";
  page.subtitle = path + " — " + std::to_string(src->runs_total) + (src->runs_total == 1 ? " run" : " runs");
  const auto [chosen, why] = chosen_run(*src, run);
  if (run && chosen == nullptr) return Unexpected("no run " + std::to_string(*run) + " in " + path);
  if (chosen != nullptr) {
    page.title += ": " + chosen->summary.run.scenario;
    page.sections.push_back({"summary", "Run summary and parameters", summary_section(*src, *chosen, why)});
    auto delivery = delivery_section(*src, *chosen);
    if (!delivery) return Unexpected(delivery.error());
    page.sections.push_back({"delivery", "Delivery ratio over time", *delivery});
    auto latency = latency_section(*src);
    if (!latency) return Unexpected(latency.error());
    page.sections.push_back({"latency", "Propagation latency", *latency});
    auto traffic = traffic_section(*src, *chosen);
    if (!traffic) return Unexpected(traffic.error());
    page.sections.push_back({"traffic", "Traffic per verb", *traffic});
    page.sections.push_back({"drops", "Drops by reason", drops_section(*chosen)});
    page.sections.push_back({"nat", "NAT traversal", nat_section(*chosen)});
    page.sections.push_back({"collisions", "ID collisions", collisions_section(*src)});
    page.sections.push_back({"abuse", "Abuse resilience", abuse_section(*src)});
    page.sections.push_back({"sweep", "Sweep", sweep_section(*src, log_n)});
  }
  page.sections.push_back({"conformance", "Conformance", conformance_section(*src)});
  return render(page);
}

}  // namespace ptplab::reports::html
