// `ptplab compare A.db B.db`: did a change help? For each metric present in both report files,
// the means over each side's runs (seeds), the difference with its bootstrap interval, the
// Mann-Whitney p-value and a verdict that tells a real difference from seed noise.
#include <boost/program_options.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "reports/compare/comparison.hpp"
#include "reports/compare/comparison_output.hpp"
#include "tools/ptplab/command.hpp"

namespace ptplab::cli {
namespace {

namespace po = boost::program_options;

int compare(int argc, char** argv) {
  po::options_description visible(
      "usage: ptplab compare A.db B.db [--metric NAME ...] [--html OUT.html] [--fail-if-worse NAME ...]\n\n"
      "Compares the runs of two report files metric by metric: the runs of each file are the seeds\n"
      "of one configuration (a file with several sweep points is compared point by point). A metric\n"
      "differs when the 95% bootstrap interval of mean(B) - mean(A) excludes 0 (two runs per side at\n"
      "least); better/worse follow the metric's\n"
      "direction (latency, bytes, drops lower; delivery ratios higher).\n"
      "Exit status: 0, or 1 when a --fail-if-worse metric is worse in B; 2 usage or input error.\n\noptions");
  visible.add_options()("help,h", "show this help")(
      "metric", po::value<std::vector<std::string>>()->composing(), "compare only this metric (repeatable)")(
      "html", po::value<std::string>(), "also write the comparison as a self-contained HTML page")(
      "fail-if-worse", po::value<std::vector<std::string>>()->composing(),
      "exit 1 if B is significantly worse than A in this metric (repeatable)");
  po::options_description all;
  all.add(visible).add_options()("input", po::value<std::vector<std::string>>(), "A.db B.db");
  po::positional_options_description positional;
  positional.add("input", -1);

  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::fprintf(stderr, "ptplab compare: %s (see ptplab compare --help)\n", e.what());
    return 2;
  }
  if (vm.count("help")) {
    std::cout << visible << "\n";
    return 0;
  }
  const auto inputs =
      vm.count("input") ? vm["input"].as<std::vector<std::string>>() : std::vector<std::string>{};
  if (inputs.size() != 2) {
    std::fprintf(stderr, "ptplab compare: expected two report files A.db B.db (see ptplab compare --help)\n");
    return 2;
  }
  const auto selected =
      vm.count("metric") ? vm["metric"].as<std::vector<std::string>>() : std::vector<std::string>{};
  const auto gates = vm.count("fail-if-worse") ? vm["fail-if-worse"].as<std::vector<std::string>>()
                                               : std::vector<std::string>{};

  const auto c = reports::compare::compare_files(inputs[0], inputs[1], selected);
  if (!c) {
    std::fprintf(stderr, "ptplab compare: %s\n", c.error().c_str());
    return 2;
  }
  std::fputs(reports::compare::comparison_text(*c).c_str(), stdout);
  if (vm.count("html")) {
    const std::string out = vm["html"].as<std::string>();
    std::ofstream file(out, std::ios::binary | std::ios::trunc);
    file << reports::compare::comparison_html(*c);
    if (!file.flush()) {
      std::fprintf(stderr, "ptplab compare: cannot write %s\n", out.c_str());
      return 2;
    }
  }
  int status = 0;
  for (const auto& gate : gates) {
    // A gate covers the metric at every sweep point the two files share.
    bool found = false;
    for (const auto& m : c->metrics) {
      if (reports::compare::base_metric(m.metric) != gate) continue;
      found = true;
      if (m.better == reports::compare::Better::kNeither) {
        std::fprintf(stderr, "ptplab compare: --fail-if-worse %s: the metric has no better direction\n",
                     gate.c_str());
        return 2;
      }
      if (m.verdict == reports::compare::Verdict::kWorse) {
        std::printf("FAIL: %s is worse in B than in A\n", m.metric.c_str());
        status = 1;
      }
    }
    if (!found) {
      std::fprintf(stderr, "ptplab compare: --fail-if-worse %s: the metric is not in both files\n",
                   gate.c_str());
      return 2;
    }
  }
  return status;
}

}  // namespace

PTPLAB_COMMAND("compare",
               "compare two report files metric by metric, telling real differences from seed noise",
               compare);

}  // namespace ptplab::cli
