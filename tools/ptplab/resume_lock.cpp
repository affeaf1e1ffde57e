// The --resume lock (see resume_lock.hpp).
#include "tools/ptplab/resume_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace ptplab::cli {

Expected<ResumeLock, std::string> ResumeLock::acquire(const std::string& report) {
  const int fd = ::open(report.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Unexpected("cannot open " + report + ": " + std::strerror(errno));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    ::close(fd);
    if (err == EWOULDBLOCK) {
      return Unexpected(report +
                        " is held by another ptplab sweep --resume, which rewrites it in sweep order when it "
                        "ends: wait for that one to end (then resume again if runs are still missing), or "
                        "resume into another report");
    }
    return Unexpected("cannot lock " + report + ": " + std::strerror(err));
  }
  return ResumeLock(fd);
}

ResumeLock::ResumeLock(ResumeLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }

ResumeLock::~ResumeLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the descriptor releases the flock
}

}  // namespace ptplab::cli
