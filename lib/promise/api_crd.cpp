#include "promise/api_crd.hpp"

#include "yamledit/emit.hpp"

namespace kratix::promise {

std::string api_crd_yaml(const ApiNames& api, const YAML::Node& spec_schema) {
  YAML::Node crd(YAML::NodeType::Map);
  crd["apiVersion"] = "apiextensions.k8s.io/v1";
  crd["kind"] = "CustomResourceDefinition";
  crd["metadata"]["name"] = yamledit::string_node(api.crd_name());
  crd["spec"]["group"] = yamledit::string_node(api.group);
  crd["spec"]["names"]["kind"] = yamledit::string_node(api.kind);
  crd["spec"]["names"]["plural"] = yamledit::string_node(api.plural_or_default());
  crd["spec"]["names"]["singular"] = yamledit::string_node(api.singular());
  crd["spec"]["scope"] = "Namespaced";
  YAML::Node root(YAML::NodeType::Map);
  root["type"] = "object";
  root["properties"]["spec"] = spec_schema;
  if (spec_schema["required"] && spec_schema["required"].size() > 0) root["required"].push_back("spec");
  YAML::Node version(YAML::NodeType::Map);
  version["name"] = yamledit::string_node(api.version);
  version["schema"]["openAPIV3Schema"] = root;
  version["served"] = true;
  version["storage"] = true;
  crd["spec"]["versions"].push_back(version);
  return yamledit::emit_yaml(crd);
}

}  // namespace kratix::promise
