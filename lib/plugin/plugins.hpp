#pragma once
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace kratix::plugin {

inline constexpr std::string_view kPrefix = "kratix-";

struct Match {
  std::filesystem::path executable;
  size_t words = 0;  // how many leading arguments named it ("foo bar" -> 2)
};

// kubectl-style lookup: for `kratix foo bar baz --x`, tries kratix-foo-bar-baz,
// kratix-foo-bar, kratix-foo on each PATH directory (first directory wins for a
// name; longest name first). Only leading arguments that are not flags count.
std::optional<Match> find(const std::vector<std::string>& args, std::string_view path_env);

// Replaces this process with the plugin, passing the arguments after the ones
// that named it. Returns only when exec fails (with errno set).
void exec(const Match& match, const std::vector<std::string>& args);

struct Listing {
  std::vector<std::filesystem::path> plugins;  // in PATH order
  std::vector<std::string> warnings;
};

// Every kratix-* file on PATH, with warnings for files that are not executable,
// names shadowed by an earlier PATH entry, and names whose first word is a
// built-in command (such a plugin can never run).
Listing list(std::string_view path_env, const std::set<std::string, std::less<>>& builtins);

}  // namespace kratix::plugin
