// A batch's child runs over MPI ranks (see mpi_jobs.hpp).
#include "tools/ptplab/mpi_jobs.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <optional>
#include <string>
#include <thread>

#include "tools/ptplab/run_support.hpp"
#include "tools/ptplab/stop_signals.hpp"

namespace ptplab::cli {
namespace {

// Rank 0 -> a rank: run this job (fields: job index, input file's bytes, extra arguments...),
// or stop (no fields). A rank -> rank 0: a job ended (fields: job index, exit status, output,
// report file's bytes, "" when it wrote none).
enum MpiJobTag : int { kMpiJobTag = 1, kMpiStopTag = 2, kMpiDoneTag = 3 };

// How often rank 0 looks for finished jobs while none has ended (a few per cent of one run).
constexpr auto kMpiPollEvery = std::chrono::milliseconds(10);

// After a stop signal, how long rank 0 waits for the runs out on other ranks to come back before
// it counts them lost. mpirun sends every rank SIGTERM when one rank dies (SIGKILL, OOM killer)
// or on Ctrl-C, then SIGKILL a second later (odls_base_sigkill_timeout): a dead rank never answers,
// and rank 0 must say so, merge and remove its folder within that second. A live rank's run
// stops within a few hundred events of the signal and comes back well within this.
constexpr auto kMpiLostAfterStop = std::chrono::milliseconds(500);

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

}  // namespace

MpiJobs::~MpiJobs() {
  for (int r = 1; r < world_.size(); ++r) stop(r);
}

void MpiJobs::stop(int rank) {
  if (!stopped_.insert(rank).second) return;
  world_.send(rank, kMpiStopTag, "");
}

std::vector<int> MpiJobs::operator()(const ChildBatch& batch, const ChildWatch& watch) {
  using Clock = std::chrono::steady_clock;
  std::vector<int> status(batch.size(), kChildNotRun);
  std::size_t next = 0;
  std::map<int, std::size_t> remote;  // rank -> the job it runs
  const auto more = [&] { return next < batch.size() && !stop_requested().load(); };
  const auto hand_out = [&](int rank) {
    if (!more() || stopped_.count(rank) != 0) return stop(rank);
    std::vector<std::string> fields{std::to_string(next), read_text(batch.input(next))};
    for (const auto& e : batch.extra(next)) fields.push_back(e);
    world_.send(rank, kMpiJobTag, pack_fields(fields));
    if (watch.on_placed) watch.on_placed(next, "rank " + std::to_string(rank));
    remote[rank] = next++;
  };
  for (int r = 1; r < world_.size(); ++r) hand_out(r);
  // Rank 0's own job, one at a time, run in a thread while this one keeps handing out.
  constexpr std::size_t kNoJob = static_cast<std::size_t>(-1);
  std::size_t local_job = kNoJob;
  std::future<int> local;
  const auto start_local = [&] {
    if (!more()) return;
    local_job = next++;
    if (watch.on_placed) watch.on_placed(local_job, "rank 0");
    local = std::async(std::launch::async, [&batch, job = local_job] {
      return run_children(std::vector<ChildJob>{batch.job(job)}, 1).front();
    });
  };
  start_local();
  const auto ended = [&](std::size_t job, int code) {
    status[job] = code;
    if (watch.on_done) watch.on_done(job, code);
  };
  const bool beat = watch.on_running && watch.every.count() > 0;
  auto next_beat = Clock::now() + watch.every;
  std::optional<Clock::time_point> lost_at;  // once stopped: when the remote runs count as lost
  while (local_job != kNoJob || !remote.empty()) {
    if (stop_requested().load() && !remote.empty()) {
      if (!lost_at) lost_at = Clock::now() + kMpiLostAfterStop;
      if (Clock::now() >= *lost_at) {
        // Their ranks are dead or too late for mpirun's SIGKILL: told nothing more (a send to a
        // dead rank may fail), their runs reported lost.
        for (const auto& [rank, job] : remote) {
          stopped_.insert(rank);
          ended(job, kChildLost);
        }
        remote.clear();
        continue;
      }
    }
    if (auto m = world_.poll()) {
      const auto fields = unpack_fields(m->bytes);
      const auto it = remote.find(m->from);
      if (m->tag != kMpiDoneTag || !fields || fields->size() != 4 || it == remote.end() ||
          (*fields)[0] != std::to_string(it->second)) {
        std::fprintf(stderr, "ptplab: rank %d sent a message that is not a finished job (tag %d)\n", m->from,
                     m->tag);
        continue;
      }
      const std::size_t job = it->second;
      remote.erase(it);
      write_bytes(batch.job(job).log_path, (*fields)[2]);
      if (!(*fields)[3].empty()) write_bytes(batch.report_of(job), (*fields)[3]);
      ended(job, std::stoi((*fields)[1]));
      hand_out(m->from);
      continue;
    }
    if (local_job != kNoJob && local.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
      const std::size_t job = local_job;
      local_job = kNoJob;
      ended(job, local.get());
      start_local();
      continue;
    }
    if (beat && Clock::now() >= next_beat) {
      std::vector<std::size_t> running;
      if (local_job != kNoJob) running.push_back(local_job);
      for (const auto& [rank, job] : remote) running.push_back(job);
      watch.on_running(running);
      next_beat = Clock::now() + watch.every;
    }
    std::this_thread::sleep_for(kMpiPollEvery);
  }
  return status;
}

int serve_mpi_jobs(const MpiWorld& world, const BatchOptions& options) {
  while (true) {
    const auto m = world.receive(0);
    const auto fields = unpack_fields(m.bytes);
    if (m.tag != kMpiJobTag || !fields || fields->size() < 2) return 0;
    ChildBatch batch("ptplab-rank-", options);
    std::string report;
    int code = kChildCouldNotStart;
    std::string log =
        "ptplab: rank " + std::to_string(world.rank()) + ": cannot create a temporary directory\n";
    if (!batch.temp_dir().empty()) {
      const std::string input = batch.base(0) + ".json";
      write_bytes(input, (*fields)[1]);
      batch.add(input, std::vector<std::string>(fields->begin() + 2, fields->end()));
      (void)batch.run({""}, "", /*quiet=*/true);
      code = batch.status(0);
      log = batch.log(0);
      if (std::filesystem::exists(batch.report_of(0))) report = read_text(batch.report_of(0));
    }
    world.send(0, kMpiDoneTag, pack_fields({(*fields)[0], std::to_string(code), log, report}));
  }
}

}  // namespace ptplab::cli
