// The partitioned run's collective over MPI (see mpi_comm.hpp).
#include "tools/ptplab/mpi_comm.hpp"

#include <mpi.h>

#include <limits>
#include <stdexcept>

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
  constexpr auto kMax = static_cast<std::size_t>(std::numeric_limits<int>::max());
  if (mine.size() > kMax) throw std::length_error("partitioned run: one rank's message exceeds 2 GiB");
  const int n = static_cast<int>(mine.size());
  std::vector<int> sizes(parts_);
  MPI_Allgather(&n, 1, MPI_INT, sizes.data(), 1, MPI_INT, MPI_COMM_WORLD);
  std::vector<int> displs(parts_);
  std::size_t total = 0;
  for (std::uint32_t r = 0; r < parts_; ++r) {
    displs[r] = static_cast<int>(total);
    total += static_cast<std::size_t>(sizes[r]);
    if (total > kMax) throw std::length_error("partitioned run: one gather exceeds 2 GiB");
  }
  std::string all(total, '\0');
  MPI_Allgatherv(mine.data(), n, MPI_BYTE, all.data(), sizes.data(), displs.data(), MPI_BYTE, MPI_COMM_WORLD);
  std::vector<std::string> out(parts_);
  for (std::uint32_t r = 0; r < parts_; ++r)
    out[r] = all.substr(static_cast<std::size_t>(displs[r]), static_cast<std::size_t>(sizes[r]));
  return out;
}

}  // namespace ptplab::cli
