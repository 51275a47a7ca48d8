#pragma once
// Modules in git repositories, through Debian's git command: a shallow clone
// of one ref without a work tree (nothing is checked out), then the module's
// files read straight from git's objects. git's failures become one line that
// says what to do.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace kratix::module {

// Clones `url` at `ref` (a branch, tag or commit; "" = the default branch) into
// the new directory `dir`, fetching only that commit. With `top_files`, the
// files at the top of the repository are checked out (only those); without,
// nothing is. `shown` names the source in messages. kratix::Error when git is
// missing, the host cannot be reached, there is no repository there, or the
// ref is not in it.
void git_clone(const std::string& url, const std::string& ref, const std::filesystem::path& dir,
               const std::string& shown, bool top_files);

// The names of the files (and links) directly in `subdir` ("" = the root) of
// the cloned commit; kratix::Error naming `shown` when there is no such directory.
std::vector<std::string> git_list_directory(const std::filesystem::path& dir, const std::string& subdir,
                                            const std::string& shown);

// The contents of `paths` (relative to the repository's root) in the cloned
// commit, links followed inside the repository. Paths that are not files are
// left out; a link out of the repository is a kratix::Error.
std::map<std::string, std::string> git_read_files(const std::filesystem::path& dir,
                                                  const std::vector<std::string>& paths, const std::string& shown);

}  // namespace kratix::module
