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
  crd["spec"]["versions"].push_back(YAML::Node(YAML::NodeType::Map));
  YAML::Node version = crd["spec"]["versions"][0];
  version["name"] = yamledit::string_node(api.version);
  YAML::Node root = version["schema"]["openAPIV3Schema"];
  root["type"] = "object";
  root["properties"]["spec"] = spec_schema;  // the one merge of the (large) schema into the CRD
  if (spec_schema["required"] && spec_schema["required"].size() > 0) root["required"].push_back("spec");
  version["served"] = true;
  version["storage"] = true;
  return yamledit::emit_yaml(crd);
}

}  // namespace kratix::promise
