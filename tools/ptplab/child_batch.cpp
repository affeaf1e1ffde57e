// The child runs of a suite or sweep (see child_batch.hpp).
#include "tools/ptplab/child_batch.hpp"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "reports/unfinished_runs.hpp"
#include "tools/ptplab/pending_report.hpp"
#include "tools/ptplab/run_progress.hpp"
#include "tools/ptplab/run_support.hpp"
#include "tools/ptplab/run_timeout.hpp"
#include "tools/ptplab/stop_signals.hpp"

namespace ptplab::cli {

std::optional<BatchOptions> batch_options(std::string_view command,
                                          const boost::program_options::variables_map& vm) {
  BatchOptions o;
  o.jobs_at_once = std::max(1u, std::thread::hardware_concurrency());
  if (vm.count("jobs")) {
    // Read here, not by program_options: -j 0 ran nothing at a time, and 99999999999 got "invalid".
    const std::string text = vm["jobs"].as<std::string>();
    unsigned jobs = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), jobs);
    if (ec != std::errc() || end != text.data() + text.size() || jobs < 1 || jobs > kJobsAtOnceMax) {
      std::fprintf(stderr, "ptplab %s: -j/--jobs: expected an integer in [1, %u], got '%s'\n",
                   std::string(command).c_str(), kJobsAtOnceMax, text.c_str());
      return std::nullopt;
    }
    o.jobs_at_once = jobs;
  }
  const auto progress_every = progress_every_option(vm);
  if (!progress_every) {
    std::fprintf(stderr, "ptplab %s: %s\n", std::string(command).c_str(), progress_every.error().c_str());
    return std::nullopt;
  }
  o.progress_every = *progress_every;
  const auto timeout = timeout_option(vm);
  if (!timeout) {
    std::fprintf(stderr, "ptplab %s: %s\n", std::string(command).c_str(), timeout.error().c_str());
    return std::nullopt;
  }
  if (*timeout) o.timeout = vm["timeout"].as<std::string>();
  return o;
}

ChildBatch::ChildBatch(const std::string& temp_prefix, BatchOptions options)
    : options_(std::move(options)), tmp_(make_temp_dir(temp_prefix)) {}

ChildBatch::~ChildBatch() {
  // A child's report that could not be merged anywhere is kept, with its folder (said in run()).
  if (!tmp_.empty() && !(merger_ && merger_->kept_from() < jobs_.size())) remove_temp_dir(tmp_);
}

std::string ChildBatch::base(std::size_t job) const { return tmp_ + "/" + std::to_string(job); }

void ChildBatch::add(const std::string& input, const std::vector<std::string>& extra) {
  const std::string b = base(jobs_.size());
  ChildJob job{{"run", input, "--report", b + ".db", "--quiet"}, b + ".log"};
  job.args.insert(job.args.end(), extra.begin(), extra.end());
  job.args.insert(job.args.end(), {"--temp-of-parent", tmp_, "--parent-pid", std::to_string(getpid())});
  if (options_.timeout) job.args.insert(job.args.end(), {"--timeout", *options_.timeout});
  reports_of_.push_back(b + ".db");
  stamps_.emplace_back();
  inputs_.push_back(input);
  extras_.push_back(extra);
  jobs_.push_back(std::move(job));
}

void ChildBatch::stamp(std::size_t job, reports::RunRow sweep) { stamps_[job] = std::move(sweep); }

bool ChildBatch::run(std::vector<std::string> labels, const std::string& report, bool quiet) {
  return run(std::move(labels), report, quiet, {});
}

bool ChildBatch::run(std::vector<std::string> labels, const std::string& report, bool quiet,
                     const BatchRunner& runner) {
  RunProgress progress(std::move(labels), quiet);
  merger_.emplace(report, reports_of_, stamps_, report.empty() ? "" : pending_report_path(report));
  // A child stopped before it wrote its run's row (its report holds none) did not run: its point
  // reads `not run`, not `interrupted`.
  std::vector<std::size_t> never_ran;
  // A job's line is printed once its report is merged (the merger keeps job order): a line never
  // says `pass` for a run a parent killed next would leave out of the report.
  std::vector<std::optional<int>> ended(jobs_.size());
  std::size_t said = 0;  // the jobs before it have their line
  const auto say_merged = [&] {
    for (; said < merger_->merged() && ended[said]; ++said) progress.finished(said, *ended[said]);
  };
  const ChildWatch watch{
      [&](std::size_t job, int code) {
        // Its process is gone: a run it left `running` (killed by SIGKILL, crashed) is not
        // running any more, and is kept as failed.
        if (std::filesystem::exists(reports_of_[job])) {
          if (auto marked = reports::mark_unfinished_runs(reports_of_[job], reports::RunStatus::kFailed);
              !marked)
            std::fprintf(stderr, "ptplab: %s\n", marked.error().c_str());
        }
        if (is_interrupted_exit_status(code) && read_child_runs(reports_of_[job]).empty()) {
          never_ran.push_back(job);
          code = kChildNotRun;
        }
        ended[job] = code;
        merger_->finished(job);
        say_merged();
      },
      [&](const std::vector<std::size_t>& running) { progress.still_running(running); },
      options_.progress_every,
      [&](std::size_t job, const std::string& where) { progress.placed(job, where); }};
  status_ = runner ? runner(*this, watch) : run_children(jobs_, options_.jobs_at_once, watch);
  for (const std::size_t job : never_ran) status_[job] = kChildNotRun;
  // Merged before the children's words are shown, so that those name the merged report.
  merged_ = merger_->finish();
  for (; said < jobs_.size(); ++said) {
    if (ended[said]) progress.finished(said, *ended[said]);
  }
  std::string of_n = "/";  // appended piecewise: gcc 12 warns falsely on "/" + std::string
  of_n.append(std::to_string(jobs_.size())).append("]");
  if (const std::size_t from = merger_->diverted_from(); from < jobs_.size()) {
    const std::string& pending = merger_->pending();
    std::string cause = "the lock of " + report;
    if (merger_->diverted_because().empty()) {
      cause.append(" could not be had (another process held it)");
    } else {
      cause = "merging into " + report;
      cause.append(" failed (").append(merger_->diverted_because()).append(")");
    }
    std::fprintf(stderr,
                 "ptplab: %s, so the runs from [%zu%s on went to %s instead, a report of its own: join it "
                 "with `%s`, then remove %s\n",
                 cause.c_str(), from + 1, of_n.c_str(), pending.c_str(),
                 join_command(report, pending).c_str(), pending.c_str());
  }
  if (const std::size_t from = merger_->kept_from(); from < jobs_.size()) {
    std::fprintf(stderr,
                 "ptplab: the runs from [%zu%s on are not in %s: their reports are kept in %s (JOB.db, JOB "
                 "counted from 0); join each, in order, with `%s`\n",
                 from + 1, of_n.c_str(), report.c_str(), tmp_.c_str(),
                 join_command(report, tmp_ + "/" + std::to_string(from) + ".db").c_str());
  }
  return merged_;
}

std::string ChildBatch::log(std::size_t job) const { return read_text(jobs_[job].log_path); }

std::string ChildBatch::output(std::size_t job) const {
  if (merger_->kept_from() <= job) return log(job);  // its report is kept where the log says
  const bool merged = !merger_->ids_of(job).empty();
  return name_merged_report(log(job), reports_of_[job], merged ? merger_->merged_into(job) : "",
                            merger_->ids_of(job));
}

}  // namespace ptplab::cli
