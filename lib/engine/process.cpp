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
