// A report writer's flock (see writer_presence.hpp).
#include "reports/writer_presence.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>

namespace ptplab::reports {

WriterPresence WriterPresence::hold(const std::string& path) {
  WriterPresence p;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return p;
  int rc = 0;
  do {
    rc = ::flock(fd, LOCK_SH);
  } while (rc != 0 && errno == EINTR);
  // Kept even when the lock failed: closing it now would drop SQLite's locks on the file.
  p.fd_ = fd;
  p.locked_ = rc == 0;
  return p;
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
