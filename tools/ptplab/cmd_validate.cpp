// `ptplab validate SCENARIO...`: checks scenario files without running them. Prints "ok NAME"
// per valid file, else every error as "FILE: /pointer: sentence"; a file with a sweep has each
// of its points checked too. A valid file's estimated peak memory and events (the per-node cost
// model, scenarios/runner/cost_model.hpp) follow as "FILE: estimate: about ...". A valid file's values that
// change nothing (NodeParams its groups' options make the engine ignore) follow as "FILE: warning: /pointer:
// sentence", a sweep point's with the points they hold at; a file `mpirun -np K ptplab run` would refuse
// (scenarios/runner/part_support.hpp: attackers, a latency without a positive minimum) "FILE: note:
// a partitioned run ... would refuse it: why". Exit 0 when all are valid (warnings or not), 2
// otherwise.
#include <algorithm>
#include <boost/program_options.hpp>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "scenarios/format/loader.hpp"
#include "scenarios/format/sweep.hpp"
#include "scenarios/runner/cost_model.hpp"
#include "scenarios/runner/part_support.hpp"
#include "tools/ptplab/command.hpp"
#include "tools/ptplab/command_line.hpp"

namespace ptplab::cli {
namespace {

namespace po = boost::program_options;

// Validates one file (and its sweep points); prints its verdict; true when valid.
bool validate_file(const std::string& path, const std::vector<std::string>& overrides) {
  const auto loaded = scenarios::load_scenario_file(path, overrides);
  if (!loaded) {
    for (const auto& e : loaded.error()) std::printf("%s: %s\n", path.c_str(), e.to_string().c_str());
    return false;
  }
  const auto points = scenarios::expand_sweep(nlohmann::json::parse(loaded->document));
  if (!points) {
    for (const auto& e : points.error()) std::printf("%s: %s\n", path.c_str(), e.to_string().c_str());
    return false;
  }
  bool valid = true;
  // A sweep point's warnings that the file itself does not give, each with the points it holds at.
  std::vector<std::pair<std::string, std::vector<std::string>>> point_warnings;
  if (loaded->sweep) {
    for (const auto& point : *points) {
      const auto p = scenarios::load_scenario(point.document.dump());
      if (p) {
        for (const auto& w : p->warnings) {
          if (std::find(loaded->warnings.begin(), loaded->warnings.end(), w) != loaded->warnings.end())
            continue;
          auto it = std::find_if(point_warnings.begin(), point_warnings.end(),
                                 [&](const auto& pw) { return pw.first == w; });
          if (it == point_warnings.end()) it = point_warnings.insert(it, {w, {}});
          it->second.push_back(point.label);
        }
        continue;
      }
      valid = false;
      for (const auto& e : p.error()) {
        std::printf("%s: [%s] %s\n", path.c_str(), point.label.c_str(), e.to_string().c_str());
      }
    }
  }
  if (!valid) return false;
  if (loaded->sweep) {
    std::printf("ok %s (%zu sweep points)\n", loaded->name.c_str(), points->size());
  } else {
    std::printf("ok %s\n", loaded->name.c_str());
  }
  // What a run of it would cost, by the per-node model (of the file as given, not per sweep point).
  const auto inputs = scenarios::cost_inputs(*loaded);
  std::printf("%s: %s%s\n", path.c_str(), loaded->sweep ? "without its sweep, " : "",
              scenarios::describe_cost(inputs, scenarios::estimate_cost(inputs)).c_str());
  for (const auto& w : loaded->warnings) std::printf("%s: warning: %s\n", path.c_str(), w.c_str());
  // Not an error (a run on one process runs it), but `mpirun -np K ptplab run` would refuse it.
  if (const auto why = scenarios::partition_refusal(*loaded)) {
    std::printf("%s: note: a partitioned run (mpirun -np K ptplab run) would refuse it: %s\n", path.c_str(),
                why->c_str());
  }
  for (const auto& [w, labels] : point_warnings) {
    const bool every = labels.size() == points->size();
    std::string where = every ? "every sweep point" : "sweep points ";
    for (std::size_t i = 0; !every && i < labels.size(); ++i) where += (i == 0 ? "" : ", ") + labels[i];
    std::printf("%s: warning: %s (%s)\n", path.c_str(), w.c_str(), where.c_str());
  }
  return true;
}

int validate(int argc, char** argv) {
  po::options_description visible(
      "usage: ptplab validate [--set PATH=VALUE]... SCENARIO...\n\n"
      "Checks scenario files (format: scenarios/README.md) without running them.\n"
      "Prints 'ok NAME' per valid file, else every error as 'FILE: /pointer: what was expected, found'.\n"
      "A valid file's run cost follows as 'FILE: estimate: about M peak memory, E events (model: ...)':\n"
      "an estimate from a per-node cost model of measured constants, not a limit.\n"
      "A valid file's node parameters that change nothing under its options follow as\n"
      "'FILE: warning: /pointer: has no effect: ...' (the file is still valid).\n"
      "Exit status: 0 all valid, 2 any invalid or a usage error.\n\noptions");
  visible.add_options()("help,h", "show this help")(
      "set", po::value<std::vector<std::string>>()->composing(),
      "override a value before validation: a JSON pointer and a value (JSON, else a string)");
  po::options_description all;
  all.add(visible).add_options()("scenario", po::value<std::vector<std::string>>(), "scenario files");
  po::positional_options_description positional;
  positional.add("scenario", -1);
  po::variables_map vm;
  if (const auto stop = parse_command_line("validate", argc, argv, visible, all, positional, vm))
    return *stop;
  if (!vm.count("scenario")) {
    std::fprintf(stderr,
                 "ptplab validate: expected at least one SCENARIO file (see ptplab validate --help)\n");
    return 2;
  }
  const auto overrides =
      vm.count("set") ? vm["set"].as<std::vector<std::string>>() : std::vector<std::string>{};
  bool all_valid = true;
  for (const auto& path : vm["scenario"].as<std::vector<std::string>>()) {
    all_valid = validate_file(path, overrides) && all_valid;
  }
  return all_valid ? 0 : 2;
}

}  // namespace

PTPLAB_COMMAND("validate", "check scenario files without running them; exit 2 if any is invalid", validate);

}  // namespace ptplab::cli
