#pragma once
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kratix::engine {

// The first executable named `name` on PATH.
std::optional<std::filesystem::path> find_on_path(std::string_view name);

// Runs argv with this process's stdin, stdout and stderr, and returns its exit
// status (128 + signal when killed). kratix::Error when it cannot be started.
int run(const std::vector<std::string>& argv);

// A program run for its output: what it printed on stdout (up to max_output
// bytes; more is an error) and its exit status (128 + signal when killed).
struct Captured {
  int status = 0;
  std::string out;
};
struct CaptureOptions {
  std::vector<std::string> argv;
  std::vector<std::string> env;  // "NAME=value" added to (or replacing in) this process's environment
  bool inherit_stdin = false;    // false: stdin is /dev/null
  std::size_t max_output = std::size_t{1} << 20;
};
// stderr is this process's. kratix::Error when it cannot be started
// ("not found" naming argv[0]) or prints more than max_output.
Captured capture(const CaptureOptions& options);

}  // namespace kratix::engine
