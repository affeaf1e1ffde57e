// scenarios::PartComm over MPI_COMM_WORLD (built with PTPLAB_MPI only): the one collective of a
// partitioned run, MPI_Allgather of the sizes then MPI_Allgatherv of the bytes (MPI-3.1, section
// 5.7). MPI must have been initialised (MpiWorld) and outlive it.
#pragma once

#include "scenarios/runner/part_comm.hpp"

namespace ptplab::cli {

class MpiPartComm final : public scenarios::PartComm {
 public:
  MpiPartComm();
  [[nodiscard]] std::uint32_t parts() const override { return parts_; }
  [[nodiscard]] std::uint32_t self() const override { return self_; }
  // Gathers of more than 2 GiB in all (MPI's int counts) go in rounds of at most 2 GiB / parts.
  [[nodiscard]] std::vector<std::string> all_gather(std::string_view mine) override;

 private:
  std::uint32_t parts_ = 1;
  std::uint32_t self_ = 0;
};

}  // namespace ptplab::cli
