#pragma once
#include <filesystem>
#include <string>

#include "fs/atomic_write.hpp"
#include "promise/update_api.hpp"
#include "promise/workflow_ref.hpp"

namespace kratix::promise {

class PromiseDir;

struct AddContainerOptions {
  std::filesystem::path dir = ".";
  std::string workflow;  // LIFECYCLE/ACTION/PIPELINE
  std::string image;
  std::string name;               // default: from the image
  std::string language = "bash";  // bash | go | python
};

// kratix add container: adds the container to the pipeline (created when
// missing) and scaffolds workflows/<l>/<a>/<pipeline>/<name>/ with a Dockerfile,
// scripts/pipeline.<ext> and resources/. A container name already in the
// pipeline is an error.
UpdateResult add_container(const AddContainerOptions& options);

// The workflow edit alone, for commands that add a container of their own
// (update dependencies --image): with `replace`, an existing container of that
// name gets the new image instead of an error. Scaffold files go into `tx`
// (existing files are left alone) unless `scaffold` is false.
void add_container_to(PromiseDir& dir, const WorkflowRef& ref, const std::string& name, const std::string& image,
                      const std::string& language, bool replace, fs::Transaction& tx);

}  // namespace kratix::promise
