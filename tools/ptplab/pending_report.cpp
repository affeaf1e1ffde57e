// Pending report names and the command that joins one (see pending_report.hpp).
#include "tools/ptplab/pending_report.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>

namespace ptplab::cli {

std::string pending_report_path(const std::string& report) {
  const std::string stem = report + "." + std::to_string(getpid());
  std::string path = stem + ".pending.db";
  std::error_code ignored;
  // symlink_status: a dangling link is a file there too (its target is elsewhere).
  for (int k = 2; std::filesystem::exists(std::filesystem::symlink_status(path, ignored)); ++k)
    path = stem + "-" + std::to_string(k) + ".pending.db";
  return path;
}

std::string shell_word(std::string_view word) {
  if (!word.empty() && word.front() == '-') return shell_word("./" + std::string(word));
  const auto plain = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("_./:=+,@%-").find(c) != std::string_view::npos;
  };
  if (!word.empty() && std::all_of(word.begin(), word.end(), plain)) return std::string(word);
  std::string out = "'";
  for (const char c : word) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string join_command(const std::string& report, const std::string& pending) {
  std::string out = "ptplab report merge --append ";
  out.append(shell_word(report)).append(" ").append(shell_word(pending));
  return out;
}

}  // namespace ptplab::cli
