#pragma once
#include <filesystem>
#include <string>

#include "promise/update_api.hpp"

namespace kratix::promise {

struct UpdateDependenciesOptions {
  std::filesystem::path dir = ".";
  std::filesystem::path source;  // a manifest file or a directory of them
  std::string image;             // set: ship them in a promise configure pipeline instead
};

// kratix update dependencies: the objects in `source` (namespace: default where
// missing) become spec.dependencies (flat) or dependencies.yaml (split). With
// an image they go into workflows/promise/configure/dependencies/configure-deps/
// resources/ with a script that copies them to /kratix/output, the pipeline
// `dependencies` runs that image, and the Promise's own dependencies are emptied.
UpdateResult update_dependencies(const UpdateDependenciesOptions& options);

}  // namespace kratix::promise
