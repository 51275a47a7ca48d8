#include "process/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>

#include "core/error.hpp"

namespace stdfs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace kratix::process {

namespace {

// A file descriptor closed when it goes out of scope.
struct Fd {
  int fd = -1;
  Fd() = default;
  explicit Fd(int f) : fd(f) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  void reset() {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
};

struct Pipe {
  Fd read, write;
  void open(const std::string& program) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw Error("cannot start " + program + ": " + std::strerror(errno));
    read.fd = fds[0];
    write.fd = fds[1];
  }
};

// SIGINT, SIGTERM and SIGHUP while a child runs in its own process group: the
// handler writes the signal number to a pipe the wait loop polls, so that the
// child (and what it started) is stopped before kratix goes.
int g_signal_pipe[2] = {-1, -1};
int g_signal_depth = 0;
constexpr int kForwarded[] = {SIGINT, SIGTERM, SIGHUP};

void on_signal(int signo) {
  unsigned char b = static_cast<unsigned char>(signo);
  [[maybe_unused]] ssize_t n = ::write(g_signal_pipe[1], &b, 1);
}

class SignalGuard {
 public:
  explicit SignalGuard(bool active) : active_(active && g_signal_depth == 0) {
    if (!active_) return;
    if (::pipe2(g_signal_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
      active_ = false;
      return;
    }
    ++g_signal_depth;
    struct sigaction sa {};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < std::size(kForwarded); ++i) ::sigaction(kForwarded[i], &sa, &saved_[i]);
  }
  SignalGuard(const SignalGuard&) = delete;
  SignalGuard& operator=(const SignalGuard&) = delete;
  ~SignalGuard() {
    if (!active_) return;
    for (size_t i = 0; i < std::size(kForwarded); ++i) ::sigaction(kForwarded[i], &saved_[i], nullptr);
    ::close(g_signal_pipe[0]);
    ::close(g_signal_pipe[1]);
    g_signal_pipe[0] = g_signal_pipe[1] = -1;
    --g_signal_depth;
  }
  int fd() const { return active_ ? g_signal_pipe[0] : -1; }

 private:
  bool active_;
  struct sigaction saved_[std::size(kForwarded)]{};
};

// SIGPIPE ignored while writing a child's stdin (a child that exits early must
// not take kratix with it).
class IgnoreSigpipe {
 public:
  explicit IgnoreSigpipe(bool active) : active_(active) {
    if (!active_) return;
    struct sigaction sa {};
    sa.sa_handler = SIG_IGN;
    sigemptyset(&sa.sa_mask);
    ::sigaction(SIGPIPE, &sa, &saved_);
  }
  IgnoreSigpipe(const IgnoreSigpipe&) = delete;
  IgnoreSigpipe& operator=(const IgnoreSigpipe&) = delete;
  ~IgnoreSigpipe() {
    if (active_) ::sigaction(SIGPIPE, &saved_, nullptr);
  }

 private:
  bool active_;
  struct sigaction saved_ {};
};

// The environment of the child: ours with `env` set over it.
std::vector<std::string> child_environment(const Env& env) {
  std::map<std::string, size_t> at;
  std::vector<std::string> out;
  for (char** e = environ; e && *e; ++e) {
    std::string_view entry(*e);
    at[std::string(entry.substr(0, entry.find('=')))] = out.size();
    out.emplace_back(entry);
  }
  for (const auto& [k, v] : env) {
    auto it = at.find(k);
    if (it != at.end()) {
      out[it->second] = k + "=" + v;
    } else {
      at[k] = out.size();
      out.push_back(k + "=" + v);
    }
  }
  return out;
}

void keep_tail(std::string& tail, bool& truncated, std::string_view chunk, size_t limit) {
  tail.append(chunk);
  if (tail.size() > 2 * limit + 4096) {
    tail.erase(0, tail.size() - limit);
    truncated = true;
  }
}

void finish_tail(std::string& tail, bool& truncated, size_t limit) {
  if (tail.size() <= limit) return;
  tail.erase(0, tail.size() - limit);
  truncated = true;
}

int pidfd_for(pid_t pid) {
#ifdef SYS_pidfd_open
  long fd = ::syscall(SYS_pidfd_open, pid, 0);
  return fd < 0 ? -1 : static_cast<int>(fd);
#else
  (void)pid;
  return -1;
#endif
}

}  // namespace

Result run(const Options& o) {
  if (o.argv.empty()) throw Error("internal: empty command");
  const std::string& program = o.argv.front();
  const bool inherit_all = o.out == Output::Inherit && o.err == Output::Inherit && !o.input;
  const bool own_group = o.own_group || o.timeout.count() > 0;
  std::fflush(stdout);
  std::fflush(stderr);

  Pipe out_pipe, err_pipe, in_pipe;
  if (o.out == Output::Capture) out_pipe.open(program);
  if (o.err == Output::Capture) err_pipe.open(program);
  if (o.input) in_pipe.open(program);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  struct Cleanup {
    posix_spawn_file_actions_t* a;
    posix_spawnattr_t* t;
    ~Cleanup() {
      posix_spawn_file_actions_destroy(a);
      posix_spawnattr_destroy(t);
    }
  } cleanup{&actions, &attr};

  if (o.input)
    posix_spawn_file_actions_adddup2(&actions, in_pipe.read.fd, STDIN_FILENO);
  else if (!inherit_all && !o.inherit_stdin)
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  auto route = [&](Output how, Pipe& p, int target) {
    switch (how) {
      case Output::Inherit: break;
      case Output::Capture: posix_spawn_file_actions_adddup2(&actions, p.write.fd, target); break;
      case Output::ToStderr: posix_spawn_file_actions_adddup2(&actions, STDERR_FILENO, target); break;
      case Output::Discard: posix_spawn_file_actions_addopen(&actions, target, "/dev/null", O_WRONLY, 0); break;
    }
  };
  route(o.out, out_pipe, STDOUT_FILENO);
  route(o.err, err_pipe, STDERR_FILENO);
  if (!o.cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, o.cwd.c_str());

  short flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
  if (own_group) {
    flags |= POSIX_SPAWN_SETPGROUP;
    posix_spawnattr_setpgroup(&attr, 0);
  }
  posix_spawnattr_setflags(&attr, flags);
  sigset_t empty, defaults;
  sigemptyset(&empty);
  posix_spawnattr_setsigmask(&attr, &empty);
  sigemptyset(&defaults);
  for (int s : {SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGCHLD, SIGQUIT}) sigaddset(&defaults, s);
  posix_spawnattr_setsigdefault(&attr, &defaults);

  std::vector<std::string> env_strings = child_environment(o.env);
  std::vector<char*> envp;
  for (auto& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);
  std::vector<std::string> args_copy = o.argv;
  std::vector<char*> argv;
  for (auto& a : args_copy) argv.push_back(a.data());
  argv.push_back(nullptr);

  SignalGuard signals(own_group);
  IgnoreSigpipe no_sigpipe(o.input.has_value());
  const auto start = Clock::now();
  pid_t pid = -1;
  int rc = posix_spawnp(&pid, argv[0], &actions, &attr, argv.data(), envp.data());
  if (rc != 0) {
    std::string why = std::strerror(rc);
    if (rc == ENOENT && !o.cwd.empty() && !stdfs::is_directory(o.cwd))
      why = "directory " + o.cwd.string() + " does not exist";
    throw Error("cannot run " + program + ": " + why);
  }
  out_pipe.write.reset();
  err_pipe.write.reset();
  in_pipe.read.reset();

  Result r;
  Fd pidfd(pidfd_for(pid));
  bool exited = false;
  int status = 0;
  size_t written = 0;
  if (o.input && o.input->empty()) in_pipe.write.reset();
  if (o.input) ::fcntl(in_pipe.write.fd, F_SETFL, O_NONBLOCK);

  enum class Phase { Running, Terminated, Killed } phase = Phase::Running;
  Clock::time_point grace_end{};
  std::optional<Clock::time_point> exited_at;
  auto stop = [&] {
    if (phase != Phase::Running) return;
    if (o.on_stop) o.on_stop();
    if (!exited) ::kill(own_group ? -pid : pid, SIGTERM);
    phase = Phase::Terminated;
    grace_end = Clock::now() + o.kill_grace;
  };
  auto reap = [&](int options) {
    if (exited) return;
    pid_t got = ::waitpid(pid, &status, options);
    if (got == pid) {
      exited = true;
      exited_at = Clock::now();
    }
  };

  char buf[65536];
  while (true) {
    bool pipes_open = out_pipe.read.fd >= 0 || err_pipe.read.fd >= 0;
    if (exited && !pipes_open) break;
    // Something the child started may hold the pipes after it exits: read on a
    // while, then stop waiting for them.
    if (exited && exited_at && Clock::now() - *exited_at > o.kill_grace) break;

    std::vector<pollfd> fds;
    auto watch = [&](int fd, short events) {
      if (fd >= 0) fds.push_back({fd, events, 0});
    };
    watch(out_pipe.read.fd, POLLIN);
    watch(err_pipe.read.fd, POLLIN);
    watch(in_pipe.write.fd, POLLOUT);
    if (!exited) watch(pidfd.fd, POLLIN);
    watch(signals.fd(), POLLIN);

    auto now = Clock::now();
    long wait_ms = -1;
    auto until = [&](Clock::time_point t) {
      long ms = static_cast<long>(std::chrono::ceil<std::chrono::milliseconds>(t - now).count());
      ms = std::max(ms, 0L);
      wait_ms = wait_ms < 0 ? ms : std::min(wait_ms, ms);
    };
    if (o.timeout.count() > 0 && phase == Phase::Running && !exited) until(start + o.timeout);
    if (phase == Phase::Terminated && !exited) until(grace_end);
    if (exited && exited_at) until(*exited_at + o.kill_grace);
    if (!exited && pidfd.fd < 0) until(now + std::chrono::milliseconds(10));

    int n = ::poll(fds.data(), fds.size(), static_cast<int>(wait_ms));
    if (n < 0 && errno != EINTR) break;
    for (const pollfd& p : fds) {
      if (p.revents == 0) continue;
      if (p.fd == out_pipe.read.fd || p.fd == err_pipe.read.fd) {
        bool is_out = p.fd == out_pipe.read.fd;
        ssize_t got = ::read(p.fd, buf, sizeof buf);
        if (got > 0) {
          std::string_view chunk(buf, static_cast<size_t>(got));
          if (is_out)
            keep_tail(r.out, r.out_truncated, chunk, o.tail_limit);
          else
            keep_tail(r.err, r.err_truncated, chunk, o.tail_limit);
          if (o.on_output) o.on_output(is_out ? Stream::Out : Stream::Err, chunk);
        } else if (got == 0 || (errno != EINTR && errno != EAGAIN)) {
          (is_out ? out_pipe : err_pipe).read.reset();
        }
      } else if (p.fd == in_pipe.write.fd) {
        ssize_t put = ::write(p.fd, o.input->data() + written, o.input->size() - written);
        if (put > 0) written += static_cast<size_t>(put);
        if ((put < 0 && errno != EAGAIN && errno != EINTR) || written >= o.input->size()) in_pipe.write.reset();
      } else if (p.fd == pidfd.fd) {
        reap(WNOHANG);
      } else if (p.fd == signals.fd()) {
        unsigned char signo = 0;
        while (::read(p.fd, &signo, 1) == 1) r.interrupted = signo;
        stop();
      }
    }
    if (pidfd.fd < 0) reap(WNOHANG);
    now = Clock::now();
    if (!exited && phase == Phase::Running && o.timeout.count() > 0 && now >= start + o.timeout) {
      r.timed_out = true;
      stop();
    }
    if (!exited && phase == Phase::Terminated && now >= grace_end) {
      ::kill(own_group ? -pid : pid, SIGKILL);
      phase = Phase::Killed;
    }
  }
  if (!exited) {
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
  }
  r.elapsed = Clock::now() - start;
  finish_tail(r.out, r.out_truncated, o.tail_limit);
  finish_tail(r.err, r.err_truncated, o.tail_limit);
  if (WIFEXITED(status)) {
    r.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    r.signal = WTERMSIG(status);
    r.exit_code = 128 + r.signal;
  } else {
    r.exit_code = 1;
  }
  return r;
}

int run(const std::vector<std::string>& argv) {
  Options o;
  o.argv = argv;
  return run(o).exit_code;
}

}  // namespace kratix::process
