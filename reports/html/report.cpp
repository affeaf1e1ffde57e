// Assembly of the HTML report (see report.hpp).
#include "reports/html/report.hpp"

#include "reports/html/page.hpp"
#include "reports/html/report_data.hpp"
#include "reports/html/sections.hpp"

namespace ptplab::reports::html {
namespace {

const RunData* chosen_run(const ReportSource& src, std::optional<RunId> run) {
  for (const auto& r : src.runs) {
    if (run ? r.summary.run.run_id == *run : r.summary.run.status == "complete") return &r;
  }
  if (run || src.runs.empty()) return nullptr;
  return &src.runs.front();
}

}  // namespace

Expected<std::string, std::string> html_report(const std::string& path, std::optional<RunId> run) {
  auto src = load_report(path);
  if (!src) return Unexpected(src.error());
  Page page;
  page.title = "ptplab report";
  page.subtitle = path + " — " + std::to_string(src->runs_total) + (src->runs_total == 1 ? " run" : " runs");
  const RunData* chosen = chosen_run(*src, run);
  if (run && chosen == nullptr) return Unexpected("no run " + std::to_string(*run) + " in " + path);
  if (chosen != nullptr) {
    page.title += ": " + chosen->summary.run.scenario;
    page.sections.push_back({"summary", "Run summary and parameters", summary_section(*src, *chosen)});
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
    page.sections.push_back({"sweep", "Sweep", sweep_section(*src)});
  }
  page.sections.push_back({"conformance", "Conformance", conformance_section(*src)});
  return render(page);
}

}  // namespace ptplab::reports::html
