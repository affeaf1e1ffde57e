// `ptplab params`, `metrics`, `behaviours`, `actions`, `reasons`: catalogues printed from the
// project's tables (cmd_catalogues_tables.hpp), as an aligned table or, with --markdown, as the
// document docs/<command>.md holds. `ptplab catalogues --write DIR` writes every such document;
// `--check DIR` compares them with the committed ones (ctest e2e.catalogue_docs).
// Exit status: 0; 1 (--check) a document differs or is missing; 2 a usage error or a file that
// cannot be written.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "tools/ptplab/cmd_catalogues_tables.hpp"
#include "tools/ptplab/command.hpp"
#include "tools/ptplab/run_support.hpp"

namespace ptplab::cli {
namespace {

bool is_help(std::string_view a) { return a == "--help" || a == "-h"; }

// One catalogue command: [--markdown] or --help.
int print_catalogue(int argc, char** argv) {
  const std::string_view name = argv[0];
  const std::string usage = "usage: ptplab " + std::string(name) +
                            " [--markdown]\n\nPrints the catalogue of " + catalogue(name).title +
                            " from the project's table.\n\noptions\n"
                            "  -h [ --help ]   show this help\n"
                            "  --markdown      print the Markdown document docs/" +
                            std::string(name) +
                            ".md holds instead of an aligned table\n\n"
                            "Exit status: 0, 2 a usage error.\n";
  bool markdown = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (is_help(a)) {
      std::printf("%s", usage.c_str());
      return 0;
    }
    if (a != "--markdown") {
      std::fprintf(stderr, "ptplab %s: unexpected argument '%s'\n%s", argv[0], argv[i], usage.c_str());
      return 2;
    }
    markdown = true;
  }
  const auto c = catalogue(name);
  std::printf("%s", (markdown ? render_markdown(c) : render_text(c)).c_str());
  return 0;
}

constexpr const char* kCataloguesUsage =
    "usage: ptplab catalogues --write DIR\n"
    "       ptplab catalogues --check DIR\n\n"
    "Writes (or checks) the catalogue documents DIR/<command>.md that `ptplab params`, `metrics`,\n"
    "`behaviours`, `actions` and `reasons` print with --markdown; the committed ones are docs/*.md.\n\n"
    "options\n"
    "  -h [ --help ]    show this help\n"
    "  --write DIR      write every document into DIR (created if missing)\n"
    "  --check DIR      compare every document with DIR's; name each that differs or is missing\n\n"
    "Exit status: 0 written, or all equal; 1 (--check) a document differs or is missing; 2 a usage\n"
    "error or a file that cannot be written.\n";

int catalogues(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (is_help(argv[i])) {
      std::printf("%s", kCataloguesUsage);
      return 0;
    }
  }
  const std::string_view mode = argc == 3 ? argv[1] : "";
  if (mode != "--write" && mode != "--check") {
    std::fprintf(stderr, "ptplab catalogues: expected --write DIR or --check DIR\n%s", kCataloguesUsage);
    return 2;
  }
  const std::filesystem::path dir = argv[2];
  int status = 0;
  if (mode == "--write") {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    for (const auto& c : all_catalogues()) {
      const auto path = dir / (std::string(c.command) + ".md");
      std::ofstream out(path, std::ios::binary);
      out << render_markdown(c);
      if (!out.flush()) {
        std::fprintf(stderr, "ptplab catalogues: cannot write %s\n", path.c_str());
        return 2;
      }
      std::printf("wrote %s\n", path.c_str());
    }
    return 0;
  }
  for (const auto& c : all_catalogues()) {
    const auto path = dir / (std::string(c.command) + ".md");
    if (read_text(path.string()) != render_markdown(c)) {
      std::printf("%s differs from the %s table (or is missing)\n", path.c_str(),
                  std::string(c.command).c_str());
      status = 1;
    }
  }
  if (status != 0) {
    std::printf("regenerate with: ptplab catalogues --write %s (then review and commit the diff)\n",
                dir.c_str());
  }
  return status;
}

int params(int argc, char** argv) { return print_catalogue(argc, argv); }
int metrics(int argc, char** argv) { return print_catalogue(argc, argv); }
int behaviours(int argc, char** argv) { return print_catalogue(argc, argv); }
int actions(int argc, char** argv) { return print_catalogue(argc, argv); }
int reasons(int argc, char** argv) { return print_catalogue(argc, argv); }

}  // namespace

PTPLAB_COMMAND("params", "list every node parameter: name, type, default, unit, bound, meaning", params);
PTPLAB_COMMAND("metrics", "list every metric: name, unit, better direction, meaning", metrics);
PTPLAB_COMMAND("behaviours", "list every adversary behaviour and the params it accepts", behaviours);
PTPLAB_COMMAND("actions", "list every timeline action and the keys its entry may have", actions);
PTPLAB_COMMAND("reasons", "list every drop and event reason (engine and simulated network)", reasons);
PTPLAB_COMMAND("catalogues", "write or check the catalogue documents (docs/*.md) generated from the tables",
               catalogues);

}  // namespace ptplab::cli
