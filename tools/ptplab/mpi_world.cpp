// MPI initialisation and byte messages (see mpi_world.hpp).
#include "tools/ptplab/mpi_world.hpp"

#include <mpi.h>

#include <algorithm>
#include <cstdint>

namespace ptplab::cli {
namespace {

// A message is its length (one MPI_UINT64_T) then its bytes in pieces of at most kMpiPiece,
// all with the message's tag: MPI keeps messages between two ranks on one tag in order
// (MPI-3.1 section 3.5, "Order"), so the pieces follow their length.
constexpr std::size_t kMpiPiece = std::size_t{1} << 30;

void receive_pieces(int from, int tag, std::string& bytes) {
  for (std::size_t at = 0; at < bytes.size(); at += kMpiPiece) {
    const int n = static_cast<int>(std::min(kMpiPiece, bytes.size() - at));
    MPI_Recv(bytes.data() + at, n, MPI_BYTE, from, tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  }
}

MpiMessage receive_from(int from) {
  std::uint64_t length = 0;
  MPI_Status status;
  MPI_Recv(&length, 1, MPI_UINT64_T, from, MPI_ANY_TAG, MPI_COMM_WORLD, &status);
  MpiMessage m{status.MPI_SOURCE, status.MPI_TAG, std::string(length, '\0')};
  receive_pieces(m.from, m.tag, m.bytes);
  return m;
}

}  // namespace

MpiWorld::MpiWorld() {
  int provided = 0;
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

MpiWorld::~MpiWorld() {
  if (!abandoned_) MPI_Finalize();
}

void MpiWorld::send(int to, int tag, std::string_view bytes) const {
  const std::uint64_t length = bytes.size();
  MPI_Send(&length, 1, MPI_UINT64_T, to, tag, MPI_COMM_WORLD);
  for (std::size_t at = 0; at < bytes.size(); at += kMpiPiece) {
    const int n = static_cast<int>(std::min(kMpiPiece, bytes.size() - at));
    MPI_Send(bytes.data() + at, n, MPI_BYTE, to, tag, MPI_COMM_WORLD);
  }
}

MpiMessage MpiWorld::receive(int from) const {
  return receive_from(from == kAnyRank ? MPI_ANY_SOURCE : from);
}

std::optional<MpiMessage> MpiWorld::poll() const {
  int arrived = 0;
  MPI_Status status;
  MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &arrived, &status);
  if (arrived == 0) return std::nullopt;
  return receive_from(status.MPI_SOURCE);
}

std::string pack_fields(const std::vector<std::string>& fields) {
  std::string out;
  for (const auto& f : fields) {
    std::uint64_t n = f.size();
    for (int i = 0; i < 8; ++i, n >>= 8) out.push_back(static_cast<char>(n & 0xff));
    out += f;
  }
  return out;
}

std::optional<std::vector<std::string>> unpack_fields(std::string_view bytes) {
  std::vector<std::string> fields;
  while (!bytes.empty()) {
    if (bytes.size() < 8) return std::nullopt;
    std::uint64_t n = 0;
    for (int i = 7; i >= 0; --i)
      n = (n << 8) | static_cast<unsigned char>(bytes[static_cast<std::size_t>(i)]);
    bytes.remove_prefix(8);
    if (n > bytes.size()) return std::nullopt;
    fields.emplace_back(bytes.substr(0, n));
    bytes.remove_prefix(n);
  }
  return fields;
}

}  // namespace ptplab::cli
