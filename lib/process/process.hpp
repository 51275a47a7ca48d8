#pragma once
// The one process runner of kratix: every command that starts another program
// (container engines, credential helpers) goes through here.
#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kratix::process {

// The first executable named `name` on PATH (a name holding '/' is checked as is).
std::optional<std::filesystem::path> find_on_path(std::string_view name);

using Env = std::vector<std::pair<std::string, std::string>>;

enum class Stream { Out, Err };

// Where a child's stdout or stderr goes.
enum class Output {
  Inherit,   // this process's stream
  Capture,   // a pipe: the tail is kept in the Result, every chunk goes to on_output
  ToStderr,  // this process's stderr (keeps stdout clean for JSON output)
  Discard,   // /dev/null
};

struct Options {
  std::vector<std::string> argv;     // argv[0] is looked up on PATH
  Env env;                           // set over the inherited environment, in order
  std::filesystem::path cwd;         // empty: this process's
  std::optional<std::string> input;  // written to stdin, then closed; nullopt: stdin is /dev/null
                                     // (or this process's stdin when both outputs are inherited)
  bool inherit_stdin = false;        // with no input: this process's stdin even when an output is
                                     // captured (an exec credential plugin that may prompt)
  Output out = Output::Inherit;
  Output err = Output::Inherit;
  size_t tail_limit = size_t{64} * 1024;                    // bytes kept of each captured stream (its end)
  std::function<void(Stream, std::string_view)> on_output;  // each captured chunk as it arrives

  // 0: no limit. When it expires, or when this process gets SIGINT, SIGTERM or
  // SIGHUP while waiting: on_stop runs (e.g. to stop a container the child
  // started), the child's process group gets SIGTERM, and SIGKILL after
  // kill_grace. With a timeout the child gets a process group of its own.
  std::chrono::milliseconds timeout{0};
  std::chrono::milliseconds kill_grace{3000};
  std::function<void()> on_stop;
  bool own_group = false;  // a process group of its own even without a timeout
};

struct Result {
  int exit_code = 0;       // exit status; 128 + signal number when killed by one
  int signal = 0;          // the signal that ended it, or 0
  bool timed_out = false;  // stopped because the timeout expired
  int interrupted = 0;     // the signal (SIGINT, ...) this process got while waiting, or 0
  std::string out, err;    // the tails of the captured streams
  bool out_truncated = false, err_truncated = false;
  std::chrono::nanoseconds elapsed{};

  bool ok() const { return exit_code == 0 && !timed_out && interrupted == 0; }
};

// Runs a program and waits for it. kratix::Error when it cannot be started
// (not found, not executable, bad cwd); everything after that is in Result.
Result run(const Options& options);

// Runs argv with this process's stdin, stdout and stderr and returns its exit
// status (128 + signal when killed).
int run(const std::vector<std::string>& argv);

// How it ended, for messages: "exited with status 3", "was killed by signal 9
// (SIGKILL)", "timed out after 30s", "was interrupted (SIGINT)".
std::string describe(const Result& result, std::chrono::milliseconds timeout = {});

// The last `lines` lines of text (all of it when shorter), without a final newline.
std::string last_lines(std::string_view text, size_t lines);

}  // namespace kratix::process
