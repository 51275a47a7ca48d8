#pragma once
// Shallow clones through Debian's git command, with git's failures turned
// into one line that says what to do.
#include <filesystem>
#include <string>

namespace kratix::module {

// Clones `url` at `ref` (a branch, tag or commit; "" = the default branch) into
// the new directory `dir`, with only that commit's tree. `shown` names the
// source in messages. kratix::Error when git is missing, the host cannot be
// reached, there is no repository there, or the ref is not in it.
void git_clone(const std::string& url, const std::string& ref, const std::filesystem::path& dir,
               const std::string& shown);

}  // namespace kratix::module
