// The partitioned run's collective over MPI (see mpi_comm.hpp).
#include "tools/ptplab/mpi_comm.hpp"

#include <mpi.h>

#include <algorithm>
#include <cstdint>
#include <limits>

namespace ptplab::cli {

MpiPartComm::MpiPartComm() {
  int rank = 0;
  int size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  self_ = static_cast<std::uint32_t>(rank);
  parts_ = static_cast<std::uint32_t>(size);
}

std::vector<std::string> MpiPartComm::all_gather(std::string_view mine) {
  // MPI counts are ints: a gather larger than 2 GiB in all (a window of a datagram storm; review
  // 13 S1 aborted there) goes in rounds, each rank sending at most `chunk` bytes of its message per
  // round. Every rank derives the same rounds and counts from the gathered sizes.
  constexpr auto kMax = static_cast<std::size_t>(std::numeric_limits<int>::max());
  const std::size_t chunk = kMax / parts_;
  const std::uint64_t n = mine.size();
  std::vector<std::uint64_t> sizes(parts_);
  MPI_Allgather(&n, 1, MPI_UINT64_T, sizes.data(), 1, MPI_UINT64_T, MPI_COMM_WORLD);
  std::vector<std::string> out(parts_);
  for (std::uint32_t r = 0; r < parts_; ++r) out[r].reserve(static_cast<std::size_t>(sizes[r]));
  std::vector<int> counts(parts_);
  std::vector<int> displs(parts_);
  std::string all;
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
    MPI_Allgatherv(mine.data() + (mine.size() - mine_left), counts[self_], MPI_BYTE, all.data(),
                   counts.data(), displs.data(), MPI_BYTE, MPI_COMM_WORLD);
    for (std::uint32_t r = 0; r < parts_; ++r)
      out[r].append(all, static_cast<std::size_t>(displs[r]), static_cast<std::size_t>(counts[r]));
    bool more = false;  // a rank had more than this round held
    for (std::uint32_t r = 0; r < parts_; ++r) more = more || sizes[r] > done + chunk;
    if (!more) break;
  }
  return out;
}

}  // namespace ptplab::cli
