// A record sink for tests: keeps the rows of one record type it is given, in order, and drops
// the others; every run is run 1.
#pragma once

#include <string>
#include <type_traits>
#include <vector>

#include "reports/records/sink.hpp"

namespace ptplab::scenarios::test_support {

template <class Record>
struct KeptRows final : reports::ForwardingSink<KeptRows<Record>> {
  std::vector<Record> rows;
  template <class R>
  void add_row(const R& r) {
    if constexpr (std::is_same_v<R, Record>) rows.push_back(r);
  }
  Expected<reports::RunId, std::string> begin_run(const reports::RunInfo&) override {
    return reports::RunId{1};
  }
  Expected<reports::RunId, std::string> finish_run(const reports::RunEnd&) override {
    return reports::RunId{1};
  }
};

}  // namespace ptplab::scenarios::test_support
