#include "plugin/plugins.hpp"

#include <unistd.h>

#include <algorithm>
#include <map>

namespace stdfs = std::filesystem;

namespace kratix::plugin {

namespace {

std::vector<stdfs::path> path_dirs(std::string_view path_env) {
  std::vector<stdfs::path> dirs;
  size_t start = 0;
  while (start <= path_env.size()) {
    size_t colon = path_env.find(':', start);
    if (colon == std::string_view::npos) colon = path_env.size();
    auto part = path_env.substr(start, colon - start);
    dirs.emplace_back(part.empty() ? "." : std::string(part));
    start = colon + 1;
  }
  return dirs;
}

bool is_executable_file(const stdfs::path& p) {
  std::error_code ec;
  return stdfs::is_regular_file(p, ec) && ::access(p.c_str(), X_OK) == 0;
}

}  // namespace

std::optional<Match> find(const std::vector<std::string>& args, std::string_view path_env) {
  std::vector<std::string> words;
  for (const auto& a : args) {
    if (a.empty() || a[0] == '-') break;
    words.push_back(a);
  }
  auto dirs = path_dirs(path_env);
  for (size_t n = words.size(); n > 0; --n) {
    std::string name(kPrefix);
    for (size_t i = 0; i < n; ++i) {
      std::string w = words[i];
      // kubectl convention: a '-' inside a word is '_' in the file name.
      std::replace(w.begin(), w.end(), '-', '_');
      name += (i ? "-" : "") + w;
    }
    for (const auto& d : dirs) {
      stdfs::path candidate = d / name;
      if (is_executable_file(candidate)) return Match{candidate, n};
    }
  }
  return std::nullopt;
}

void exec(const Match& match, const std::vector<std::string>& args) {
  std::vector<char*> argv;
  std::string program = match.executable.string();
  argv.push_back(program.data());
  std::vector<std::string> rest(args.begin() + static_cast<std::ptrdiff_t>(std::min(match.words, args.size())),
                                args.end());
  for (auto& a : rest) argv.push_back(a.data());
  argv.push_back(nullptr);
  ::execv(program.c_str(), argv.data());
}

Listing list(std::string_view path_env, const std::set<std::string, std::less<>>& builtins) {
  Listing out;
  std::map<std::string, stdfs::path> seen;
  std::set<stdfs::path> visited_dirs;
  for (const auto& dir : path_dirs(path_env)) {
    std::error_code ec;
    stdfs::path canonical = stdfs::weakly_canonical(dir, ec);
    if (!visited_dirs.insert(ec ? dir : canonical).second) continue;  // same directory twice on PATH
    std::vector<stdfs::path> entries;
    for (stdfs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      std::string fname = it->path().filename().string();
      if (fname.size() > kPrefix.size() && fname.starts_with(kPrefix)) entries.push_back(it->path());
    }
    std::sort(entries.begin(), entries.end());
    for (const auto& p : entries) {
      std::string fname = p.filename().string();
      out.plugins.push_back(p);
      if (!is_executable_file(p))
        out.warnings.push_back(p.string() + " is named like a kratix plugin but is not executable; run: chmod +x " +
                               p.string());
      auto [it, inserted] = seen.emplace(fname, p);
      if (!inserted)
        out.warnings.push_back(p.string() + " is shadowed by " + it->second.string() + ", which comes earlier on PATH");
      std::string first = fname.substr(kPrefix.size(), fname.find('-', kPrefix.size()) - kPrefix.size());
      if (builtins.count(first) != 0)
        out.warnings.push_back(p.string() + " is shadowed by the built-in command 'kratix " + first +
                               "' and will never run; rename it");
    }
  }
  return out;
}

}  // namespace kratix::plugin
