#pragma once
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <string>
#include <vector>

namespace kratix::promise {

// One Kubernetes object read from a manifest file.
struct Manifest {
  YAML::Node object;
  std::filesystem::path file;
  int line = 0;  // 1-based line where the document starts
};

// Every object in `path`: a file, or a directory walked recursively in name
// order (only .yaml, .yml and .json files); files may hold several documents.
// Empty documents are skipped. kratix::Error when the path does not exist, a
// directory has no manifest files, a document is not a mapping with apiVersion
// and kind, or nothing at all was found.
std::vector<Manifest> load_manifests(const std::filesystem::path& path);

// Sets metadata.namespace to "default" where an object has none (kratix-cli
// does this for every dependency).
void default_namespace(YAML::Node& object);

}  // namespace kratix::promise
