// The ptplab command's subcommands register themselves here, one file per subcommand
// (cmd_lint.cpp, cmd_run.cpp, ...), so adding one never touches main.cpp.
#pragma once

#include <string_view>
#include <vector>

namespace ptplab::cli {

// One subcommand: `ptplab NAME ...`. run() gets argv with argv[0] == NAME and returns the exit code
// (0 success, 1 a verdict failed, 2 usage or input error).
struct Command {
  std::string_view name;
  std::string_view summary;
  int (*run)(int argc, char** argv);
  // True for the commands that stop on stop_requested() (stop_signals.hpp); the others get the
  // signal dispositions the process inherited back before they run.
  bool stoppable = false;
};

// Every registered subcommand, sorted by name.
[[nodiscard]] std::vector<Command> commands();

// Adds a subcommand; used through PTPLAB_COMMAND at namespace scope.
bool register_command(const Command& command);

}  // namespace ptplab::cli

#define PTPLAB_COMMAND(NAME, SUMMARY, FN)                     \
  [[maybe_unused]] static const bool ptplab_registered_##FN = \
      ::ptplab::cli::register_command({NAME, SUMMARY, FN})
// A command that stops on SIGINT/SIGTERM/SIGHUP/a closed stdout by polling stop_requested().
#define PTPLAB_STOPPABLE_COMMAND(NAME, SUMMARY, FN)           \
  [[maybe_unused]] static const bool ptplab_registered_##FN = \
      ::ptplab::cli::register_command({NAME, SUMMARY, FN, true})
