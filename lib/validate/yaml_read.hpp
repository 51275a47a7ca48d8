#pragma once
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

namespace kratix::validate {

// YAML as Kubernetes reads it (sigs.k8s.io/yaml, kubectl): documents that hold
// nothing (a trailing `---`, comments only) are skipped, and merge keys
// (`<<: *anchor`) are resolved: the merged mapping's entries join the mapping
// unless it has them already. Syntax errors throw kratix::Error with the place.
std::vector<YAML::Node> read_documents(const std::string& text, const std::string& file);

// The one document of a file that must hold one (nothing: an empty node).
YAML::Node read_document(const std::string& text, const std::string& file);

}  // namespace kratix::validate
