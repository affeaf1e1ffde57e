// The MPI exchange: datagrams serialised per destination rank, MPI_Alltoallv once per window.
#include "sim/mpi/mpi_parts.hpp"

#include <mpi.h>

#include <cstdlib>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace ptplab::sim::mpi {
namespace {

template <class T>
void put(std::string& out, T v) {
  char raw[sizeof(T)];
  std::memcpy(raw, &v, sizeof(T));
  out.append(raw, sizeof(T));
}

template <class T>
T get(const char*& p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  p += sizeof(T);
  return v;
}

void check(int rc, const char* what) {
  if (rc != MPI_SUCCESS) throw std::runtime_error(std::string("MPI: ") + what + " failed");
}

int to_int(std::size_t n) {
  if (n > static_cast<std::size_t>(std::numeric_limits<int>::max()))
    throw std::length_error("MPI: one window's exchange exceeds 2 GiB");
  return static_cast<int>(n);
}

}  // namespace

MpiSession::MpiSession(int* argc, char*** argv) {
  int initialised = 0;
  MPI_Initialized(&initialised);
  if (initialised == 0) {
    check(MPI_Init(argc, argv), "MPI_Init");
    owns_ = true;
  }
  int rank = 0;
  int size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  rank_ = static_cast<std::uint32_t>(rank);
  size_ = static_cast<std::uint32_t>(size);
}

MpiSession::~MpiSession() {
  if (owns_) MPI_Finalize();
}

bool launched_by_mpirun() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"}) {
    if (const char* v = std::getenv(name); v != nullptr && std::atoi(v) > 1) return true;
  }
  return false;
}

MpiParts::MpiParts(const PartMap& map, Network& network) : map_(map), network_(network), outbox_(map.parts) {}

TimeNs MpiParts::next_time() {
  const std::int64_t local = network_.simulator().next_time();
  std::int64_t global = local;
  check(MPI_Allreduce(&local, &global, 1, MPI_INT64_T, MPI_MIN, MPI_COMM_WORLD), "MPI_Allreduce");
  return global;
}

void MpiParts::run_until(TimeNs end) { network_.simulator().run_until(end); }

void MpiParts::post(std::uint32_t part, RemoteDatagram d) {
  std::string& out = outbox_[part];
  put<std::int64_t>(out, d.arrival_ns);
  put<std::uint64_t>(out, d.key);
  put<std::int64_t>(out, d.sent_ns);
  put<std::uint32_t>(out, d.src_host);
  put<std::uint32_t>(out, d.dst_host);
  put<std::uint32_t>(out, d.from.ip);
  put<std::uint16_t>(out, d.from.port);
  put<std::uint32_t>(out, d.to.ip);
  put<std::uint16_t>(out, d.to.port);
  put<std::uint8_t>(out, d.bytes ? 1 : 0);
  const std::uint32_t size = d.bytes ? static_cast<std::uint32_t>(d.bytes->size()) : 0;
  put<std::uint32_t>(out, size);
  if (size > 0) out.append(*d.bytes);
}

void MpiParts::exchange() {
  const std::size_t ranks = map_.parts;
  std::vector<int> send_counts(ranks), recv_counts(ranks), send_displs(ranks), recv_displs(ranks);
  std::string send;
  for (std::size_t r = 0; r < ranks; ++r) {
    send_displs[r] = to_int(send.size());
    send_counts[r] = to_int(outbox_[r].size());
    send += outbox_[r];
    bytes_sent_ += outbox_[r].size();
    outbox_[r].clear();
  }
  check(MPI_Alltoall(send_counts.data(), 1, MPI_INT, recv_counts.data(), 1, MPI_INT, MPI_COMM_WORLD),
        "MPI_Alltoall");
  std::size_t total = 0;
  for (std::size_t r = 0; r < ranks; ++r) {
    recv_displs[r] = to_int(total);
    total += static_cast<std::size_t>(recv_counts[r]);
  }
  std::string recv(total, '\0');
  check(MPI_Alltoallv(send.data(), send_counts.data(), send_displs.data(), MPI_BYTE, recv.data(),
                      recv_counts.data(), recv_displs.data(), MPI_BYTE, MPI_COMM_WORLD),
        "MPI_Alltoallv");
  const char* p = recv.data();
  const char* const end = p + recv.size();
  while (p < end) {
    RemoteDatagram d;
    d.arrival_ns = get<std::int64_t>(p);
    d.key = get<std::uint64_t>(p);
    d.sent_ns = get<std::int64_t>(p);
    d.src_host = get<std::uint32_t>(p);
    d.dst_host = get<std::uint32_t>(p);
    d.from.ip = get<std::uint32_t>(p);
    d.from.port = get<std::uint16_t>(p);
    d.to.ip = get<std::uint32_t>(p);
    d.to.port = get<std::uint16_t>(p);
    const bool has_bytes = get<std::uint8_t>(p) != 0;
    const auto size = get<std::uint32_t>(p);
    if (has_bytes) d.bytes = std::make_shared<const std::string>(p, size);
    p += size;
    network_.inject(std::move(d));
  }
}

}  // namespace ptplab::sim::mpi
