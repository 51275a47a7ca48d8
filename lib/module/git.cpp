#include "module/git.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include "core/error.hpp"
#include "engine/process.hpp"

extern char** environ;

namespace kratix::module {

namespace {

struct Outcome {
  int status = 0;
  std::string err;  // stderr
};

// Runs git with stdout discarded and stderr captured, never prompting for
// credentials. (A candidate for lib/process once it has a capturing runner.)
Outcome run_git(const std::vector<std::string>& args) {
  std::vector<std::string> argv{"git"};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> cargv;
  for (auto& a : argv) cargv.push_back(a.data());
  cargv.push_back(nullptr);
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string_view kv(*e);
    if (kv.starts_with("GIT_TERMINAL_PROMPT=") || kv.starts_with("GCM_INTERACTIVE=")) continue;
    env.emplace_back(kv);
  }
  env.emplace_back("GIT_TERMINAL_PROMPT=0");
  env.emplace_back("GCM_INTERACTIVE=never");
  std::vector<char*> cenv;
  for (auto& e : env) cenv.push_back(e.data());
  cenv.push_back(nullptr);

  int errpipe[2];
  if (::pipe2(errpipe, O_CLOEXEC) != 0) throw Error(std::string("cannot start git: ") + std::strerror(errno));
  std::fflush(stdout);
  std::fflush(stderr);
  const pid_t pid = ::fork();
  if (pid < 0) throw Error(std::string("cannot start git: ") + std::strerror(errno));
  if (pid == 0) {
    const int null = ::open("/dev/null", O_RDWR);
    if (null >= 0) {
      ::dup2(null, 0);
      ::dup2(null, 1);
    }
    ::dup2(errpipe[1], 2);
    ::execvpe("git", cargv.data(), cenv.data());
    const char msg[] = "kratix: cannot run git\n";
    [[maybe_unused]] auto n = ::write(2, msg, sizeof msg - 1);
    ::_exit(127);
  }
  ::close(errpipe[1]);
  Outcome o;
  char buf[4096];
  while (true) {
    const ssize_t n = ::read(errpipe[0], buf, sizeof buf);
    if (n > 0) {
      if (o.err.size() < (1u << 20)) o.err.append(buf, static_cast<std::size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  ::close(errpipe[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
  o.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
  return o;
}

// git's own one-line reason: its last "fatal:" (or "error:") line.
std::string reason(const std::string& err) {
  std::string best;
  std::size_t start = 0;
  while (start < err.size()) {
    auto end = err.find('\n', start);
    if (end == std::string::npos) end = err.size();
    std::string line = err.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind("fatal: ", 0) == 0 || (best.empty() && line.rfind("error: ", 0) == 0)) best = line;
    start = end + 1;
  }
  if (best.empty()) {
    best = err.substr(0, err.find('\n'));
  } else {
    best = best.substr(best.find(": ") + 2);
  }
  return best.empty() ? "git failed without saying why" : best;
}

bool mentions(const std::string& err, std::initializer_list<const char*> words) {
  for (const char* w : words)
    if (err.find(w) != std::string::npos) return true;
  return false;
}

bool looks_like_commit(const std::string& ref) {
  if (ref.size() < 7 || ref.size() > 40) return false;
  for (char c : ref)
    if (std::isxdigit(static_cast<unsigned char>(c)) == 0) return false;
  return true;
}

[[noreturn]] void fail(const Outcome& o, const std::string& shown, const std::string& ref) {
  const std::string why = reason(o.err);
  if (mentions(o.err, {"Remote branch", "couldn't find remote ref", "not our ref", "no such remote ref"}))
    throw Error("ref " + ref + " was not found in " + shown +
                "; check the ?ref= of --module-source (a tag, a branch or a commit of that repository)");
  if (mentions(o.err, {"Could not resolve host", "Failed to connect", "Connection refused", "Connection timed out",
                       "Could not read from remote repository", "unable to connect", "Network is unreachable",
                       "Operation timed out", "Couldn't connect"}))
    throw Error("cannot reach the git repository " + shown + " (" + why + "); check the URL and your network");
  if (mentions(o.err, {"not found", "does not appear to be a git repository", "not a git repository"}))
    throw Error("there is no git repository at " + shown + " (" + why + "); check --module-source");
  if (mentions(o.err, {"Authentication failed", "could not read Username", "Permission denied"}))
    throw Error("git could not authenticate to " + shown + " (" + why +
                "); set up credentials for git (a credential helper, or ssh-agent for git@ URLs)");
  throw Error("git could not fetch " + shown + ": " + why);
}

}  // namespace

void git_clone(const std::string& url, const std::string& ref, const std::filesystem::path& dir,
               const std::string& shown) {
  if (!engine::find_on_path("git"))
    throw Error("git is not installed (it is needed for git module sources such as " + shown +
                "); install it, e.g. apt-get install git");
  std::vector<std::string> clone{"-c", "advice.detachedHead=false", "clone", "--quiet", "--depth", "1"};
  if (!ref.empty()) clone.insert(clone.end(), {"--branch", ref});
  clone.insert(clone.end(), {"--", url, dir.string()});
  Outcome o = run_git(clone);
  if (o.status == 0) return;
  // --branch takes branches and tags; a commit needs a fetch of that commit.
  if (!ref.empty() && looks_like_commit(ref) && mentions(o.err, {"Remote branch", "not found in upstream"})) {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    const std::string d = dir.string();
    Outcome init = run_git({"init", "--quiet", d});
    if (init.status != 0) fail(init, shown, ref);
    Outcome fetch = run_git({"-C", d, "fetch", "--quiet", "--depth", "1", "--", url, ref});
    if (fetch.status != 0) fail(fetch, shown, ref);
    Outcome checkout = run_git({"-C", d, "-c", "advice.detachedHead=false", "checkout", "--quiet", "FETCH_HEAD"});
    if (checkout.status != 0) fail(checkout, shown, ref);
    return;
  }
  fail(o, shown, ref);
}

}  // namespace kratix::module
