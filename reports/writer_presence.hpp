// Whether a process is writing a report now (review 14 M1): a writer holds a shared flock(2) on
// the report file while it is open, and the kernel drops the lock when the process ends however
// it ends (SIGKILL, a crash). A run still `running` in a report no process holds was abandoned:
// `ptplab report` says so instead of showing it as running. flock locks are apart from the POSIX
// record locks SQLite takes (Linux flock(2)), so they do not block SQLite, nor it them.
#pragma once

#include <optional>
#include <string>

namespace ptplab::reports {

// A shared flock on one file for the object's lifetime (O_CLOEXEC: a child program does not
// inherit it). Move-only. Closing its descriptor would drop every POSIX lock this process holds
// on the file (SQLite's among them): destroy it only after the file's SQLite connection is closed.
class WriterPresence {
 public:
  // Best effort and never waits: a file that cannot be opened gives a presence that holds nothing;
  // one whose flock another holder's exclusive lock refuses (a `sweep --resume` rewriting it)
  // holds the file open, and retry() takes the lock once that is gone.
  [[nodiscard]] static WriterPresence hold(const std::string& path);
  // Takes the shared lock if it is not held yet (no wait); whether it is held now.
  bool retry();
  WriterPresence() = default;
  WriterPresence(WriterPresence&& other) noexcept : fd_(other.fd_), locked_(other.locked_) {
    other.fd_ = -1;
    other.locked_ = false;
  }
  WriterPresence& operator=(WriterPresence&& other) noexcept;
  WriterPresence(const WriterPresence&) = delete;
  WriterPresence& operator=(const WriterPresence&) = delete;
  ~WriterPresence();
  [[nodiscard]] bool held() const { return locked_; }

 private:
  int fd_ = -1;
  bool locked_ = false;
};

// Whether some process holds a WriterPresence on `path` now: true or false, nullopt when it
// cannot tell (no such file, flock refused). Opens and closes the file: call it while this process
// holds no SQLite connection to `path` (see WriterPresence).
[[nodiscard]] std::optional<bool> writer_present(const std::string& path);

}  // namespace ptplab::reports
