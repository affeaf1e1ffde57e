// MPI launch detection (see mpi_launch.hpp).
#include "tools/ptplab/mpi_launch.hpp"

#include <array>
#include <cstdlib>

namespace ptplab::cli {

bool built_with_mpi() {
#ifdef PTPLAB_WITH_MPI
  return true;
#else
  return false;
#endif
}

bool launched_by_mpi() {
  return std::getenv("OMPI_COMM_WORLD_SIZE") != nullptr || std::getenv("PMIX_RANK") != nullptr;
}

Expected<bool, std::string> use_mpi(std::string_view command, bool asked) {
  const std::string name = "ptplab " + std::string(command);
  const bool launched = launched_by_mpi();
  if ((asked || launched) && !built_with_mpi()) {
    return Unexpected(name + ": " + (asked ? "--mpi" : "started by an MPI launcher (mpirun)") +
                      ", but this ptplab was built without MPI: rebuild with cmake -DPTPLAB_MPI=ON");
  }
  if (asked && !launched) {
    return Unexpected(name +
                      ": --mpi, but no MPI launcher started this process (no OMPI_COMM_WORLD_SIZE or "
                      "PMIX_RANK in the environment): run it as mpirun -np K ptplab " +
                      std::string(command) + " ...");
  }
  return launched;
}

std::optional<std::string> refuse_ranks(std::string_view command) {
  if (!launched_by_mpi()) return std::nullopt;
  const char* size = std::getenv("OMPI_COMM_WORLD_SIZE");
  if (size != nullptr && std::string_view(size) == "1") return std::nullopt;
  return "ptplab " + std::string(command) +
         ": started as one of several MPI ranks, but a " + std::string(command) +
         " does not run over MPI yet (each rank would run all of it into the same report); run it "
         "without mpirun. Sweeps do: mpirun -np K ptplab sweep SCENARIO";
}

bool first_rank() {
  for (const char* name : {"OMPI_COMM_WORLD_RANK", "PMIX_RANK"}) {
    if (const char* rank = std::getenv(name)) return std::string_view(rank) == "0";
  }
  return true;
}

bool is_mpi_launch_variable(std::string_view entry) {
  constexpr std::array<std::string_view, 3> kPrefixes{"OMPI_", "PMIX_", "PMI_"};
  for (const auto p : kPrefixes) {
    if (entry.starts_with(p)) return true;
  }
  return false;
}

}  // namespace ptplab::cli
