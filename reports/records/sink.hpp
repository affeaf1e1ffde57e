// Where run records go: RecordSink is the interface a run's producer (scenarios' runner and
// collector) hands records to and a report store (reports' SQLite ReportWriter) implements;
// tools/ wires the two. RecordBuffer is the sink a simulation writes into while it runs: rows
// produced inside simulator events stay in memory, and the runner drains them into the real
// sink between time slices, so no SQLite statement ever runs inside a simulator event.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include "engine/core/expected.hpp"
#include "reports/records/records.hpp"

namespace ptplab::reports {

// Identifies a run inside a report file (1, 2, ...; 0 = no run).
using RunId = std::int64_t;

// Receives rows of one record type (a base of RecordSink).
template <class Record>
class RowSink {
 public:
  RowSink() = default;
  RowSink(const RowSink&) = default;
  RowSink& operator=(const RowSink&) = default;
  RowSink(RowSink&&) noexcept = default;
  RowSink& operator=(RowSink&&) noexcept = default;
  virtual ~RowSink() = default;
  virtual void add(const Record& r) = 0;
};

template <class Tuple>
class RowSinks;
template <class... R>
class RowSinks<std::tuple<R...>> : public RowSink<R>... {
 public:
  using RowSink<R>::add...;
};

// Receives the rows of runs: add(const R&) for every R of RunRecords. add() only buffers or
// forwards: errors of a store's writes are reported by the next begin_run/finish_run (a sink
// that cannot fail never reports any).
class RecordSink : public RowSinks<RunRecords> {
 public:
  // Opens a run (its row reads status "running"); later rows belong to it.
  [[nodiscard]] virtual Expected<RunId, std::string> begin_run(const RunInfo& info) = 0;
  // Completes the current run's row after every row given so far; returns its id.
  [[nodiscard]] virtual Expected<RunId, std::string> finish_run(const RunEnd& end) = 0;
};

// A RecordSink whose add(const R&), for every record type R, calls `Derived::add_row(r)` (a
// member template): a store writes its one generic add_row instead of an override per table.
template <class Derived, class Tuple = RunRecords>
class ForwardingSink;
template <class Derived>
class ForwardingSink<Derived, std::tuple<>> : public RecordSink {};
template <class Derived, class R, class... Rest>
class ForwardingSink<Derived, std::tuple<R, Rest...>> : public ForwardingSink<Derived, std::tuple<Rest...>> {
 public:
  using ForwardingSink<Derived, std::tuple<Rest...>>::add;
  void add(const R& r) final { static_cast<Derived&>(*this).add_row(r); }
};

// Rows of one run kept in memory, per record type in the order they were added, until
// drain_into() hands them to a sink (in that order per type) and forgets them.
class RecordBuffer {
 public:
  template <class Record>
  void add(Record r) {
    std::get<std::vector<Record>>(rows_).push_back(std::move(r));
  }

  // Rows held now.
  [[nodiscard]] std::size_t size() const {
    return std::apply([](const auto&... v) { return (v.size() + ...); }, rows_);
  }

  // Adds every held row to `sink` and empties the buffer.
  void drain_into(RecordSink& sink) {
    std::apply([&sink](auto&... v) { ((drain(v, sink)), ...); }, rows_);
  }

 private:
  template <class Record>
  static void drain(std::vector<Record>& rows, RecordSink& sink) {
    for (const auto& r : rows) sink.add(r);
    rows.clear();
  }

  ForEachRecord<std::vector> rows_;
};

}  // namespace ptplab::reports
