// A report writer's flock (see writer_presence.hpp).
#include "reports/writer_presence.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>

namespace ptplab::reports {

namespace {

// A shared flock on `fd` without waiting: an exclusive one held elsewhere (`sweep --resume`'s
// ResumeLock, in this process or another, or writer_present's instant probe) makes it fail, and
// a blocking wait there deadlocked a resume on its own lock (review 14, S1 of review6).
bool try_shared_flock(int fd) {
  for (int attempt = 0; attempt < 3; ++attempt) {  // a probe holds its lock for microseconds
    if (::flock(fd, LOCK_SH | LOCK_NB) == 0) return true;
    if (errno != EWOULDBLOCK && errno != EINTR) return false;
    ::usleep(1000);
  }
  return false;
}

}  // namespace

WriterPresence WriterPresence::hold(const std::string& path) {
  WriterPresence p;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return p;
  // Kept even when the lock failed: closing it now would drop SQLite's locks on the file, and
  // retry() takes the lock later.
  p.fd_ = fd;
  p.locked_ = try_shared_flock(fd);
  return p;
}

bool WriterPresence::retry() {
  if (fd_ >= 0 && !locked_) locked_ = ::flock(fd_, LOCK_SH | LOCK_NB) == 0;
  return locked_;
}

WriterPresence& WriterPresence::operator=(WriterPresence&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    locked_ = other.locked_;
    other.fd_ = -1;
    other.locked_ = false;
  }
  return *this;
}

WriterPresence::~WriterPresence() {
  if (fd_ >= 0) ::close(fd_);
}

std::optional<bool> writer_present(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::optional<bool> present;
  if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
    present = false;
    (void)::flock(fd, LOCK_UN);
  } else if (errno == EWOULDBLOCK) {
    present = true;
  }
  ::close(fd);
  return present;
}

}  // namespace ptplab::reports
