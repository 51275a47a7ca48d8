#include "promise/pipelines.hpp"

#include <yaml-cpp/yaml.h>

#include "yamledit/emit.hpp"

namespace kratix::promise {

std::string single_container_workflow(const std::string& pipeline, const std::string& container,
                                      const std::string& image, const EnvVars& env) {
  YAML::Node c(YAML::NodeType::Map);
  c["name"] = yamledit::string_node(container);
  c["image"] = yamledit::string_node(image);
  for (const auto& [name, value] : env) {
    YAML::Node e(YAML::NodeType::Map);
    e["name"] = yamledit::string_node(name);
    e["value"] = yamledit::string_node(value);
    c["env"].push_back(e);
  }
  YAML::Node p(YAML::NodeType::Map);
  p["apiVersion"] = "platform.kratix.io/v1alpha1";
  p["kind"] = "Pipeline";
  p["metadata"]["name"] = yamledit::string_node(pipeline);
  p["spec"]["containers"].push_back(c);
  YAML::Node list(YAML::NodeType::Sequence);
  list.push_back(p);
  return yamledit::emit_yaml(list);
}

}  // namespace kratix::promise
