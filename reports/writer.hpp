// ReportWriter: writes runs into one SQLite report file (schema in reports/SCHEMA.md). Rows are
// buffered and written in one transaction per batch, so the file on disk is always a valid,
// consistent database holding every batch committed so far.
//
// Use: open(path) -> begin_run(info) -> add(record)... -> finish_run(end). A runner that is
// interrupted (SIGINT/SIGTERM) calls finish_run with RunStatus::kInterrupted from its loop; a
// process that dies without doing so leaves the run with status "running" and every committed
// batch. Many runs may go into one file; each gets the next run_id (1, 2, ...).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>

#include "engine/core/expected.hpp"
#include "reports/records/records.hpp"
#include "reports/records/sink.hpp"

namespace ptplab::reports {

// Tunables of a writer.
struct WriterOptions {
  std::size_t batch_rows_max = 50'000;  // buffered rows that trigger a commit
  bool truncate = false;                // delete any existing file first (else runs are appended)
  // Where the writer goes on when the file's lock cannot be had (another connection held it past
  // the lock wait: kBusyWaitMax_ms, or kBusyWaitAfterStop_ms after a stop): a report of its own,
  // created at this path (or appended to), that gets the current run (its row as begin_run was
  // given it, and every row not yet committed) and all that follows. Empty: no fallback, the
  // write fails with "database is locked" and its rows are lost.
  std::string fallback_path{};
};

// Where a writer went when the file's lock could not be had (WriterOptions::fallback_path).
struct Diversion {
  std::string path;  // the fallback report now written to
  // The run's id in the first file when its row was written there before the lock was lost (that
  // row stays "running" with the rows committed before; the rest of the run and its end are in
  // `path`, under the same id when it was free there), else 0.
  RunId partial_run_in_file = 0;
};

// Writes runs and their records to one report file: the SQLite RecordSink. Move-only; the
// destructor flushes what is buffered (a run left open stays "running").
class ReportWriter final : public ForwardingSink<ReportWriter> {
 public:
  // Opens or creates the file and its schema. Fails on an unwritable path, on a path that is not
  // a regular file (/dev/null, a folder), or on a file whose schema version (PRAGMA user_version)
  // is not this one. A file another process renames a new report over (`report merge --replace`)
  // is followed: each write transaction first checks, holding the lock, that the file at the path
  // is the one written (Database::file_replaced); begin_run then writes to the file now there,
  // and a batch of a run begun in the replaced file fails, saying so (its rows cannot be kept).
  [[nodiscard]] static Expected<ReportWriter, std::string> open(const std::string& path,
                                                                const WriterOptions& options = {});

  ReportWriter(ReportWriter&&) noexcept;
  ReportWriter& operator=(ReportWriter&&) noexcept;
  ~ReportWriter() override;

  // Inserts the run row (status "running") and makes it the current run for add().
  [[nodiscard]] Expected<RunId, std::string> begin_run(const RunInfo& info) override;

  // Buffers one row for the current run (conformance rows may also be added with no run): the
  // RecordSink's add(const R&) for every record type R. Errors of the batch write are reported
  // by the next flush() or finish_run().
  template <class Record>
  void add_row(const Record& r) {
    push(RowRef(&r));
  }

  // Commits every buffered row in one transaction; returns the number of rows written.
  [[nodiscard]] Expected<std::size_t, std::string> flush();

  // Flushes, completes the current run's row and closes the run.
  [[nodiscard]] Expected<RunId, std::string> finish_run(const RunEnd& end) override;

  // The current run (0 when none is open).
  [[nodiscard]] RunId current_run() const;

  // Set once the writer has gone on in its fallback report (WriterOptions::fallback_path).
  [[nodiscard]] const std::optional<Diversion>& diverted() const;

 private:
  template <class Record>
  using Ptr = const Record*;
  using RowRef = ForEachRecord<Ptr, std::variant>;  // one row of any table
  void push(const RowRef& row);

  struct Impl;
  explicit ReportWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The schema version written to PRAGMA user_version.
inline constexpr int kSchemaVersion = 4;

}  // namespace ptplab::reports
