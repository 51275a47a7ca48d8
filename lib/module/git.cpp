#include "module/git.hpp"

#include <cctype>
#include <initializer_list>

#include "core/error.hpp"
#include "module/git_process.hpp"
#include "process/process.hpp"

namespace kratix::module {

namespace {

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

[[noreturn]] void fail(const GitOutcome& o, const std::string& shown, const std::string& ref) {
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
               const std::string& shown, bool top_files) {
  if (!process::find_on_path("git"))
    throw Error("git is not installed (it is needed for git module sources such as " + shown +
                "); install it, e.g. apt-get install git");
  // No work tree, no hook templates, no fsync: a throw-away copy read once.
  const std::vector<std::string> quick{"-c", "core.fsync=none",          "-c", "core.logAllRefUpdates=false",
                                       "-c", "advice.detachedHead=false"};
  std::vector<std::string> clone = quick;
  clone.insert(clone.end(),
               {"clone", "--quiet", "--depth", "1", top_files ? "--sparse" : "--no-checkout", "--template="});
  if (!ref.empty()) clone.insert(clone.end(), {"--branch", ref});
  clone.insert(clone.end(), {"--", url, dir.string()});
  GitOutcome o = run_git(clone);
  if (o.status == 0) return;
  // --branch takes branches and tags; a commit needs a fetch of that commit.
  if (!ref.empty() && looks_like_commit(ref) && mentions(o.err, {"Remote branch", "not found in upstream"})) {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    const std::string d = dir.string();
    GitOutcome init = run_git({"init", "--quiet", "--template=", d});
    if (init.status != 0) fail(init, shown, ref);
    std::vector<std::string> fetch{"-C", d};
    fetch.insert(fetch.end(), quick.begin(), quick.end());
    fetch.insert(fetch.end(), {"fetch", "--quiet", "--depth", "1", "--", url, ref});
    GitOutcome f = run_git(fetch);
    if (f.status != 0) fail(f, shown, ref);
    GitOutcome head = run_git({"-C", d, "update-ref", "--no-deref", "HEAD", "FETCH_HEAD"});
    if (head.status != 0) fail(head, shown, ref);
    if (top_files) {
      GitOutcome sparse = run_git({"-C", d, "sparse-checkout", "set"});
      if (sparse.status != 0) fail(sparse, shown, ref);
      GitOutcome checkout = run_git({"-C", d, "checkout", "--quiet", "HEAD"});
      if (checkout.status != 0) fail(checkout, shown, ref);
    }
    return;
  }
  fail(o, shown, ref);
}

std::vector<std::string> git_list_directory(const std::filesystem::path& dir, const std::string& subdir,
                                            const std::string& shown) {
  std::vector<std::string> args{"-C", dir.string(), "ls-tree", "-z", "HEAD"};
  if (!subdir.empty()) args.insert(args.end(), {"--", subdir + "/"});
  GitOutcome o = run_git(args);
  if (o.status != 0) throw Error("git could not list " + shown + ": " + reason(o.err));
  std::vector<std::string> names;
  bool any = false;
  for (std::size_t start = 0; start < o.out.size();) {
    auto end = o.out.find('\0', start);
    if (end == std::string::npos) end = o.out.size();
    const std::string entry = o.out.substr(start, end - start);
    start = end + 1;
    const auto tab = entry.find('\t');
    if (tab == std::string::npos) continue;
    any = true;
    const std::string meta = entry.substr(0, tab);
    const std::string path = entry.substr(tab + 1);
    if (meta.find(" blob ") == std::string::npos) continue;  // directories, submodules
    names.push_back(subdir.empty() ? path : path.substr(subdir.size() + 1));
  }
  if (!any)
    throw Error(shown + ": the repository has no directory " + (subdir.empty() ? "(its root is empty)" : subdir) +
                "; check the //subdirectory of --module-source");
  return names;
}

std::map<std::string, std::string> git_read_files(const std::filesystem::path& dir,
                                                  const std::vector<std::string>& paths, const std::string& shown) {
  std::string input;
  for (const auto& p : paths) input += "HEAD:" + p + "\n";
  GitOutcome o = run_git({"-C", dir.string(), "cat-file", "--batch", "--follow-symlinks"}, input);
  if (o.status != 0) throw Error("git could not read " + shown + ": " + reason(o.err));
  std::map<std::string, std::string> files;
  std::size_t at = 0;
  for (const auto& p : paths) {
    const auto eol = o.out.find('\n', at);
    if (eol == std::string::npos) break;
    const std::string header = o.out.substr(at, eol - at);
    at = eol + 1;
    if (header.rfind("symlink ", 0) == 0) {  // a link out of the repository: "symlink SIZE" then its target
      const std::size_t size = std::stoul(header.substr(8));
      throw Error(shown + ": " + p + " is a link to " + o.out.substr(at, size) +
                  ", outside the repository; kratix reads only the module's own files");
    }
    const auto space = header.rfind(' ');
    if (space == std::string::npos || header.size() < 8 || header.substr(header.size() - 8) == " missing") continue;
    const std::size_t size = std::stoul(header.substr(space + 1));
    if (header.find(" blob ") == std::string::npos) {  // dangling, loop, notdir: the name follows
      at += size + 1;
      continue;
    }
    files[p] = o.out.substr(at, size);
    at += size + 1;
  }
  return files;
}

}  // namespace kratix::module
