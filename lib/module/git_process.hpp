#pragma once
// Running Debian's git through the process runner, its output captured and
// no prompt ever.
#include <string>
#include <vector>

namespace kratix::module {

struct GitOutcome {
  int status = 0;
  std::string out;  // stdout
  std::string err;  // stderr (its last 512 MiB at most)
};

// `git ARGS...` with `input` on its stdin; kratix::Error when git cannot be started.
GitOutcome run_git(const std::vector<std::string>& args, const std::string& input = "");

}  // namespace kratix::module
