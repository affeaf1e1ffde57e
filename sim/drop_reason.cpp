// Stable names of drop reasons.
#include "sim/drop_reason.hpp"

namespace ptplab::sim {

std::string_view drop_reason_name(DropReason reason) {
  switch (reason) {
    case DropReason::kLoss: return "loss";
    case DropReason::kQueueOverflow: return "queue_overflow";
    case DropReason::kNatFilter: return "nat_filter";
    case DropReason::kNoRoute: return "no_route";
    case DropReason::kPartition: return "partition";
    case DropReason::kTooLarge: return "too_large";
    case DropReason::kHostDown: return "host_down";
  }
  return "unknown";
}

}  // namespace ptplab::sim
