// One `ptplab sweep --resume` per report at a time: --resume rewrites the report in sweep order
// at its end (renaming a new file over it), so a second resume of the same report would read a
// file that is replaced under it (SQLite: "attempt to write a readonly database", or the file
// gone). The first takes an exclusive flock(2) on the report for its lifetime; a second is
// refused with a sentence saying so. flock locks are apart from SQLite's fcntl locks (Linux
// flock(2)): plain writers (`ptplab run`, `sweep` without --resume) are not held up.
#pragma once

#include <string>

#include "engine/core/expected.hpp"

namespace ptplab::cli {

// Holds the lock while it lives.
class ResumeLock {
 public:
  // Locks `report` (an existing file). Errors: another process holds it (the usage error,
  // naming the report), or the file cannot be opened.
  [[nodiscard]] static Expected<ResumeLock, std::string> acquire(const std::string& report);
  ResumeLock(ResumeLock&& other) noexcept;
  ResumeLock& operator=(ResumeLock&&) = delete;
  ResumeLock(const ResumeLock&) = delete;
  ResumeLock& operator=(const ResumeLock&) = delete;
  ~ResumeLock();

 private:
  explicit ResumeLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace ptplab::cli
