// The partitioned run's byte messages (see part_comm.hpp).
#include "scenarios/runner/part_comm.hpp"

#include <stdexcept>

namespace ptplab::scenarios {

std::vector<std::string> PartComm::exchange(const std::vector<std::string>& to) {
  ByteWriter w;
  for (const auto& m : to) w.put_text(m);
  std::vector<std::string> out;
  for (const auto& all : all_gather(w.bytes())) {
    ByteReader r(all);
    for (std::uint32_t dest = 0; dest < parts(); ++dest) {
      const std::string_view m = r.get_text();
      if (dest == self()) out.emplace_back(m);
    }
  }
  return out;
}

void ByteReader::need(std::size_t n) const {
  if (p_.size() < n) throw std::out_of_range("partitioned run: a rank's message is cut short");
}

}  // namespace ptplab::scenarios
