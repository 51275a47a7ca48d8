#pragma once
// Running Debian's git with its output captured and no prompt ever (a
// candidate for lib/process once that has a capturing runner).
#include <string>
#include <vector>

namespace kratix::module {

struct GitOutcome {
  int status = 0;
  std::string out;  // stdout
  std::string err;  // stderr (first MiB)
};

// `git ARGS...` with `input` on its stdin; kratix::Error when git cannot be started.
GitOutcome run_git(const std::vector<std::string>& args, const std::string& input = "");

}  // namespace kratix::module
