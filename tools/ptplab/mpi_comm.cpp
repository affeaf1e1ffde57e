// The partitioned run's collective over MPI (see mpi_comm.hpp).
#include "tools/ptplab/mpi_comm.hpp"

#include <mpi.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <limits>
#include <memory>
#include <optional>

namespace ptplab::cli {
namespace {

// Whether process `pid` of this host has exited: no /proc entry, or a zombie (state Z or X in
// /proc/PID/stat, proc(5): the field after the parenthesised command name).
bool process_gone(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!stat || !std::getline(stat, line)) return true;
  const auto close = line.rfind(')');
  if (close == std::string::npos || close + 2 >= line.size()) return false;
  const char state = line[close + 2];
  return state == 'Z' || state == 'X';
}

constexpr std::size_t kKeptBuffer = std::size_t{64} << 20;

}  // namespace

// Counts one collective and adds its wall time (also when it throws).
class MpiPartComm::TimedCollective {
 public:
  explicit TimedCollective(MpiPartComm& comm) : comm_(comm), start_(std::chrono::steady_clock::now()) {
    ++comm_.collectives_;
  }
  ~TimedCollective() {
    comm_.seconds_in_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }
  TimedCollective(const TimedCollective&) = delete;
  TimedCollective& operator=(const TimedCollective&) = delete;

 private:
  MpiPartComm& comm_;
  std::chrono::steady_clock::time_point start_;
};

MpiPartComm::MpiPartComm(const std::atomic<bool>* stop) : stop_(stop), buffers_(std::make_unique<Buffers>()) {
  int rank = 0;
  int size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  self_ = static_cast<std::uint32_t>(rank);
  parts_ = static_cast<std::uint32_t>(size);
  constexpr std::size_t kHostMax = 256;
  char host[kHostMax] = {};
  (void)gethostname(host, kHostMax - 1);
  std::vector<char> hosts(kHostMax * parts_);
  MPI_Allgather(host, static_cast<int>(kHostMax), MPI_CHAR, hosts.data(), static_cast<int>(kHostMax),
                MPI_CHAR, MPI_COMM_WORLD);
  const std::int64_t pid = getpid();
  std::vector<std::int64_t> pids(parts_);
  MPI_Allgather(&pid, 1, MPI_INT64_T, pids.data(), 1, MPI_INT64_T, MPI_COMM_WORLD);
  for (std::uint32_t r = 0; r < parts_; ++r) {
    pids_.push_back(static_cast<pid_t>(pids[r]));
    same_host_.push_back(std::string_view(hosts.data() + r * kHostMax) == std::string_view(host));
  }
}

std::vector<std::uint32_t> MpiPartComm::gone_ranks() const {
  std::vector<std::uint32_t> gone;
  for (std::uint32_t r = 0; r < parts_; ++r) {
    if (r != self_ && same_host_[r] && process_gone(pids_[r])) gone.push_back(r);
  }
  return gone;
}

void MpiPartComm::give_up(const std::vector<std::uint32_t>& gone) {
  broken_ = true;
  // The unfinished collective may still write into the buffers (a live rank's part arriving):
  // they are left allocated for the rest of the process.
  (void)buffers_.release();
  std::string why;
  if (gone.empty()) {
    why = "the other ranks did not reach the exchange within " + std::to_string(kStopGrace_ms) +
          " ms of the stop signal: a rank died or was killed (mpirun then stops every rank)";
  } else {
    for (std::size_t i = 0; i < gone.size(); ++i) {
      why.append(i == 0 ? "rank " : ", rank ");
      why.append(std::to_string(gone[i]));
      why.append(" (pid ");
      why.append(std::to_string(pids_[gone[i]]));
      why.append(")");
    }
    why.append(gone.size() == 1 ? " died or was killed" : " died or were killed");
  }
  why.append(" in the middle of the run; the partitioned run cannot go on without its part");
  throw scenarios::PartCommBroken(why);
}

void MpiPartComm::wait(void* handle) {
  using Clock = std::chrono::steady_clock;
  auto* request = static_cast<MPI_Request*>(handle);
  int done = 0;
  MPI_Test(request, &done, MPI_STATUS_IGNORE);
  if (done != 0) return;
  const auto started = Clock::now();
  auto next_check = started + std::chrono::milliseconds(kLivenessCheck_ms);
  std::optional<Clock::time_point> stop_seen;
  for (std::uint64_t polls = 1;; ++polls) {
    MPI_Test(request, &done, MPI_STATUS_IGNORE);
    if (done != 0) return;
    if (polls % 1024 != 0) continue;  // the clock and /proc now and then, not at every poll
    const auto now = Clock::now();
    if (now >= next_check) {
      if (auto gone = gone_ranks(); !gone.empty()) give_up(gone);
      next_check = now + std::chrono::milliseconds(kLivenessCheck_ms);
    }
    if (stop_ != nullptr && stop_->load(std::memory_order_relaxed)) {
      if (!stop_seen) stop_seen = now;
      const bool remote = std::find(same_host_.begin(), same_host_.end(), false) != same_host_.end();
      // The ranks of this host are watched above; one on another host may have died unseen.
      if (remote && now - *stop_seen >= std::chrono::milliseconds(kStopGrace_ms)) give_up({});
    }
  }
}

std::vector<std::string> MpiPartComm::all_gather(std::string_view mine) {
  const TimedCollective timed(*this);
  // MPI counts are ints: a gather larger than 2 GiB in all (a window of a datagram storm; review
  // 13 S1 aborted there) goes in rounds, each rank sending at most `chunk` bytes of its message per
  // round. Every rank derives the same rounds and counts from the gathered sizes.
  constexpr auto kMax = static_cast<std::size_t>(std::numeric_limits<int>::max());
  const std::size_t chunk = kMax / parts_;
  // The buffers MPI may still touch after a give_up() are the object's (Buffers), not the stack's.
  Buffers& b = *buffers_;
  b.size = mine.size();
  b.sizes.assign(parts_, 0);
  MPI_Request request = MPI_REQUEST_NULL;
  MPI_Iallgather(&b.size, 1, MPI_UINT64_T, b.sizes.data(), 1, MPI_UINT64_T, MPI_COMM_WORLD, &request);
  wait(&request);
  const std::vector<std::uint64_t>& sizes = b.sizes;
  std::vector<std::string> out(parts_);
  for (std::uint32_t r = 0; r < parts_; ++r) out[r].reserve(static_cast<std::size_t>(sizes[r]));
  std::vector<int>& counts = b.counts;
  std::vector<int>& displs = b.displs;
  counts.assign(parts_, 0);
  displs.assign(parts_, 0);
  std::string& all = b.all;
  for (std::size_t done = 0;; done += chunk) {
    std::size_t total = 0;
    for (std::uint32_t r = 0; r < parts_; ++r) {
      const std::size_t left = sizes[r] > done ? static_cast<std::size_t>(sizes[r]) - done : 0;
      counts[r] = static_cast<int>(std::min(left, chunk));
      displs[r] = static_cast<int>(total);
      total += static_cast<std::size_t>(counts[r]);
    }
    all.assign(total, '\0');
    const std::size_t mine_left = mine.size() > done ? mine.size() - done : 0;
    MPI_Iallgatherv(mine.data() + (mine.size() - mine_left), counts[self_], MPI_BYTE, all.data(),
                    counts.data(), displs.data(), MPI_BYTE, MPI_COMM_WORLD, &request);
    wait(&request);
    for (std::uint32_t r = 0; r < parts_; ++r)
      out[r].append(all, static_cast<std::size_t>(displs[r]), static_cast<std::size_t>(counts[r]));
    bool more = false;  // a rank had more than this round held
    for (std::uint32_t r = 0; r < parts_; ++r) more = more || sizes[r] > done + chunk;
    if (!more) break;
  }
  if (all.capacity() > kKeptBuffer) std::string().swap(all);  // a storm's window: not kept for the run
  return out;
}

std::vector<std::string> MpiPartComm::exchange(const std::vector<std::string>& to) {
  const TimedCollective timed(*this);
  // As all_gather: the sizes first, then the bytes in rounds of at most `chunk` bytes from each
  // rank to each rank, so that every count and displacement fits MPI's ints.
  constexpr auto kMax = static_cast<std::size_t>(std::numeric_limits<int>::max());
  const std::size_t chunk = kMax / parts_;
  Buffers& b = *buffers_;
  b.sent_sizes.assign(parts_, 0);
  for (std::uint32_t r = 0; r < parts_; ++r) b.sent_sizes[r] = to.at(r).size();
  b.sizes.assign(parts_, 0);
  MPI_Request request = MPI_REQUEST_NULL;
  MPI_Ialltoall(b.sent_sizes.data(), 1, MPI_UINT64_T, b.sizes.data(), 1, MPI_UINT64_T, MPI_COMM_WORLD,
                &request);
  wait(&request);
  std::vector<std::string> out(parts_);
  for (std::uint32_t r = 0; r < parts_; ++r) out[r].reserve(static_cast<std::size_t>(b.sizes[r]));
  b.counts.assign(parts_, 0);
  b.displs.assign(parts_, 0);
  b.send_counts.assign(parts_, 0);
  b.send_displs.assign(parts_, 0);
  for (std::size_t done = 0;; done += chunk) {
    std::size_t total = 0;
    std::size_t send_total = 0;
    for (std::uint32_t r = 0; r < parts_; ++r) {
      const std::size_t left = b.sizes[r] > done ? static_cast<std::size_t>(b.sizes[r]) - done : 0;
      b.counts[r] = static_cast<int>(std::min(left, chunk));
      b.displs[r] = static_cast<int>(total);
      total += static_cast<std::size_t>(b.counts[r]);
      const std::size_t send_left = to[r].size() > done ? to[r].size() - done : 0;
      b.send_counts[r] = static_cast<int>(std::min(send_left, chunk));
      b.send_displs[r] = static_cast<int>(send_total);
      send_total += static_cast<std::size_t>(b.send_counts[r]);
    }
    b.send.clear();
    for (std::uint32_t r = 0; r < parts_; ++r)
      b.send.append(to[r], std::min(done, to[r].size()), static_cast<std::size_t>(b.send_counts[r]));
    b.all.assign(total, '\0');
    MPI_Ialltoallv(b.send.data(), b.send_counts.data(), b.send_displs.data(), MPI_BYTE, b.all.data(),
                   b.counts.data(), b.displs.data(), MPI_BYTE, MPI_COMM_WORLD, &request);
    wait(&request);
    for (std::uint32_t r = 0; r < parts_; ++r)
      out[r].append(b.all, static_cast<std::size_t>(b.displs[r]), static_cast<std::size_t>(b.counts[r]));
    bool more = false;  // a message had more than this round held
    for (std::uint32_t r = 0; r < parts_; ++r)
      more = more || b.sizes[r] > done + chunk || to[r].size() > done + chunk;
    if (!more) break;
  }
  if (b.all.capacity() > kKeptBuffer) std::string().swap(b.all);
  if (b.send.capacity() > kKeptBuffer) std::string().swap(b.send);
  return out;
}

}  // namespace ptplab::cli
