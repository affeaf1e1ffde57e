// MPI for the ptplab command (built with PTPLAB_MPI only; mpi_launch.hpp says when it is used):
// the process's place among the ranks, and byte messages between ranks. Open MPI's C bindings
// (MPI-3.1, chapter 3: point-to-point communication), MPI_COMM_WORLD only. MPI stays out of
// engine/ and scenarios/ (DESIGN.md "Beyond one machine").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ptplab::cli {

// One message received: its sender's rank, its tag and its bytes.
struct MpiMessage {
  int from = 0;
  int tag = 0;
  std::string bytes;
};

// MPI for this process's lifetime: the constructor initialises it (MPI_Init_thread with
// MPI_THREAD_FUNNELED: only the thread that made the MpiWorld calls MPI), the destructor
// finalises it. One per process. MPI's errors abort the job (MPI_ERRORS_ARE_FATAL).
class MpiWorld {
 public:
  MpiWorld();
  ~MpiWorld();
  MpiWorld(const MpiWorld&) = delete;
  MpiWorld& operator=(const MpiWorld&) = delete;

  [[nodiscard]] int rank() const { return rank_; }
  // After a rank died (MpiPartComm::broken()): the destructor skips MPI_Finalize, which would
  // wait for it; the process then exits without finalising (mpirun is stopping the job anyway).
  void abandon() { abandoned_ = true; }
  [[nodiscard]] int size() const { return size_; }

  // Sends `bytes` (any length: over MPI's int count limit it goes in pieces) to rank `to`
  // with tag `tag` (>= 0); returns when the buffer may be reused.
  void send(int to, int tag, std::string_view bytes) const;
  // Waits for the next message from rank `from` (any rank: kAnyRank).
  [[nodiscard]] MpiMessage receive(int from) const;
  // The next message from any rank if one has arrived, without waiting otherwise.
  [[nodiscard]] std::optional<MpiMessage> poll() const;

  static constexpr int kAnyRank = -1;

 private:
  int rank_ = 0;
  int size_ = 1;
  bool abandoned_ = false;
};

// Fields (any bytes) as one message and back: each field is its length (8 bytes, little
// endian) followed by its bytes. unpack_fields is nullopt for bytes pack_fields did not make.
[[nodiscard]] std::string pack_fields(const std::vector<std::string>& fields);
[[nodiscard]] std::optional<std::vector<std::string>> unpack_fields(std::string_view bytes);

}  // namespace ptplab::cli
