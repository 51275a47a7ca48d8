#include "promise/pipelines.hpp"

#include <yaml-cpp/yaml.h>

#include "yamledit/emit.hpp"

namespace kratix::promise {

std::string workflow_yaml(const std::string& pipeline, const std::vector<ContainerSpec>& containers) {
  YAML::Node p(YAML::NodeType::Map);
  p["apiVersion"] = "platform.kratix.io/v1alpha1";
  p["kind"] = "Pipeline";
  p["metadata"]["name"] = yamledit::string_node(pipeline);
  for (const auto& spec : containers) {
    YAML::Node c(YAML::NodeType::Map);
    c["name"] = yamledit::string_node(spec.name);
    c["image"] = yamledit::string_node(spec.image);
    for (const auto& word : spec.command) c["command"].push_back(yamledit::string_node(word));
    for (const auto& var : spec.env) {
      YAML::Node e(YAML::NodeType::Map);
      e["name"] = yamledit::string_node(var.name);
      if (!var.secret_name.empty()) {
        e["valueFrom"]["secretKeyRef"]["name"] = yamledit::string_node(var.secret_name);
        e["valueFrom"]["secretKeyRef"]["key"] = yamledit::string_node(var.secret_key);
      } else {
        e["value"] = yamledit::string_node(var.value);
      }
      c["env"].push_back(e);
    }
    p["spec"]["containers"].push_back(c);
  }
  YAML::Node list(YAML::NodeType::Sequence);
  list.push_back(p);
  return yamledit::emit_yaml(list);
}

std::string single_container_workflow(const std::string& pipeline, const std::string& container,
                                      const std::string& image, const EnvVars& env) {
  ContainerSpec c{container, image, {}, {}};
  for (const auto& [name, value] : env) c.env.push_back({name, value, "", ""});
  return workflow_yaml(pipeline, {c});
}

}  // namespace kratix::promise
