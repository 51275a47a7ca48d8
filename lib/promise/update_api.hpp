#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace kratix::promise {

struct UpdateApiOptions {
  std::filesystem::path dir = ".";
  std::string group, kind, version, plural;  // empty: unchanged
  std::vector<std::string> properties;       // NAME:TYPE (a.b.c nests) or NAME- (removes)
};

struct UpdateResult {
  std::vector<std::filesystem::path> files;  // files written (none when nothing changed)
  std::vector<std::string> messages;         // what to print
};

// kratix update api: adds, changes or removes properties of the API's spec and
// renames its group/kind/version/plural (also in example-resource.yaml). Only
// the nodes concerned change in the files; all files are written together.
UpdateResult update_api(const UpdateApiOptions& options);

}  // namespace kratix::promise
