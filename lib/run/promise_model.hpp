#pragma once
// The Promise as `kratix test` needs it: the object promise workflows read,
// its API (what resource workflows are for), its destination selectors and its
// workflows' Pipelines.
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "run/pipeline_spec.hpp"
#include "run/value.hpp"

namespace kratix::run {

struct ApiInfo {
  bool present = false;
  std::string group, kind, plural;
  std::vector<std::string> versions;  // served versions
  bool cluster_scoped = false;
};

// Holds nlohmann::json values; clang-tidy cannot see that moving them does not throw.
class PromiseModel {  // NOLINT(bugprone-exception-escape)
 public:
  // Reads the Promise in dir: promise.yaml, or a split directory assembled as
  // 'kratix build promise' does (named `split_name`, default: the directory's
  // name). Input errors (exit 2) name the file and place.
  static PromiseModel load(const std::filesystem::path& dir, const std::string& split_name = "");

  const std::filesystem::path& dir() const { return dir_; }
  const std::string& name() const { return name_; }
  const Json& object() const { return object_; }
  const ApiInfo& api() const { return api_; }
  // spec.destinationSelectors, each a matchLabels map, in order.
  const std::vector<std::map<std::string, std::string>>& destination_selectors() const { return selectors_; }

  // The Pipelines of LIFECYCLE/ACTION, in order (empty when it has none).
  std::vector<PipelineSpec> pipelines(const std::string& lifecycle, const std::string& action) const;

 private:
  struct Workflow {  // NOLINT(bugprone-exception-escape): copying a YAML::Node
    YAML::Node list;
    std::string file;
  };
  std::filesystem::path dir_;
  std::string name_;
  Json object_;
  ApiInfo api_;
  std::vector<std::map<std::string, std::string>> selectors_;
  std::map<std::string, Workflow> workflows_;  // "lifecycle/action"
};

}  // namespace kratix::run
