#include "engine/process.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "core/error.hpp"

namespace kratix::engine {

std::optional<std::filesystem::path> find_on_path(std::string_view name) {
  if (name.find('/') != std::string_view::npos) {
    std::filesystem::path p(name);
    if (::access(p.c_str(), X_OK) == 0) return p;
    return std::nullopt;
  }
  const char* path = std::getenv("PATH");
  std::string_view dirs = path ? path : "";
  size_t start = 0;
  while (start <= dirs.size()) {
    size_t colon = dirs.find(':', start);
    if (colon == std::string_view::npos) colon = dirs.size();
    std::filesystem::path candidate =
        std::filesystem::path(std::string(colon > start ? dirs.substr(start, colon - start) : ".")) / name;
    std::error_code ec;
    if (std::filesystem::is_regular_file(candidate, ec) && ::access(candidate.c_str(), X_OK) == 0) return candidate;
    start = colon + 1;
  }
  return std::nullopt;
}

int run(const std::vector<std::string>& argv) {
  if (argv.empty()) throw Error("internal: empty command");
  std::fflush(stdout);
  std::fflush(stderr);
  std::vector<char*> args;
  std::vector<std::string> copy = argv;
  for (auto& a : copy) args.push_back(a.data());
  args.push_back(nullptr);
  int pipefd[2];
  if (::pipe2(pipefd, O_CLOEXEC) != 0)
    throw Error(std::string("cannot start ") + argv[0] + ": " + std::strerror(errno));
  pid_t pid = ::fork();
  if (pid < 0) throw Error(std::string("cannot start ") + argv[0] + ": " + std::strerror(errno));
  if (pid == 0) {
    ::close(pipefd[0]);
    ::execvp(args[0], args.data());
    int err = errno;
    [[maybe_unused]] auto n = ::write(pipefd[1], &err, sizeof err);
    ::_exit(127);
  }
  ::close(pipefd[1]);
  int exec_errno = 0;
  ssize_t got = ::read(pipefd[0], &exec_errno, sizeof exec_errno);
  ::close(pipefd[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
  if (got == static_cast<ssize_t>(sizeof exec_errno))
    throw Error(std::string("cannot run ") + argv[0] + ": " + std::strerror(exec_errno));
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return 1;
}

}  // namespace kratix::engine

namespace kratix::engine {

namespace {

// environ with `extra` ("NAME=value") added; an extra name replaces the inherited one.
std::vector<std::string> environment_with(const std::vector<std::string>& extra) {
  std::vector<std::string> out;
  auto name_of = [](const std::string& entry) { return entry.substr(0, entry.find('=')); };
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string entry(*e);
    const std::string name = name_of(entry);
    bool replaced = false;
    for (const auto& x : extra) replaced = replaced || name_of(x) == name;
    if (!replaced) out.push_back(std::move(entry));
  }
  out.insert(out.end(), extra.begin(), extra.end());
  return out;
}

}  // namespace

Captured capture(const CaptureOptions& o) {
  if (o.argv.empty()) throw Error("internal: empty command");
  const std::string& program = o.argv[0];
  std::fflush(stdout);
  std::fflush(stderr);
  std::vector<std::string> args_copy = o.argv;
  std::vector<char*> args;
  for (auto& a : args_copy) args.push_back(a.data());
  args.push_back(nullptr);
  std::vector<std::string> env_copy = environment_with(o.env);
  std::vector<char*> envp;
  for (auto& e : env_copy) envp.push_back(e.data());
  envp.push_back(nullptr);

  int out[2], report[2];
  if (::pipe2(out, O_CLOEXEC) != 0) throw Error("cannot start " + program + ": " + std::strerror(errno));
  if (::pipe2(report, O_CLOEXEC) != 0) {
    ::close(out[0]);
    ::close(out[1]);
    throw Error("cannot start " + program + ": " + std::strerror(errno));
  }
  const pid_t pid = ::fork();
  if (pid < 0) {
    for (int fd : {out[0], out[1], report[0], report[1]}) ::close(fd);
    throw Error("cannot start " + program + ": " + std::strerror(errno));
  }
  if (pid == 0) {
    ::dup2(out[1], STDOUT_FILENO);
    if (!o.inherit_stdin) {
      const int devnull = ::open("/dev/null", O_RDONLY);
      if (devnull >= 0) ::dup2(devnull, STDIN_FILENO);
    }
    ::execvpe(args[0], args.data(), envp.data());
    int err = errno;
    [[maybe_unused]] auto n = ::write(report[1], &err, sizeof err);
    ::_exit(127);
  }
  ::close(out[1]);
  ::close(report[1]);
  Captured result;
  bool too_much = false;
  char buf[8192];
  for (;;) {
    const ssize_t n = ::read(out[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    if (result.out.size() + static_cast<std::size_t>(n) > o.max_output) {
      too_much = true;
      continue;  // keep reading so the program is not stuck on a full pipe
    }
    result.out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(out[0]);
  int exec_errno = 0;
  const ssize_t got = ::read(report[0], &exec_errno, sizeof exec_errno);
  ::close(report[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
  if (got == static_cast<ssize_t>(sizeof exec_errno)) {
    if (exec_errno == ENOENT) throw Error(program + ": not found");
    throw Error("cannot run " + program + ": " + std::strerror(exec_errno));
  }
  if (too_much)
    throw Error(program + " printed more than " + std::to_string(o.max_output >> 10) + " KiB, more than expected");
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ? 128 + WTERMSIG(status) : 1;
  return result;
}

}  // namespace kratix::engine
