// `ptplab report FILE.db [--run ID] [--digest] [--list]`: reads a report written by run, sweep
// or suite. Prints plain-text tables per run (parameters, delivery ratio, latency percentiles,
// traffic per verb, drops by reason, collisions, NAT matrix, expectations), the run list, or
// the content digest that proves two runs identical.
#include <algorithm>
#include <boost/program_options.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "reports/conformance_text.hpp"
#include "reports/digest.hpp"
#include "reports/export/csv_export.hpp"
#include "reports/export/json_export.hpp"
#include "reports/html/report.hpp"
#include "reports/reader.hpp"
#include "reports/sqlite_db.hpp"
#include "reports/text_summary.hpp"
#include "reports/text_table.hpp"
#include "reports/writer_presence.hpp"
#include "tools/ptplab/command.hpp"
#include "tools/ptplab/command_line.hpp"
#include "tools/ptplab/pending_report.hpp"
#include "tools/ptplab/report_merge.hpp"
#include "tools/ptplab/report_warnings.hpp"

namespace ptplab::cli {
namespace {

namespace po = boost::program_options;

constexpr std::size_t kSummariesShownMax = 10;  // more runs: the list, and --run for details

// The line under a run still `running` that no process writes any more (reports/writer_presence.hpp).
constexpr const char* kAbandonedRun =
    "warning: status running, but no process writes this report any more: its writer was killed or crashed "
    "before it finished the run, which holds what was written until then and will not finish";

// The pending reports beside `report` ("REPORT.<pid>[-K].pending.db", pending_report.hpp), sorted:
// a run that lost the report's lock part-way has its rest in one of them (review6 M3: such a run
// was said to be killed and never to finish, while its join was waiting beside it).
std::vector<std::string> pending_reports_beside(const std::string& report) {
  namespace fs = std::filesystem;
  const fs::path at(report);
  const std::string prefix = at.filename().string() + ".";
  const std::string suffix = ".pending.db";
  std::vector<std::string> found;
  std::error_code ec;
  const fs::path dir = at.has_parent_path() ? at.parent_path() : fs::path(".");
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() > prefix.size() + suffix.size() && name.starts_with(prefix) && name.ends_with(suffix)) {
      found.push_back(at.has_parent_path() ? (at.parent_path() / name).string() : name);
    }
  }
  std::sort(found.begin(), found.end());
  return found;
}

int print_summaries(const std::string& path, std::optional<reports::RunId> run) {
  // Asked before any SQLite connection to the file is open (writer_presence.hpp says why).
  const bool writer_gone = reports::writer_present(path) == false;
  auto reader = reports::ReportReader::open(path);
  if (!reader) {
    std::fprintf(stderr, "ptplab report: %s\n", reader.error().c_str());
    return 2;
  }
  auto runs = reader->list_runs();
  if (!runs) {
    std::fprintf(stderr, "ptplab report: %s: %s\n", path.c_str(), runs.error().c_str());
    return 2;
  }
  std::vector<reports::RunId> shown;
  if (run) {
    shown.push_back(*run);
  } else if (runs->size() > kSummariesShownMax) {
    std::printf("%zu runs in %s (show one with --run ID):\n%s", runs->size(), path.c_str(),
                reports::format_run_list(*runs).c_str());
    return 0;
  } else {
    if (runs->size() > 1) std::printf("%s\n", reports::format_run_list(*runs).c_str());
    for (const auto& r : *runs) shown.push_back(r.run_id);
  }
  // Each conform run's rows follow its summary; rows with no run (older files) come last.
  const auto conformance = [&](reports::RunId id) -> std::optional<std::string> {
    auto text = reports::format_conformance(path, id);
    if (!text) std::fprintf(stderr, "ptplab report: %s: %s\n", path.c_str(), text.error().c_str());
    return text ? std::optional(*text) : std::nullopt;
  };
  const auto unattached = run ? std::optional<std::string>("") : conformance(0);
  if (!unattached) return 2;
  if (shown.empty() && unattached->empty()) std::printf("%s holds no runs\n", path.c_str());
  auto db = reports::Database::open(path, false);  // for the warning lines, recomputed from rows
  if (!db) {
    std::fprintf(stderr, "ptplab report: %s: %s\n", path.c_str(), db.error().c_str());
    return 2;
  }
  for (std::size_t i = 0; i < shown.size(); ++i) {
    const auto summary = reader->load_summary(shown[i]);
    if (!summary) {
      std::fprintf(stderr, "ptplab report: %s: %s\n", path.c_str(), summary.error().c_str());
      return 2;
    }
    const auto own = conformance(shown[i]);
    if (!own) return 2;
    std::printf("%s%s", i > 0 ? "\n" : "", reports::format_summary(*summary).c_str());
    if (writer_gone && summary->run.status == reports::run_status_name(reports::RunStatus::kRunning)) {
      const auto pending = pending_reports_beside(path);
      if (pending.empty()) {
        std::printf("%s\n", kAbandonedRun);
      } else {
        std::printf(
            "warning: status running, but no process writes this report any more: its writer was killed "
            "or crashed before it finished the run, or lost the report's lock part-way and wrote the rest "
            "to a pending report beside it:");
        for (const auto& p : pending) std::printf(" %s", p.c_str());
        std::printf("; join one with `%s`, which completes the run if it holds the rest\n",
                    join_command(path, pending.front()).c_str());
      }
    }
    const auto warnings = stored_run_warnings(*db, shown[i]);
    if (!warnings) {
      std::fprintf(stderr, "ptplab report: %s: %s\n", path.c_str(), warnings.error().c_str());
      return 2;
    }
    for (const auto& w : *warnings) std::printf("%s\n", w.c_str());
    std::printf("%s%s", own->empty() ? "" : "\n", own->c_str());
  }
  if (!unattached->empty()) std::printf("%s%s", shown.empty() ? "" : "\n", unattached->c_str());
  return 0;
}

// --html: the report as one self-contained HTML page with charts (reports/html/report.hpp).
// --csv: every table and the tidy run table as CSV files (reports/export/csv_export.hpp).
int write_csv(const std::string& path, std::optional<reports::RunId> run, const std::string& dir) {
  const auto files = reports::export_csv(path, dir, run);
  if (!files) {
    std::fprintf(stderr, "ptplab report: %s\n", files.error().c_str());
    return 2;
  }
  std::printf("%zu CSV files in %s (one row per run: %s)\n", files->size(), dir.c_str(),
              files->front().c_str());
  return 0;
}

int write_html(const std::string& path, std::optional<reports::RunId> run, const std::string& out,
               bool log_n) {
  const auto page = reports::html::html_report(path, run, log_n);
  if (!page) {
    std::fprintf(stderr, "ptplab report: %s\n", page.error().c_str());
    return 2;
  }
  std::ofstream file(out, std::ios::binary | std::ios::trunc);
  file << *page;
  if (!file.flush()) {
    std::fprintf(stderr, "ptplab report: cannot write %s\n", out.c_str());
    return 2;
  }
  std::printf("HTML report in %s (%s, self-contained: open it in a browser)\n", out.c_str(),
              reports::format_bytes(static_cast<double>(page->size())).c_str());
  return 0;
}

int report(int argc, char** argv) {
  if (argc >= 2 && std::string_view(argv[1]) == "merge") return report_merge(argc - 1, argv + 1);
  po::options_description visible(
      "usage: ptplab report FILE.db [--run ID] [--digest] [--list] [--html OUT.html] [--csv DIR]\n"
      "                             [--json OUT.json]\n"
      "       ptplab report merge OUT SHARD...  (joins a sweep's shards in sweep order: see\n"
      "                                          ptplab report merge --help)\n\n"
      "Prints what a report holds (schema: reports/SCHEMA.md) as plain-text tables; with any of --digest,\n"
      "--list, --html, --csv, --json it produces those instead (all of the ones given).\n"
      "Exit status: 0 success, 2 a usage error or an unreadable report.\n\noptions");
  visible.add_options()("help,h", "show this help")(
      "run", po::value<std::int64_t>(), "only the run with this id (an integer; default: every run)")(
      "digest", "print the SHA-256 content digest (wall-clock fields excluded) instead")(
      "list", "print the list of runs only")(
      "html", po::value<std::string>(), "write a self-contained HTML page with charts to this file instead")(
      "log-n",
      "with --html: draw a node-count sweep's scaling law on log-log axes even when n spans a decade or "
      "less (log x is chosen by itself beyond a decade)")(
      "csv", po::value<std::string>(),
      "write every table as DIR/<table>.csv, plus DIR/runs.csv: one row per run, a column per varying "
      "parameter and per metric (for pandas.read_csv; every table and column: reports/SCHEMA.md) instead")(
      "json", po::value<std::string>(),
      "write the same as one JSON document ({\"runs\": [...], \"tables\": {...}}) to this file instead");
  po::options_description all;
  all.add(visible).add_options()("report", po::value<std::vector<std::string>>(), "report file");
  po::positional_options_description positional;
  positional.add("report", -1);
  po::variables_map vm;
  if (const auto stop = parse_command_line("report", argc, argv, visible, all, positional, vm)) return *stop;
  if (!vm.count("report") || vm["report"].as<std::vector<std::string>>().size() != 1) {
    std::fprintf(stderr, "ptplab report: expected exactly one report FILE (see ptplab report --help)\n");
    return 2;
  }
  const std::string path = vm["report"].as<std::vector<std::string>>().front();
  std::optional<reports::RunId> run;
  if (vm.count("run")) run = vm["run"].as<std::int64_t>();
  // Every output asked for is produced (--html, --csv and --json together write all three); the
  // text summaries are printed when no other output is asked for.
  int status = 0;
  const auto done = [&status](int s) { status = std::max(status, s); };
  if (vm.count("log-n") && !vm.count("html")) {
    std::fprintf(
        stderr,
        "ptplab report: --log-n shapes the HTML page's scaling law; expected it with --html OUT.html\n");
    return 2;
  }
  if (vm.count("html")) done(write_html(path, run, vm["html"].as<std::string>(), vm.count("log-n") != 0));
  if (vm.count("csv")) done(write_csv(path, run, vm["csv"].as<std::string>()));
  if (vm.count("json")) {
    if (auto w = reports::export_json(path, vm["json"].as<std::string>(), run); !w) {
      std::fprintf(stderr, "ptplab report: %s\n", w.error().c_str());
      done(2);
    } else {
      std::printf("JSON export in %s\n", vm["json"].as<std::string>().c_str());
    }
  }
  if (vm.count("digest")) {
    const auto digest = reports::report_digest(path, run);
    if (!digest) {
      // Named like the other subcommands' errors (SQLite's own, e.g. "malformed database schema", do not).
      const bool named = digest.error().find(path) != std::string::npos;
      std::fprintf(stderr, "ptplab report: %s%s%s\n", named ? "" : path.c_str(), named ? "" : ": ",
                   digest.error().c_str());
      done(2);
    } else {
      std::printf("%s\n", digest->c_str());
    }
  }
  if (vm.count("list")) {
    auto reader = reports::ReportReader::open(path);
    auto runs = reader ? reader->list_runs() : Unexpected(reader.error());
    if (!runs) {
      std::fprintf(stderr, "ptplab report: %s\n", runs.error().c_str());
      done(2);
    } else {
      std::printf("%s", reports::format_run_list(*runs).c_str());
    }
  }
  if (vm.count("html") || vm.count("csv") || vm.count("json") || vm.count("digest") || vm.count("list"))
    return status;
  return print_summaries(path, run);
}

}  // namespace

PTPLAB_COMMAND(
    "report",
    "print a report's runs as text tables, or its content digest (--digest); merge a sweep's shards", report);

}  // namespace ptplab::cli
