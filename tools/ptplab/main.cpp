// Entry point of the ptplab command: dispatches to the registered subcommands.
#include <signal.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <algorithm>
#include <cstdio>
#include <string>
#include <string_view>

#include "tools/ptplab/allocator.hpp"
#include "tools/ptplab/command.hpp"
#include "tools/ptplab/stop_signals.hpp"

namespace ptplab::cli {
namespace {
std::vector<Command>& registry() {
  static std::vector<Command> all;
  return all;
}

void print_help() {
  std::printf(
      "ptplab %s: a laboratory for the ptpchat peer-to-peer chat protocol\n\n"
      "usage: ptplab COMMAND [OPTIONS...]\n       ptplab COMMAND --help\n       ptplab help COMMAND\n"
      "       ptplab --version\n\ncommands:\n",
      PTPLAB_VERSION);
  for (const auto& c : commands()) {
    std::printf("  %-10.*s %.*s\n", static_cast<int>(c.name.size()), c.name.data(),
                static_cast<int>(c.summary.size()), c.summary.data());
  }
  std::printf(
      "\nExit status: the command's (`ptplab COMMAND --help` lists them); 2 no command or an unknown "
      "one.\n");
}
}  // namespace

bool register_command(const Command& command) {
  registry().push_back(command);
  return true;
}

std::vector<Command> commands() {
  auto all = registry();
  std::sort(all.begin(), all.end(), [](const Command& a, const Command& b) { return a.name < b.name; });
  return all;
}

}  // namespace ptplab::cli

namespace {
// The registered command named `name`, or nullptr.
const ptplab::cli::Command* find_command(std::string_view name) {
  static const auto all = ptplab::cli::commands();
  for (const auto& c : all) {
    if (c.name == name) return &c;
  }
  return nullptr;
}
}  // namespace

int main(int argc, char** argv) {
  using namespace ptplab::cli;
  configure_allocator();
#if defined(__GLIBC__) && !defined(PTPLAB_WITH_MIMALLOC)
  // (glibc's malloc only; mimalloc returns its memory by its own rules.) Blocks of 128 KiB and more (the
  // event queue's and the in-flight table's burst buffers) come from mmap and go back to the system when
  // freed. glibc's default raises this threshold each time such a block is freed, after which later bursts
  // reuse, and fragment, the heap: flood-1k at 8,000 nodes peaked at 89.1 MB RSS against 86.7 MB with it
  // fixed (reports/BENCHMARKS.md,
  // "[P] idle memory, session 11"). Setting it also keeps glibc from ever raising it.
  mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
  // First of all, before option parsing or any set-up: a stop signal however early (a script's
  // `ptplab run ... & kill -INT $!`, a suite stopping a child it just started) is kept, not lost
  // or fatal. Commands that do not poll the flag get the inherited dispositions back below.
  install_stop_signals();
  // Line-buffered even when piped (block-buffered by default): progress lines of suite and sweep
  // reach `| cat`, `| tee` and CI logs as they are printed.
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  const auto* command = argc < 2 ? nullptr : find_command(argv[1]);
  if (command == nullptr || !command->stoppable) release_stop_signals();
  if (argc < 2) {
    print_help();
    return 2;
  }
  const std::string_view first = argv[1];
  if (first == "help" && argc == 3) {
    // `ptplab help CMD` is `ptplab CMD --help`; `ptplab help help` is `ptplab --help`.
    if (std::string_view(argv[2]) == "help") {
      print_help();
      return 0;
    }
    for (const auto& c : commands()) {
      if (c.name != argv[2]) continue;
      char help[] = "--help";
      char* args[] = {argv[2], help, nullptr};
      return c.run(2, args);
    }
    std::fprintf(stderr, "ptplab help: unknown command '%s' (see ptplab --help)\n", argv[2]);
    return 2;
  }
  if (first == "help" && argc > 3) {
    std::fprintf(stderr, "ptplab help: expected one command name, found %d words (usage: ptplab help CMD)\n",
                 argc - 2);
    return 2;
  }
  if (first == "--help" || first == "-h" || first == "help") {
    print_help();
    return 0;
  }
  if (first == "--version" || first == "-V") {
    std::printf("ptplab %s\nallocator: %s\n", PTPLAB_VERSION, allocator_description().c_str());
    return 0;
  }
  if (command != nullptr) {
    const int status = command->run(argc - 1, argv + 1);
    // A command that failed after a stop signal (a report lock wait cut short) was interrupted;
    // not one that failed on its own and then wrote into a closed pipe (its exit 2 stands).
    if (status != 2 || !stop_requested().load() || stop_signal() == SIGPIPE) return status;
    std::fprintf(stderr, "ptplab %s: %s\n", argv[1], stop_cause());
    return interrupted_exit_status();
  }
  std::fprintf(stderr, "ptplab: unknown command '%s' (see ptplab --help)\n", argv[1]);
  return 2;
}
