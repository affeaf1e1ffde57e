// How the ranks of a partitioned run talk (one simulation split over K processes, issue [D]):
// a single collective, every rank hands its bytes and gets every rank's, in rank order. The
// replicated driver (scenarios/runner/simulation_parts.cpp) builds everything on it: the window
// exchange of datagrams and next event times, the merge of observer logs, and the values a
// node's owner reads for the others. The MPI implementation is tools/ptplab/mpi_comm.hpp
// (MPI_Allgatherv); scenarios/ never includes MPI.
#pragma once

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ptplab::scenarios {

// Thrown by PartComm::all_gather when the ranks can no longer meet: a rank died or was killed
// (Open MPI's mpirun then sends SIGTERM to the others and SIGKILL a second later). what() is a
// sentence naming the ranks that are gone when the implementation can tell. The run it breaks
// ends `failed` (run.cpp); no collective may follow on this rank.
class PartCommBroken : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The collectives of one partitioned run. Every rank must call all_gather the same number of
// times in the same order (the driver's code is the same on every rank).
class PartComm {
 public:
  virtual ~PartComm() = default;
  // How many ranks (>= 1) and which one this process is (0 .. parts()-1).
  [[nodiscard]] virtual std::uint32_t parts() const = 0;
  [[nodiscard]] virtual std::uint32_t self() const = 0;
  // Every rank's `mine`, indexed by rank (this rank's own included). Throws PartCommBroken when
  // the other ranks do not come (see there).
  [[nodiscard]] virtual std::vector<std::string> all_gather(std::string_view mine) = 0;
  // Personalised exchange: `to[r]` goes to rank r (to.size() == parts()); returns what every rank
  // sent to this one, indexed by rank. The default runs over all_gather (every rank receives
  // every message); MPI's is MPI_Alltoallv, each message to its rank only. Throws PartCommBroken
  // as all_gather does.
  [[nodiscard]] virtual std::vector<std::string> exchange(const std::vector<std::string>& to);
};

// Little helpers to write and read the fixed-size fields of the messages above (host byte
// order: every rank runs the same binary on the same kind of machine).
class ByteWriter {
 public:
  template <class T>
  void put(T v) {
    char raw[sizeof(T)];
    std::memcpy(raw, &v, sizeof(T));
    out_.append(raw, sizeof(T));
  }
  // A length (u32) and the bytes.
  void put_text(std::string_view s) {
    put<std::uint32_t>(static_cast<std::uint32_t>(s.size()));
    out_.append(s);
  }
  [[nodiscard]] std::string& bytes() { return out_; }
  [[nodiscard]] const std::string& bytes() const { return out_; }
  [[nodiscard]] std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

// Reads what a ByteWriter wrote; reading past the end throws std::out_of_range (a message from
// another rank of the same binary never does).
class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes) : p_(bytes) {}
  template <class T>
  T get() {
    T v;
    need(sizeof(T));
    std::memcpy(&v, p_.data(), sizeof(T));
    p_.remove_prefix(sizeof(T));
    return v;
  }
  std::string_view get_text() {
    const auto n = get<std::uint32_t>();
    need(n);
    const std::string_view s = p_.substr(0, n);
    p_.remove_prefix(n);
    return s;
  }
  [[nodiscard]] bool done() const { return p_.empty(); }
  [[nodiscard]] std::size_t remaining() const { return p_.size(); }
  void skip(std::size_t n) {
    need(n);
    p_.remove_prefix(n);
  }

 private:
  void need(std::size_t n) const;
  std::string_view p_;
};

}  // namespace ptplab::scenarios
