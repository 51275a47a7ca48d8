#pragma once
#include <filesystem>
#include <string>

#include "promise/update_api.hpp"

namespace kratix::promise {

struct RemoveContainerOptions {
  std::filesystem::path dir = ".";
  std::string workflow;  // LIFECYCLE/ACTION/PIPELINE
  std::string name;      // the container
};

// kratix remove container: the inverse of add container. Removes the container
// from the pipeline, and the pipeline when it was its only container (the
// workflow's list stays, empty as []). Its scaffolded directory is left alone.
UpdateResult remove_container(const RemoveContainerOptions& options);

}  // namespace kratix::promise
