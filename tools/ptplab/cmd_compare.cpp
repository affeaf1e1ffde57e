// `ptplab compare A.db B.db`: did a change help? Sweep points matched by their swept values;
// for each metric present on both sides, the means, B - A with its Student t interval (paired
// by seed when the seeds match, Welch otherwise) and a verdict; --fail-if-worse gates with an
// optional threshold.
#include <algorithm>
#include <boost/program_options.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "reports/compare/comparison.hpp"
#include "reports/compare/comparison_output.hpp"
#include "reports/compare/gate.hpp"
#include "reports/records/metrics.hpp"
#include "engine/core/did_you_mean.hpp"
#include "tools/ptplab/command.hpp"
#include "tools/ptplab/command_line.hpp"

namespace ptplab::cli {
namespace {

namespace po = boost::program_options;
namespace cmp = reports::compare;

std::string usage() {
  const std::string level = std::to_string(static_cast<int>(100 * cmp::kConfidence)) + "%";
  const std::string need = std::to_string(cmp::runs_for_verdict(cmp::kConfidence));
  return "usage: ptplab compare A.db B.db [--metric NAME ...] [--fail-if-worse METRIC[:THRESHOLD] ...]\n"
         "                      [--html OUT.html]\n\n"
         "Did the change from A to B help? The runs of a report file are the seeds of one configuration.\n"
         "Sweep reports are compared point by point, points matched by the values of their swept\n"
         "parameters; a plain run report meets the sweep point that ran its parameters. Files that share\n"
         "no point are an error that names the values each side ran.\n\n"
         "One line per metric: mean of A, mean of B, B - A, its " +
         level +
         " Student t interval, runs per side,\n"
         "pairing and verdict.\n"
         "  paired      both sides ran the same seeds, or share at least " +
         need +
         " (the other runs are left out\n"
         "              and named): the interval is over the per-seed differences (a seed fixes\n"
         "              topology, senders and losses, so pairing removes that noise)\n"
         "  unpaired    the seeds differ: Welch's interval (unequal variances)\n"
         "Verdicts: better / worse when the interval excludes 0 (latency, bytes, drops: lower is better;\n"
         "delivery ratios: higher), different for a metric with no better direction, noise when the\n"
         "interval contains 0, inconclusive with fewer than " +
         need +
         " runs on a side, whatever the values: with\n"
         "fewer, even differences all of one sign are not significant by the exact sign test (2^(1-n) > "
         "5%),\n"
         "so a verdict would rest on the normality assumption alone. Run " +
         need +
         " or more seeds a side, the\n"
         "same seeds on both (sweep.seeds), to get verdicts.\n\n"
         "A run that repeats an earlier one (same seed, scenario and parameters at its point) is left out\n"
         "and named. Runs of one seed that differ in scenario or parameters (several configurations\n"
         "appended to one report by `ptplab run --report`) are an error naming them: give each\n"
         "configuration its own file, or sweep it. Runs of one point with different seeds that differ in\n"
         "other parameters, and two sides that ran different scenarios, get a warning line.\n\n"
         "--fail-if-worse METRIC[:THRESHOLD] exits 1 when METRIC is worse in B by more than THRESHOLD\n"
         "with " +
         level +
         " confidence: the whole interval of B - A lies beyond THRESHOLD on the worse side.\n"
         "THRESHOLD is absolute in the metric's unit (latency_p50_ms:20 is 20 ms) or relative to mean(A)\n"
         "(bytes_sent:5%). Plain --fail-if-worse METRIC means threshold 0: it fails whenever the verdict\n"
         "is worse. A gate applies at every shared sweep point. A gate passes when B is not shown to be\n"
         "worse by more than THRESHOLD (the interval's near end is within it), which does not prove\n"
         "that B is within THRESHOLD. A gate on an inconclusive metric (too few runs a side) cannot\n"
         "decide: it exits 3, so a CI gate on too few seeds fails visibly instead of passing, unless\n"
         "--allow-inconclusive.\n\n"
         "Exit status: 0 compared, no gate failed; 1 a --fail-if-worse gate failed; 2 usage or input\n"
         "error (unreadable file, unknown metric, a gate on a metric with no better direction, files\n"
         "that share no sweep point, a file holding runs of one seed with different parameters); 3 no\n"
         "gate failed but one could not decide (inconclusive).\n\noptions";
}

int compare(int argc, char** argv) {
  po::options_description visible(usage());
  visible.add_options()("help,h", "show this help")(
      "metric", po::value<std::vector<std::string>>()->composing(), "compare only this metric (repeatable)")(
      "html", po::value<std::string>(), "also write the comparison as a self-contained HTML page")(
      "fail-if-worse", po::value<std::vector<std::string>>()->composing(),
      "METRIC[:THRESHOLD[%]]: exit 1 if B is worse than A in METRIC by more than THRESHOLD "
      "(default 0) with confidence (repeatable)")(
      "allow-inconclusive",
      "a gate that cannot decide (too few runs a side) does not change the exit status");
  po::options_description all;
  all.add(visible).add_options()("input", po::value<std::vector<std::string>>(), "A.db B.db");
  po::positional_options_description positional;
  positional.add("input", -1);

  po::variables_map vm;
  if (const auto stop = parse_command_line("compare", argc, argv, visible, all, positional, vm)) return *stop;
  const auto inputs =
      vm.count("input") ? vm["input"].as<std::vector<std::string>>() : std::vector<std::string>{};
  if (inputs.size() != 2) {
    std::fprintf(stderr, "ptplab compare: expected two report files A.db B.db (see ptplab compare --help)\n");
    return 2;
  }
  auto selected =
      vm.count("metric") ? vm["metric"].as<std::vector<std::string>>() : std::vector<std::string>{};
  std::vector<cmp::Gate> gates;
  if (vm.count("fail-if-worse")) {
    for (const auto& spec : vm["fail-if-worse"].as<std::vector<std::string>>()) {
      auto gate = cmp::parse_gate(spec);
      if (!gate) {
        std::fprintf(stderr, "ptplab compare: %s\n", gate.error().c_str());
        return 2;
      }
      if (cmp::better_direction(gate->metric) == cmp::Better::kNeither &&
          reports::find_metric(gate->metric) == nullptr) {
        std::vector<std::string_view> known;
        for (const auto& m : reports::metric_table()) {
          if (m.better != cmp::Better::kNeither) known.push_back(m.name);
        }
        const std::string close = closest_name(gate->metric, known);
        std::fprintf(stderr,
                     "ptplab compare: --fail-if-worse %s: unknown metric \"%s\"%s: a gate takes a metric "
                     "with a better direction (ptplab metrics lists them, with the direction), or a "
                     "compared value such as latency_ms.p99\n",
                     spec.c_str(), gate->metric.c_str(),
                     close.empty() ? "" : (" (did you mean \"" + close + "\"?)").c_str());
        return 2;
      }
      if (cmp::better_direction(gate->metric) == cmp::Better::kNeither) {
        std::fprintf(stderr, "ptplab compare: --fail-if-worse %s: the metric has no better direction\n",
                     gate->metric.c_str());
        return 2;
      }
      gates.push_back(std::move(*gate));
    }
  }
  // A gated metric is compared even when --metric selects others.
  for (const auto& gate : gates) {
    if (!selected.empty() && std::find(selected.begin(), selected.end(), gate.metric) == selected.end()) {
      selected.push_back(gate.metric);
    }
  }

  const auto c = cmp::compare_files(inputs[0], inputs[1], selected);
  if (!c) {
    std::fprintf(stderr, "ptplab compare: %s\n", c.error().c_str());
    return 2;
  }
  std::fputs(cmp::comparison_text(*c).c_str(), stdout);
  if (vm.count("html")) {
    const std::string out = vm["html"].as<std::string>();
    std::ofstream file(out, std::ios::binary | std::ios::trunc);
    file << cmp::comparison_html(*c);
    if (!file.flush()) {
      std::fprintf(stderr, "ptplab compare: cannot write %s\n", out.c_str());
      return 2;
    }
  }
  int status = 0;
  for (const auto& gate : gates) {
    bool found = false;
    for (const auto& point : c->points) {
      for (const auto& m : point.metrics) {
        if (m.metric != gate.metric) continue;
        found = true;
        const auto result = cmp::apply_gate(gate, m);
        std::printf("gate %s%s\n", result.line.c_str(),
                    point.label.empty() ? "" : (" at " + point.label).c_str());
        if (result.outcome == cmp::GateOutcome::kFail) status = 1;
        if (result.outcome == cmp::GateOutcome::kInconclusive && status == 0 &&
            !vm.count("allow-inconclusive")) {
          status = 3;
        }
      }
    }
    if (!found) {
      std::fprintf(stderr, "ptplab compare: --fail-if-worse %s: the metric is not in both files\n",
                   gate.metric.c_str());
      return 2;
    }
  }
  return status;
}

}  // namespace

PTPLAB_COMMAND("compare",
               "compare two report files metric by metric: paired or Welch intervals, verdicts, gates",
               compare);

}  // namespace ptplab::cli
