#pragma once
// Read-only access to a Promise directory, flat or split, through yaml-cpp.
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <string>
#include <vector>

#include "promise/layout.hpp"
#include "promise/workflow_ref.hpp"

namespace kratix::promise {

// Parses YAML text (every document); kratix::Error "FILE:LINE:COL: ..." when malformed.
std::vector<YAML::Node> parse_yaml_documents(const std::string& text, const std::string& file);
// The single document of a file (an empty file is a null node).
YAML::Node parse_yaml(const std::string& text, const std::string& file);
YAML::Node load_yaml_file(const std::filesystem::path& path);

struct ContainerInfo {
  std::string name;
  std::string image;
};

struct PipelineInfo {
  WorkflowRef ref;  // lifecycle/action/pipeline-name
  std::vector<ContainerInfo> containers;
};

// Every Pipeline of every workflow of the Promise in dir (promise.yaml, or the
// split workflows/<lifecycle>/<action>/workflow.yaml files), in file order.
// kratix::Error when no Promise is there or a file is malformed.
std::vector<PipelineInfo> load_pipelines(const std::filesystem::path& dir);

// "dir/promise.yaml" or "dir/api.yaml", whichever this directory's layout uses;
// kratix::Error telling to run 'kratix init promise' when neither exists.
std::filesystem::path require_promise_files(const std::filesystem::path& dir);

}  // namespace kratix::promise
